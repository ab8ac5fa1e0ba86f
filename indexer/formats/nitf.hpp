// What the NITF reader and the NewsML-G2 reader share: an NITF document's fields and body, and
// the small clean-ups of wire metadata (bylines, datelines, label lists).
#pragma once

#include "common/article.hpp"

#include <pugixml.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace morgue::index::nitf {

/// At most this many topics, and as many places, per article: a wire item lists a few dozen
/// codes at most; a hostile one must not turn into a million terms.
inline constexpr std::size_t max_labels = 100;

/// Reads an NITF document from its root element `<nitf>` (standalone, or embedded in a
/// NewsML-G2 item, where often only its `body` is there). Fills what the document states:
/// title (`hedline/hl1`, else `head/title`), byline, dateline, date, id (`doc-id/@id-string`),
/// source, topics, places, and the body (the paragraphs of `body.content`, junk and repeats of
/// the title dropped; NYT's `full_text` block rather than its lead paragraph; the abstract when
/// there is no body). Everything else is left empty for the caller's fallbacks.
Article read_article(const pugi::xml_node& nitf);

/// Adds `label`, whitespace collapsed, to `labels` unless it is empty, already there (compared
/// without case) or `labels` holds max_labels.
void add_label(std::vector<std::string>& labels, std::string_view label);

/// A byline as written, without a leading "By" (or German "Von") and without the comma or dash
/// left dangling after it ("By Meredith Jameson," -> "Meredith Jameson").
std::string clean_byline(std::string_view text);

/// A dateline as written, without the dash, comma or colon joining it to the story's first
/// words ("New York (dpa) - " -> "New York (dpa)") and without a trailing day of filing
/// ("MOSCOW, Jan. 2" -> "MOSCOW").
std::string clean_dateline(std::string_view text);

/// The text of `node` with the elements named in `skip` (local names) left out, whitespace
/// collapsed.
std::string text_without(const pugi::xml_node& node, const std::vector<std::string_view>& skip);

}  // namespace morgue::index::nitf

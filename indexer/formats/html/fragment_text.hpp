// The text of an HTML fragment (a feed item's description, a JSON record's inline markup), cut
// into paragraphs the way article pages are.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace morgue::index::html {

/// The paragraphs of `fragment`, HTML in UTF-8 without <html> or <body> around it (a full page
/// works too): cut at block boundaries, character references decoded, whitespace collapsed;
/// scripts, styles, hidden elements, junk tags and link lists left out as on article pages.
/// Text without markup comes back as one paragraph. Never throws for bad markup.
std::vector<std::string> html_fragment_paragraphs(std::string_view fragment);

/// All text of `fragment` on one line (for a title or a caption that holds markup):
/// character references decoded, tags dropped, scripts and styles left out.
std::string html_fragment_text(std::string_view fragment);

}  // namespace morgue::index::html

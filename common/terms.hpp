// The rules that turn an article's fields into Xapian terms, in one place: the indexer makes
// its terms with them and the searcher looks terms up with the very same functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace morgue {

/// Xapian refuses terms over 245 bytes.
inline constexpr std::size_t max_term_bytes = 245;

/// Longer words are left out of the index (and of queries, so they match nothing).
inline constexpr std::size_t max_word_bytes = 64;

/// The unique id term of an article: the id prefix and the id as written; an id too long for a
/// term keeps its first bytes (cut at a whole character) and a hash of the whole id.
std::string id_term(std::string_view id);

/// The boolean term of a label (a source, topic, place or byline name) under `prefix`:
/// normalize_label() cut to fit a term. Empty when the label normalises to nothing.
std::string label_term(std::string_view prefix, std::string_view label);

/// The label as label_term() keeps it, without the prefix: what facets and statistics show,
/// and what a `field:value` query finds.
std::string label_value(std::string_view prefix, std::string_view label);

/// True when `term` is a term of the field with `prefix`, not of a longer prefix that starts
/// with it: prefixes are capital letters and values never start with one ("K" must not take
/// "KX…"), so the byte after the prefix decides.
bool has_field_prefix(std::string_view term, std::string_view prefix) noexcept;

/// True for a term of the unprefixed article text (no capital-letter prefix).
bool is_text_term(std::string_view term) noexcept;

}  // namespace morgue

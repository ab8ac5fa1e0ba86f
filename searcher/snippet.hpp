// Highlighted snippets: which words to mark, and the marked text as plain parts for any output.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace morgue::search {

/// A run of snippet text; `highlighted` when it is a word the query matched.
struct SnippetPart {
    std::string text;
    bool highlighted = false;

    bool operator==(const SnippetPart&) const = default;
};

/// A snippet as parts, so each output marks matches its own way.
using Snippet = std::vector<SnippetPart>;

/// The query MSet::snippet() should look for. MSet::snippet() only recognises a word when its
/// unstemmed form or "Z" + its stem is a query term, so stemmed-mode terms ("island") and title
/// terms ("Sisland") are offered in both forms; boolean filter terms are left out.
Xapian::Query build_snippet_query(const Xapian::Query& query);

/// Splits MSet::snippet() output made with "<b>" / "</b>" markers into parts, undoing its HTML
/// escaping. Safe because the escaped text itself can never contain a literal '<'.
Snippet parse_snippet_markup(std::string_view markup);

/// The start of `text` as an unhighlighted snippet of about `bytes` bytes, cut at a space and
/// followed by "…" when shortened: what a hit shows when there are no matched words to centre on.
Snippet lead_snippet(std::string_view text, std::size_t bytes);

/// The snippet as one string, each highlighted part between `start` and `end`.
std::string join_snippet(const Snippet& snippet, std::string_view start, std::string_view end);

/// The snippet's text without any markers.
std::string snippet_text(const Snippet& snippet);

}  // namespace morgue::search

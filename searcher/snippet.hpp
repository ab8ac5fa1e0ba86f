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

/// Makes the highlighted snippets of one query's hits. It looks for the words of the query's
/// text terms in a body, as written or by their stem, takes the passage of about `bytes` bytes
/// holding the most distinct query words (the earliest of equals), and marks every query word
/// in it. Xapian's MSet::snippet() does the same job at several times the cost: it analyses
/// and stems every word of every body, which was over half of a search with default output.
/// Not thread-safe (the stemmer caches): one per searcher.
class SnippetMaker {
public:
    /// `stemmer` is the index's (a none stemmer matches words as written only); `language`
    /// its name, which decides whether a word may be skipped unstemmed by its first letters.
    SnippetMaker(const Xapian::Query& query, Xapian::Stem stemmer, std::string_view language);

    /// Whether the query has words to look for; without them, show lead_snippet().
    bool has_words() const noexcept { return !m_stems.empty(); }

    /// The snippet of `text`, a stored body as it is: all of it when it fits in `bytes`, else
    /// a passage cut at word boundaries with "…" where text was left out; the lead,
    /// unhighlighted, when no query word occurs in it. Runs of whitespace in what is shown
    /// become single spaces.
    Snippet make(std::string_view text, std::size_t bytes);

private:
    /// The index of the query word that `word` (lower case) is, or -1.
    int match(const std::string& word);

    std::vector<std::string> m_exact;  ///< query words as written, lower case; empty: stem only
    std::vector<std::string> m_stems;  ///< their stems, index-aligned with m_exact
    std::vector<std::size_t> m_word_ids;  ///< per entry, the first entry with the same stem
    std::vector<bool> m_stem_starts;   ///< first two bytes of a query word or stem (english only)
    bool m_skip_by_start = false;
    Xapian::Stem m_stemmer;
};

/// The start of `text` (a stored body as it is; whitespace collapsed in what is shown) as an
/// unhighlighted snippet of about `bytes` bytes, cut at a space and followed by "…" when
/// shortened: what a hit shows when there are no matched words to centre on.
Snippet lead_snippet(std::string_view text, std::size_t bytes);

/// The snippet as one string, each highlighted part between `start` and `end`.
std::string join_snippet(const Snippet& snippet, std::string_view start, std::string_view end);

/// The snippet's text without any markers.
std::string snippet_text(const Snippet& snippet);

}  // namespace morgue::search

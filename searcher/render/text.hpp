// Result pages and index statistics as text for people: a terminal or a plain file.
#pragma once

#include "searcher/engine.hpp"

#include <xapian.h>

#include <ostream>
#include <string>

namespace morgue::search {

/// How text output marks things up.
struct TextStyle {
    bool ansi = false;       ///< ANSI bold/dim escapes (a terminal); else plain `[`…`]` markers
    std::size_t width = 100; ///< snippet lines wrap at this many characters; 0 = never

    static TextStyle plain() noexcept { return {false}; }
    static TextStyle terminal() noexcept { return {true}; }
};

/// "no matches", "1 match", "42 matches", or "about 4,200 matches" when not exact.
std::string describe_total(Xapian::doccount total, bool exact);

/// The snippet with matched words in bold (ANSI) or between `[` and `]` (plain), on one line.
std::string render_snippet_text(const Snippet& snippet, const TextStyle& style);

/// The snippet as render_snippet_text() marks it, wrapped at spaces so no line is wider than
/// `style.width` characters after `indent` (markers count, escapes don't); each line starts
/// with `indent` and ends with '\n'. Nothing for an empty snippet.
std::string render_snippet_lines(const Snippet& snippet, const TextStyle& style,
                                 std::string_view indent);

/// "did you mean: …" when there is a suggestion; one block per hit (rank, title; date, source,
/// id, score, "(+N copies)"; snippet); the total; then each facet's values and counts.
void render_text(const ResultPage& page, std::ostream& out, const TextStyle& style);

/// The whole stored article: title, one line per non-empty field, a blank line, the body.
void render_article_text(const Article& article, std::ostream& out, const TextStyle& style);

/// Document count, date range, undated count, analysis settings and the largest sources.
void render_stats_text(const IndexStats& stats, std::ostream& out);

}  // namespace morgue::search

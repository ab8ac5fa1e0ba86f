// Result pages and index statistics as text for people: a terminal or a plain file.
#pragma once

#include "searcher/engine.hpp"

#include <xapian.h>

#include <ostream>
#include <string>

namespace morgue::search {

/// How text output marks things up.
struct TextStyle {
    bool ansi = false;  ///< ANSI bold/dim escapes (a terminal); else plain `[`…`]` markers

    static TextStyle plain() noexcept { return {false}; }
    static TextStyle terminal() noexcept { return {true}; }
};

/// "no matches", "1 match", "42 matches", or "about 4,200 matches" when not exact.
std::string describe_total(Xapian::doccount total, bool exact);

/// The snippet with matched words in bold (ANSI) or between `[` and `]` (plain).
std::string render_snippet_text(const Snippet& snippet, const TextStyle& style);

/// One block per hit (rank, title; date, source, id, score; snippet), then the total.
void render_text(const ResultPage& page, std::ostream& out, const TextStyle& style);

/// Document count, date range, undated count, analysis settings and the largest sources.
void render_stats_text(const IndexStats& stats, std::ostream& out);

}  // namespace morgue::search

// Result pages and index statistics as JSON, one object per line, for scripts.
#pragma once

#include "searcher/engine.hpp"

#include <ostream>
#include <string>

namespace morgue::search {

/// Markers around matched words in JSON snippets (plain text, no HTML).
inline constexpr std::string_view json_highlight_start = "[";
inline constexpr std::string_view json_highlight_end = "]";

/// {"query","mode","total","total_exact","offset","sort",["suggestion",]"hits":[{"rank","id",
/// "score","title","date" ("YYYY-MM-DD" or null),"source","snippet"[,"collapsed"]}]
/// [,"facets":{"source":[{"value","count"}…],…}]} on one line, then '\n'. "collapsed" (wire
/// copies folded into the hit) appears when collapsing was on, "suggestion" when there is one,
/// "facets" when asked for.
void render_json(const ResultPage& page, std::ostream& out);

/// {"id","title","date","source","byline","dateline","url","topics","places","body"} on one
/// line, then '\n'.
void render_article_json(const Article& article, std::ostream& out);

/// {"index","documents","undated","first_date","last_date","language","phrase_mode",
/// "source_count","sources":[{"source","documents"}]} on one line, then '\n'.
void render_stats_json(const IndexStats& stats, std::ostream& out);

}  // namespace morgue::search

// A timeline as one line of Unicode bars: matches per year, or per month over a short span.
#pragma once

#include "searcher/timeline.hpp"

#include <cstddef>
#include <string>

namespace morgue::search {

/// "1987 █▁ ▂ 1990 · peak 1987 (485) · 4 undated\n": one bar per year from the first dated
/// match to the last (several years per bar when there are more than `max_bars`), or one per
/// month when they span less than three calendar years ("1987-02 ▃█ 1987-03"). A year or month
/// without matches is a space; otherwise the bar's height is its share of the peak, at least
/// ▁. Empty when no match is dated.
std::string render_timeline(const Timeline& timeline, std::size_t max_bars = 60);

}  // namespace morgue::search

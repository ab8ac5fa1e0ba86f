// Result pages as TREC run lines, for trec_eval and other scoring tools.
#pragma once

#include "searcher/engine.hpp"

#include <ostream>
#include <string_view>

namespace morgue::search {

/// One line `QID Q0 DOCID RANK SCORE TAG` per hit. Scoring tools re-sort by score, so lists
/// not ordered by relevance (filters, --sort newest/oldest) get scores falling with the rank
/// (the number of hits on the page minus the hit's place on it) to keep their order.
void render_trec(const ResultPage& page, std::string_view qid, std::string_view tag,
                 std::ostream& out);

}  // namespace morgue::search

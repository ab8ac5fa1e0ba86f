// TREC run output.
#include "searcher/render/trec.hpp"

#include "searcher/eval.hpp"

namespace morgue::search {

void render_trec(const ResultPage& page, std::string_view qid, std::string_view tag,
                 std::ostream& out) {
    const bool by_relevance = page.mode == QueryMode::ranked && page.sort == SortOrder::relevance;
    const auto count = page.hits.size();
    for (std::size_t i = 0; i < count; ++i) {
        const auto& hit = page.hits[i];
        const double score = by_relevance ? hit.score : static_cast<double>(count - i);
        out << run_line(qid, hit.id, hit.rank, score, tag);
    }
}

}  // namespace morgue::search

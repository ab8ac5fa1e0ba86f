// What a search asks for: the query, paging, order, facets and ranking parameters, and the
// names of the sort orders and facets as users type them.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace morgue::search {

/// How a result list is ordered.
enum class QueryMode {
    ranked,   ///< BM25 relevance, best first
    boolean,  ///< only filters, no relevance: newest first, undated last
};

std::string_view to_string(QueryMode mode) noexcept;

/// The order of a result list.
enum class SortOrder {
    relevance,  ///< best first; equal scores newest first (filter-only queries: newest first)
    newest,     ///< by date, newest first, undated last; equal dates by relevance
    oldest,     ///< by date, oldest first, undated last; equal dates by relevance
};

std::string_view to_string(SortOrder order) noexcept;
/// Throws UsageError listing the valid names.
SortOrder parse_sort_order(std::string_view text);
/// Every sort order's name, relevance first.
std::vector<std::string_view> sort_order_names();

/// A field whose values can be counted over the whole result set.
enum class Facet { source, year, topic, place };

std::string_view to_string(Facet facet) noexcept;
/// "source,year" -> {source, year}. Throws UsageError for an unknown name, listing the valid ones.
std::vector<Facet> parse_facets(std::string_view list);

/// BM25 parameters (see Xapian::BM25Weight); the defaults were chosen by the mean MAP over five
/// judged collections (README, "Ranking"; docs/ranking.md).
struct Bm25Params {
    double k1 = 2.0;
    double b = 0.6;
    double min_normlen = 0.3;
    double k3 = 1;  ///< how a word repeated in the query counts: (k3 + 1) qtf / (k3 + qtf)
};

/// Pseudo-relevance feedback: the query run once, the best `documents` taken as relevant,
/// their `terms` most telling words (Xapian's ESet) added with weights up to `weight` times
/// the original words', and the expanded query run. Off when documents is 0.
struct Feedback {
    Xapian::doccount documents = 0;
    Xapian::termcount terms = 20;
    double weight = 0.3;
};

/// The feedback natural-language topics get by default (--eval): it pays there (MAP +3 to +12 %
/// on the five judged collections) and doubles the matching, so typed queries go without.
inline constexpr Feedback topic_feedback{10, 25, 0.3};

/// Term proximity for ranked queries: each pair of consecutive words of the query's free text
/// also counts, scaled by `weight`, in the articles where the two stand within `window`
/// positions of each other, in either order (the unordered-window feature of sequential
/// dependence models), and each pair of words one apart at half that weight. A pair's weight
/// is Xapian's for OP_NEAR: the sum of its two words' BM25 weights. Off when weight is 0.
struct Proximity {
    double weight = 0;
    Xapian::termpos window = 8;
};

/// The proximity natural-language topics get by default (--eval); see docs/ranking.md.
inline constexpr Proximity topic_proximity{0.1, 8};

struct SearchRequest {
    std::string query;                       ///< as the user typed it
    Xapian::doccount offset = 0;             ///< hits to skip
    Xapian::doccount limit = 10;             ///< hits to return
    std::size_t snippet_bytes = 200;         ///< about this much snippet text per hit
    Xapian::doccount check_at_least = 100;   ///< totals up to about this size are exact
    SortOrder sort = SortOrder::relevance;
    bool collapse = true;       ///< wire copies (same duplicate key) shown as one hit
    bool snippets = true;       ///< make snippets (off: empty snippets, faster)
    bool suggest = true;        ///< "did you mean" when a query word is not in the index
    bool plain_words = false;   ///< `query` is natural-language text: words only, no syntax
    /// Stop looking for better matches after about this many seconds (0: no limit); the page
    /// then holds the best found so far and the total is an estimate (Enquire::set_time_limit).
    double time_limit_seconds = 0;
    std::vector<Facet> facets;  ///< counted over every match
    std::size_t facet_values = 10;  ///< most values listed per facet
    Bm25Params bm25;
    Feedback feedback;
    Proximity proximity;
    bool stop_words = true;  ///< leave common English words out of ranked queries
    std::string date_from;   ///< only articles dated on or after (parse_date_bound() form)
    std::string date_to;     ///< only articles dated on or before (parse_date_bound() form)
    bool timeline = false;   ///< count every match by month (ResultPage::timeline)
};

}  // namespace morgue::search

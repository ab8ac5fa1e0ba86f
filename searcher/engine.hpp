// Running searches against one open index: SearchRequest in, ResultPage out; index statistics.
#pragma once

#include "common/article.hpp"
#include "common/date.hpp"
#include "common/index_open.hpp"
#include "searcher/query/build.hpp"
#include "searcher/snippet.hpp"
#include "searcher/timeline.hpp"

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
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

/// A field whose values can be counted over the whole result set.
enum class Facet { source, year, topic, place };

std::string_view to_string(Facet facet) noexcept;
/// "source,year" -> {source, year}. Throws UsageError for an unknown name, listing the valid ones.
std::vector<Facet> parse_facets(std::string_view list);

/// BM25 parameters (see Xapian::BM25Weight); the defaults were chosen on judged collections
/// (README, "Ranking").
struct Bm25Params {
    double k1 = 2.5;
    double b = 0.9;
    double min_normlen = 0.5;
};

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
    std::vector<Facet> facets;  ///< counted over every match
    std::size_t facet_values = 10;  ///< most values listed per facet
    Bm25Params bm25;
    bool stop_words = true;  ///< leave common English words out of ranked queries
    std::string date_from;   ///< only articles dated on or after (parse_date_bound() form)
    std::string date_to;     ///< only articles dated on or before (parse_date_bound() form)
    bool timeline = false;   ///< count every match by month (ResultPage::timeline)
};

struct Hit {
    Xapian::doccount rank = 0;  ///< 1-based position in the whole result list
    std::string id;
    double score = 0;  ///< BM25 weight; 0 in boolean mode
    std::string title;
    std::optional<Date> date;
    std::string source;
    Snippet snippet;
    /// Wire copies folded into this hit (0 = none). Exact when the page's total is exact,
    /// else a lower bound.
    Xapian::doccount collapsed = 0;
};

struct FacetValue {
    std::string value;  ///< normalised label or year, as in field: queries
    Xapian::doccount count = 0;

    bool operator==(const FacetValue&) const = default;
};

struct FacetCounts {
    Facet facet = Facet::source;
    std::vector<FacetValue> values;  ///< most articles first, then by value
};

struct ResultPage {
    std::string query;
    QueryMode mode = QueryMode::ranked;
    Xapian::doccount offset = 0;
    Xapian::doccount total = 0;  ///< estimated matches in the whole index
    bool total_exact = false;    ///< `total` is the exact count
    SortOrder sort = SortOrder::relevance;
    bool collapse = false;       ///< wire copies were folded (Hit::collapsed)
    std::vector<Hit> hits;
    std::vector<FacetCounts> facets;  ///< one per requested facet, over every match (copies too)
    std::string suggestion;           ///< the query with unknown words corrected, or empty
    std::optional<Timeline> timeline; ///< matches by month, when the request asked for it
    std::vector<std::string> missing_shards;  ///< shards left out (OpenOptions::allow_partial)
};

struct SourceCount {
    std::string source;  ///< normalised label, as in source: queries
    Xapian::doccount documents = 0;
};

struct IndexStats {
    std::string location;
    AnalysisConfig analysis;
    Xapian::doccount documents = 0;
    Xapian::doccount undated = 0;
    std::optional<Date> first_date;
    std::optional<Date> last_date;
    std::size_t source_count = 0;      ///< distinct sources
    std::vector<SourceCount> sources;  ///< the largest, most articles first
};

/// The duplicate key (schema::dupkey_slot) of every article that shares it with another, by
/// document id: all that folding wire copies needs, since a key no other article has never
/// folds.
using CopyKeys = std::unordered_map<Xapian::docid, std::string>;

/// Reads the copy keys of `db` (a pass over the key values). Throws Xapian::Error.
CopyKeys read_copy_keys(const Xapian::Database& db);

/// Searches one index. Not thread-safe: one Engine per thread.
class Engine {
public:
    /// Takes over an index opened with open_index().
    explicit Engine(OpenIndex index);

    /// Runs `request`. Throws QueryError for a query that cannot be parsed or run (syntax,
    /// unbalanced quotes, wildcard matching too many words, unsupported operator
    /// combinations) and IndexError when reading the index fails. Each search sees the latest
    /// commit: it reopens the index when a commit has replaced a version file since the last
    /// search (read_index_stamp(); always, for an index without them, such as one with remote
    /// shards); a DatabaseModifiedError from a concurrent writer is retried on the reopened
    /// index, a few times. When a remote shard stops answering, the IndexError names it; with
    /// OpenOptions::allow_partial the index is reopened without it (it joins index().missing)
    /// and the search runs again (so do like(), show() and stats()). No spelling suggestion
    /// when some shard is remote.
    ResultPage search(const SearchRequest& request);

    /// Articles like the one with id `id` (relevance feedback on its most telling terms), the
    /// article itself left out; `request` gives paging, sort, facets and collapse, its query
    /// is ignored. Throws QueryError when there is no such article, IndexError on read errors.
    ResultPage like(const std::string& id, const SearchRequest& request);

    /// The stored article with id `id`. Throws QueryError when there is none.
    Article show(const std::string& id);

    /// Counts, date range and the `top_sources` largest sources. Throws IndexError.
    IndexStats stats(std::size_t top_sources = 10);

    const OpenIndex& index() const noexcept { return m_index; }

private:
    template <typename Work>
    auto failover(Work&& work);
    ResultPage search_once(const SearchRequest& request);
    ResultPage like_once(const std::string& id, const SearchRequest& request);
    ResultPage run(const SearchRequest& request, const Xapian::Query& query, QueryMode mode);
    void refresh();
    void reopen_index();
    const CopyKeys& copy_keys();
    Xapian::Query parse(const SearchRequest& request);
    std::string suggest(const std::string& text, const Xapian::Query& query);
    Xapian::docid find_article(const std::string& id);
    IndexStats read_stats(std::size_t top_sources);

    OpenIndex m_index;
    QueryBuilder m_parser;
    Xapian::Stem m_stemmer;
    Xapian::SimpleStopper m_stopper;
    std::optional<IndexStamp> m_seen_stamp;  ///< what the last reopen saw; none: reopen
    std::optional<CopyKeys> m_copy_keys;     ///< of the open revision, read when first needed
};

}  // namespace morgue::search

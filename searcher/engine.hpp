// Running searches against one open index: SearchRequest in, ResultPage out; index statistics.
#pragma once

#include "common/article.hpp"
#include "common/date.hpp"
#include "common/index_open.hpp"
#include "searcher/collection_weight.hpp"
#include "searcher/copy_collapse.hpp"
#include "searcher/facets.hpp"
#include "searcher/query/build.hpp"
#include "searcher/query/tree.hpp"
#include "searcher/request.hpp"
#include "searcher/shard_pool.hpp"
#include "searcher/snippet.hpp"
#include "searcher/timeline.hpp"
#include "searcher/union_match.hpp"

#include <xapian.h>

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace morgue::search {

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

/// Whether an Engine matches the shards of a local index at once, a thread each.
enum class ParallelShards {
    automatic,  ///< for indexes of at least parallel_min_articles articles
    always,
    never,
};

/// Below this many articles a match is too short for a second thread to pay for its start.
inline constexpr Xapian::doccount parallel_min_articles = 50000;

/// "auto", "always", "never" (--parallel-shards). Throws UsageError naming them.
ParallelShards parse_parallel_shards(std::string_view text);

struct EngineOptions {
    ParallelShards parallel = ParallelShards::automatic;
};

/// Searches one index. Not thread-safe: one Engine per thread (an Engine may run threads of
/// its own for the shards of one search, see ParallelShards).
class Engine {
public:
    /// Takes over an index opened with open_index().
    explicit Engine(OpenIndex index, EngineOptions options = {});

    /// Runs `request`. Throws QueryError for a query that cannot be parsed or run (syntax,
    /// unbalanced quotes, wildcard matching too many words, unsupported operator
    /// combinations) and IndexError when reading the index fails. Each search sees the latest
    /// commit: it reopens the index when a commit has replaced a version file since the last
    /// search (read_index_stamp(); always, for an index without them, such as one with remote
    /// shards); a DatabaseModifiedError from a concurrent writer is retried on the reopened
    /// index, a few times. When a remote shard stops answering, the IndexError names it; with
    /// OpenOptions::allow_partial the index is reopened without it (it joins index().missing)
    /// and the search runs again (like(), show() and stats() also see the latest commit and
    /// fail over the same way). No spelling suggestion
    /// when some shard is remote.
    ResultPage search(const SearchRequest& request);

    /// Articles like the one with id `id` (relevance feedback on its most telling terms), the
    /// article itself left out; `request` gives paging, sort, facets and collapse, its query
    /// is ignored. Throws NotFoundError when there is no such article, IndexError on read errors.
    ResultPage like(const std::string& id, const SearchRequest& request);

    /// The stored article with id `id`. Throws NotFoundError when there is none.
    Article show(const std::string& id);

    /// Counts, date range and the `top_sources` largest sources. Throws IndexError.
    IndexStats stats(std::size_t top_sources = 10);

    const OpenIndex& index() const noexcept { return m_index; }

    /// True when ranked searches match the index's shards apart, at once (ParallelShards).
    bool searches_shards_apart() const noexcept { return !m_shard_dbs.empty(); }

private:
    template <typename Work>
    auto failover(Work&& work);
    ResultPage search_once(const SearchRequest& request);
    ResultPage like_once(const std::string& id, const SearchRequest& request);
    struct ParsedQuery;
    /// `built`, when given, is how the query builder made `query`: shards matched apart then
    /// match its weighted words with their documents' lengths in memory (TermSource).
    ResultPage run(const SearchRequest& request, const Xapian::Query& query, QueryMode mode,
                   const ParsedQuery* built = nullptr);
    void refresh();
    void reopen_index();
    /// After (re)opening: the shards to match apart, if any, and the query builder.
    void open_shards();
    /// The weighting scheme of ranked queries built by m_parser.
    std::unique_ptr<Xapian::Weight> ranking_weight(const SearchRequest& request) const;
    /// The best `window` hits of `query` from each shard at once, merged.
    RankedList match_shards_apart(const Xapian::Query& query, const Xapian::Weight& weight,
                                  const SearchRequest& request, const ParsedQuery* built,
                                  Xapian::doccount window, Xapian::doccount check,
                                  bool ties_by_date);
    const CopyKeys& copy_keys();
    /// The query text as parsed (plain words when the request asks), its tree and its query.
    struct ParsedQuery {
        std::string text;
        QueryNode tree;
        Xapian::Query query;
        std::vector<WeightedTerm> plain_union;  ///< QueryBuilder::plain_union() of query
        std::map<std::string, double> term_factors;  ///< QueryBuilder::term_factors()
    };
    ParsedQuery parse(const SearchRequest& request);
    /// `query` with the words of its best matches added (request.feedback).
    Xapian::Query expand(const SearchRequest& request, const Xapian::Query& query);
    std::vector<Hit> make_hits(const SearchRequest& request, const Xapian::Query& query,
                               QueryMode mode, FoldedPage& folded);
    /// The page's `n`th hit, its snippet made by `snippets` (none: the lead).
    Hit make_hit(const SearchRequest& request, QueryMode mode, const FoldedPage& folded,
                 std::size_t n, SnippetMaker* snippets) const;
    Xapian::docid find_article(const std::string& id);
    IndexStats read_stats(std::size_t top_sources);

    OpenIndex m_index;
    EngineOptions m_options;
    QueryBuilder m_parser;
    Xapian::Stem m_stemmer;
    Xapian::SimpleStopper m_stopper;
    std::set<std::string> m_stop_stems;  ///< the stop words as the index stems them
    std::optional<IndexStamp> m_seen_stamp;  ///< what the last reopen saw; none: reopen
    std::optional<CopyKeys> m_copy_keys;     ///< of the open revision, read when first needed
    /// Each shard's database, when searches match them apart; m_index.db is then made of them.
    std::vector<Xapian::Database> m_shard_dbs;
    /// The stemmers of snippets made on the shards' threads (shard 0's is m_stemmer): each
    /// caches, so each thread has its own.
    std::vector<Xapian::Stem> m_shard_stemmers;
    /// Each shard's document lengths, read the first time a query matched apart needs them.
    std::vector<std::shared_ptr<const DocumentLengths>> m_shard_lengths;
    std::unique_ptr<ShardPool> m_pool;
};

}  // namespace morgue::search

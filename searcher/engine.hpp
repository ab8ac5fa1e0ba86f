// Running searches against one open index: SearchRequest in, ResultPage out; index statistics.
#pragma once

#include "common/date.hpp"
#include "common/index_open.hpp"
#include "searcher/query/build.hpp"
#include "searcher/snippet.hpp"

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace morgue::search {

/// How a result list is ordered.
enum class QueryMode {
    ranked,   ///< BM25 relevance, best first
    boolean,  ///< only filters, no relevance: newest first, undated last
};

std::string_view to_string(QueryMode mode) noexcept;

struct SearchRequest {
    std::string query;                       ///< as the user typed it
    Xapian::doccount offset = 0;             ///< hits to skip
    Xapian::doccount limit = 10;             ///< hits to return
    std::size_t snippet_bytes = 200;         ///< about this much snippet text per hit
    Xapian::doccount check_at_least = 1000;  ///< totals up to this size are exact
    std::string date_from;  ///< only articles dated on or after (parse_date_bound() form)
    std::string date_to;    ///< only articles dated on or before (parse_date_bound() form)
};

struct Hit {
    Xapian::doccount rank = 0;  ///< 1-based position in the whole result list
    std::string id;
    double score = 0;  ///< BM25 weight; 0 in boolean mode
    std::string title;
    std::optional<Date> date;
    std::string source;
    Snippet snippet;
};

struct ResultPage {
    std::string query;
    QueryMode mode = QueryMode::ranked;
    Xapian::doccount offset = 0;
    Xapian::doccount total = 0;  ///< estimated matches in the whole index
    bool total_exact = false;    ///< `total` is the exact count
    std::vector<Hit> hits;
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

/// Searches one index. Not thread-safe: one Engine per thread.
class Engine {
public:
    /// Takes over an index opened with open_index().
    explicit Engine(OpenIndex index);

    /// Runs `request`. Throws QueryError for a query that cannot be parsed or run (syntax,
    /// unbalanced quotes, wildcard matching too many words, unsupported operator
    /// combinations) and IndexError when reading the index fails. Each search first reopens
    /// the index, so it sees the latest commit; a DatabaseModifiedError from a concurrent
    /// writer is retried on the reopened index, a few times.
    ResultPage search(const SearchRequest& request);

    /// Counts, date range and the `top_sources` largest sources. Throws IndexError.
    IndexStats stats(std::size_t top_sources = 10);

    const OpenIndex& index() const noexcept { return m_index; }

private:
    ResultPage run(const SearchRequest& request, const Xapian::Query& query, QueryMode mode);
    IndexStats read_stats(std::size_t top_sources);

    OpenIndex m_index;
    QueryBuilder m_parser;
    Xapian::Stem m_stemmer;
};

}  // namespace morgue::search

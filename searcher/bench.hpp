// Scripted benchmark runs: query files, warm-up and timed passes, latency percentiles, reports.
#pragma once

#include "searcher/engine.hpp"

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace morgue::search {

/// One query of a benchmark file.
struct BenchQuery {
    std::string qid;   ///< as given, else the 1-based number of the query in the file
    std::string kind;  ///< "q" when the file names none
    std::string text;

    bool operator==(const BenchQuery&) const = default;
};

/// Reads benchmark queries from `in`. Text lines are `query`, `kind<TAB>query` or
/// `qid<TAB>kind<TAB>query`; blank lines and '#' lines are skipped. When `jsonl` is true (or
/// the first non-blank line starts with '{') every line is a JSON object with "query" (or
/// "text"), the kind as the first of "tags" or as "kind", and an optional "qid"/"id".
/// `path` only names the source in errors. Throws InputError (path and line) for a malformed
/// JSON line or one without a query.
std::vector<BenchQuery> read_bench_queries(std::istream& in, const std::string& path,
                                           bool jsonl = false);

/// Opens `path` and reads it as above; ".jsonl"/".json" files are JSON Lines. Throws
/// InputError when the file cannot be read.
std::vector<BenchQuery> read_bench_queries(const std::string& path);

/// The p-th percentile (0-100) of ascending `sorted` values, interpolated linearly between
/// the two nearest ranks (numpy's default, as the peer harness computes it); 0 for no values.
double percentile(const std::vector<double>& sorted, double p);

/// The median of `values` (the mean of the two middle ones for an even count); 0 for none.
double median(std::vector<double> values);

struct BenchOptions {
    int warmup = 1;   ///< untimed passes over every query, per thread
    int repeat = 5;   ///< timed passes over every query, per thread
    int threads = 1;  ///< concurrent searchers, each with its own Engine (database handle)
};

/// Latency statistics over a set of queries, each represented by its median time.
struct LatencyStats {
    std::size_t queries = 0;
    double p50_ms = 0, p90_ms = 0, p95_ms = 0, p99_ms = 0, max_ms = 0, mean_ms = 0;
    double qps = 0;  ///< timed executions per second of summed latency (one searcher's view)
};

/// Computes LatencyStats from per-query times in ms and the number of timed executions they
/// stand for.
LatencyStats latency_stats(std::vector<double> ms, std::size_t executions);

struct BenchQueryResult {
    std::string qid;
    std::string kind;
    std::string query;
    Xapian::doccount hits = 0;  ///< the matches the engine counted (ResultPage::total)
    double ms = 0;              ///< median over every timed run of this query, all threads
    std::string error;          ///< the error message when the query failed, else empty
};

struct BenchReport {
    int passes = 0;
    int warmup = 0;
    int threads = 1;
    std::size_t errors = 0;    ///< queries that failed (each counted once)
    double wall_seconds = 0;   ///< wall time of the timed passes, all threads together
    double total_qps = 0;      ///< timed executions of all threads divided by wall_seconds
    LatencyStats all;          ///< over every query (failed ones included, as the peers do)
    std::map<std::string, LatencyStats> by_kind;
    std::vector<BenchQueryResult> per_query;  ///< in file order
};

/// Makes one Engine; called once per searcher thread.
using EngineFactory = std::function<std::unique_ptr<Engine>()>;

/// Runs `queries` with the result options of `base` (its query text is replaced): per thread
/// `warmup` untimed passes, then `repeat` timed passes. What is timed is Engine::search(): parse,
/// match, and reading the page's hits (with snippets when `base` asks for them). A query that
/// throws a morgue::Error is counted in `errors` and recorded with its message; the run goes on.
/// Throws UsageError for no queries or non-positive counts; errors from `make_engine` propagate.
BenchReport run_bench(const std::vector<BenchQuery>& queries, const BenchOptions& options,
                      const SearchRequest& base, const EngineFactory& make_engine);

/// A readable table: overall and per-kind latency percentiles, QPS, errors.
void render_bench_text(const BenchReport& report, std::ostream& out);

/// One line per query: `qid<TAB>kind<TAB>hits<TAB>µs<TAB>query`, after a header line.
void render_bench_tsv(const BenchReport& report, std::ostream& out);

/// The report as one JSON object: passes, warmup, threads, errors, queries, p50_ms … max_ms,
/// mean_ms, qps (total_qps), wall_seconds, by_kind {kind: {queries, p50_ms, …, qps}},
/// per_query [{qid, query, kind, hits, ms[, error]}] in file order.
void render_bench_json(const BenchReport& report, std::ostream& out);

}  // namespace morgue::search

// The --bench runner: reads query files, times Engine::search() over warm-up and timed passes
// on one or more threads, and reports latency percentiles as a table, TSV or JSON.
#include "searcher/bench.hpp"

#include "common/error.hpp"
#include "common/json_write.hpp"
#include "common/text.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <barrier>
#include <chrono>
#include <cmath>
#include <fstream>
#include <numeric>
#include <ostream>
#include <thread>

namespace morgue::search {

namespace {

using Clock = std::chrono::steady_clock;

std::string json_text(simdjson::dom::element element) {
    std::string_view text;
    if (element.get_string().get(text) == simdjson::SUCCESS) return std::string{text};
    if (int64_t number = 0; element.get_int64().get(number) == simdjson::SUCCESS)
        return std::to_string(number);
    return {};
}

BenchQuery parse_json_query(const std::string& line, const SourceLocation& where,
                            std::size_t number, simdjson::dom::parser& parser) {
    simdjson::dom::element doc;
    if (parser.parse(line).get(doc) != simdjson::SUCCESS || !doc.is_object())
        throw InputError(where, "invalid JSON");
    BenchQuery query;
    std::string_view text;
    if (doc["query"].get_string().get(text) != simdjson::SUCCESS &&
        doc["text"].get_string().get(text) != simdjson::SUCCESS)
        throw InputError(where, "missing \"query\"");
    query.text = std::string{text};
    // The query sets name the kind as the first tag; topic files have none.
    simdjson::dom::array tags;
    if (doc["tags"].get_array().get(tags) == simdjson::SUCCESS && tags.size() > 0)
        query.kind = json_text(tags.at(0).value_unsafe());
    if (query.kind.empty()) {
        if (simdjson::dom::element kind; doc["kind"].get(kind) == simdjson::SUCCESS)
            query.kind = json_text(kind);
    }
    for (const char* key : {"qid", "id"}) {
        if (simdjson::dom::element id; query.qid.empty() && doc[key].get(id) == simdjson::SUCCESS)
            query.qid = json_text(id);
    }
    if (query.qid.empty()) query.qid = std::to_string(number);
    if (query.kind.empty()) query.kind = "q";
    return query;
}

BenchQuery parse_text_query(std::string_view line, std::size_t number) {
    std::vector<std::string_view> parts;
    std::size_t pos = 0;
    while (parts.size() < 2) {
        const auto tab = line.find('\t', pos);
        if (tab == std::string_view::npos) break;
        parts.push_back(line.substr(pos, tab - pos));
        pos = tab + 1;
    }
    parts.push_back(line.substr(pos));
    BenchQuery query;
    query.qid = parts.size() == 3 ? std::string{trim(parts[0])} : std::to_string(number);
    query.kind = parts.size() >= 2 ? std::string{trim(parts[parts.size() - 2])} : "q";
    query.text = std::string{trim(parts.back())};
    if (query.kind.empty()) query.kind = "q";
    return query;
}

bool has_json_extension(const std::string& path) {
    return path.ends_with(".jsonl") || path.ends_with(".json") || path.ends_with(".ndjson");
}

double ms_between(Clock::time_point start, Clock::time_point end) {
    return std::chrono::duration<double, std::milli>(end - start).count();
}

/// Starts the clock when the last searcher has finished its warm-up.
struct StartClock {
    Clock::time_point* started;
    void operator()() noexcept { *started = Clock::now(); }
};

/// What one searcher thread measured: times[query][pass] in ms.
struct ThreadTimes {
    std::vector<std::vector<double>> times;
    std::vector<Xapian::doccount> hits;
    std::vector<std::string> errors;
};

void run_searcher(Engine& engine, const std::vector<BenchQuery>& queries,
                  const BenchOptions& options, const SearchRequest& base, ThreadTimes& result,
                  std::barrier<StartClock>& start_timing) {
    SearchRequest request = base;
    const auto n = queries.size();
    result.times.assign(n, {});
    result.hits.assign(n, 0);
    result.errors.assign(n, {});
    const auto run_one = [&](std::size_t i, bool timed) {
        request.query = queries[i].text;
        const auto start = Clock::now();
        try {
            const auto page = engine.search(request);
            const auto end = Clock::now();
            if (timed) result.times[i].push_back(ms_between(start, end));
            result.hits[i] = page.total;
        } catch (const std::exception& e) {
            const auto end = Clock::now();
            if (timed) result.times[i].push_back(ms_between(start, end));
            if (result.errors[i].empty()) result.errors[i] = e.what();
        } catch (const Xapian::Error& e) {
            const auto end = Clock::now();
            if (timed) result.times[i].push_back(ms_between(start, end));
            if (result.errors[i].empty()) result.errors[i] = e.get_description();
        }
    };
    for (int pass = 0; pass < options.warmup; ++pass)
        for (std::size_t i = 0; i < n; ++i) run_one(i, false);
    start_timing.arrive_and_wait();
    for (int pass = 0; pass < options.repeat; ++pass)
        for (std::size_t i = 0; i < n; ++i) run_one(i, true);
}

void append_stats_json(std::string& out, const LatencyStats& s) {
    out += fmt::format("\"queries\":{},\"p50_ms\":{},\"p90_ms\":{},\"p95_ms\":{},\"p99_ms\":{},"
                       "\"max_ms\":{},\"mean_ms\":{},\"qps\":{}",
                       s.queries, json_number(s.p50_ms), json_number(s.p90_ms),
                       json_number(s.p95_ms), json_number(s.p99_ms), json_number(s.max_ms),
                       json_number(s.mean_ms), json_number(std::round(s.qps * 10) / 10));
}

void render_stats_row(std::string_view name, const LatencyStats& s, std::ostream& out) {
    out << fmt::format("{:<20} {:>7} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.0f}\n",
                       name, s.queries, s.p50_ms, s.p90_ms, s.p95_ms, s.p99_ms, s.max_ms,
                       s.mean_ms, s.qps);
}

}  // namespace

std::vector<BenchQuery> read_bench_queries(std::istream& in, const std::string& path,
                                           bool jsonl) {
    std::vector<BenchQuery> queries;
    simdjson::dom::parser parser;
    std::size_t line_number = 0;
    bool first = true;
    for (std::string line; std::getline(in, line);) {
        ++line_number;
        const auto trimmed = trim(line);
        if (trimmed.empty()) continue;
        if (first) {
            jsonl = jsonl || trimmed.front() == '{';
            first = false;
        }
        if (!jsonl && trimmed.front() == '#') continue;
        const SourceLocation where{path, line_number, {}};
        const auto number = queries.size() + 1;
        auto query = jsonl ? parse_json_query(std::string{trimmed}, where, number, parser)
                           : parse_text_query(line, number);
        if (query.text.empty()) throw InputError(where, "empty query");
        queries.push_back(std::move(query));
    }
    return queries;
}

std::vector<BenchQuery> read_bench_queries(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw InputError({path, 0, {}}, "cannot open the query file");
    return read_bench_queries(in, path, has_json_extension(path));
}

double percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    const double k = static_cast<double>(sorted.size() - 1) * std::clamp(p, 0.0, 100.0) / 100.0;
    const auto lo = static_cast<std::size_t>(k);
    const auto hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (k - static_cast<double>(lo));
}

double median(std::vector<double> values) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const auto mid = values.size() / 2;
    return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

LatencyStats latency_stats(std::vector<double> ms, std::size_t executions) {
    LatencyStats s;
    s.queries = ms.size();
    if (ms.empty()) return s;
    std::sort(ms.begin(), ms.end());
    s.p50_ms = percentile(ms, 50);
    s.p90_ms = percentile(ms, 90);
    s.p95_ms = percentile(ms, 95);
    s.p99_ms = percentile(ms, 99);
    s.max_ms = ms.back();
    const double sum = std::accumulate(ms.begin(), ms.end(), 0.0);
    s.mean_ms = sum / static_cast<double>(ms.size());
    // Each query stands for executions / queries runs of about its median time.
    const double summed = sum * static_cast<double>(executions) / static_cast<double>(ms.size());
    s.qps = summed > 0 ? static_cast<double>(executions) / (summed / 1000.0) : 0;
    return s;
}

BenchReport run_bench(const std::vector<BenchQuery>& queries, const BenchOptions& options,
                      const SearchRequest& base, const EngineFactory& make_engine) {
    if (queries.empty()) throw UsageError("the bench file holds no queries");
    if (options.repeat < 1 || options.warmup < 0 || options.threads < 1)
        throw UsageError("--repeat and --threads must be at least 1, --warmup at least 0");

    const auto n_threads = static_cast<std::size_t>(options.threads);
    std::vector<std::unique_ptr<Engine>> engines;
    for (std::size_t t = 0; t < n_threads; ++t) engines.push_back(make_engine());

    std::vector<ThreadTimes> results(n_threads);
    Clock::time_point timing_started;
    std::barrier start_timing(static_cast<std::ptrdiff_t>(n_threads), StartClock{&timing_started});
    if (n_threads == 1) {
        run_searcher(*engines[0], queries, options, base, results[0], start_timing);
    } else {
        std::vector<std::jthread> threads;
        for (std::size_t t = 0; t < n_threads; ++t)
            threads.emplace_back([&, t] {
                run_searcher(*engines[t], queries, options, base, results[t], start_timing);
            });
    }
    const auto timing_ended = Clock::now();

    BenchReport report;
    report.passes = options.repeat;
    report.warmup = options.warmup;
    report.threads = options.threads;
    report.wall_seconds = ms_between(timing_started, timing_ended) / 1000.0;
    const auto executions = queries.size() * n_threads * static_cast<std::size_t>(options.repeat);
    report.total_qps = report.wall_seconds > 0
        ? static_cast<double>(executions) / report.wall_seconds : 0;

    std::map<std::string, std::vector<double>> kind_ms;
    std::vector<double> all_ms;
    for (std::size_t i = 0; i < queries.size(); ++i) {
        BenchQueryResult r{queries[i].qid, queries[i].kind, queries[i].text, results[0].hits[i], 0, {}};
        std::vector<double> runs;
        for (const auto& thread : results) {
            runs.insert(runs.end(), thread.times[i].begin(), thread.times[i].end());
            if (r.error.empty()) r.error = thread.errors[i];
        }
        r.ms = median(std::move(runs));
        if (!r.error.empty()) ++report.errors;
        all_ms.push_back(r.ms);
        kind_ms[r.kind].push_back(r.ms);
        report.per_query.push_back(std::move(r));
    }
    const auto per_query_runs = n_threads * static_cast<std::size_t>(options.repeat);
    report.all = latency_stats(all_ms, executions);
    for (auto& [kind, ms] : kind_ms) {
        const auto count = ms.size();
        report.by_kind[kind] = latency_stats(std::move(ms), count * per_query_runs);
    }
    return report;
}

void render_bench_text(const BenchReport& report, std::ostream& out) {
    out << fmt::format("{} queries, {} warm-up + {} timed passes, {} thread{}; latency = median "
                       "over the timed runs of each query\n\n",
                       report.per_query.size(), report.warmup, report.passes, report.threads,
                       report.threads == 1 ? "" : "s");
    out << fmt::format("{:<20} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}\n", "kind",
                       "queries", "p50 ms", "p90 ms", "p95 ms", "p99 ms", "max ms", "mean ms",
                       "QPS");
    auto all = report.all;
    all.qps = report.total_qps;
    render_stats_row("all", all, out);
    if (report.by_kind.size() > 1 || (report.by_kind.size() == 1 &&
                                      report.by_kind.begin()->first != "q"))
        for (const auto& [kind, stats] : report.by_kind) render_stats_row(kind, stats, out);
    out << fmt::format("\n{} timed runs in {:.3f} s wall ({} thread{}): {:.0f} queries/s; "
                       "failed queries: {}\n",
                       report.per_query.size() * static_cast<std::size_t>(report.passes) *
                           static_cast<std::size_t>(report.threads),
                       report.wall_seconds, report.threads, report.threads == 1 ? "" : "s",
                       report.total_qps, report.errors);
}

void render_bench_tsv(const BenchReport& report, std::ostream& out) {
    out << "qid\tkind\thits\tus\tquery\n";
    for (const auto& q : report.per_query)
        out << fmt::format("{}\t{}\t{}\t{:.1f}\t{}\n", q.qid, q.kind, q.hits, q.ms * 1000.0,
                           q.query);
}

void render_bench_json(const BenchReport& report, std::ostream& out) {
    std::string json = "{";
    json += fmt::format("\"passes\":{},\"warmup\":{},\"threads\":{},\"errors\":{},",
                        report.passes, report.warmup, report.threads, report.errors);
    // Overall QPS is what all searchers together achieved on the wall clock; per kind it is
    // one searcher's executions over their summed latency.
    auto all = report.all;
    all.qps = report.total_qps;
    append_stats_json(json, all);
    json += fmt::format(",\"wall_seconds\":{},\"by_kind\":{{", json_number(report.wall_seconds));
    bool first = true;
    for (const auto& [kind, stats] : report.by_kind) {
        if (!first) json += ',';
        first = false;
        append_json_string(json, kind);
        json += ":{";
        append_stats_json(json, stats);
        json += '}';
    }
    json += "},\"per_query\":[";
    first = true;
    for (const auto& q : report.per_query) {
        if (!first) json += ',';
        first = false;
        json += "{\"qid\":";
        append_json_string(json, q.qid);
        json += ",\"query\":";
        append_json_string(json, q.query);
        json += ",\"kind\":";
        append_json_string(json, q.kind);
        json += fmt::format(",\"hits\":{},\"ms\":{}", q.hits, json_number(q.ms));
        if (!q.error.empty()) {
            json += ",\"error\":";
            append_json_string(json, q.error);
        }
        json += '}';
    }
    json += "]}\n";
    out << json;
}

}  // namespace morgue::search

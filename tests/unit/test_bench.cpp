// Unit tests: bench query files, percentiles, and a small timed run over a tiny index.
#include "common/error.hpp"
#include "common/index_open.hpp"
#include "searcher/bench.hpp"
#include "temp_dir.hpp"
#include "test_index.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using morgue::search::BenchQuery;
using morgue::search::read_bench_queries;

std::vector<BenchQuery> read(std::string_view text, bool jsonl = false) {
    std::istringstream in{std::string{text}};
    return read_bench_queries(in, "queries.txt", jsonl);
}

std::string describe(const std::vector<BenchQuery>& queries) {
    std::string out;
    for (const auto& q : queries) out += "[" + q.qid + "|" + q.kind + "|" + q.text + "]";
    return out;
}

}  // namespace

TEST_CASE("bench query files") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"cocoa prices\n", "[1|q|cocoa prices]"},
        {"or\tcocoa prices\nand\t+a +b\n", "[1|or|cocoa prices][2|and|+a +b]"},
        {"17\tphrase\t\"crude oil\"\n", "[17|phrase|\"crude oil\"]"},
        {"# comment\n\n  \nor\tgold\n#and\tx\nsilver\n", "[1|or|gold][2|q|silver]"},
        {"a\tb\tc\td\n", "[a|b|c\td]"},
        {"\tbare tab\n", "[1|q|bare tab]"},
        {"{\"query\": \"the\", \"tags\": [\"term\", \"num_tokens_1\"]}\n"
         "{\"query\": \"+a +b\", \"kind\": \"and\"}\n"
         "{\"id\": 42, \"text\": \"topic text\"}\n"
         "{\"qid\": \"q7\", \"query\": \"x \\\"y\\\"\", \"tags\": []}\n",
         "[1|term|the][2|and|+a +b][42|q|topic text][q7|q|x \"y\"]"},
    };
    for (auto [input, expected] : cases) {
        CAPTURE(input);
        CHECK(describe(read(input)) == expected);
    }
}

TEST_CASE("bench query files: JSON Lines errors name the line") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"{\"query\": \"a\"}\n{\"query\": \n", "queries.txt:2: invalid JSON"},
        {"{\"tags\": [\"x\"]}\n", "queries.txt:1: missing \"query\""},
        {"{\"query\": \"\"}\n", "queries.txt:1: empty query"},
    };
    for (auto [input, expected] : cases) {
        CAPTURE(input);
        try {
            read(input);
            FAIL("no error");
        } catch (const morgue::InputError& e) {
            CHECK(std::string{e.what()}.find(expected) != std::string::npos);
        }
    }
    CHECK_THROWS_AS(read_bench_queries("/nonexistent/dir/queries.tsv"), morgue::InputError);
}

TEST_CASE("percentiles interpolate between ranks as numpy does") {
    using morgue::search::percentile;
    const std::vector<double> one{4.0};
    CHECK(percentile(one, 50) == 4.0);
    CHECK(percentile(one, 99) == 4.0);
    CHECK(percentile({}, 50) == 0.0);
    const std::vector<double> v{1, 2, 3, 4};
    const std::pair<double, double> cases[] = {
        {0, 1.0}, {50, 2.5}, {90, 3.7}, {95, 3.85}, {99, 3.97}, {100, 4.0}};
    for (auto [p, expected] : cases) {
        CAPTURE(p);
        CHECK(percentile(v, p) == doctest::Approx(expected));
    }
    std::vector<double> hundred;
    for (int i = 1; i <= 100; ++i) hundred.push_back(i);
    CHECK(percentile(hundred, 50) == doctest::Approx(50.5));
    CHECK(percentile(hundred, 99) == doctest::Approx(99.01));
}

TEST_CASE("median and latency statistics") {
    using morgue::search::latency_stats;
    using morgue::search::median;
    CHECK(median({3, 1, 2}) == 2.0);
    CHECK(median({4, 1, 3, 2}) == 2.5);
    CHECK(median({}) == 0.0);
    const auto s = latency_stats({5, 1, 4, 2, 3}, 10);
    CHECK(s.queries == 5);
    CHECK(s.p50_ms == 3.0);
    CHECK(s.max_ms == 5.0);
    CHECK(s.mean_ms == 3.0);
    CHECK(s.p50_ms <= s.p90_ms);
    CHECK(s.p90_ms <= s.p95_ms);
    CHECK(s.p95_ms <= s.p99_ms);
    CHECK(s.p99_ms <= s.max_ms);
    // 10 runs of 3 ms on average: 30 ms in all.
    CHECK(s.qps == doctest::Approx(10 / 0.030));
}

TEST_CASE("a bench run times every query, counts failures, and reports JSON") {
    morgue::test::TempDir dir;
    {
        morgue::Article a;
        a.id = "1";
        a.title = "Cocoa review";
        a.body = "Cocoa farmers in Bahia expect a good harvest.";
        auto b = a;
        b.id = "2";
        b.title = "Sugar output";
        b.body = "Sugar and cocoa production rose.";
        morgue::test::write_test_index(dir / "index", {a, b});
    }
    const std::vector<BenchQuery> queries{
        {"1", "or", "cocoa"}, {"2", "and", "sugar AND cocoa"}, {"3", "bad", "title:(oil"}};
    morgue::search::BenchOptions options;
    options.warmup = 1;
    options.repeat = 3;
    for (int threads : {1, 2}) {
        CAPTURE(threads);
        options.threads = threads;
        const auto report = morgue::search::run_bench(
            queries, options, morgue::search::SearchRequest{},
            [&] { return std::make_unique<morgue::search::Engine>(morgue::open_index(dir / "index")); });
        REQUIRE(report.per_query.size() == 3);
        CHECK(report.per_query[0].hits == 2);
        CHECK(report.per_query[1].hits == 1);
        CHECK(report.per_query[2].error.find("unmatched") != std::string::npos);
        CHECK(report.errors == 1);
        CHECK(report.threads == threads);
        CHECK(report.by_kind.size() == 3);
        CHECK(report.all.p50_ms > 0);
        CHECK(report.all.p99_ms <= report.all.max_ms);
        CHECK(report.total_qps > 0);

        std::ostringstream json;
        morgue::search::render_bench_json(report, json);
        for (const char* field : {"\"queries\":3", "\"passes\":3", "\"p50_ms\":", "\"p90_ms\":",
                                  "\"p95_ms\":", "\"p99_ms\":", "\"max_ms\":", "\"mean_ms\":",
                                  "\"qps\":", "\"by_kind\":{\"and\":", "\"per_query\":[",
                                  "\"errors\":1"}) {
            CAPTURE(field);
            CHECK(json.str().find(field) != std::string::npos);
        }
    }
    CHECK_THROWS_AS(morgue::search::run_bench({}, options, {}, {}), morgue::UsageError);
}

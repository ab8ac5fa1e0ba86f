// Unit tests: relevance metrics against hand-computed values, and the topic and qrels readers.
#include "common/error.hpp"
#include "searcher/eval.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <vector>
#include <string>

namespace {

using namespace morgue::search;

void write_file(const std::string& path, const std::string& text) {
    std::ofstream(path) << text;
}

}  // namespace

TEST_CASE("average precision, P@10, recall and nDCG by hand") {
    // Relevant: a, b, c. Ranked: a x b y (c never retrieved).
    // AP = (1/1 + 2/3) / 3 = 0.5556; P@10 = 2/10; recall = 2/3;
    // DCG = 1/log2(2) + 1/log2(4) = 1.5; IDCG = 1 + 1/log2(3) + 1/log2(4) = 2.1309; nDCG = 0.7039.
    const std::map<std::string, int> judged{{"a", 1}, {"b", 1}, {"c", 1}, {"z", 0}};
    const auto s = score_query(judged, {"a", "x", "b", "y"});
    CHECK(s.ap == doctest::Approx(0.555556).epsilon(1e-5));
    CHECK(s.p10 == doctest::Approx(0.2));
    CHECK(s.recall1000 == doctest::Approx(2.0 / 3.0));
    CHECK(s.ndcg10 == doctest::Approx(1.5 / 2.130930).epsilon(1e-5));
}

TEST_CASE("graded judgments are nDCG gains") {
    // Ranked b (gain 1) then a (gain 2): DCG = 1 + 2/log2(3) = 2.2619;
    // IDCG = 2 + 1/log2(3) = 2.6309.
    const auto s = score_query({{"a", 2}, {"b", 1}}, {"b", "a"});
    CHECK(s.ndcg10 == doctest::Approx(2.261860 / 2.630930).epsilon(1e-5));
    CHECK(s.ap == doctest::Approx(1.0));
}

TEST_CASE("MAP over a tiny run, a missing topic scoring 0") {
    // q1: relevant d1 d3; run d1 d2 d3 -> AP = (1 + 2/3) / 2 = 0.8333
    // q2: relevant d2;    run d1 d2    -> AP = 1/2 = 0.5
    // q3: relevant d4;    not in the run -> 0
    // q4: only non-relevant judgments  -> not counted
    // MAP = (0.8333 + 0.5 + 0) / 3 = 0.4444
    const Qrels qrels{{"q1", {{"d1", 1}, {"d3", 1}}},
                      {"q2", {{"d2", 1}}},
                      {"q3", {{"d4", 1}}},
                      {"q4", {{"d1", 0}}}};
    const Run run{{"q1", {{"d1", 3}, {"d2", 2}, {"d3", 1}}}, {"q2", {{"d1", 2}, {"d2", 1}}}};
    const auto summary = evaluate(qrels, run);
    CHECK(summary.judged == 3);
    CHECK(summary.judged_in_run == 2);
    CHECK(summary.mean.ap == doctest::Approx(4.0 / 9.0));
    CHECK(summary.per_query.at("q1").ap == doctest::Approx(5.0 / 6.0));
}

TEST_CASE("runs are read in trec_eval's order") {
    // Equal scores: docid descending; repeats dropped.
    CHECK(trec_order({{"a", 1}, {"c", 2}, {"b", 1}, {"a", 0.5}}) ==
          std::vector<std::string>{"c", "b", "a"});
}

TEST_CASE("topics from tab-separated lines and JSON Lines") {
    morgue::test::TempDir dir;
    write_file(dir / "t.tsv", "# comment\n1\tcocoa prices\n\n2\tWhat is \"information\"?\n");
    const auto tsv = read_topics(dir / "t.tsv");
    REQUIRE(tsv.size() == 2);
    CHECK(tsv[1].id == "2");
    CHECK(tsv[1].text == "What is \"information\"?");
    write_file(dir / "t.jsonl", "{\"id\": \"7\", \"text\": \"lens\\nof fish\"}\n{\"id\": 8, "
                                "\"text\": \"x\"}\n");
    const auto jsonl = read_topics(dir / "t.jsonl");
    REQUIRE(jsonl.size() == 2);
    CHECK(jsonl[0].text == "lens\nof fish");
    CHECK(jsonl[1].id == "8");
    write_file(dir / "bad.tsv", "1 no tab\n");
    CHECK_THROWS_AS(read_topics(dir / "bad.tsv"), morgue::InputError);
    CHECK_THROWS_AS(read_topics(dir / "missing"), morgue::InputError);
}

TEST_CASE("qrels lines") {
    morgue::test::TempDir dir;
    write_file(dir / "q.txt", "1 0 13 1\n1 0 14 0\n2 0 9 2\n");
    const auto qrels = read_qrels(dir / "q.txt");
    CHECK(qrels.at("1").at("13") == 1);
    CHECK(qrels.at("1").at("14") == 0);
    CHECK(qrels.at("2").at("9") == 2);
    write_file(dir / "bad.txt", "1 0 13\n");
    CHECK_THROWS_AS(read_qrels(dir / "bad.txt"), morgue::InputError);
}

TEST_CASE("run lines") {
    CHECK(run_line("3", "d9", 1, 12.3456789, "morgue") == "3 Q0 d9 1 12.345679 morgue\n");
}

TEST_CASE("run files are read back with their tag; a malformed line names its place") {
    morgue::test::TempDir dir;
    write_file(dir / "run.txt", "1 Q0 d1 1 2.5 lucene\n\n1 Q0 d2 2 1.25 lucene\n2 Q0 d9 1 3 lucene\n");
    const auto file = read_run(dir / "run.txt");
    CHECK(file.tag == "lucene");
    REQUIRE(file.run.at("1").size() == 2);
    CHECK(file.run.at("1")[1].doc == "d2");
    CHECK(file.run.at("1")[1].score == 1.25);
    CHECK(file.run.at("2")[0].doc == "d9");
    write_file(dir / "short.txt", "1 Q0 d1 1\n");
    CHECK_THROWS_WITH_AS(read_run(dir / "short.txt"), doctest::Contains("short.txt:1"), morgue::InputError);
    write_file(dir / "score.txt", "1 Q0 d1 1 high x\n");
    CHECK_THROWS_WITH_AS(read_run(dir / "score.txt"), doctest::Contains("'high'"), morgue::InputError);
}

TEST_CASE("the paired randomisation test") {
    const std::vector<double> a{0.5, 0.25, 0.75, 0.5};
    CHECK(paired_randomization_p(a, a) == 1.0);  // no difference: every swap is as far
    std::vector<double> better(40), worse(40);
    for (int i = 0; i < 40; ++i) {
        better[i] = 0.5 + 0.01 * (i % 7);
        worse[i] = better[i] - 0.1;
    }
    // Every topic better by 0.1: of the 2^40 swap patterns only "none" and "all" are as far
    // from 0, so 10,000 draws find none and p is the floor 1 / 10,001.
    CHECK(paired_randomization_p(better, worse) == doctest::Approx(1.0 / 10001));
    // Two topics, one better by 0.5, one worse by 0.5: every swap is as far from 0.
    CHECK(paired_randomization_p({1.0, 0.0}, {0.5, 0.5}) == 1.0);
    // One pair differs: a swap only flips the sign of the one difference, never its size.
    CHECK(paired_randomization_p({0.9, 0.5, 0.5}, {0.1, 0.5, 0.5}) == 1.0);
    // Deterministic.
    const std::vector<double> x{0.1, 0.7, 0.3, 0.9, 0.4}, y{0.2, 0.3, 0.3, 0.5, 0.1};
    CHECK(paired_randomization_p(x, y) == paired_randomization_p(x, y));
    const auto q = paired_randomization_p(x, y);
    // Differences -0.1, 0.4, 0, 0.4, 0.3 (sum 1.0): of the 16 sign patterns of the four nonzero
    // ones, |sum| >= 1.0 for 4 (all aligned: 1.2; all but the 0.1: 1.0): p about 1/4.
    CHECK(q == doctest::Approx(0.25).epsilon(0.05));
}

TEST_CASE("another run compared topic by topic on the same judgments") {
    Qrels qrels;
    qrels["1"] = {{"a", 1}, {"b", 0}};
    qrels["2"] = {{"c", 1}};
    Run ours;
    ours["1"] = {{"b", 2}, {"a", 1}};  // AP 0.5
    ours["2"] = {{"c", 1}};            // AP 1
    RunFile other;
    other.tag = "lucene";
    other.run["1"] = {{"a", 2}, {"b", 1}};  // AP 1
    const auto summary = evaluate(qrels, ours);
    const auto c = compare_runs(qrels, summary, other, "lucene.run");
    CHECK(c.other.mean.ap == doctest::Approx(0.5));  // topic 2 missing from its run: 0
    CHECK(c.other.judged_in_run == 1);
    CHECK(c.p_map == 1.0);  // +0.5 on one topic, -0.5 on the other
    std::ostringstream text;
    render_eval_text(summary, false, text, &c);
    CHECK(text.str().find("compared with lucene.run (1 of 2 judged topics in its run") != std::string::npos);
    CHECK(text.str().find("map             0.7500   0.5000  +0.2500  1.0000\n") != std::string::npos);
    std::ostringstream json;
    render_eval_json(summary, false, json, &c);
    CHECK(json.str().find("\"compare\":{\"run\":\"lucene.run\",\"tag\":\"lucene\",\"num_q_in_run\":1,"
                          "\"map\":0.5,") != std::string::npos);
}


// Relevance evaluation: topics and judgments in, MAP / nDCG@10 / P@10 / recall@1000 out,
// computed as trec_eval computes them.
#pragma once

#include <iosfwd>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace morgue::search {

/// One query of a test collection.
struct Topic {
    std::string id;
    std::string text;
};

/// Reads topics: JSON Lines objects with "id" (string or number) and "text" (or "query"), or
/// `qid<TAB>query` lines; blank and '#' lines are skipped. Throws InputError naming the file
/// and line for an unreadable file or a malformed line.
std::vector<Topic> read_topics(const std::string& path);

/// Judgments: qid -> docid -> relevance grade (> 0 is relevant).
using Qrels = std::map<std::string, std::map<std::string, int>>;

/// Reads TREC qrels lines `QID ITERATION DOCID REL`. Throws InputError for an unreadable file
/// or a line with fewer than four fields or a non-numeric grade.
Qrels read_qrels(const std::string& path);

/// One retrieved document of a run, in the engine's rank order.
struct RunEntry {
    std::string doc;
    double score = 0;
};

/// qid -> retrieved documents.
using Run = std::map<std::string, std::vector<RunEntry>>;

struct QueryScores {
    double ap = 0;           ///< average precision over the whole run depth
    double ndcg10 = 0;       ///< nDCG@10 with the grades as gains, log2(rank + 1) discount
    double p10 = 0;          ///< relevant in the first 10, divided by 10
    double recall1000 = 0;   ///< relevant in the first 1000, divided by all relevant
};

struct EvalSummary {
    std::map<std::string, QueryScores> per_query;  ///< every judged topic
    QueryScores mean;                              ///< arithmetic mean over `per_query`
    std::size_t judged = 0;                        ///< topics with at least one relevant document
    std::size_t judged_in_run = 0;                 ///< of those, the ones the run answered
};

/// The documents in the order trec_eval reads them: score descending, equal scores by docid
/// descending, later repeats of a docid dropped.
std::vector<std::string> trec_order(std::vector<RunEntry> entries);

/// Scores one query's ranked documents against its judgments.
QueryScores score_query(const std::map<std::string, int>& judgments,
                        const std::vector<std::string>& ranked);

/// Scores a run: averages over every topic with at least one relevant document, a topic the
/// run lacks scoring 0 (trec_eval -c).
EvalSummary evaluate(const Qrels& qrels, const Run& run);

/// The score as a run file writes it (6 decimals); evaluate() should see these same values.
std::string format_run_score(double score);

/// One TREC run line `QID Q0 DOCID RANK SCORE TAG` with '\n'.
std::string run_line(std::string_view qid, std::string_view doc, std::size_t rank, double score,
                     std::string_view tag);

/// A run file read back: its tag (of its first line) and its entries.
struct RunFile {
    std::string tag;
    Run run;
};

/// Reads a TREC run `QID Q0 DOCID RANK SCORE [TAG]` (whitespace-separated; blank lines skipped).
/// Throws InputError naming the file and line for an unreadable file, a short line or a
/// score that is not a number.
RunFile read_run(const std::string& path);

/// Two-sided paired randomisation test (Fisher's, as Smucker, Allan and Carterette 2007 compare
/// IR systems) of the difference of the means of `a` and `b`, paired by position: the share of
/// `trials` random swaps within pairs whose mean difference is at least as far from 0 as the
/// observed one, counting the observed one itself ((k + 1) / (trials + 1), never 0). The same
/// inputs give the same p (fixed seed).
double paired_randomization_p(const std::vector<double>& a, const std::vector<double>& b,
                              std::size_t trials = 10000);

/// Another run scored on the same judgments, beside ours, with the test's p per measure.
struct Comparison {
    std::string name;  ///< the run file's path
    std::string tag;
    EvalSummary other;
    double p_map = 1;
    double p_ndcg10 = 1;
    double p_p10 = 1;
};

/// Scores `other` on `qrels` and tests it against `ours` topic by topic.
Comparison compare_runs(const Qrels& qrels, const EvalSummary& ours, const RunFile& other,
                        std::string name);

/// trec_score-style text: with `per_query`, one line per topic, then the averages; with a
/// comparison, a table of both runs' means, the difference and p.
void render_eval_text(const EvalSummary& summary, bool per_query, std::ostream& out,
                      const Comparison* comparison = nullptr);

/// {"num_q","num_q_in_run","map","ndcg@10","p@10","recall@1000"[,"per_query":{qid:{…}}]
///  [,"compare":{"run","tag","num_q_in_run","map",…,"p":{"map","ndcg@10","p@10"}}]}
void render_eval_json(const EvalSummary& summary, bool per_query, std::ostream& out,
                      const Comparison* comparison = nullptr);

}  // namespace morgue::search

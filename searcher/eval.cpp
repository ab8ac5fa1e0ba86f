// trec_eval's definitions of MAP, nDCG@10, P@10 and recall@1000, and the files they read.
#include "searcher/eval.hpp"

#include "common/error.hpp"
#include "common/json_write.hpp"
#include "common/text.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <random>
#include <ostream>
#include <set>
#include <sstream>

namespace morgue::search {

namespace {

std::ifstream open_input(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw InputError({path, 0, {}}, "cannot open file");
    return in;
}

std::vector<std::string_view> fields(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos < line.size()) {
        while (pos < line.size() && std::isspace(static_cast<unsigned char>(line[pos]))) ++pos;
        const auto start = pos;
        while (pos < line.size() && !std::isspace(static_cast<unsigned char>(line[pos]))) ++pos;
        if (pos > start) out.push_back(line.substr(start, pos - start));
    }
    return out;
}

Topic parse_json_topic(const std::string& line, const SourceLocation& where,
                       simdjson::dom::parser& parser) {
    simdjson::dom::element doc;
    if (parser.parse(line).get(doc) != simdjson::SUCCESS)
        throw InputError(where, "invalid JSON");
    Topic topic;
    simdjson::dom::element id;
    if (doc["id"].get(id) != simdjson::SUCCESS) throw InputError(where, "missing \"id\"");
    std::string_view text;
    if (id.get_string().get(text) == simdjson::SUCCESS) {
        topic.id = std::string{text};
    } else if (int64_t number = 0; id.get_int64().get(number) == simdjson::SUCCESS) {
        topic.id = std::to_string(number);
    } else {
        throw InputError(where, "\"id\" must be a string or an integer");
    }
    if (doc["text"].get_string().get(text) != simdjson::SUCCESS &&
        doc["query"].get_string().get(text) != simdjson::SUCCESS)
        throw InputError(where, "missing \"text\"");
    topic.text = std::string{text};
    return topic;
}

}  // namespace

std::vector<Topic> read_topics(const std::string& path) {
    auto in = open_input(path);
    std::vector<Topic> topics;
    simdjson::dom::parser parser;
    std::size_t line_number = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_number;
        const auto trimmed = trim(line);
        if (trimmed.empty() || trimmed.front() == '#') continue;
        const SourceLocation where{path, line_number, {}};
        if (trimmed.front() == '{') {
            topics.push_back(parse_json_topic(std::string{trimmed}, where, parser));
            continue;
        }
        const auto tab = trimmed.find('\t');
        if (tab == std::string_view::npos)
            throw InputError(where, "expected qid<TAB>query or a JSON object");
        topics.push_back({std::string{trim(trimmed.substr(0, tab))},
                          std::string{trimmed.substr(tab + 1)}});
    }
    return topics;
}

Qrels read_qrels(const std::string& path) {
    auto in = open_input(path);
    Qrels qrels;
    std::size_t line_number = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_number;
        const auto f = fields(line);
        if (f.empty()) continue;
        if (f.size() < 4)
            throw InputError({path, line_number, {}}, "expected QID ITERATION DOCID REL");
        int grade = 0;
        const auto rel = f[3];
        const auto [end, ec] = std::from_chars(rel.data(), rel.data() + rel.size(), grade);
        // trec_score.py reads int(float(x)): accept "1.0" too.
        if (ec != std::errc{} || (end != rel.data() + rel.size() && *end != '.'))
            throw InputError({path, line_number, {}},
                             fmt::format("relevance '{}' is not a number", rel));
        qrels[std::string{f[0]}][std::string{f[2]}] = grade;
    }
    return qrels;
}

std::vector<std::string> trec_order(std::vector<RunEntry> entries) {
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        if (a.score != b.score) return a.score > b.score;
        return a.doc > b.doc;
    });
    std::vector<std::string> docs;
    std::set<std::string> seen;
    for (auto& entry : entries)
        if (seen.insert(entry.doc).second) docs.push_back(std::move(entry.doc));
    return docs;
}

QueryScores score_query(const std::map<std::string, int>& judgments,
                        const std::vector<std::string>& ranked) {
    const auto grade = [&](const std::string& doc) {
        const auto it = judgments.find(doc);
        return it == judgments.end() ? 0 : it->second;
    };
    std::vector<int> ideal;
    for (const auto& [doc, g] : judgments)
        if (g > 0) ideal.push_back(g);
    const auto relevant = ideal.size();
    QueryScores s;
    if (relevant == 0) return s;

    std::size_t found = 0;
    double precision_sum = 0;
    double dcg = 0;
    std::size_t in_10 = 0;
    std::size_t in_1000 = 0;
    for (std::size_t i = 0; i < ranked.size(); ++i) {
        const auto g = grade(ranked[i]);
        if (g <= 0) continue;
        ++found;
        precision_sum += static_cast<double>(found) / static_cast<double>(i + 1);
        if (i < 10) {
            ++in_10;
            dcg += g / std::log2(static_cast<double>(i) + 2);
        }
        if (i < 1000) ++in_1000;
    }
    std::sort(ideal.begin(), ideal.end(), std::greater<>());
    double idcg = 0;
    for (std::size_t i = 0; i < ideal.size() && i < 10; ++i)
        idcg += ideal[i] / std::log2(static_cast<double>(i) + 2);

    s.ap = precision_sum / static_cast<double>(relevant);
    s.ndcg10 = idcg > 0 ? dcg / idcg : 0;
    s.p10 = static_cast<double>(in_10) / 10.0;
    s.recall1000 = static_cast<double>(in_1000) / static_cast<double>(relevant);
    return s;
}

EvalSummary evaluate(const Qrels& qrels, const Run& run) {
    EvalSummary summary;
    for (const auto& [qid, judgments] : qrels) {
        if (std::none_of(judgments.begin(), judgments.end(),
                         [](const auto& j) { return j.second > 0; }))
            continue;
        const auto it = run.find(qid);
        if (it != run.end()) ++summary.judged_in_run;
        const auto ranked = it == run.end() ? std::vector<std::string>{} : trec_order(it->second);
        summary.per_query[qid] = score_query(judgments, ranked);
    }
    summary.judged = summary.per_query.size();
    if (summary.judged == 0) return summary;
    for (const auto& [qid, s] : summary.per_query) {
        summary.mean.ap += s.ap;
        summary.mean.ndcg10 += s.ndcg10;
        summary.mean.p10 += s.p10;
        summary.mean.recall1000 += s.recall1000;
    }
    const auto n = static_cast<double>(summary.judged);
    summary.mean.ap /= n;
    summary.mean.ndcg10 /= n;
    summary.mean.p10 /= n;
    summary.mean.recall1000 /= n;
    return summary;
}

std::string format_run_score(double score) { return fmt::format("{:.6f}", score); }

std::string run_line(std::string_view qid, std::string_view doc, std::size_t rank, double score,
                     std::string_view tag) {
    return fmt::format("{} Q0 {} {} {} {}\n", qid, doc, rank, format_run_score(score), tag);
}

RunFile read_run(const std::string& path) {
    auto in = open_input(path);
    RunFile file;
    std::size_t line_number = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_number;
        const auto f = fields(line);
        if (f.empty()) continue;
        if (f.size() < 5)
            throw InputError({path, line_number, {}}, "expected QID Q0 DOCID RANK SCORE TAG");
        double score = 0;
        const auto [end, ec] = std::from_chars(f[4].data(), f[4].data() + f[4].size(), score);
        if (ec != std::errc{} || end != f[4].data() + f[4].size())
            throw InputError({path, line_number, {}}, fmt::format("score '{}' is not a number", f[4]));
        if (file.tag.empty() && f.size() > 5) file.tag = std::string{f[5]};
        file.run[std::string{f[0]}].push_back({std::string{f[2]}, score});
    }
    return file;
}

double paired_randomization_p(const std::vector<double>& a, const std::vector<double>& b,
                              std::size_t trials) {
    const auto n = std::min(a.size(), b.size());
    if (n == 0 || trials == 0) return 1;
    std::vector<double> diff(n);
    double observed = 0;
    for (std::size_t i = 0; i < n; ++i) {
        diff[i] = a[i] - b[i];
        observed += diff[i];
    }
    observed = std::abs(observed);
    std::mt19937_64 random(20070907);  // fixed: the same runs always give the same p
    std::size_t as_far = 0;
    for (std::size_t t = 0; t < trials; ++t) {
        double sum = 0;
        std::uint64_t bits = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (i % 64 == 0) bits = random();
            sum += (bits & 1) ? diff[i] : -diff[i];
            bits >>= 1;
        }
        if (std::abs(sum) >= observed - 1e-12) ++as_far;
    }
    return static_cast<double>(as_far + 1) / static_cast<double>(trials + 1);
}

Comparison compare_runs(const Qrels& qrels, const EvalSummary& ours, const RunFile& other,
                        std::string name) {
    Comparison c;
    c.name = std::move(name);
    c.tag = other.tag;
    c.other = evaluate(qrels, other.run);
    std::vector<double> ap[2], ndcg[2], p10[2];
    for (const auto& [qid, s] : ours.per_query) {
        const auto it = c.other.per_query.find(qid);
        if (it == c.other.per_query.end()) continue;  // both judge the same topics
        ap[0].push_back(s.ap), ap[1].push_back(it->second.ap);
        ndcg[0].push_back(s.ndcg10), ndcg[1].push_back(it->second.ndcg10);
        p10[0].push_back(s.p10), p10[1].push_back(it->second.p10);
    }
    c.p_map = paired_randomization_p(ap[0], ap[1]);
    c.p_ndcg10 = paired_randomization_p(ndcg[0], ndcg[1]);
    c.p_p10 = paired_randomization_p(p10[0], p10[1]);
    return c;
}

namespace {

/// Topic ids in trec_score.py's order: shorter first, then by text ("2" before "10").
std::vector<std::string> ordered_ids(const EvalSummary& summary) {
    std::vector<std::string> ids;
    for (const auto& [qid, s] : summary.per_query) ids.push_back(qid);
    std::stable_sort(ids.begin(), ids.end(), [](const auto& a, const auto& b) {
        return a.size() != b.size() ? a.size() < b.size() : a < b;
    });
    return ids;
}

std::string metrics_text(const QueryScores& s) {
    return fmt::format("map={:.4f} ndcg@10={:.4f} p@10={:.4f} recall@1000={:.4f}", s.ap, s.ndcg10,
                       s.p10, s.recall1000);
}

std::string metrics_json(const QueryScores& s) {
    return fmt::format("\"map\":{},\"ndcg@10\":{},\"p@10\":{},\"recall@1000\":{}",
                       json_number(s.ap), json_number(s.ndcg10), json_number(s.p10),
                       json_number(s.recall1000));
}

}  // namespace

void render_eval_text(const EvalSummary& summary, bool per_query, std::ostream& out,
                      const Comparison* comparison) {
    if (per_query)
        for (const auto& qid : ordered_ids(summary))
            out << fmt::format("{:<8} {}\n", qid, metrics_text(summary.per_query.at(qid)));
    out << fmt::format("{:<13} {}\n", "num_q", summary.judged);
    out << fmt::format("{:<13} {}\n", "num_q_in_run", summary.judged_in_run);
    out << fmt::format("{:<13} {:.4f}\n", "map", summary.mean.ap);
    out << fmt::format("{:<13} {:.4f}\n", "ndcg@10", summary.mean.ndcg10);
    out << fmt::format("{:<13} {:.4f}\n", "p@10", summary.mean.p10);
    out << fmt::format("{:<13} {:.4f}\n", "recall@1000", summary.mean.recall1000);
    if (!comparison) return;
    const auto& c = *comparison;
    const auto other_name = c.tag.empty() ? std::string{"other"} : c.tag;
    out << fmt::format("\ncompared with {} ({} of {} judged topics in its run; p: paired "
                       "randomisation test, two-sided)\n",
                       c.name, c.other.judged_in_run, c.other.judged);
    out << fmt::format("{:<13} {:>8} {:>8} {:>8} {:>7}\n", "", "morgue", other_name.substr(0, 8),
                       "diff", "p");
    const auto row = [&](std::string_view name, double a, double b, double p) {
        out << fmt::format("{:<13} {:>8.4f} {:>8.4f} {:>+8.4f} {:>7.4f}\n", name, a, b, a - b, p);
    };
    row("map", summary.mean.ap, c.other.mean.ap, c.p_map);
    row("ndcg@10", summary.mean.ndcg10, c.other.mean.ndcg10, c.p_ndcg10);
    row("p@10", summary.mean.p10, c.other.mean.p10, c.p_p10);
}

void render_eval_json(const EvalSummary& summary, bool per_query, std::ostream& out,
                      const Comparison* comparison) {
    std::string json = fmt::format("{{\"num_q\":{},\"num_q_in_run\":{},{}", summary.judged,
                                   summary.judged_in_run, metrics_json(summary.mean));
    if (per_query) {
        json += ",\"per_query\":{";
        bool first = true;
        for (const auto& qid : ordered_ids(summary)) {
            if (!first) json += ',';
            first = false;
            append_json_string(json, qid);
            json += ":{" + metrics_json(summary.per_query.at(qid)) + '}';
        }
        json += '}';
    }
    if (comparison) {
        const auto& c = *comparison;
        json += ",\"compare\":{\"run\":";
        append_json_string(json, c.name);
        json += ",\"tag\":";
        append_json_string(json, c.tag);
        json += fmt::format(",\"num_q_in_run\":{},{},\"p\":{{\"map\":{},\"ndcg@10\":{},"
                            "\"p@10\":{}}}}}",
                            c.other.judged_in_run, metrics_json(c.other.mean), json_number(c.p_map),
                            json_number(c.p_ndcg10), json_number(c.p_p10));
    }
    out << json << "}\n";
}

}  // namespace morgue::search

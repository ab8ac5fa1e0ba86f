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

void render_eval_text(const EvalSummary& summary, bool per_query, std::ostream& out) {
    if (per_query)
        for (const auto& qid : ordered_ids(summary))
            out << fmt::format("{:<8} {}\n", qid, metrics_text(summary.per_query.at(qid)));
    out << fmt::format("{:<13} {}\n", "num_q", summary.judged);
    out << fmt::format("{:<13} {}\n", "num_q_in_run", summary.judged_in_run);
    out << fmt::format("{:<13} {:.4f}\n", "map", summary.mean.ap);
    out << fmt::format("{:<13} {:.4f}\n", "ndcg@10", summary.mean.ndcg10);
    out << fmt::format("{:<13} {:.4f}\n", "p@10", summary.mean.p10);
    out << fmt::format("{:<13} {:.4f}\n", "recall@1000", summary.mean.recall1000);
}

void render_eval_json(const EvalSummary& summary, bool per_query, std::ostream& out) {
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
    out << json << "}\n";
}

}  // namespace morgue::search

// JSON rendering of results and statistics with the shared escaping helpers.
#include "searcher/render/json.hpp"

#include "common/json_write.hpp"

#include <optional>

namespace morgue::search {

namespace {

std::string json_date(const std::optional<Date>& date) {
    return date ? json_string(date->iso()) : std::string{"null"};
}

}  // namespace

void render_json(const ResultPage& page, std::ostream& out) {
    std::string json = "{\"query\":";
    append_json_string(json, page.query);
    json += ",\"mode\":";
    append_json_string(json, to_string(page.mode));
    json += ",\"total\":" + std::to_string(page.total);
    json += ",\"total_exact\":";
    json += page.total_exact ? "true" : "false";
    json += ",\"offset\":" + std::to_string(page.offset);
    json += ",\"hits\":[";
    bool first = true;
    for (const auto& hit : page.hits) {
        if (!first) json += ',';
        first = false;
        json += "{\"rank\":" + std::to_string(hit.rank);
        json += ",\"id\":";
        append_json_string(json, hit.id);
        json += ",\"score\":" + json_number(hit.score);
        json += ",\"title\":";
        append_json_string(json, hit.title);
        json += ",\"date\":" + json_date(hit.date);
        json += ",\"source\":";
        append_json_string(json, hit.source);
        json += ",\"snippet\":";
        append_json_string(json,
                           join_snippet(hit.snippet, json_highlight_start, json_highlight_end));
        json += '}';
    }
    json += "]}\n";
    out << json;
}

void render_stats_json(const IndexStats& stats, std::ostream& out) {
    std::string json = "{\"index\":";
    append_json_string(json, stats.location);
    json += ",\"documents\":" + std::to_string(stats.documents);
    json += ",\"undated\":" + std::to_string(stats.undated);
    json += ",\"first_date\":" + json_date(stats.first_date);
    json += ",\"last_date\":" + json_date(stats.last_date);
    json += ",\"language\":";
    append_json_string(json, stats.analysis.language);
    json += ",\"phrase_mode\":";
    append_json_string(json, to_string(stats.analysis.phrase_mode));
    json += ",\"source_count\":" + std::to_string(stats.source_count);
    json += ",\"sources\":[";
    bool first = true;
    for (const auto& s : stats.sources) {
        if (!first) json += ',';
        first = false;
        json += "{\"source\":";
        append_json_string(json, s.source);
        json += ",\"documents\":" + std::to_string(s.documents) + '}';
    }
    json += "]}\n";
    out << json;
}

}  // namespace morgue::search

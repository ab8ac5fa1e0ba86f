// JSON rendering of results and statistics with the shared escaping helpers.
#include "searcher/render/json.hpp"

#include "common/json_write.hpp"

#include <fmt/format.h>

#include <cmath>
#include <optional>

namespace morgue::search {

namespace {

std::string json_date(const std::optional<Date>& date) {
    return date ? json_string(date->iso()) : std::string{"null"};
}

/// The snippet as strings that alternate plain and highlighted text, plain first (maybe
/// empty): unlike the bracketed "snippet", unambiguous when the text has brackets of its own.
void append_snippet_parts(std::string& json, const Snippet& snippet) {
    json += ",\"snippet_parts\":[";
    bool next_highlighted = false;  // the kind the next string stands for
    bool first = true;
    const auto add = [&](std::string_view text) {
        if (!first) json += ',';
        first = false;
        append_json_string(json, text);
        next_highlighted = !next_highlighted;
    };
    for (const auto& part : snippet) {
        if (part.highlighted != next_highlighted) add("");  // none of the other kind between
        add(part.text);
    }
    json += ']';
}

void append_timeline(std::string& json, const Timeline& timeline) {
    json += ",\"timeline\":{\"undated\":" + std::to_string(timeline.undated) + ",\"months\":[";
    bool first = true;
    for (const auto& [month, count] : timeline.months) {
        if (!first) json += ',';
        first = false;
        json += fmt::format("{{\"month\":\"{:04}-{:02}\",\"count\":{}}}", month / 100, month % 100,
                            count);
    }
    json += "]}";
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
    json += ",\"sort\":";
    append_json_string(json, to_string(page.sort));
    if (!page.suggestion.empty()) {
        json += ",\"suggestion\":";
        append_json_string(json, page.suggestion);
    }
    if (!page.missing_shards.empty()) {
        json += ",\"missing_shards\":[";
        for (std::size_t i = 0; i < page.missing_shards.size(); ++i) {
            if (i > 0) json += ',';
            append_json_string(json, page.missing_shards[i]);
        }
        json += ']';
    }
    json += ",\"hits\":[";
    bool first = true;
    for (const auto& hit : page.hits) {
        if (!first) json += ',';
        first = false;
        json += "{\"rank\":" + std::to_string(hit.rank);
        json += ",\"id\":";
        append_json_string(json, hit.id);
        // Every digit: scores compared across shard layouts must agree to 1e-9.
        json += ",\"score\":" + (std::isfinite(hit.score) ? fmt::format("{}", hit.score) : "null");
        json += ",\"title\":";
        append_json_string(json, hit.title);
        json += ",\"date\":" + json_date(hit.date);
        json += ",\"source\":";
        append_json_string(json, hit.source);
        json += ",\"snippet\":";
        append_json_string(json,
                           join_snippet(hit.snippet, json_highlight_start, json_highlight_end));
        if (!hit.snippet.empty()) append_snippet_parts(json, hit.snippet);
        if (page.collapse) json += ",\"collapsed\":" + std::to_string(hit.collapsed);
        json += '}';
    }
    json += ']';
    if (!page.facets.empty()) {
        json += ",\"facets\":{";
        bool first_facet = true;
        for (const auto& facet : page.facets) {
            if (!first_facet) json += ',';
            first_facet = false;
            append_json_string(json, to_string(facet.facet));
            json += ":[";
            bool first_value = true;
            for (const auto& v : facet.values) {
                if (!first_value) json += ',';
                first_value = false;
                json += "{\"value\":";
                append_json_string(json, v.value);
                json += ",\"count\":" + std::to_string(v.count) + '}';
            }
            json += ']';
        }
        json += '}';
    }
    if (page.timeline) append_timeline(json, *page.timeline);
    json += "}\n";
    out << json;
}

void render_article_json(const Article& article, std::ostream& out) {
    const auto list = [](const std::vector<std::string>& items) {
        std::string json = "[";
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i > 0) json += ',';
            append_json_string(json, items[i]);
        }
        return json + ']';
    };
    std::string json = "{\"id\":";
    append_json_string(json, article.id);
    json += ",\"title\":";
    append_json_string(json, article.title);
    json += ",\"date\":" + json_date(article.published);
    json += ",\"source\":";
    append_json_string(json, article.source);
    json += ",\"byline\":";
    append_json_string(json, article.byline);
    json += ",\"dateline\":";
    append_json_string(json, article.dateline);
    json += ",\"url\":";
    append_json_string(json, article.url);
    json += ",\"topics\":" + list(article.topics);
    json += ",\"places\":" + list(article.places);
    json += ",\"body\":";
    append_json_string(json, article.body);
    json += "}\n";
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

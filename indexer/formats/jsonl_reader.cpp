// JSON Lines reader: one article object per line, parsed with simdjson.
#include "indexer/formats/reader.hpp"

#include "common/date.hpp"
#include "common/text.hpp"
#include "indexer/formats/json_lines.hpp"

#include <simdjson.h>

#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace morgue::index {

namespace {

/// A field of the wrong type or shape: the reason names the field.
struct FieldError {
    std::string reason;
};

/// `value` as a string view; null is absent.
std::optional<std::string_view> get_string(simdjson::dom::element value, std::string_view key) {
    if (value.is_null()) return std::nullopt;
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS)
        throw FieldError{fmt::format("\"{}\" must be a string", key)};
    return text;
}

/// A list of labels: an array of strings or one string; empty strings are dropped.
std::vector<std::string> get_labels(simdjson::dom::element value, std::string_view key) {
    std::vector<std::string> labels;
    if (value.is_null()) return labels;
    std::string_view text;
    if (value.get_string().get(text) == simdjson::SUCCESS) {
        if (!trim(text).empty()) labels.emplace_back(text);
        return labels;
    }
    simdjson::dom::array items;
    if (value.get_array().get(items) != simdjson::SUCCESS)
        throw FieldError{fmt::format("\"{}\" must be a string or a list of strings", key)};
    labels.reserve(items.size());
    for (const auto item : items) {
        if (item.get_string().get(text) != simdjson::SUCCESS)
            throw FieldError{fmt::format("\"{}\" must be a string or a list of strings", key)};
        if (!trim(text).empty()) labels.emplace_back(text);
    }
    return labels;
}

/// Author names: a string, or a list of strings joined with ", ".
std::string get_names(simdjson::dom::element value, std::string_view key) {
    std::string joined;
    for (const auto& name : get_labels(value, key)) {
        if (!joined.empty()) joined += ", ";
        joined += trim(name);
    }
    return joined;
}

/// "YYYY-MM-DD" (optionally followed by a time) without the general parser's regexes: nearly
/// every JSONL date has this form, and parse_date() would dominate the reading time.
std::optional<Date> parse_iso_day(std::string_view text) noexcept {
    if (text.size() < 10 || (text.size() > 10 && text[10] != 'T' && text[10] != ' '))
        return std::nullopt;
    const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
    for (const std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (!digit(i)) return std::nullopt;
    if (text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto num = [&](std::size_t i, std::size_t n) {
        int v = 0;
        for (std::size_t k = i; k < i + n; ++k) v = v * 10 + (text[k] - '0');
        return v;
    };
    const Date date{num(0, 4), num(5, 2), num(8, 2)};
    if (!is_valid_date(date.year, date.month, date.day)) return std::nullopt;
    return date;
}

/// The record id: a string, or an integer written as one (many exports number their rows).
std::optional<std::string> get_id(simdjson::dom::element value) {
    if (value.is_null()) return std::nullopt;
    std::string_view text;
    if (value.get_string().get(text) == simdjson::SUCCESS) return std::string{trim(text)};
    std::int64_t number = 0;
    if (value.get_int64().get(number) == simdjson::SUCCESS) return std::to_string(number);
    std::uint64_t big = 0;
    if (value.get_uint64().get(big) == simdjson::SUCCESS) return std::to_string(big);
    throw FieldError{"\"id\" must be a string or an integer"};
}

/// One record of the generic JSON Lines format: the fields README.md lists.
struct JsonlRecord {
    static ParsedRecord parse(simdjson::dom::object object, const std::string& line,
                              std::size_t number, const InputContext& ctx) {
        Article article;
        std::optional<std::string> id;
        std::optional<std::string_view> date;
        bool has_byline = false;
        try {
            // One pass over the fields; unknown keys cost one comparison chain each.
            for (const auto field : object) {
                const auto key = field.key;
                const auto value = field.value;
                if (key == "id") {
                    id = get_id(value);
                } else if (key == "title") {
                    if (auto text = get_string(value, key)) article.title = *text;
                } else if (key == "body") {
                    if (auto text = get_string(value, key)) article.body = *text;
                } else if (key == "date") {
                    date = get_string(value, key);
                } else if (key == "source") {
                    if (auto text = get_string(value, key)) article.source = trim(*text);
                } else if (key == "url") {
                    if (auto text = get_string(value, key)) article.url = trim(*text);
                } else if (key == "dateline") {
                    if (auto text = get_string(value, key)) article.dateline = trim(*text);
                } else if (key == "byline") {
                    article.byline = get_names(value, key);
                    has_byline = !value.is_null();
                } else if (key == "author") {
                    auto names = get_names(value, key);
                    if (!has_byline) article.byline = std::move(names);
                } else if (key == "topics") {
                    article.topics = get_labels(value, key);
                } else if (key == "places") {
                    article.places = get_labels(value, key);
                }
            }
        } catch (const FieldError& e) {
            return json_line_problem(line, number, ctx, id.value_or(std::string{}), e.reason);
        }

        if (id && id->empty()) id.reset();
        if (!id) {
            if (trim(article.title).empty() && trim(article.body).empty())
                return json_line_problem(line, number, ctx, {}, "missing \"id\" and no title or body");
            id = ctx.relative_id + "#" + std::to_string(number);
        }
        article.id = std::move(*id);

        if (date && !trim(*date).empty()) {
            article.published = parse_iso_day(*date);
            if (!article.published) article.published = parse_date(*date);
            if (!article.published)
                return json_line_problem(line, number, ctx, article.id,
                               fmt::format("unrecognised date \"{}\"", date->substr(0, 100)));
        } else {
            article.published = ctx.fallback_date;
        }
        return article;
    }
};

}  // namespace

std::unique_ptr<FormatReader> make_jsonl_reader() {
    return make_json_lines_reader(JsonlRecord::parse);
}

}  // namespace morgue::index

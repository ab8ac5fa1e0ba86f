// TREC Washington Post collection: one article per JSON line, its text in typed content blocks.
#include "indexer/formats/wapo_reader.hpp"

#include "common/date.hpp"
#include "common/text.hpp"
#include "indexer/formats/article_text.hpp"
#include "indexer/formats/html/fragment_text.hpp"
#include "indexer/formats/json_lines.hpp"

#include <simdjson.h>

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace morgue::index {

namespace {

constexpr std::string_view default_source = "washingtonpost.com";

/// A string field; "" when absent, null or not a string (the collection's exports put null
/// and numbers where strings belong often enough that one odd field must not cost the record).
std::string_view string_field(simdjson::dom::object object, std::string_view key) {
    std::string_view text;
    if (object[key].get_string().get(text) != simdjson::SUCCESS) return {};
    return text;
}

/// The record id: a string, or an integer written as one.
std::string id_field(simdjson::dom::object object) {
    const auto value = object["id"];
    std::string_view text;
    if (value.get_string().get(text) == simdjson::SUCCESS) return std::string{trim(text)};
    std::int64_t number = 0;
    if (value.get_int64().get(number) == simdjson::SUCCESS) return std::to_string(number);
    return {};
}

/// Epoch milliseconds as a number, or as digits in a string (the "date" blocks).
std::optional<std::int64_t> epoch_ms(simdjson::dom::element value) {
    std::int64_t ms = 0;
    if (value.get_int64().get(ms) == simdjson::SUCCESS) return ms;
    std::string_view text;
    if (value.get_string().get(text) == simdjson::SUCCESS) {
        text = trim(text);
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), ms);
        if (error == std::errc{} && end == text.data() + text.size() && !text.empty()) return ms;
        return std::nullopt;
    }
    double real = 0;
    if (value.get_double().get(real) == simdjson::SUCCESS && real > -1e17 && real < 1e17)
        return static_cast<std::int64_t>(real);
    return std::nullopt;
}

/// The day of the field `key` holding epoch milliseconds; nullopt when absent or not a time.
std::optional<Date> epoch_ms_date(simdjson::dom::object object, std::string_view key) {
    simdjson::dom::element value;
    if (object[key].get(value) != simdjson::SUCCESS) return std::nullopt;
    const auto ms = epoch_ms(value);
    if (!ms) return std::nullopt;
    // Floor division: a time before 1970 belongs to the day before its truncated quotient.
    return date_from_unix_seconds(*ms / 1000 - (*ms % 1000 < 0 ? 1 : 0));
}

/// "Jane Doe; John Roe" -> "Jane Doe, John Roe".
std::string joined_authors(std::string_view authors) {
    std::string byline;
    while (!authors.empty()) {
        const auto end = authors.find(';');
        const auto name = trim(authors.substr(0, end));
        authors.remove_prefix(end == std::string_view::npos ? authors.size() : end + 1);
        if (name.empty()) continue;
        if (!byline.empty()) byline += ", ";
        byline += name;
    }
    return byline;
}

/// What the content blocks add to the record's own fields.
struct Blocks {
    std::string title;
    std::string byline;
    std::optional<Date> date;
    std::vector<std::string> topics;
    std::vector<std::string> paragraphs;
};

/// Reads the "contents" array: text blocks become paragraphs (inline HTML turned to text);
/// images (captions, blurbs) and author bios stay out of the body. Blocks of other types or
/// shapes are passed over.
Blocks read_blocks(simdjson::dom::object record) {
    Blocks blocks;
    simdjson::dom::array contents;
    if (record["contents"].get_array().get(contents) != simdjson::SUCCESS) return blocks;
    for (const auto element : contents) {
        simdjson::dom::object block;
        if (element.get_object().get(block) != simdjson::SUCCESS) continue;
        const auto type = string_field(block, "type");
        const auto content = string_field(block, "content");
        if (type == "sanitized_html") {
            if (string_field(block, "mime") == "text/html") {
                for (auto& p : html::html_fragment_paragraphs(content))
                    blocks.paragraphs.push_back(std::move(p));
            } else if (auto text = collapse_whitespace(content); !text.empty()) {
                blocks.paragraphs.push_back(std::move(text));
            }
        } else if (type == "title" && blocks.title.empty()) {
            blocks.title = collapse_whitespace(content);
        } else if (type == "byline" && blocks.byline.empty()) {
            const auto line = collapse_whitespace(content);
            blocks.byline = parse_byline(line).value_or(line);
        } else if (type == "date" && !blocks.date) {
            blocks.date = epoch_ms_date(block, "content");
        } else if (type == "kicker") {
            if (auto topic = collapse_whitespace(content); !topic.empty())
                blocks.topics.push_back(std::move(topic));
        }
    }
    return blocks;
}

/// One line of the collection: the record's own fields first, its content blocks for the rest.
ParsedRecord parse_record(simdjson::dom::object record, const std::string& line,
                      std::size_t number, const InputContext& ctx) {
    Article article;
    article.id = id_field(record);
    if (article.id.empty()) return json_line_problem(line, number, ctx, {}, "missing \"id\"");
    article.url = trim(string_field(record, "article_url"));
    article.title = collapse_whitespace(string_field(record, "title"));
    article.byline = joined_authors(string_field(record, "author"));
    article.source = trim(string_field(record, "source"));
    if (article.source.empty()) article.source = default_source;
    article.published = epoch_ms_date(record, "published_date");

    auto blocks = read_blocks(record);
    if (article.title.empty()) article.title = std::move(blocks.title);
    if (article.byline.empty()) article.byline = std::move(blocks.byline);
    if (!article.published) article.published = blocks.date;
    article.topics = std::move(blocks.topics);

    auto parts = assemble_article(blocks.paragraphs, article.title);
    article.body = std::move(parts.body);
    article.dateline = std::move(parts.dateline);
    if (article.byline.empty()) article.byline = std::move(parts.byline);
    if (!article.published) article.published = parts.published;
    if (!article.published) article.published = ctx.fallback_date;
    return article;
}

}  // namespace

bool looks_like_wapo_record(std::string_view head) noexcept {
    if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
    int depth = 0;
    bool in_string = false;
    std::size_t string_start = 0;
    std::string_view last_string;  // a string just closed at the top level: a key if ':' follows
    std::string_view key;          // the top-level key whose value comes next
    bool has_contents = false;
    bool has_article_field = false;
    for (std::size_t i = 0; i < head.size(); ++i) {
        const char c = head[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
                if (depth == 1) last_string = head.substr(string_start, i - string_start);
            }
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        if (c == '"') {
            in_string = true;
            string_start = i + 1;
            continue;
        }
        if (depth == 1 && c == ':' && !last_string.empty()) {
            key = last_string;
            last_string = {};
            if (key == "article_url" || key == "published_date") has_article_field = true;
            continue;
        }
        last_string = {};
        if (key == "contents" && c == '[') has_contents = true;
        key = {};
        if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth <= 0) break;
        } else if (depth == 0) {
            return false;  // the line does not open with an object
        }
        if (has_contents && has_article_field) return true;
    }
    return has_contents && has_article_field;
}

std::unique_ptr<FormatReader> make_wapo_reader() { return make_json_lines_reader(parse_record); }

}  // namespace morgue::index

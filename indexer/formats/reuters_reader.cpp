// Reuters-21578 SGML reader: one article per <REUTERS> element.
#include "indexer/formats/reader.hpp"

#include "common/date.hpp"
#include "common/text.hpp"
#include "indexer/formats/sgml.hpp"

#include <fmt/format.h>

#include <cctype>
#include <string>
#include <string_view>

namespace morgue::index {

namespace {

constexpr std::size_t max_raw_bytes = std::size_t{64} << 10;

/// The same source name the canonical JSONL conversion of the collection uses, so both forms
/// of one corpus index alike.
constexpr std::string_view reuters_source = "reuters21578";

std::vector<std::string> d_items(std::string_view record, std::string_view list) {
    std::vector<std::string> items;
    const auto element = sgml::find_element(record, list);
    if (!element) return items;
    for (const auto item : sgml::find_all(element->content, "D")) {
        auto text = std::string{trim(sgml::decode_text(item))};
        if (!text.empty()) items.push_back(std::move(text));
    }
    return items;
}

bool starts_with_month(std::string_view word) {
    static constexpr std::string_view months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                  "jul", "aug", "sep", "oct", "nov", "dec"};
    if (word.size() < 3) return false;
    std::string lower;
    for (const char c : word.substr(0, 3))
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    for (const auto month : months)
        if (lower == month) return true;
    return false;
}

/// The place part of a dateline: "    SALVADOR, Feb 26 - " gives "SALVADOR"; a dateline
/// without a date is kept whole (trimmed, without the trailing dash).
std::string dateline_place(std::string_view dateline) {
    auto text = trim(dateline);
    while (!text.empty() && (text.back() == '-' || text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    text = trim(text);
    const auto comma = text.rfind(',');
    if (comma != std::string_view::npos) {
        const auto tail = trim(text.substr(comma + 1));
        if (starts_with_month(tail)) text = trim(text.substr(0, comma));
    }
    return collapse_whitespace(text);
}

/// Everything inside <TEXT> except the TITLE, DATELINE and AUTHOR elements: the body of
/// stories without <BODY> markup (TYPE="UNPROC").
std::string text_without_fields(std::string_view text) {
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t next = std::string_view::npos;
        std::size_t next_end = 0;
        for (const auto name : {"TITLE", "DATELINE", "AUTHOR"}) {
            const auto start = sgml::find_start_tag(text, name, pos);
            if (start == std::string_view::npos || start >= next) continue;
            if (const auto element = sgml::find_element(text, name, start)) {
                next = start;
                next_end = element->end;
            }
        }
        if (next == std::string_view::npos) {
            out.append(text.substr(pos));
            break;
        }
        out.append(text.substr(pos, next - pos));
        pos = next_end;
    }
    return out;
}

class ReutersReader : public FormatReader {
public:
    void read(ByteSource& in, const InputContext& ctx, const RecordSink& sink) const override {
        sgml::RecordScanner scanner(in, "REUTERS");
        sgml::RawRecord raw;
        while (scanner.next(raw)) {
            if (!sink(parse_record(raw, ctx))) return;
        }
    }

private:
    static ParsedRecord parse_record(const sgml::RawRecord& raw, const InputContext& ctx) {
        const auto text = sgml::to_utf8(raw.text);
        const std::string_view record = text;
        const auto tag_end = record.find('>');
        const auto attributes =
            tag_end == std::string_view::npos ? record : record.substr(0, tag_end);
        // The tag name itself reads as a bare attribute and is skipped.
        const auto newid = sgml::attribute(attributes, "NEWID");
        const std::string id = newid ? std::string{trim(*newid)} : std::string{};
        const auto problem = [&](std::string reason) {
            return RecordProblem{{ctx.display_path, raw.line, id}, std::move(reason),
                                 raw.text.substr(0, max_raw_bytes)};
        };
        if (!raw.closed) return problem("record not closed: missing </REUTERS>");
        if (id.empty()) return problem("missing NEWID attribute");

        Article article;
        article.id = id;
        article.source = reuters_source;
        const auto body_part = record.substr(tag_end + 1);
        if (const auto date = sgml::find_element(body_part, "DATE"))
            article.published = parse_date(sgml::decode_text(date->content));
        if (!article.published) article.published = ctx.fallback_date;
        article.topics = d_items(body_part, "TOPICS");
        article.places = d_items(body_part, "PLACES");

        if (const auto story = sgml::find_element(body_part, "TEXT")) {
            const auto inner = story->content;
            if (const auto title = sgml::find_element(inner, "TITLE"))
                article.title = trim(sgml::decode_text(title->content));
            if (const auto dateline = sgml::find_element(inner, "DATELINE"))
                article.dateline = dateline_place(sgml::decode_text(dateline->content));
            if (const auto author = sgml::find_element(inner, "AUTHOR"))
                article.byline =
                    collapse_whitespace(sgml::strip_by(sgml::decode_text(author->content)));
            if (const auto body = sgml::find_element(inner, "BODY"))
                article.body = trim(sgml::decode_text(body->content));
            else
                article.body = trim(sgml::decode_text(text_without_fields(inner)));
        }
        return article;
    }
};

}  // namespace

std::unique_ptr<FormatReader> make_reuters_reader() { return std::make_unique<ReutersReader>(); }

}  // namespace morgue::index

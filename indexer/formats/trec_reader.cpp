// TREC SGML reader: one article per <DOC> element (AP, WSJ, LA Times, FT, FBIS styles).
#include "indexer/formats/reader.hpp"

#include "common/date.hpp"
#include "common/text.hpp"
#include "indexer/formats/sgml.hpp"

#include <cctype>
#include <initializer_list>
#include <string>
#include <string_view>

namespace morgue::index {

namespace {

constexpr std::size_t max_raw_bytes = std::size_t{64} << 10;

/// The leading letters of a DOCNO ("AP880212-0001" gives "AP", "FT911-3" gives "FT").
std::string docno_prefix(std::string_view docno) {
    std::string prefix;
    for (const char c : docno) {
        if (!std::isalpha(static_cast<unsigned char>(c))) break;
        prefix.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    return prefix;
}

/// The date some collections put in the DOCNO: AP and WSJ use YYMMDD ("AP880212-0001"),
/// the LA Times MMDDYY ("LA010189-0001").
std::optional<Date> docno_date(std::string_view docno) {
    const auto prefix = docno_prefix(docno);
    const auto rest = docno.substr(prefix.size());
    if (rest.size() < 6 || (rest.size() > 6 && std::isdigit(static_cast<unsigned char>(rest[6]))))
        return std::nullopt;
    const auto digits = rest.substr(0, 6);
    for (const char c : digits)
        if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    const auto num = [&](std::size_t at) {
        return (digits[at] - '0') * 10 + (digits[at + 1] - '0');
    };
    int year = 0, month = 0, day = 0;
    if (prefix == "AP" || prefix == "WSJ" || prefix == "SJMN") {
        year = 1900 + num(0);
        month = num(2);
        day = num(4);
    } else if (prefix == "LA") {
        month = num(0);
        day = num(2);
        year = 1900 + num(4);
    } else {
        return std::nullopt;
    }
    if (!is_valid_date(year, month, day)) return std::nullopt;
    return Date{year, month, day};
}

/// Plain text whose paragraphs are marked by blank lines or, as on the AP wire, by an
/// indented first line: paragraphs separated by blank lines, each on one line.
std::string paragraphs_from_lines(std::string_view text) {
    std::string body;
    bool in_paragraph = false;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        auto end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        const auto raw_line = text.substr(pos, end - pos);
        pos = end + 1;
        const auto line = trim(raw_line);
        if (line.empty()) {
            in_paragraph = false;
            continue;
        }
        const bool indented = raw_line.front() == ' ' || raw_line.front() == '\t';
        if (!body.empty()) body += in_paragraph && !indented ? " " : "\n\n";
        body += line;
        in_paragraph = true;
    }
    return body;
}

/// Text of a TEXT element: `<P>` paragraphs become blank-line-separated paragraphs; without
/// them, paragraphs are found from blank lines and indentation.
std::string body_text(std::string_view content) {
    const auto paragraphs = sgml::find_all(content, "P");
    if (paragraphs.empty())
        return paragraphs_from_lines(sgml::decode_text(sgml::strip_tags(content)));
    std::string body;
    for (const auto paragraph : paragraphs) {
        auto text = sgml::inline_text(paragraph);
        if (text.empty()) continue;
        if (!body.empty()) body += "\n\n";
        body += text;
    }
    return body;
}

/// One line from an element that may hold `<P>` parts (LA Times headlines: headline, then
/// sub-head): the parts joined with "; ".
std::string title_text(std::string_view content) {
    const auto parts = sgml::find_all(content, "P");
    if (parts.empty()) return sgml::inline_text(content);
    std::string title;
    for (const auto part : parts) {
        auto text = sgml::inline_text(part);
        if (text.empty()) continue;
        if (!title.empty()) title += "; ";
        title += text;
    }
    return title;
}

/// The first element among `names` that is present, as one line of text.
std::string first_inline(std::string_view record, std::initializer_list<std::string_view> names) {
    for (const auto name : names) {
        if (const auto element = sgml::find_element(record, name)) {
            auto text = sgml::inline_text(element->content);
            if (!text.empty()) return text;
        }
    }
    return {};
}

class TrecReader : public FormatReader {
public:
    void read(ByteSource& in, const InputContext& ctx, const RecordSink& sink) const override {
        sgml::RecordScanner scanner(in, "DOC");
        sgml::RawRecord raw;
        while (scanner.next(raw)) {
            if (!sink(parse_record(raw, ctx))) return;
        }
    }

private:
    static ParsedRecord parse_record(const sgml::RawRecord& raw, const InputContext& ctx) {
        const auto text = sgml::to_utf8(raw.text);
        const std::string_view record = text;
        std::string docno;
        if (const auto element = sgml::find_element(record, "DOCNO"))
            docno = sgml::inline_text(element->content);
        const auto problem = [&](std::string reason) {
            return RecordProblem{{ctx.display_path, raw.line, docno}, std::move(reason),
                                 raw.text.substr(0, max_raw_bytes)};
        };
        if (!raw.closed) return problem("record not closed: missing </DOC>");
        if (docno.empty()) return problem("missing DOCNO");

        Article article;
        article.id = docno;
        article.source = first_inline(record, {"SOURCE"});
        if (article.source.empty()) article.source = docno_prefix(docno);

        // AP wires carry several HEAD elements (headline, then sub-heads): keep them all.
        for (const auto name : {"HEADLINE", "HL", "HEAD", "TITLE", "TI"}) {
            for (const auto head : sgml::find_all(record, name)) {
                auto line = title_text(head);
                if (line.empty()) continue;
                if (!article.title.empty()) article.title += "; ";
                article.title += line;
            }
            if (!article.title.empty()) break;
        }

        const auto date_text = first_inline(record, {"DATE", "DATE_TIME", "DATE1"});
        if (!date_text.empty()) article.published = parse_date(date_text);
        if (!article.published) article.published = docno_date(docno);
        if (!article.published) article.published = ctx.fallback_date;

        article.dateline = first_inline(record, {"DATELINE"});
        while (!article.dateline.empty() &&
               (article.dateline.back() == '-' || article.dateline.back() == ' '))
            article.dateline.pop_back();
        article.byline = std::string{sgml::strip_by(first_inline(record, {"BYLINE"}))};

        // Some collections split a story over several TEXT elements.
        for (const auto part : sgml::find_all(record, "TEXT")) {
            auto body = body_text(part);
            if (body.empty()) continue;
            if (!article.body.empty()) article.body += "\n\n";
            article.body += body;
        }
        return article;
    }
};

}  // namespace

std::unique_ptr<FormatReader> make_trec_reader() { return std::make_unique<TrecReader>(); }

}  // namespace morgue::index

// Format names, detection, and one shared reader per format.
#include "indexer/formats/registry.hpp"

#include "common/error.hpp"
#include "common/text.hpp"
#include "indexer/formats/wapo_reader.hpp"
#include "indexer/formats/xml.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace morgue::index {

namespace {

constexpr std::array<std::pair<Format, std::string_view>, 11> names = {{
    {Format::automatic, "auto"},
    {Format::jsonl, "jsonl"},
    {Format::text, "text"},
    {Format::html, "html"},
    {Format::trec, "trec"},
    {Format::reuters, "reuters"},
    {Format::feed, "feed"},
    {Format::wapo, "wapo"},
    {Format::nitf, "nitf"},
    {Format::newsml, "newsml"},
    {Format::warc, "warc"},
}};

/// XML formats told apart by the local name of their root element, wherever it sits after the
/// declaration, comments and a DOCTYPE. An XML file whose root is not here goes on to the
/// checks below, and is read as plain text when none of them matches.
constexpr std::pair<std::string_view, Format> xml_roots[] = {
    {"rss", Format::feed},
    {"RDF", Format::feed},
    {"feed", Format::feed},
    {"nitf", Format::nitf},
    {"newsItem", Format::newsml},
    {"packageItem", Format::newsml},
    {"newsMessage", Format::newsml},
    {"conceptItem", Format::newsml},
    {"knowledgeItem", Format::newsml},
};

bool ends_with_ci(std::string_view text, std::string_view suffix) {
    if (text.size() < suffix.size()) return false;
    return to_lower(text.substr(text.size() - suffix.size())) == suffix;
}

std::string_view strip_gz(std::string_view path) {
    if (ends_with_ci(path, ".gz")) path.remove_suffix(3);
    return path;
}

/// What the first bytes say, if anything.
Format sniff(std::string_view head) {
    // Before the markup checks below: NITF has <head> and <body> too, NewsML-G2 inline XHTML;
    // feeds, NITF and NewsML-G2 are all usually .xml.
    if (const auto root = xml::root_element_name(head.substr(0, 4096)); !root.empty())
        for (const auto& [name, format] : xml_roots)
            if (xml::local_part(root) == name) return format;
    auto start = head.substr(0, 4096);
    if (start.substr(0, 3) == "\xEF\xBB\xBF") start.remove_prefix(3);
    if (head.starts_with("WARC/1.")) return Format::warc;
    start = trim(start);
    if (!start.empty() && start.front() == '{')
        return looks_like_wapo_record(start) ? Format::wapo : Format::jsonl;
    if (head.find("<REUTERS") != std::string_view::npos) return Format::reuters;
    if (head.find("<DOC>") != std::string_view::npos || head.find("<DOC ") != std::string_view::npos)
        return Format::trec;
    const auto lowered = to_lower(start.substr(0, 1024));
    if (lowered.starts_with("<!doctype html") || lowered.starts_with("<html") ||
        lowered.find("<head") != std::string::npos || lowered.find("<body") != std::string::npos)
        return Format::html;
    return Format::automatic;
}

}  // namespace

std::vector<std::string_view> format_names() {
    std::vector<std::string_view> valid;
    for (const auto& entry : names) valid.push_back(entry.second);
    return valid;
}

Format parse_format_name(std::string_view name) {
    for (const auto& [format, text] : names)
        if (text == name) return format;
    throw UsageError(
        fmt::format("unknown format '{}' (choose from: {})", name, fmt::join(format_names(), ", ")));
}

std::string_view format_name(Format format) noexcept {
    for (const auto& [f, text] : names)
        if (f == format) return text;
    return "?";
}

Format detect_format(std::string_view path, std::string_view head) {
    const auto base = strip_gz(path);
    const auto by_content = sniff(head);
    if (ends_with_ci(base, ".jsonl") || ends_with_ci(base, ".ndjson") || ends_with_ci(base, ".json") ||
        ends_with_ci(base, ".jl"))
        return by_content == Format::wapo ? Format::wapo : Format::jsonl;
    if (ends_with_ci(base, ".rss") || ends_with_ci(base, ".atom")) return Format::feed;
    if (ends_with_ci(base, ".html") || ends_with_ci(base, ".htm") || ends_with_ci(base, ".xhtml"))
        return Format::html;
    if (ends_with_ci(base, ".trec")) return Format::trec;
    if (ends_with_ci(base, ".nitf")) return Format::nitf;
    if (ends_with_ci(base, ".warc")) return Format::warc;
    if (ends_with_ci(base, ".sgm") || ends_with_ci(base, ".sgml"))
        return by_content == Format::trec ? Format::trec : Format::reuters;
    if (ends_with_ci(base, ".txt") || ends_with_ci(base, ".text"))
        return by_content == Format::automatic || by_content == Format::jsonl ||
                       by_content == Format::wapo
                   ? Format::text
                   : by_content;
    if (by_content != Format::automatic) return by_content;
    return Format::text;
}

bool declares_own_encoding(Format format) noexcept {
    return format == Format::html || format == Format::feed || format == Format::nitf ||
           format == Format::newsml || format == Format::warc;
}

const FormatReader& reader_for(Format format) {
    static const auto jsonl = make_jsonl_reader();
    static const auto text = make_text_reader();
    static const auto html = make_html_reader();
    static const auto trec = make_trec_reader();
    static const auto reuters = make_reuters_reader();
    static const auto feed = make_feed_reader();
    static const auto wapo = make_wapo_reader();
    static const auto nitf = make_nitf_reader();
    static const auto newsml = make_newsml_reader();
    static const auto warc = make_warc_reader();
    switch (format) {
    case Format::jsonl: return *jsonl;
    case Format::text: return *text;
    case Format::html: return *html;
    case Format::trec: return *trec;
    case Format::reuters: return *reuters;
    case Format::feed: return *feed;
    case Format::wapo: return *wapo;
    case Format::nitf: return *nitf;
    case Format::newsml: return *newsml;
    case Format::warc: return *warc;
    case Format::automatic: break;
    }
    throw Error("reader_for() needs a concrete format");
}

std::vector<ParsedRecord> read_records(Format format, std::string_view content,
                                       const InputContext& ctx) {
    auto source = memory_byte_source(std::string{content});
    std::vector<ParsedRecord> records;
    reader_for(format).read(*source, ctx, [&](ParsedRecord&& record) {
        records.push_back(std::move(record));
        return true;
    });
    return records;
}

}  // namespace morgue::index

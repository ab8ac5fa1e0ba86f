// NITF's fields and body, read by local name: for NITF files and the NITF inside NewsML-G2.
#include "indexer/formats/nitf.hpp"

#include "common/date.hpp"
#include "common/text.hpp"
#include "indexer/formats/article_text.hpp"
#include "indexer/formats/sgml.hpp"
#include "indexer/formats/xml.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <initializer_list>
#include <optional>

namespace morgue::index::nitf {

namespace {

/// What identified-content elements name, besides places: each becomes a topic.
constexpr std::array<std::string_view, 7> topic_elements = {
    "classifier", "org", "person", "object.title", "event", "function", "virtloc"};

/// Body parts that are not running text: pictures with their captions, editors' notes.
const std::vector<std::string_view> not_body_text = {"media", "note"};

bool has_class(const pugi::xml_node& node, std::string_view name) {
    return xml::attribute(node, "class") == name;
}

/// The NYT Annotated Corpus's print byline ("By Jane Doe") rather than its normalized one
/// ("Doe, Jane"); otherwise the first byline.
pugi::xml_node choose_byline(const std::vector<pugi::xml_node>& bylines) {
    for (const auto& b : bylines)
        if (has_class(b, "print_byline")) return b;
    for (const auto& b : bylines)
        if (!has_class(b, "normalized_byline")) return b;
    return bylines.empty() ? pugi::xml_node{} : bylines.front();
}

int to_int(std::string_view text) {
    text = trim(text);
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc{} && end == text.data() + text.size() ? value : 0;
}

/// The NYT Annotated Corpus dates its articles only in head/meta: publication_year,
/// publication_month, publication_day_of_month.
std::optional<Date> meta_date(const pugi::xml_node& head) {
    int year = 0, month = 0, day = 0;
    for (const auto& meta : head.children()) {
        if (meta.type() != pugi::node_element || xml::local_name(meta) != "meta") continue;
        const auto name = xml::attribute(meta, "name");
        const auto value = to_int(xml::attribute(meta, "content"));
        if (name == "publication_year") year = value;
        if (name == "publication_month") month = value;
        if (name == "publication_day_of_month") day = value;
    }
    if (!is_valid_date(year, month, day)) return std::nullopt;
    return Date{year, month, day};
}

std::optional<Date> read_date(const pugi::xml_node& head, const pugi::xml_node& body_head) {
    const auto docdata = xml::child(head, "docdata");
    const auto story_date = xml::descendant(xml::descendant(body_head, "dateline"), "story.date");
    const std::string_view candidates[] = {
        xml::attribute(xml::child(head, "pubdata"), "date.publication"),
        xml::attribute(xml::child(docdata, "date.issue"), "norm"),
        xml::attribute(xml::child(docdata, "date.release"), "norm"),
    };
    for (const auto text : candidates)
        if (!trim(text).empty())
            if (auto date = parse_date(text)) return date;
    if (auto date = meta_date(head)) return date;
    for (const auto& text : {std::string{xml::attribute(story_date, "norm")}, xml::text(story_date)})
        if (!text.empty())
            if (auto date = parse_date(text)) return date;
    return std::nullopt;
}

std::string read_source(const pugi::xml_node& head, const pugi::xml_node& body_head) {
    const auto docdata = xml::child(head, "docdata");
    for (const auto value : {xml::attribute(xml::child(head, "pubdata"), "name"),
                             xml::attribute(xml::child(docdata, "doc-id"), "regsrc"),
                             xml::attribute(xml::child(docdata, "doc.copyright"), "holder")})
        if (auto source = collapse_whitespace(value); !source.empty()) return source;
    return xml::text(xml::descendant(body_head, "distributor"));
}

void read_labels(const pugi::xml_node& head, Article& article) {
    for (const auto& subject : xml::descendants(head, "tobject.subject")) {
        for (const auto attr : {"tobject.subject.matter", "tobject.subject.type",
                                "tobject.subject.detail"}) {
            if (const auto label = xml::attribute(subject, attr); !trim(label).empty()) {
                add_label(article.topics, label);
                break;
            }
        }
    }
    for (const auto& content : xml::descendants(head, "identified-content")) {
        for (const auto& item : content.children()) {
            if (item.type() != pugi::node_element) continue;
            const auto name = xml::local_name(item);
            if (name == "location") {
                add_label(article.places, xml::text(item));
            } else if (std::find(topic_elements.begin(), topic_elements.end(), name) !=
                       topic_elements.end()) {
                // The NYT's taxonomic classifiers are paths ("Top/News/World") that repeat
                // its descriptors.
                if (name == "classifier" && xml::attribute(item, "type") == "taxonomic_classifier")
                    continue;
                add_label(article.topics, xml::text(item));
            }
        }
    }
    for (const auto& evloc : xml::descendants(head, "evloc")) {
        for (const auto attr : {"city", "county-dist", "state-prov", "iso-cc"})
            add_label(article.places, xml::attribute(evloc, attr));
        add_label(article.places, xml::text(evloc));
    }
}

/// A paragraph that is markup written out as text (NTB's "<div class=...></div><script ...>"
/// embed codes): never story text.
bool is_escaped_markup(std::string_view paragraph) {
    return paragraph.starts_with('<') && paragraph.ends_with('>');
}

/// The paragraphs of every body.content directly under `body` (one inside an editor's note in
/// body.head is not the story). The NYT's full_text block holds the whole story and its
/// lead_paragraph block repeats the start: when there is one, only full_text blocks are read.
std::vector<std::string> body_paragraphs(const pugi::xml_node& body) {
    std::vector<pugi::xml_node> contents, full_text;
    for (const auto& c : body.children()) {
        if (c.type() != pugi::node_element || xml::local_name(c) != "body.content") continue;
        contents.push_back(c);
        for (const auto& block : c.children())
            if (xml::local_name(block) == "block" && has_class(block, "full_text"))
                full_text.push_back(block);
    }
    std::vector<std::string> paragraphs;
    for (const auto& part : full_text.empty() ? contents : full_text)
        for (auto& p : xml::paragraphs(part, not_body_text))
            if (!is_escaped_markup(p)) paragraphs.push_back(std::move(p));
    return paragraphs;
}

/// `text` without a leading `word` and the space after it, compared without ASCII case.
std::string_view strip_word(std::string_view text, std::string_view word) {
    if (text.size() <= word.size() || text[word.size()] != ' ') return text;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != word[i]) return text;
    return trim(text.substr(word.size()));
}

/// `text` without any of `endings` (and spaces) at its end.
std::string_view strip_endings(std::string_view text, std::initializer_list<std::string_view> endings) {
    for (bool again = true; again;) {
        again = false;
        text = trim(text);
        for (const auto ending : endings) {
            if (text.ends_with(ending)) {
                text.remove_suffix(ending.size());
                again = true;
            }
        }
    }
    return text;
}

}  // namespace

void add_label(std::vector<std::string>& labels, std::string_view label) {
    if (labels.size() >= max_labels) return;
    auto clean = collapse_whitespace(label);
    if (clean.empty()) return;
    const auto key = to_lower(clean);
    for (const auto& existing : labels)
        if (to_lower(existing) == key) return;
    labels.push_back(std::move(clean));
}

std::string clean_byline(std::string_view text) {
    const auto collapsed = collapse_whitespace(text);
    auto byline = strip_word(sgml::strip_by(collapsed), "von");
    return std::string{strip_endings(byline, {",", ";", ":", "-", "|"})};
}

std::string clean_dateline(std::string_view text) {
    const auto collapsed = collapse_whitespace(text);
    auto dateline = strip_endings(collapsed, {"-", "_", ",", ":", "\u2013", "\u2014"});
    // "ST. GEORGE, S.I., March 21": the day the story was filed is not part of the place.
    if (const auto comma = dateline.rfind(','); comma != std::string_view::npos) {
        const auto last = trim(dateline.substr(comma + 1));
        const bool has_digit = std::any_of(last.begin(), last.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c)) != 0;
        });
        if (has_digit && last.size() <= 16 && parse_date(std::string{last} + " 2000"))
            dateline = trim(dateline.substr(0, comma));
    }
    return std::string{dateline};
}

std::string text_without(const pugi::xml_node& node, const std::vector<std::string_view>& skip) {
    std::string out;
    for (const auto& part : xml::paragraphs(node, skip)) {
        if (!out.empty()) out += ' ';
        out += part;
    }
    return out;
}

Article read_article(const pugi::xml_node& nitf) {
    Article article;
    const auto head = xml::child(nitf, "head");
    const auto body = xml::child(nitf, "body");
    auto body_head = xml::child(body, "body.head");
    if (!body_head) body_head = body;

    article.title = xml::text(xml::descendant(body_head, "hl1"));
    if (article.title.empty()) article.title = xml::text(xml::child(head, "title"));

    article.byline = clean_byline(text_without(choose_byline(xml::descendants(body_head, "byline")),
                                               {"byttl"}));

    const auto dateline = xml::descendant(body_head, "dateline");
    article.dateline = clean_dateline(xml::text(xml::child(dateline, "location")));
    if (article.dateline.empty())
        article.dateline = clean_dateline(text_without(dateline, {"story.date"}));

    article.published = read_date(head, body_head);
    article.id = collapse_whitespace(
        xml::attribute(xml::child(xml::child(head, "docdata"), "doc-id"), "id-string"));
    article.source = read_source(head, body_head);
    read_labels(head, article);

    auto paragraphs = body_paragraphs(body);
    if (paragraphs.empty()) paragraphs = xml::paragraphs(xml::descendant(body_head, "abstract"));
    auto parts = assemble_article(paragraphs, article.title);
    article.body = std::move(parts.body);
    if (article.byline.empty()) article.byline = std::move(parts.byline);
    if (article.dateline.empty()) article.dateline = std::move(parts.dateline);
    if (!article.published) article.published = parts.published;
    return article;
}

}  // namespace morgue::index::nitf

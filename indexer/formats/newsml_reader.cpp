// NewsML-G2 reader: one article per text newsItem (alone, or in a newsMessage or packageItem's
// file), its body from the inline XHTML or NITF; pictures, video and packages passed over.
#include "common/text.hpp"
#include "indexer/formats/article_text.hpp"
#include "indexer/formats/nitf.hpp"
#include "indexer/formats/reader.hpp"
#include "indexer/formats/xml.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <climits>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace morgue::index {

namespace {

constexpr std::size_t max_raw_bytes = std::size_t{64} << 10;

/// XHTML parts that are not the story's text.
const std::vector<std::string_view> not_story_text = {"header", "script", "style", "nav",
                                                      "aside", "figure", "head"};

/// Where one item's text sits: the whole document, or a piece cut from a broken message.
struct ItemScope {
    std::string_view text;       ///< the UTF-8 text the item was parsed from
    std::size_t first_line = 1;  ///< line of `text`'s start in the file
    std::size_t index = 0;       ///< 1-based position among the file's items
    bool several = false;        ///< the file holds more than one item
    std::string sender;          ///< the message header's sender: the last fallback source
};

bool has_class_token(const pugi::xml_node& node, std::string_view token) {
    std::string_view classes = xml::attribute(node, "class");
    while (!classes.empty()) {
        const auto space = classes.find(' ');
        if (classes.substr(0, space) == token) return true;
        if (space == std::string_view::npos) break;
        classes.remove_prefix(space + 1);
    }
    return false;
}

std::vector<pugi::xml_node> children(const pugi::xml_node& node, std::string_view name) {
    std::vector<pugi::xml_node> found;
    for (const auto& c : node.children())
        if (c.type() == pugi::node_element && xml::local_name(c) == name) found.push_back(c);
    return found;
}

/// A party's name (provider, infoSource, copyrightHolder, creator): its `name` child, else its
/// `literal` attribute.
std::string party_name(const pugi::xml_node& party) {
    auto name = xml::text(xml::child(party, "name"));
    if (name.empty()) name = collapse_whitespace(xml::attribute(party, "literal"));
    return name;
}

/// The headline of the lowest rank, the first among equals; unranked ones after ranked ones.
std::string read_headline(const pugi::xml_node& content_meta) {
    pugi::xml_node best;
    long best_rank = LONG_MAX;
    for (const auto& headline : children(content_meta, "headline")) {
        const auto rank_text = trim(xml::attribute(headline, "rank"));
        long rank = LONG_MAX - 1;
        if (!rank_text.empty()) {
            long value = 0;
            const auto [end, error] =
                std::from_chars(rank_text.data(), rank_text.data() + rank_text.size(), value);
            if (error == std::errc{} && end == rank_text.data() + rank_text.size()) rank = value;
        }
        if (xml::text(headline).empty() || rank >= best_rank) continue;
        best = headline;
        best_rank = rank;
    }
    return xml::text(best);
}

/// Subjects as topics and, for geographic ones, places. A subject's name is the label; a
/// subject without one is its code ("medtop:20000350"), and so is one whose name only repeats
/// the code ("apcategorycode:f" named "f").
void read_subjects(const pugi::xml_node& content_meta, Article& article) {
    for (const auto& subject : children(content_meta, "subject")) {
        const auto qcode = collapse_whitespace(xml::attribute(subject, "qcode"));
        auto name = xml::text(xml::child(subject, "name"));
        const auto colon = qcode.find(':');
        if (!name.empty() && colon != std::string::npos && qcode.substr(colon + 1) == name)
            name.clear();
        if (xml::attribute(subject, "type") == "cpnat:geoArea") {
            nitf::add_label(article.places, name);
            continue;
        }
        if (name.empty()) name = qcode;
        if (name.empty()) name = collapse_whitespace(xml::attribute(subject, "literal"));
        nitf::add_label(article.topics, name);
    }
}

/// What inline XHTML says: the story's paragraphs (its `section.main` when it marks one, else
/// the whole body but its header), title and byline from the header.
Article read_xhtml(const pugi::xml_node& root) {
    Article article;
    const bool is_html = xml::local_name(root) == "html";
    auto body = is_html ? xml::child(root, "body") : root;
    if (!body) body = root;
    const auto header = xml::child(body, "header");
    article.title = xml::text(xml::descendant(header, "h1"));
    if (article.title.empty() && is_html)
        article.title = xml::text(xml::child(xml::child(root, "head"), "title"));

    std::string byline_text;
    for (const auto& p : xml::descendants(body, "p")) {
        if (has_class_token(p, "byline")) {
            byline_text = xml::text(p);
            break;
        }
    }
    article.byline = nitf::clean_byline(byline_text);

    std::vector<std::string> paragraphs;
    std::vector<pugi::xml_node> main;
    for (const auto& section : xml::descendants(body, "section"))
        if (has_class_token(section, "main")) main.push_back(section);
    if (main.empty()) main.push_back(body);
    for (const auto& part : main)
        for (auto& p : xml::paragraphs(part, not_story_text))
            if (p != byline_text) paragraphs.push_back(std::move(p));
    auto parts = assemble_article(paragraphs, article.title);
    article.body = std::move(parts.body);
    if (article.byline.empty()) article.byline = std::move(parts.byline);
    article.dateline = std::move(parts.dateline);
    return article;
}

/// The character data directly inside `node`, line breaks kept.
std::string raw_text(const pugi::xml_node& node) {
    std::string text;
    for (const auto& c : node.children())
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) text += c.value();
    return text;
}

/// Plain inline text: paragraphs at blank lines.
Article read_plain(std::string_view text) {
    std::vector<std::string> paragraphs;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto end = text.find("\n\n", pos);
        if (end == std::string_view::npos) end = text.size();
        paragraphs.emplace_back(text.substr(pos, end - pos));
        pos = end + 2;
    }
    auto parts = assemble_article(paragraphs, {});
    Article article;
    article.body = std::move(parts.body);
    article.dateline = std::move(parts.dateline);
    return article;
}

/// The item's inline content, whatever its @contenttype claims ("xhtml/xml" and
/// "application/xhtml+html" are in real feeds): an NITF document, XHTML, or plain text. The
/// first rendition that has text wins.
Article read_inline(const pugi::xml_node& content_set) {
    for (const auto& part : content_set.children()) {
        if (part.type() != pugi::node_element) continue;
        const auto name = xml::local_name(part);
        Article article;
        if (name == "inlineXML") {
            pugi::xml_node root;
            for (const auto& c : part.children())
                if (c.type() == pugi::node_element) {
                    root = c;
                    break;
                }
            if (root && xml::local_name(root) == "nitf")
                article = nitf::read_article(root);
            else
                article = read_xhtml(root ? root : part);
        } else if (name == "inlineData") {
            article = read_plain(raw_text(part));
        } else {
            continue;
        }
        if (!article.body.empty()) return article;
    }
    return {};
}

/// The kind a newsItem without inline text is counted under: "NewsML-G2 picture item".
std::string passed_over_kind(const pugi::xml_node& item_meta) {
    const std::string_view qcode = xml::attribute(xml::child(item_meta, "itemClass"), "qcode");
    const auto colon = qcode.find(':');
    const auto item_class = trim(colon == std::string_view::npos ? qcode : qcode.substr(colon + 1));
    if (item_class.empty()) return "NewsML-G2 item without text";
    if (item_class == "text") return "NewsML-G2 text item without inline text";
    return fmt::format("NewsML-G2 {} item", item_class);
}

ParsedRecord read_item(const pugi::xml_node& item, const ItemScope& scope, const InputContext& ctx) {
    const auto line = xml::line_of(item, scope.text);
    SourceLocation where{ctx.display_path, line == 0 ? 0 : scope.first_line + line - 1, {}};
    Article article;
    article.id = collapse_whitespace(xml::attribute(item, "guid"));
    if (article.id.empty())
        article.id = scope.several ? fmt::format("{}#{}", ctx.relative_id, scope.index) : ctx.relative_id;
    where.record = article.id;

    const auto name = xml::local_name(item);
    if (name == "packageItem") return PassedOver{where, "NewsML-G2 package without text"};
    if (name != "newsItem") return PassedOver{where, fmt::format("NewsML-G2 {}", name)};

    const auto item_meta = xml::child(item, "itemMeta");
    const auto content_meta = xml::child(item, "contentMeta");
    auto inline_article = read_inline(xml::child(item, "contentSet"));
    if (inline_article.body.empty()) return PassedOver{where, passed_over_kind(item_meta)};

    article.title = read_headline(content_meta);
    if (article.title.empty()) article.title = std::move(inline_article.title);

    for (const auto& by : children(content_meta, "by"))
        if (article.byline.empty()) article.byline = nitf::clean_byline(xml::text(by));
    if (article.byline.empty()) {
        std::vector<std::string> creators;
        for (const auto& creator : children(content_meta, "creator"))
            nitf::add_label(creators, xml::text(xml::child(creator, "name")));
        article.byline = join_names(creators);
    }
    if (article.byline.empty()) article.byline = std::move(inline_article.byline);

    const auto located = children(content_meta, "located");
    article.dateline = nitf::clean_dateline(xml::text(xml::child(content_meta, "dateline")));
    for (const auto& place : located) {
        const auto place_name = xml::text(xml::child(place, "name"));
        if (article.dateline.empty()) article.dateline = place_name;
        nitf::add_label(article.places, place_name);
    }
    if (article.dateline.empty()) article.dateline = std::move(inline_article.dateline);

    read_subjects(content_meta, article);
    for (auto& topic : inline_article.topics) nitf::add_label(article.topics, topic);
    for (auto& place : inline_article.places) nitf::add_label(article.places, place);

    for (const auto& date_text : {xml::text(xml::child(content_meta, "contentCreated")),
                                  xml::text(xml::child(item_meta, "firstCreated")),
                                  xml::text(xml::child(item_meta, "versionCreated"))}) {
        if (!article.published && !date_text.empty()) article.published = parse_date(date_text);
    }
    if (!article.published) article.published = inline_article.published;
    if (!article.published) article.published = ctx.fallback_date;

    article.source = party_name(xml::child(item_meta, "provider"));
    for (const auto& info : children(content_meta, "infoSource"))
        if (article.source.empty()) article.source = party_name(info);
    if (article.source.empty())
        article.source = party_name(xml::child(xml::child(item, "rightsInfo"), "copyrightHolder"));
    if (article.source.empty()) article.source = std::move(inline_article.source);
    if (article.source.empty()) article.source = scope.sender;

    article.body = std::move(inline_article.body);
    return article;
}

bool is_item_name(std::string_view name) {
    return name == "newsItem" || name == "packageItem" || name == "conceptItem" ||
           name == "knowledgeItem" || name == "planningItem";
}

/// A newsItem cut out of a message that is not well-formed as a whole.
struct Piece {
    std::size_t begin = 0;
    std::size_t end = 0;
};

bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.';
}

/// The newsItems of a broken message, found by their tags ("<newsItem", "<ns0:newsItem"):
/// each from its start tag to its end tag, or to the next item's start when its end is lost,
/// so that one damaged item does not swallow the next.
std::vector<Piece> find_items(std::string_view text) {
    constexpr std::string_view name = "newsItem";
    std::vector<std::size_t> starts, ends;
    for (auto at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
        const auto after = at + name.size();
        if (after >= text.size()) break;
        const char next = text[after];
        auto begin = at;
        if (begin > 0 && text[begin - 1] == ':') {
            --begin;
            while (begin > 0 && is_name_char(text[begin - 1])) --begin;
        }
        if (begin == 0 || text[begin - 1] != '<') {
            if (begin < 2 || text[begin - 1] != '/' || text[begin - 2] != '<' || next != '>') continue;
            ends.push_back(after + 1);
            continue;
        }
        if (next == '>' || next == '/' || next == ' ' || next == '\t' || next == '\n' || next == '\r')
            starts.push_back(begin - 1);
    }
    std::vector<Piece> pieces;
    for (std::size_t i = 0; i < starts.size(); ++i) {
        const auto limit = i + 1 < starts.size() ? starts[i + 1] : text.size();
        const auto end = std::upper_bound(ends.begin(), ends.end(), starts[i]);
        if (end != ends.end() && *end <= limit) {
            pieces.push_back({starts[i], *end});
            continue;
        }
        // Cut short: the damage is reported at the end of what the item holds.
        auto cut = limit;
        while (cut > starts[i] && std::isspace(static_cast<unsigned char>(text[cut - 1])) != 0) --cut;
        pieces.push_back({starts[i], cut});
    }
    return pieces;
}

class NewsmlReader : public FormatReader {
public:
    void read(ByteSource& in, const InputContext& ctx, const RecordSink& sink) const override {
        const auto content = read_all(in);
        const auto problem = [&](std::size_t line, std::string reason) {
            return sink(RecordProblem{{ctx.display_path, line, ctx.relative_id}, std::move(reason),
                                      content.substr(0, max_raw_bytes)});
        };
        auto decoded = xml::decode_document(content, ctx.charset);
        if (const auto* error = std::get_if<xml::ParseError>(&decoded)) {
            problem(error->line, error->reason);
            return;
        }
        const std::string_view text = std::get<std::string>(decoded);
        auto parsed = xml::parse_text(text);
        if (const auto* error = std::get_if<xml::ParseError>(&parsed)) {
            read_pieces(text, *error, ctx, sink, problem);
            return;
        }
        const auto root = std::get<0>(parsed)->document_element();
        const auto root_name = xml::local_name(root);
        if (is_item_name(root_name)) {
            sink(read_item(root, {text, 1, 1, false, {}}, ctx));
            return;
        }
        if (root_name != "newsMessage") {
            problem(1, fmt::format("not a NewsML-G2 document (root element <{}>)", root.name()));
            return;
        }
        ItemScope scope{text, 1, 0, false, xml::text(xml::child(xml::child(root, "header"), "sender"))};
        std::vector<pugi::xml_node> items;
        for (const auto& set : children(root, "itemSet"))
            for (const auto& item : set.children())
                if (item.type() == pugi::node_element) items.push_back(item);
        if (items.empty()) {
            sink(PassedOver{{ctx.display_path, 1, ctx.relative_id}, "NewsML-G2 message without items"});
            return;
        }
        scope.several = items.size() > 1;
        for (const auto& item : items) {
            ++scope.index;
            if (!sink(read_item(item, scope, ctx))) return;
        }
    }

private:
    /// A message that is not well-formed: each newsItem in it parsed on its own, so the good
    /// ones still go in. The damage is reported once: by the item it is in, else for the file.
    template <typename Problem>
    static void read_pieces(std::string_view text, const xml::ParseError& error,
                            const InputContext& ctx, const RecordSink& sink, const Problem& problem) {
        const auto pieces = find_items(text);
        bool reported = false;
        ItemScope scope{{}, 1, 0, pieces.size() > 1, {}};
        for (const auto& piece : pieces) {
            scope.text = text.substr(piece.begin, piece.end - piece.begin);
            scope.first_line = line_at(text, piece.begin);
            ++scope.index;
            auto parsed = xml::parse_text(scope.text);
            if (const auto* bad = std::get_if<xml::ParseError>(&parsed)) {
                reported = true;
                if (!problem(scope.first_line + bad->line - 1, bad->reason)) return;
                continue;
            }
            if (!sink(read_item(std::get<0>(parsed)->document_element(), scope, ctx))) return;
        }
        if (!reported) problem(error.line, error.reason);
    }
};

}  // namespace

std::unique_ptr<FormatReader> make_newsml_reader() { return std::make_unique<NewsmlReader>(); }

}  // namespace morgue::index

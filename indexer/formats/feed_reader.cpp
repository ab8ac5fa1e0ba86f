// RSS 2.0, RSS 1.0 and Atom feeds: one article per item or entry, read with pugixml.
#include "indexer/formats/reader.hpp"

#include "common/date.hpp"
#include "common/text.hpp"
#include "indexer/formats/article_text.hpp"
#include "indexer/formats/html/fragment_text.hpp"
#include "indexer/formats/html/page_meta.hpp"
#include "indexer/formats/xml.hpp"

#include <fmt/format.h>

#include <initializer_list>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace morgue::index {

namespace {

constexpr std::size_t max_raw_bytes = std::size_t{64} << 10;

/// Topics kept per item: feeds repeat their categories in several spellings.
constexpr std::size_t max_topics = 12;

/// How the text of an element is written. RSS says nothing, and its descriptions hold HTML
/// (escaped or in CDATA) far more often than plain text; Atom says it in `type`, default text.
enum class Markup { html, xhtml, text };

/// What the channel or feed says for all its items.
struct FeedInfo {
    std::string source;            ///< its title, else its link's host
    std::optional<Date> date;      ///< its pubDate, lastBuildDate or updated
    std::string byline;            ///< Atom: the feed's authors, which entries inherit
};

Markup markup_of(const pugi::xml_node& node, Markup otherwise) {
    const auto type = to_lower(trim(xml::attribute(node, "type")));
    if (type == "html" || type == "text/html") return Markup::html;
    if (type == "xhtml" || type == "application/xhtml+xml") return Markup::xhtml;
    if (type == "text" || type == "text/plain") return Markup::text;
    return otherwise;
}

/// The markup inside `node` as HTML source: character data as the XML parser decoded it
/// (escaped HTML becomes markup again), child elements (XHTML, or HTML a feed left unescaped)
/// written back out.
std::string inner_markup(const pugi::xml_node& node) {
    std::string markup;
    std::ostringstream elements;
    for (const auto& c : node.children()) {
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
            markup += c.value();
        } else if (c.type() == pugi::node_element) {
            elements.str({});
            c.print(elements, "", pugi::format_raw);
            markup += elements.str();
        }
    }
    return markup;
}

/// Character data under `node` as written, line breaks kept.
void append_raw_text(const pugi::xml_node& node, std::string& out, int depth = 0) {
    if (depth > 64) return;
    for (const auto& c : node.children()) {
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
        else if (c.type() == pugi::node_element) append_raw_text(c, out, depth + 1);
    }
}

/// Plain text cut into paragraphs at blank lines.
std::vector<std::string> plain_paragraphs(std::string_view text) {
    std::vector<std::string> paragraphs;
    std::string pending;
    const auto flush = [&] {
        auto paragraph = collapse_whitespace(pending);
        if (!paragraph.empty()) paragraphs.push_back(std::move(paragraph));
        pending.clear();
    };
    while (!text.empty()) {
        const auto end = text.find('\n');
        const auto line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (trim(line).empty()) flush();
        else pending.append(line).push_back(' ');
    }
    flush();
    return paragraphs;
}

std::vector<std::string> paragraphs_of(const pugi::xml_node& node, Markup otherwise) {
    if (!node) return {};
    if (markup_of(node, otherwise) == Markup::text) {
        std::string text;
        append_raw_text(node, text);
        return plain_paragraphs(text);
    }
    return html::html_fragment_paragraphs(inner_markup(node));
}

/// The text of a one-line element (a title, a name) with any markup turned to text.
std::string line_of(const pugi::xml_node& node, Markup otherwise) {
    if (!node) return {};
    if (markup_of(node, otherwise) == Markup::text) return xml::text(node);
    return html::html_fragment_text(inner_markup(node));
}

/// The first date among the children `names` that parses.
std::optional<Date> first_date(const pugi::xml_node& node,
                               std::initializer_list<std::string_view> names) {
    for (const auto name : names)
        for (const auto& c : node.children())
            if (c.type() == pugi::node_element && xml::local_name(c) == name)
                if (auto date = parse_date(xml::text(c))) return date;
    return std::nullopt;
}

std::vector<pugi::xml_node> children_named(const pugi::xml_node& node, std::string_view name) {
    std::vector<pugi::xml_node> found;
    for (const auto& c : node.children())
        if (c.type() == pugi::node_element && xml::local_name(c) == name) found.push_back(c);
    return found;
}

bool is_web_address(std::string_view text) {
    return text.starts_with("http://") || text.starts_with("https://");
}

int hex_digit(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// "%3A" escapes of a URL query value decoded; anything else as written.
std::string percent_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
            hex_digit(text[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2])));
            i += 2;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

/// The article a redirect link points at: Google Alerts wraps every link in
/// "https://www.google.com/url?...&url=TARGET&...". Other links as they are.
std::string unwrap_redirect(std::string link) {
    for (const std::string_view prefix : {"https://www.google.com/url?", "http://www.google.com/url?"}) {
        if (!std::string_view{link}.starts_with(prefix)) continue;
        auto query = std::string_view{link}.substr(prefix.size());
        while (!query.empty()) {
            const auto end = query.find('&');
            const auto param = query.substr(0, end);
            query.remove_prefix(end == std::string_view::npos ? query.size() : end + 1);
            if (!param.starts_with("url=")) continue;
            auto target = percent_decode(param.substr(4));
            if (is_web_address(target)) return target;
        }
    }
    return link;
}

/// RSS's author is an e-mail address, often with the name after it: "jd@x.com (Jane Doe)".
std::string author_name(std::string text) {
    const auto open = text.find('(');
    const auto close = text.rfind(')');
    if (text.find('@') != std::string::npos && open != std::string::npos &&
        close != std::string::npos && open < close)
        return collapse_whitespace(std::string_view{text}.substr(open + 1, close - open - 1));
    return text;
}

/// Names joined with ", ", a "By " in front of them dropped.
void add_name(std::string& byline, std::string name) {
    if (auto names = parse_byline(name)) name = std::move(*names);
    if (name.empty()) return;
    if (!byline.empty()) byline += ", ";
    byline += name;
}

void add_topic(Article& article, std::string topic) {
    topic = collapse_whitespace(topic);
    if (topic.empty() || article.topics.size() >= max_topics) return;
    const auto lowered = to_lower(topic);
    for (const auto& known : article.topics)
        if (to_lower(known) == lowered) return;
    article.topics.push_back(std::move(topic));
}

/// The Atom link that names the entry's page: rel="alternate" (Atom's default), else the
/// first link with an address.
std::string atom_link(const pugi::xml_node& entry) {
    std::string first;
    for (const auto& link : children_named(entry, "link")) {
        const auto href = std::string{trim(xml::attribute(link, "href"))};
        if (href.empty()) continue;
        const auto rel = trim(xml::attribute(link, "rel"));
        if (rel.empty() || rel == "alternate") return href;
        if (first.empty()) first = href;
    }
    return first;
}

/// An RSS item's link: the text of <link>, or the href of an atom:link some feeds add.
std::string rss_link(const pugi::xml_node& item) {
    for (const auto& link : children_named(item, "link")) {
        if (auto text = xml::text(link); !text.empty()) return text;
        const auto rel = trim(xml::attribute(link, "rel"));
        if (const auto href = trim(xml::attribute(link, "href"));
            !href.empty() && (rel.empty() || rel == "alternate"))
            return std::string{href};
    }
    return {};
}

/// The parts an RSS item and an Atom entry both have, found by their own rules.
struct ItemText {
    Article article;                     ///< id, url, title, byline, topics, published so far
    std::vector<std::string> paragraphs;
};

ItemText read_rss_item(const pugi::xml_node& item) {
    ItemText item_text;
    auto& article = item_text.article;
    article.title = line_of(xml::child(item, "title"), Markup::html);

    const auto link = rss_link(item);
    const auto guid = xml::child(item, "guid");
    const auto guid_text = xml::text(guid);
    auto permalink = to_lower(trim(xml::attribute(guid, "isPermaLink")));
    if (permalink.empty()) permalink = to_lower(trim(xml::attribute(guid, "isPermalink")));
    if (!link.empty()) {
        article.id = article.url = unwrap_redirect(link);
    } else if (!guid_text.empty()) {
        article.id = guid_text;
        if (permalink != "false" && is_web_address(guid_text)) article.url = guid_text;
    } else if (const auto about = trim(xml::attribute(item, "about")); !about.empty()) {
        article.id = about;  // RSS 1.0 names each item by rdf:about
        if (is_web_address(about)) article.url = about;
    }

    article.published = first_date(item, {"pubDate", "date", "published", "updated"});
    for (const auto& creator : children_named(item, "creator")) add_name(article.byline, xml::text(creator));
    if (article.byline.empty())
        for (const auto& author : children_named(item, "author"))
            add_name(article.byline, author_name(xml::text(author)));
    for (const auto name : {"category", "subject"})
        for (const auto& category : children_named(item, name)) add_topic(article, xml::text(category));

    for (const auto name : {"encoded", "description"}) {
        item_text.paragraphs = paragraphs_of(xml::child(item, name), Markup::html);
        if (!item_text.paragraphs.empty()) break;
    }
    return item_text;
}

/// The names of an Atom element's <author> children, joined.
std::string atom_authors(const pugi::xml_node& node) {
    std::string byline;
    for (const auto& author : children_named(node, "author"))
        add_name(byline, xml::text(xml::child(author, "name")));
    return byline;
}

ItemText read_atom_entry(const pugi::xml_node& entry, const FeedInfo& feed) {
    ItemText item_text;
    auto& article = item_text.article;
    article.title = line_of(xml::child(entry, "title"), Markup::text);

    if (const auto link = atom_link(entry); !link.empty())
        article.id = article.url = unwrap_redirect(link);
    else
        article.id = xml::text(xml::child(entry, "id"));

    article.published = first_date(entry, {"published", "updated", "date"});
    article.byline = atom_authors(entry);
    if (article.byline.empty()) article.byline = feed.byline;
    for (const auto& category : children_named(entry, "category")) {
        auto label = collapse_whitespace(xml::attribute(category, "label"));
        add_topic(article, label.empty() ? std::string{xml::attribute(category, "term")} : label);
    }

    // Content given by reference (src=) has no text here; the summary stands in for it.
    if (const auto content = xml::child(entry, "content"); trim(xml::attribute(content, "src")).empty())
        item_text.paragraphs = paragraphs_of(content, Markup::text);
    if (item_text.paragraphs.empty())
        item_text.paragraphs = paragraphs_of(xml::child(entry, "summary"), Markup::text);
    return item_text;
}

class FeedReader : public FormatReader {
public:
    void read(ByteSource& in, const InputContext& ctx, const RecordSink& sink) const override {
        const auto bytes = read_all(in);
        const auto problem = [&](std::size_t line, std::string reason) {
            return RecordProblem{{ctx.display_path, line, ctx.relative_id}, std::move(reason),
                                 bytes.substr(0, max_raw_bytes)};
        };
        auto parsed = xml::parse_document(bytes, ctx.charset);
        if (auto* error = std::get_if<xml::ParseError>(&parsed)) {
            sink(problem(error->line, std::move(error->reason)));
            return;
        }
        const auto& doc = *std::get<std::unique_ptr<pugi::xml_document>>(parsed);
        const auto root = doc.document_element();
        const auto root_name = xml::local_name(root);

        std::vector<pugi::xml_node> items;
        FeedInfo feed;
        const bool atom = root_name == "feed";
        if (atom) {
            items = children_named(root, "entry");
            feed = feed_info(root, Markup::text);
            feed.date = first_date(root, {"updated", "date"});
            feed.byline = atom_authors(root);
        } else if (root_name == "rss" || root_name == "RDF") {
            // RSS 2.0 puts the items in the channel; RSS 1.0 beside it.
            const auto channel = xml::child(root, "channel");
            items = children_named(channel, "item");
            for (const auto& item : children_named(root, "item")) items.push_back(item);
            feed = feed_info(channel, Markup::html);
            feed.date = first_date(channel, {"pubDate", "lastBuildDate", "date"});
        } else {
            sink(problem(1, fmt::format("not an RSS or Atom feed: the root element is <{}>",
                                        std::string_view{root.name()}.substr(0, 100))));
            return;
        }
        if (items.empty()) {
            sink(PassedOver{{ctx.display_path, 0, ctx.relative_id}, "feed without items"});
            return;
        }

        std::size_t position = 0;
        for (const auto& item : items) {
            ++position;
            auto item_text = atom ? read_atom_entry(item, feed) : read_rss_item(item);
            if (!sink(finish(std::move(item_text), feed, position, ctx))) return;
        }
    }

private:
    static FeedInfo feed_info(const pugi::xml_node& channel, Markup title_markup) {
        FeedInfo feed;
        feed.source = line_of(xml::child(channel, "title"), title_markup);
        if (feed.source.empty()) {
            const auto link = xml::child(channel, "link");
            auto address = xml::text(link);
            if (address.empty()) address = std::string{trim(xml::attribute(link, "href"))};
            feed.source = html::host_of(address);
        }
        return feed;
    }

    static ParsedRecord finish(ItemText item_text, const FeedInfo& feed, std::size_t position,
                               const InputContext& ctx) {
        auto& article = item_text.article;
        // Without a link or guid, the item's place in the feed names it: stable as long as the
        // file is, so indexing it again replaces rather than duplicates.
        if (article.id.empty()) article.id = fmt::format("{}#{}", ctx.relative_id, position);
        auto parts = assemble_article(item_text.paragraphs, article.title);
        if (article.title.empty() && parts.body.empty())
            return PassedOver{{ctx.display_path, 0, article.id}, "feed item without text"};
        article.body = std::move(parts.body);
        article.dateline = std::move(parts.dateline);
        if (article.byline.empty()) article.byline = std::move(parts.byline);
        if (!article.published) article.published = parts.published;
        if (!article.published) article.published = feed.date;
        if (!article.published) article.published = ctx.fallback_date;
        article.source = feed.source;
        return std::move(article);
    }
};

}  // namespace

std::unique_ptr<FormatReader> make_feed_reader() { return std::make_unique<FeedReader>(); }

}  // namespace morgue::index

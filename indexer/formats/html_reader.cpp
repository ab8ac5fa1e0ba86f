// Reads one news article per HTML page: metadata from meta tags and JSON-LD, main text by
// container markup or paragraph density, page junk left out.
#include "common/text.hpp"
#include "indexer/formats/article_text.hpp"
#include "indexer/formats/reader.hpp"

#include <fmt/format.h>
#include <gumbo.h>
#include <simdjson.h>

#include <algorithm>
#include <map>
#include <set>
#include <span>
#include <unordered_map>

namespace morgue::index {

namespace {

constexpr std::size_t max_raw_bytes = 64 * 1024;
/// Paragraph text a container needs before it counts as the article.
constexpr std::size_t min_article_chars = 200;

std::string ascii_lower(std::string_view text) {
    std::string out{text};
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

/// The parsed tree, destroyed with the owner.
class GumboDocument {
public:
    explicit GumboDocument(std::string_view html)
        : m_output(gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size())) {}
    ~GumboDocument() { gumbo_destroy_output(&kGumboDefaultOptions, m_output); }
    GumboDocument(const GumboDocument&) = delete;
    GumboDocument& operator=(const GumboDocument&) = delete;

    const GumboNode* root() const { return m_output->root; }

private:
    GumboOutput* m_output;
};

bool is_element(const GumboNode* node) { return node->type == GUMBO_NODE_ELEMENT; }

/// Lower-case tag name, also for tags gumbo does not know ("amp-ad", "picture").
std::string tag_name(const GumboNode* node) {
    const auto& el = node->v.element;
    if (el.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(el.tag);
    GumboStringPiece piece = el.original_tag;
    gumbo_tag_from_original_text(&piece);
    return ascii_lower(std::string_view(piece.data, piece.length));
}

std::string_view attr(const GumboNode* node, const char* name) {
    if (!is_element(node)) return {};
    const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
    return a ? std::string_view(a->value) : std::string_view{};
}

bool has_attr(const GumboNode* node, const char* name) {
    return is_element(node) && gumbo_get_attribute(&node->v.element.attributes, name) != nullptr;
}

std::span<GumboNode* const> children(const GumboNode* node) {
    const GumboVector* v = nullptr;
    if (node->type == GUMBO_NODE_ELEMENT) v = &node->v.element.children;
    else if (node->type == GUMBO_NODE_DOCUMENT) v = &node->v.document.children;
    if (!v || v->length == 0) return {};
    return {reinterpret_cast<GumboNode* const*>(v->data), v->length};
}

bool is_text(const GumboNode* node) {
    return node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
           node->type == GUMBO_NODE_CDATA;
}

/// Elements whose content is never article text.
bool is_junk_tag(const GumboNode* node) {
    static const std::set<std::string, std::less<>> tags = {
        "script", "style",  "noscript", "nav",    "aside",    "footer",   "header",
        "form",   "button", "iframe",   "svg",    "figure",   "figcaption", "select",
        "textarea", "input", "template", "object", "embed",   "canvas",   "video",
        "audio",  "picture", "img",     "menu",   "dialog",   "label",    "math",
        "head",   "title",  "link",     "meta",   "source"};
    const auto name = tag_name(node);
    return tags.contains(name) || name.starts_with("amp-");
}

bool is_hidden(const GumboNode* node) {
    if (has_attr(node, "hidden")) return true;
    if (ascii_lower(attr(node, "aria-hidden")) == "true") return true;
    std::string style;
    for (const char c : ascii_lower(attr(node, "style")))
        if (c != ' ') style.push_back(c);
    return contains(style, "display:none") || contains(style, "visibility:hidden");
}

/// class and id, lower-cased, as one string for hint matching.
std::string class_and_id(const GumboNode* node) {
    return ascii_lower(fmt::format("{} {}", attr(node, "class"), attr(node, "id")));
}

/// Words of class/id names: "article-body__share js_social" -> article body share js social.
std::vector<std::string> hint_tokens(std::string_view hints) {
    std::vector<std::string> tokens;
    std::string token;
    for (const char c : hints) {
        if (c == ' ' || c == '-' || c == '_') {
            if (!token.empty()) tokens.push_back(std::move(token));
            token.clear();
        } else {
            token.push_back(c);
        }
    }
    if (!token.empty()) tokens.push_back(std::move(token));
    return tokens;
}

/// Class or id names of page furniture, and roles that mark it.
bool has_negative_hint(const GumboNode* node) {
    const auto role = ascii_lower(attr(node, "role"));
    if (role == "navigation" || role == "complementary" || role == "banner" ||
        role == "contentinfo" || role == "dialog" || role == "search" || role == "alertdialog")
        return true;
    const auto hints = class_and_id(node);
    if (trim(hints).empty()) return false;
    static constexpr std::string_view parts[] = {
        "comment", "related", "newsletter", "cookie", "promo", "social", "share", "sharing",
        "sidebar", "footer", "subscribe", "popup", "modal", "banner", "breadcrumb", "outbrain",
        "taboola", "recirc", "popular", "trending", "sponsor", "advert", "byline", "caption",
        "credit", "signup", "sign-up", "disqus", "pagination", "author-bio", "readmore",
        "read-more", "more-stories", "recommend", "skip", "toolbar", "widget", "sr-only",
        "visually-hidden", "screen-reader", "gdpr", "consent", "masthead", "dateline-meta",
        "tag-list", "taglist", "keywords", "timestamp", "paid-content", "partner", "teaser",
        "login", "paywall-prompt", "inline-cta", "cta-"};
    for (const auto part : parts)
        if (contains(hints, part)) return true;
    static const std::set<std::string, std::less<>> tokens = {
        "ad", "ads", "adv", "adslot", "dfp", "gpt", "nav", "menu", "header", "hidden", "meta",
        "tools", "print", "tags", "topics", "author", "bio", "rail", "aside", "overlay",
        "date", "time", "published", "updated", "headline", "kicker", "crumbs"};
    for (const auto& token : hint_tokens(hints))
        if (tokens.contains(token)) return true;
    return false;
}

/// Class or id names of article containers.
bool has_positive_hint(std::string_view hints) {
    static constexpr std::string_view parts[] = {"article", "body", "content", "entry", "main",
                                                 "post", "story", "text", "blog"};
    for (const auto part : parts)
        if (contains(hints, part)) return true;
    return false;
}

/// Containers that typical news markup gives the article body.
bool has_body_class(const GumboNode* node) {
    const auto hints = ascii_lower(attr(node, "class"));
    static constexpr std::string_view names[] = {
        "article-body", "articlebody", "article__body", "story-body", "storybody", "story__body",
        "entry-content", "post-content", "post-body", "post__content", "article-content",
        "article__content", "story-content", "article-text", "story-text", "body-text",
        "content-body", "body-copy", "article-copy", "rich-text", "td-post-content",
        "liveblog-body", "live-blog-body"};
    for (const auto name : names)
        if (contains(hints, name)) return true;
    return false;
}

bool is_block(std::string_view name) {
    static const std::set<std::string, std::less<>> blocks = {
        "p",     "div",  "br",   "li",      "ul",      "ol",     "dl",      "dd",   "dt",
        "h1",    "h2",   "h3",   "h4",      "h5",      "h6",     "blockquote", "section",
        "article", "main", "table", "tr",   "td",      "th",     "pre",     "hr",   "address",
        "center", "details", "summary", "tbody", "thead", "body", "html"};
    return blocks.contains(name);
}

/// All text under `node`, whitespace collapsed, scripts and styles left out.
void append_text(const GumboNode* node, std::string& out) {
    if (is_text(node)) {
        out += node->v.text.text;
        return;
    }
    if (!is_element(node)) return;
    const auto name = tag_name(node);
    if (name == "script" || name == "style" || name == "noscript" || name == "template") return;
    if (is_block(name)) out += ' ';
    for (const auto* child : children(node)) append_text(child, out);
    if (is_block(name)) out += ' ';
}

std::string text_of(const GumboNode* node) {
    std::string out;
    append_text(node, out);
    return collapse_whitespace(out);
}

void collect_elements(const GumboNode* node, std::vector<const GumboNode*>& out) {
    if (!is_element(node) && node->type != GUMBO_NODE_DOCUMENT) return;
    if (is_element(node)) out.push_back(node);
    for (const auto* child : children(node)) collect_elements(child, out);
}

bool is_inside(const GumboNode* node, const GumboNode* ancestor) {
    for (const auto* p = node; p; p = p->parent)
        if (p == ancestor) return true;
    return false;
}

// ---------------------------------------------------------------------------------------
// JSON-LD

/// What the page's JSON-LD says about the article.
struct LinkedData {
    std::string headline;
    std::string date_published;
    std::string author;
    std::string publisher;
    std::string section;
    std::string url;
    std::string body;
    std::string publisher_id;  ///< "@id" of a publisher given only by reference
};

std::string json_string_or_empty(simdjson::dom::element e) {
    std::string_view s;
    if (e.get(s) == simdjson::SUCCESS) return collapse_whitespace(s);
    return {};
}

/// A name from a string, a {"name": ...} object or a list of those, joined with " and ".
std::string json_names(simdjson::dom::element e) {
    if (auto s = json_string_or_empty(e); !s.empty()) return s;
    simdjson::dom::object obj;
    if (e.get(obj) == simdjson::SUCCESS) {
        simdjson::dom::element name;
        if (obj["name"].get(name) == simdjson::SUCCESS) return json_names(name);
        return {};
    }
    simdjson::dom::array arr;
    std::string out;
    if (e.get(arr) == simdjson::SUCCESS) {
        for (auto item : arr) {
            auto name = json_names(item);
            if (name.empty()) continue;
            if (!out.empty()) out += " and ";
            out += name;
        }
    }
    return out;
}

bool is_article_type(simdjson::dom::element type) {
    const auto check = [](std::string_view t) {
        return t.ends_with("Article") || t == "BlogPosting" || t == "LiveBlogPosting" ||
               t == "Report";
    };
    std::string_view s;
    if (type.get(s) == simdjson::SUCCESS) return check(s);
    simdjson::dom::array arr;
    if (type.get(arr) == simdjson::SUCCESS)
        for (auto item : arr)
            if (item.get(s) == simdjson::SUCCESS && check(s)) return true;
    return false;
}

void fill_linked_data(simdjson::dom::object obj, LinkedData& ld) {
    const auto take = [&](const char* key, std::string& field, bool names) {
        simdjson::dom::element e;
        if (!field.empty() || obj[key].get(e) != simdjson::SUCCESS) return;
        field = names ? json_names(e) : json_string_or_empty(e);
    };
    take("headline", ld.headline, false);
    take("datePublished", ld.date_published, false);
    take("dateCreated", ld.date_published, false);
    take("author", ld.author, true);
    take("creator", ld.author, true);
    take("publisher", ld.publisher, true);
    simdjson::dom::object publisher;
    std::string_view id;
    if (ld.publisher.empty() && ld.publisher_id.empty() &&
        obj["publisher"].get(publisher) == simdjson::SUCCESS &&
        publisher["@id"].get(id) == simdjson::SUCCESS)
        ld.publisher_id = std::string{id};
    take("articleSection", ld.section, false);
    take("url", ld.url, false);
    simdjson::dom::element body;
    if (ld.body.empty() && obj["articleBody"].get(body) == simdjson::SUCCESS) {
        std::string_view s;
        if (body.get(s) == simdjson::SUCCESS) ld.body = std::string{s};
    }
}

/// Walks JSON-LD (objects, lists, @graph) and fills `ld` from article objects first.
void scan_linked_data(simdjson::dom::element e, LinkedData& ld, LinkedData& other,
                      std::map<std::string, std::string>& names, int depth) {
    if (depth > 6) return;
    simdjson::dom::array arr;
    if (e.get(arr) == simdjson::SUCCESS) {
        for (auto item : arr) scan_linked_data(item, ld, other, names, depth + 1);
        return;
    }
    simdjson::dom::object obj;
    if (e.get(obj) != simdjson::SUCCESS) return;
    std::string_view id;
    simdjson::dom::element name;
    if (obj["@id"].get(id) == simdjson::SUCCESS && obj["name"].get(name) == simdjson::SUCCESS)
        names.emplace(std::string{id}, json_string_or_empty(name));
    simdjson::dom::element graph;
    if (obj["@graph"].get(graph) == simdjson::SUCCESS)
        scan_linked_data(graph, ld, other, names, depth + 1);
    simdjson::dom::element type;
    const bool article = obj["@type"].get(type) == simdjson::SUCCESS && is_article_type(type);
    fill_linked_data(obj, article ? ld : other);
    simdjson::dom::element main_entity;
    if (obj["mainEntity"].get(main_entity) == simdjson::SUCCESS)
        scan_linked_data(main_entity, ld, other, names, depth + 1);
}

LinkedData read_linked_data(const std::vector<std::string>& scripts) {
    LinkedData ld;
    LinkedData other;
    std::map<std::string, std::string> names;  // "@id" -> name, for references
    simdjson::dom::parser parser;
    for (const auto& script : scripts) {
        // Raw line breaks inside strings are common in scraped JSON-LD and not legal JSON.
        std::string cleaned = script;
        for (auto& c : cleaned)
            if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        simdjson::dom::element root;
        if (parser.parse(simdjson::padded_string(cleaned)).get(root) != simdjson::SUCCESS) continue;
        scan_linked_data(root, ld, other, names, 0);
    }
    if (ld.publisher.empty() && !ld.publisher_id.empty())
        if (const auto it = names.find(ld.publisher_id); it != names.end()) ld.publisher = it->second;
    const auto fallback = [](std::string& field, const std::string& alt) {
        if (field.empty()) field = alt;
    };
    fallback(ld.headline, other.headline);
    fallback(ld.date_published, other.date_published);
    fallback(ld.author, other.author);
    fallback(ld.publisher, other.publisher);
    return ld;
}

// ---------------------------------------------------------------------------------------
// Page metadata

struct PageMeta {
    std::map<std::string, std::string, std::less<>> meta;  ///< property/name/itemprop -> content
    std::vector<std::string> tags;                          ///< article:tag values
    std::string title_element;
    std::string canonical;
    std::string charset;
    std::vector<std::string> json_ld;
};

PageMeta read_page_meta(const std::vector<const GumboNode*>& elements) {
    PageMeta page;
    for (const auto* el : elements) {
        const auto name = tag_name(el);
        if (name == "meta") {
            if (auto cs = attr(el, "charset"); !cs.empty()) page.charset = ascii_lower(trim(cs));
            const auto content = collapse_whitespace(attr(el, "content"));
            if (ascii_lower(attr(el, "http-equiv")) == "content-type") {
                const auto lower = ascii_lower(content);
                if (const auto at = lower.find("charset="); at != std::string::npos)
                    page.charset = std::string{trim(std::string_view(lower).substr(at + 8))};
            }
            if (content.empty()) continue;
            for (const char* key_attr : {"property", "name", "itemprop"}) {
                const auto key = ascii_lower(trim(attr(el, key_attr)));
                if (key.empty()) continue;
                if (key == "article:tag") page.tags.push_back(content);
                page.meta.emplace(key, content);
            }
        } else if (name == "title" && page.title_element.empty()) {
            page.title_element = text_of(el);
        } else if (name == "link") {
            const auto rel = ascii_lower(attr(el, "rel"));
            if (rel == "canonical" && page.canonical.empty())
                page.canonical = std::string{trim(attr(el, "href"))};
        } else if (name == "script" && contains(ascii_lower(attr(el, "type")), "ld+json")) {
            std::string json;
            for (const auto* child : children(el))
                if (is_text(child)) json += child->v.text.text;
            page.json_ld.push_back(std::move(json));
        }
    }
    return page;
}

std::string meta_value(const PageMeta& page, std::initializer_list<std::string_view> keys) {
    for (const auto key : keys)
        if (const auto it = page.meta.find(key); it != page.meta.end() && !it->second.empty())
            return it->second;
    return {};
}

/// "www.example.com" -> "example.com" for "https://www.example.com/a/b".
std::string host_of(std::string_view url) {
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return {};
    auto host = url.substr(scheme + 3);
    host = host.substr(0, host.find_first_of("/?#:"));
    if (host.starts_with("www.")) host.remove_prefix(4);
    return ascii_lower(host);
}

/// The " | Site Name" part of a page title, if it has one ("" otherwise).
std::string site_suffix(std::string_view title);

/// Cuts a trailing " | Site Name" / " - Site Name"; `only_if` limits it to that site name.
std::string strip_site_suffix(std::string_view title, std::string_view only_if) {
    static constexpr std::string_view separators[] = {" | ", " - ", " \u2014 ", " \u2013 ",
                                                      " :: ", " \u00b7 ", " \u2022 "};
    std::size_t best = std::string_view::npos;
    std::size_t sep_len = 0;
    for (const auto sep : separators) {
        const auto at = title.rfind(sep);
        if (at != std::string_view::npos && (best == std::string_view::npos || at > best)) {
            best = at;
            sep_len = sep.size();
        }
    }
    if (best == std::string_view::npos || best == 0) return std::string{title};
    const auto head = trim(title.substr(0, best));
    const auto tail = trim(title.substr(best + sep_len));
    if (!only_if.empty()) {
        if (to_lower(tail) == to_lower(only_if)) return std::string{head};
        return std::string{title};
    }
    const auto words = [](std::string_view s) {
        return static_cast<std::size_t>(std::count(s.begin(), s.end(), ' ')) + 1;
    };
    if (words(tail) <= 5 && words(head) >= 3) return strip_site_suffix(head, {});
    return std::string{title};
}

std::string site_suffix(std::string_view title) {
    const auto head = strip_site_suffix(title, {});
    if (head.size() >= title.size()) return {};
    auto tail = title.substr(head.size());
    // Drop the separator itself.
    const auto space = tail.find(' ', 1);
    return space == std::string_view::npos ? std::string{} : std::string{trim(tail.substr(space))};
}

// ---------------------------------------------------------------------------------------
// Main text

/// A paragraph of extracted text and how much of it sits in links.
struct Paragraph {
    std::string text;
    std::size_t link_chars = 0;
};

/// Walks the chosen containers and cuts their text into paragraphs at block boundaries.
class TextCollector {
public:
    explicit TextCollector(std::size_t container_chars) : m_container_chars(container_chars) {}

    void walk(const GumboNode* node, bool in_link) {
        if (is_text(node)) {
            m_current.text += node->v.text.text;
            if (in_link) m_current.link_chars += trim(node->v.text.text).size();
            return;
        }
        if (!is_element(node)) return;
        const auto name = tag_name(node);
        // The headline is the title, not body text.
        // Entry timestamps of live blogs ("02.15 BST") are not text; times inside sentences are.
        const bool bare_time = name == "time" && node->parent && is_element(node->parent) &&
                               is_block(tag_name(node->parent));
        if (is_junk_tag(node) || is_hidden(node) || name == "h1" || bare_time) {
            if (is_block(name) || name == "header" || name == "figure" || name == "aside") flush();
            return;
        }
        if (has_negative_hint(node) && attr(node, "itemprop") != "articleBody") {
            // A furniture-named wrapper holding most of the text is the article after all.
            if (text_of(node).size() * 2 < m_container_chars) {
                flush();
                return;
            }
        }
        const bool block = is_block(name);
        if (block) flush();
        const bool link = in_link || name == "a";
        for (const auto* child : children(node)) walk(child, link);
        if (block) flush();
    }

    std::vector<std::string> paragraphs() {
        flush();
        return std::move(m_paragraphs);
    }

private:
    void flush() {
        auto text = collapse_whitespace(m_current.text);
        const auto links = m_current.link_chars;
        m_current = {};
        if (text.empty()) return;
        // Lists of links (related stories, tag lists) are navigation, not text.
        if (text.size() < 300 && links * 10 > text.size() * 6) return;
        m_paragraphs.push_back(std::move(text));
    }

    std::size_t m_container_chars;
    Paragraph m_current;
    std::vector<std::string> m_paragraphs;
};

/// Length of paragraph-like text under a container, not counting furniture.
std::size_t paragraph_chars(const GumboNode* node) {
    if (is_text(node)) return trim(node->v.text.text).size();
    if (!is_element(node) || is_junk_tag(node) || is_hidden(node)) return 0;
    std::size_t total = 0;
    for (const auto* child : children(node)) total += paragraph_chars(child);
    return total;
}

/// The topmost of `nodes`: those not inside another one of them.
std::vector<const GumboNode*> topmost(const std::vector<const GumboNode*>& nodes) {
    std::vector<const GumboNode*> out;
    for (const auto* node : nodes) {
        const bool nested = std::any_of(nodes.begin(), nodes.end(), [&](const GumboNode* other) {
            return other != node && is_inside(node, other);
        });
        if (!nested) out.push_back(node);
    }
    return out;
}

std::size_t total_chars(const std::vector<const GumboNode*>& nodes) {
    std::size_t total = 0;
    for (const auto* n : nodes) total += paragraph_chars(n);
    return total;
}

/// Readability-style scoring: each paragraph gives points (1, its commas, a point per 100
/// characters up to 3) to its parent and half to its grandparent; class/id hints add or take
/// 25; the score is scaled by the share of text outside links. Returns the best container and
/// those of its siblings that score near it (bodies split across divs with ads between).
std::vector<const GumboNode*> score_containers(const GumboNode* root) {
    std::unordered_map<const GumboNode*, double> scores;
    std::vector<const GumboNode*> order;
    const auto init = [&](const GumboNode* node) -> double& {
        auto [it, inserted] = scores.try_emplace(node, 0.0);
        if (inserted) {
            order.push_back(node);
            const auto name = tag_name(node);
            double base = 0;
            if (name == "div" || name == "article" || name == "section" || name == "main") base = 5;
            else if (name == "pre" || name == "td" || name == "blockquote") base = 3;
            else if (name == "ol" || name == "ul" || name == "li" || name == "dl" || name == "form")
                base = -3;
            else if (name.size() == 2 && name[0] == 'h') base = -5;
            const auto hints = class_and_id(node);
            if (has_negative_hint(node)) base -= 25;
            if (has_positive_hint(hints)) base += 25;
            it->second = base;
        }
        return it->second;
    };
    const auto visit = [&](const auto& self, const GumboNode* node) -> void {
        if (!is_element(node) || is_junk_tag(node) || is_hidden(node)) return;
        const auto name = tag_name(node);
        if (name != "body" && has_negative_hint(node) && !has_body_class(node) &&
            !has_positive_hint(class_and_id(node)))
            return;
        if (name == "p" || name == "pre" || name == "td" || name == "blockquote") {
            const auto text = text_of(node);
            if (text.size() >= 25 && node->parent && is_element(node->parent)) {
                const double points = 1.0 + static_cast<double>(std::count(text.begin(), text.end(), ',')) +
                                      std::min(static_cast<double>(text.size()) / 100.0, 3.0);
                init(node->parent) += points;
                if (const auto* gp = node->parent->parent; gp && is_element(gp)) init(gp) += points / 2;
            }
            return;
        }
        for (const auto* child : children(node)) self(self, child);
    };
    visit(visit, root);

    const GumboNode* best = nullptr;
    double best_score = 0;
    std::unordered_map<const GumboNode*, double> final_scores;
    for (const auto* node : order) {
        const auto text = text_of(node);
        std::vector<const GumboNode*> all;
        collect_elements(node, all);
        std::size_t link_chars = 0;
        for (const auto* el : all)
            if (tag_name(el) == "a") link_chars += text_of(el).size();
        const double density =
            text.empty() ? 1.0 : std::min(1.0, static_cast<double>(link_chars) / static_cast<double>(text.size()));
        const double score = scores[node] * (1.0 - density);
        final_scores[node] = score;
        if (!best || score > best_score) {
            best = node;
            best_score = score;
        }
    }
    if (!best) return {};
    std::vector<const GumboNode*> chosen;
    const double threshold = std::max(10.0, best_score * 0.2);
    if (best->parent && is_element(best->parent)) {
        for (const auto* sibling : children(best->parent)) {
            if (!is_element(sibling)) continue;
            if (sibling == best) {
                chosen.push_back(sibling);
                continue;
            }
            if (is_junk_tag(sibling) || is_hidden(sibling) || has_negative_hint(sibling)) continue;
            const auto it = final_scores.find(sibling);
            const bool scored = it != final_scores.end() && it->second >= threshold;
            const auto text = text_of(sibling);
            const bool paragraph = tag_name(sibling) == "p" && text.size() > 80;
            if (scored || paragraph) chosen.push_back(sibling);
        }
    } else {
        chosen.push_back(best);
    }
    return chosen;
}

/// The containers that hold the article text, by markup first, by scoring otherwise.
std::vector<const GumboNode*> find_containers(const std::vector<const GumboNode*>& elements,
                                              const GumboNode* root) {
    std::vector<const GumboNode*> by_itemprop;
    std::vector<const GumboNode*> by_class;
    std::vector<const GumboNode*> articles;
    std::vector<const GumboNode*> mains;
    for (const auto* el : elements) {
        if (is_hidden(el)) continue;
        const auto name = tag_name(el);
        if (attr(el, "itemprop") == "articleBody") by_itemprop.push_back(el);
        if (has_body_class(el) && !has_negative_hint(el) && !is_junk_tag(el)) by_class.push_back(el);
        if (name == "article") articles.push_back(el);
        if (name == "main" || ascii_lower(attr(el, "role")) == "main") mains.push_back(el);
    }
    // Short pages: the first candidate with any text, when none reaches the length.
    std::vector<const GumboNode*> fallback;
    const auto accept = [&](const std::vector<const GumboNode*>& nodes) {
        const auto chars = nodes.empty() ? 0 : total_chars(nodes);
        if (chars > 0 && fallback.empty()) fallback = nodes;
        return chars >= min_article_chars;
    };
    if (auto nodes = topmost(by_itemprop); accept(nodes)) return nodes;
    if (auto nodes = topmost(by_class); accept(nodes)) return nodes;
    if (auto tops = topmost(articles); !tops.empty()) {
        // Teaser cards are <article>s too: take the biggest, and its siblings of similar size
        // (live blogs give each entry its own <article>).
        const GumboNode* best = nullptr;
        std::size_t best_chars = 0;
        for (const auto* a : tops)
            if (const auto n = paragraph_chars(a); n > best_chars) {
                best = a;
                best_chars = n;
            }
        // best stays null when no <article> holds paragraph text: then none is chosen.
        std::vector<const GumboNode*> chosen;
        for (const auto* a : tops) {
            const auto n = paragraph_chars(a);
            if (a == best || (best && a->parent == best->parent && n >= 140 && n * 4 >= best_chars))
                chosen.push_back(a);
        }
        if (accept(chosen)) return chosen;
    }
    const GumboNode* scope = root;
    if (auto tops = topmost(mains); tops.size() == 1 && accept(tops)) scope = tops.front();
    if (auto nodes = score_containers(scope); accept(nodes)) return nodes;
    if (scope != root) return {scope};
    return fallback;
}

/// The article's <h1>: inside the containers' <article> if there is one, else the first.
std::string find_h1(const std::vector<const GumboNode*>& elements,
                    const std::vector<const GumboNode*>& containers) {
    const GumboNode* article = nullptr;
    for (const auto* c : containers)
        for (const auto* p = c; p && !article; p = p->parent)
            if (is_element(p) && tag_name(p) == "article") article = p;
    for (const auto* el : elements)
        if (tag_name(el) == "h1" && (!article || is_inside(el, article)))
            if (auto text = text_of(el); !text.empty()) return text;
    return {};
}

/// The publication date from <time datetime>, preferring one inside the article or its header.
std::string find_time(const std::vector<const GumboNode*>& elements,
                      const std::vector<const GumboNode*>& containers) {
    std::string first;
    for (const auto* el : elements) {
        if (tag_name(el) != "time") continue;
        auto value = std::string{trim(attr(el, "datetime"))};
        if (value.empty()) continue;
        const bool in_article = std::any_of(containers.begin(), containers.end(), [&](const GumboNode* c) {
            return is_inside(el, c) || (c->parent && is_inside(el, c->parent));
        });
        const bool in_header = [&] {
            for (const auto* p = el->parent; p; p = p->parent)
                if (is_element(p) && (tag_name(p) == "article" || tag_name(p) == "header"))
                    return true;
            return false;
        }();
        if (in_article || in_header || has_attr(el, "pubdate")) return value;
        if (first.empty()) first = value;
    }
    return first;
}

/// "By Jane Doe" -> "Jane Doe"; other short author texts as they are.
std::string clean_byline(std::string_view text) {
    auto line = collapse_whitespace(text);
    if (auto names = parse_byline(line)) return *names;
    if (ascii_lower(line).starts_with("by ")) line = std::string{trim(line.substr(3))};
    if (line.empty() || line.size() > 100 ||
        std::count(line.begin(), line.end(), ' ') > 10)
        return {};
    return line;
}

/// A byline from the markup: rel="author", itemprop="author", class names with byline/author.
std::string find_byline_element(const std::vector<const GumboNode*>& elements) {
    for (const auto* el : elements)
        if (ascii_lower(attr(el, "rel")) == "author" && tag_name(el) != "link")
            if (auto b = clean_byline(text_of(el)); !b.empty()) return b;
    for (const auto* el : elements) {
        if (!contains(ascii_lower(attr(el, "itemprop")), "author")) continue;
        std::vector<const GumboNode*> inner;
        collect_elements(el, inner);
        for (const auto* n : inner)
            if (attr(n, "itemprop") == "name") {
                auto value = attr(n, "content").empty() ? text_of(n) : collapse_whitespace(attr(n, "content"));
                if (auto b = clean_byline(value); !b.empty()) return b;
            }
        if (auto b = clean_byline(text_of(el)); !b.empty()) return b;
    }
    for (const auto* el : elements) {
        const auto hints = class_and_id(el);
        if (!contains(hints, "byline") && !contains(hints, "author")) continue;
        if (contains(hints, "bio") || contains(hints, "avatar") || contains(hints, "image") ||
            contains(hints, "photo"))
            continue;
        if (auto b = clean_byline(text_of(el)); !b.empty()) return b;
    }
    return {};
}

bool is_latin1_name(std::string_view charset) {
    static constexpr std::string_view names[] = {
        "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "windows-1252", "cp1252",
        "iso-8859-15", "us-ascii", "ascii", "x-cp1252", "iso_8859-1"};
    return std::find(std::begin(names), std::end(names), charset) != std::end(names);
}

class HtmlReader : public FormatReader {
public:
    void read(ByteSource& in, const InputContext& ctx, const RecordSink& sink) const override {
        auto content = read_all(in);
        const auto raw = content.substr(0, max_raw_bytes);
        SourceLocation where{ctx.display_path, 0, ctx.relative_id};
        if (std::string_view(content).starts_with("\xEF\xBB\xBF")) content.erase(0, 3);
        if (trim(content).empty()) {
            sink(RecordProblem{where, in.error().value_or("empty page"), raw});
            return;
        }
        if (const auto bad = find_invalid_utf8(content); bad != std::string::npos) {
            // Gumbo reads the bytes as UTF-8 (bad bytes become U+FFFD), enough to find the
            // declared charset; pages without one default to windows-1252 as browsers do.
            const GumboDocument probe(content);
            std::vector<const GumboNode*> elements;
            collect_elements(probe.root(), elements);
            const auto charset = read_page_meta(elements).charset;
            if (!charset.empty() && !is_latin1_name(charset)) {
                where.line = line_at(content, bad);
                sink(RecordProblem{where, fmt::format("invalid UTF-8 at byte {}", bad), raw});
                return;
            }
            content = latin1_to_utf8(content);
        }
        auto result = extract(content, ctx);
        if (auto* problem = std::get_if<RecordProblem>(&result)) {
            problem->where = where;
            problem->raw = raw;
        }
        sink(std::move(result));
    }

private:
    static ParsedRecord extract(const std::string& html, const InputContext& ctx) {
        const GumboDocument doc(html);
        std::vector<const GumboNode*> elements;
        collect_elements(doc.root(), elements);
        const auto page = read_page_meta(elements);
        const auto ld = read_linked_data(page.json_ld);
        const auto containers = find_containers(elements, doc.root());

        Article article;
        article.id = ctx.relative_id;
        article.url = page.canonical;
        if (article.url.empty()) article.url = meta_value(page, {"og:url"});
        if (article.url.empty()) article.url = ld.url;

        article.source = meta_value(page, {"og:site_name"});
        if (article.source.empty()) article.source = ld.publisher;
        if (article.source.empty()) article.source = host_of(article.url);

        const auto page_suffix = site_suffix(page.title_element);
        if (article.source.empty()) article.source = page_suffix;
        auto title = meta_value(page, {"og:title", "twitter:title"});
        if (!title.empty()) {
            // Social titles carry the site name too when the site says so everywhere.
            const auto suffix = site_suffix(title);
            if (!suffix.empty() && (suffix == page_suffix || to_lower(suffix) == to_lower(article.source) ||
                                    strip_site_suffix(title, {}) == ld.headline))
                title = strip_site_suffix(title, {});
        }
        if (title.empty()) title = ld.headline;
        if (title.empty()) title = find_h1(elements, containers);
        if (title.empty()) title = strip_site_suffix(page.title_element, {});
        article.title = collapse_whitespace(title);

        std::optional<Date> date;
        const auto try_date = [&](const std::string& text) {
            if (!date && !text.empty()) date = parse_date(text);
        };
        try_date(meta_value(page, {"article:published_time", "og:article:published_time",
                                   "og:published_time", "datepublished"}));
        for (const auto* el : elements)
            if (!date && attr(el, "itemprop") == "datePublished" && tag_name(el) != "meta") {
                auto value = std::string{attr(el, "datetime")};
                if (value.empty()) value = std::string{attr(el, "content")};
                if (value.empty()) value = text_of(el);
                try_date(value);
            }
        try_date(ld.date_published);
        try_date(find_time(elements, containers));
        try_date(meta_value(page, {"date", "pubdate", "publishdate", "publish-date", "dc.date",
                                   "dc.date.issued", "dcterms.date", "dcterms.created",
                                   "sailthru.date", "parsely-pub-date", "article.published",
                                   "original-publish-date", "created"}));

        auto byline = meta_value(page, {"author", "article:author", "byl", "parsely-author",
                                        "sailthru.author", "dc.creator"});
        if (contains(byline, "://") || contains(byline, "/") ||
            (!article.source.empty() && to_lower(byline) == to_lower(article.source)))
            byline.clear();
        if (byline.empty()) byline = ld.author;
        if (byline.empty()) byline = find_byline_element(elements);
        article.byline = clean_byline(byline);

        const auto add_topic = [&](std::string topic) {
            topic = collapse_whitespace(topic);
            if (topic.empty() || article.topics.size() >= 12) return;
            if (std::find(article.topics.begin(), article.topics.end(), topic) == article.topics.end())
                article.topics.push_back(std::move(topic));
        };
        add_topic(meta_value(page, {"article:section", "og:article:section"}));
        add_topic(ld.section);
        for (const auto& tag : page.tags) add_topic(tag);

        std::vector<std::string> paragraphs;
        for (const auto* container : containers) {
            TextCollector collector(paragraph_chars(container));
            collector.walk(container, false);
            for (auto& p : collector.paragraphs()) paragraphs.push_back(std::move(p));
        }
        auto parts = assemble_article(paragraphs, article.title);
        if (parts.body.empty() && !ld.body.empty()) {
            std::vector<std::string> ld_paragraphs;
            std::string_view rest = ld.body;
            while (!rest.empty()) {
                const auto end = rest.find('\n');
                ld_paragraphs.emplace_back(rest.substr(0, end));
                if (end == std::string_view::npos) break;
                rest.remove_prefix(end + 1);
            }
            parts = assemble_article(ld_paragraphs, article.title);
        }
        if (parts.body.empty()) return RecordProblem{{}, "no article text found", {}};

        article.body = std::move(parts.body);
        article.dateline = std::move(parts.dateline);
        if (article.byline.empty()) article.byline = std::move(parts.byline);
        if (!date) date = parts.published;
        article.published = date ? date : ctx.fallback_date;
        return article;
    }
};

}  // namespace

std::unique_ptr<FormatReader> make_html_reader() { return std::make_unique<HtmlReader>(); }

}  // namespace morgue::index

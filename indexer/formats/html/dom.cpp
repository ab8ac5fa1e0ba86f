// Gumbo tree helpers: tag names, attributes, children, the text under a node.
#include "indexer/formats/html/dom.hpp"

#include "common/text.hpp"

#include <set>

namespace morgue::index::html {

std::string ascii_lower(std::string_view text) {
    std::string out{text};
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

std::string comparison_key(std::string_view text) {
    auto out = to_lower(collapse_whitespace(text));
    static constexpr std::pair<std::string_view, std::string_view> quotes[] = {
        {"\u2018", "'"}, {"\u2019", "'"}, {"\u201c", "\""}, {"\u201d", "\""}, {"\u00a0", " "}};
    for (const auto& [from, to] : quotes)
        for (auto at = out.find(from); at != std::string::npos; at = out.find(from, at + to.size()))
            out.replace(at, from.size(), to);
    return out;
}

bool is_element(const GumboNode* node) { return node->type == GUMBO_NODE_ELEMENT; }

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

bool is_block(std::string_view name) {
    static const std::set<std::string, std::less<>> blocks = {
        "p",     "div",  "br",   "li",      "ul",      "ol",     "dl",      "dd",   "dt",
        "h1",    "h2",   "h3",   "h4",      "h5",      "h6",     "blockquote", "section",
        "article", "main", "table", "tr",   "td",      "th",     "pre",     "hr",   "address",
        "center", "details", "summary", "tbody", "thead", "body", "html"};
    return blocks.contains(name);
}

namespace {

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

}  // namespace

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

}  // namespace morgue::index::html

// HTML fragments through the page reader's text path: gumbo's tree, then its paragraph walk.
#include "indexer/formats/html/fragment_text.hpp"

#include "common/text.hpp"
#include "indexer/formats/html/dom.hpp"
#include "indexer/formats/html/paragraphs.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <string>
#include <vector>

namespace morgue::index::html {

namespace {

/// Deeper nesting than this is no real markup: gumbo's tree and the walks over it recurse once
/// per level, and a hostile fragment nested a hundred thousand deep would exhaust the stack.
constexpr std::size_t max_nesting = 512;

/// True when `html` nests its elements deeper than max_nesting, roughly as an HTML parser
/// would: a start tag opens an element, an end tag closes the innermost open one of its name
/// and those inside it, and a stray end tag closes nothing. Void elements, self-closed tags and
/// the elements a sibling closes (p, li, td...: often left open, never nested in themselves by
/// the parser) open none.
bool nests_too_deeply(std::string_view html) {
    static constexpr std::string_view flat_elements[] = {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option"};
    const auto is_flat = [](std::string_view name) {
        return std::find(std::begin(flat_elements), std::end(flat_elements), name) !=
               std::end(flat_elements);
    };
    std::vector<std::string> open;
    for (auto at = html.find('<'); at != std::string_view::npos; at = html.find('<', at + 1)) {
        const bool closing = at + 1 < html.size() && html[at + 1] == '/';
        auto end = at + (closing ? 2 : 1);
        const auto name_start = end;
        while (end < html.size() && std::isalnum(static_cast<unsigned char>(html[end]))) ++end;
        if (end == name_start) continue;  // "<!--", "< 5", "<?": not an element
        auto name = ascii_lower(html.substr(name_start, end - name_start));
        if (is_flat(name)) continue;
        if (closing) {
            const auto match = std::find(open.rbegin(), open.rend(), name);
            if (match != open.rend()) open.erase(std::prev(match.base()), open.end());
            continue;
        }
        const auto close = html.find('>', end);
        if (close != std::string_view::npos && close > end && html[close - 1] == '/') continue;
        open.push_back(std::move(name));
        // Stopping here also keeps the search for an end tag's element short.
        if (open.size() > max_nesting) return true;
    }
    return false;
}

/// `html` with every tag replaced by a space: the text of markup too deep to parse as a tree.
std::string without_tags(std::string_view html) {
    std::string text;
    text.reserve(html.size());
    bool in_tag = false;
    for (const char c : html) {
        if (c == '<') in_tag = true;
        else if (c == '>' && in_tag) in_tag = false, text += ' ';
        else if (!in_tag) text += c;
    }
    return text;
}

/// The fragment as gumbo may safely parse it: as it is, or its text when it nests too deeply.
std::string parseable(std::string_view fragment) {
    if (nests_too_deeply(fragment)) return without_tags(fragment);
    return std::string{fragment};
}

/// The <body> gumbo puts a fragment's content in; the <html> element if there is none.
const GumboNode* body_of(const GumboDocument& doc) {
    for (const auto* child : children(doc.root()))
        if (is_element(child) && child->v.element.tag == GUMBO_TAG_BODY) return child;
    return doc.root();
}

}  // namespace

std::vector<std::string> html_fragment_paragraphs(std::string_view fragment) {
    if (fragment.find_first_not_of(" \t\r\n") == std::string_view::npos) return {};
    // Gumbo's nodes point into the text they were parsed from: it must outlive the tree.
    const auto html = parseable(fragment);
    const GumboDocument doc(html);
    const auto* body = body_of(doc);
    TextCollector collector(paragraph_chars(body));
    collector.walk(body, false);
    return collector.paragraphs();
}

std::string html_fragment_text(std::string_view fragment) {
    // Text without markup or references needs no tree.
    if (fragment.find_first_of("<&") == std::string_view::npos) return collapse_whitespace(fragment);
    const auto html = parseable(fragment);
    const GumboDocument doc(html);
    return text_of(body_of(doc));
}

}  // namespace morgue::index::html

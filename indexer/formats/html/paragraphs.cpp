// Paragraphs of the chosen containers: block boundaries, furniture and link lists left out.
#include "indexer/formats/html/paragraphs.hpp"

#include "common/text.hpp"
#include "indexer/formats/html/dom.hpp"
#include "indexer/formats/html/element_hints.hpp"

namespace morgue::index::html {

void TextCollector::walk(const GumboNode* node, bool in_link) {
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

std::vector<std::string> TextCollector::paragraphs() {
    flush();
    return std::move(m_paragraphs);
}

void TextCollector::flush() {
    auto text = collapse_whitespace(m_current.text);
    const auto links = m_current.link_chars;
    m_current = {};
    if (text.empty()) return;
    // Lists of links (related stories, tag lists) are navigation, not text.
    if (text.size() < 300 && links * 10 > text.size() * 6) return;
    m_paragraphs.push_back(std::move(text));
}

std::size_t paragraph_chars(const GumboNode* node) {
    if (is_text(node)) return trim(node->v.text.text).size();
    if (!is_element(node) || is_junk_tag(node) || is_hidden(node)) return 0;
    std::size_t total = 0;
    for (const auto* child : children(node)) total += paragraph_chars(child);
    return total;
}

}  // namespace morgue::index::html

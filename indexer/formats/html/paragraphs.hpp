// Cutting the text of the article's containers into paragraphs, and measuring that text.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <string>
#include <vector>

namespace morgue::index::html {

/// A paragraph of extracted text and how much of it sits in links.
struct Paragraph {
    std::string text;
    std::size_t link_chars = 0;
};

/// Walks the chosen containers and cuts their text into paragraphs at block boundaries.
class TextCollector {
public:
    explicit TextCollector(std::size_t container_chars) : m_container_chars(container_chars) {}

    /// Adds the text under `node` to the current paragraph, closing paragraphs at block
    /// boundaries. Leaves out junk tags, hidden elements, the <h1>, bare live-blog times and
    /// furniture-named wrappers, unless a wrapper's text is at least half of `container_chars`
    /// (the paragraph_chars() of the whole container).
    void walk(const GumboNode* node, bool in_link);

    /// The paragraphs collected so far, the last one closed; link lists are left out.
    std::vector<std::string> paragraphs();

private:
    void flush();

    std::size_t m_container_chars;
    Paragraph m_current;
    std::vector<std::string> m_paragraphs;
};

/// Length of paragraph-like text under a container, not counting furniture.
std::size_t paragraph_chars(const GumboNode* node);

}  // namespace morgue::index::html

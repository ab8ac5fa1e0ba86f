// HTML fragments through the page reader's text path: gumbo's tree, then its paragraph walk.
#include "indexer/formats/html/fragment_text.hpp"

#include "common/text.hpp"
#include "indexer/formats/html/dom.hpp"
#include "indexer/formats/html/paragraphs.hpp"

namespace morgue::index::html {

namespace {

/// The <body> gumbo puts a fragment's content in; the <html> element if there is none.
const GumboNode* body_of(const GumboDocument& doc) {
    for (const auto* child : children(doc.root()))
        if (is_element(child) && child->v.element.tag == GUMBO_TAG_BODY) return child;
    return doc.root();
}

}  // namespace

std::vector<std::string> html_fragment_paragraphs(std::string_view fragment) {
    if (fragment.find_first_not_of(" \t\r\n") == std::string_view::npos) return {};
    const GumboDocument doc(fragment);
    const auto* body = body_of(doc);
    TextCollector collector(paragraph_chars(body));
    collector.walk(body, false);
    return collector.paragraphs();
}

std::string html_fragment_text(std::string_view fragment) {
    // Text without markup or references needs no tree.
    if (fragment.find_first_of("<&") == std::string_view::npos) return collapse_whitespace(fragment);
    const GumboDocument doc(fragment);
    return text_of(body_of(doc));
}

}  // namespace morgue::index::html

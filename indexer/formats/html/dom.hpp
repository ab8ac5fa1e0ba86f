// Walking gumbo's parse tree: the document, elements and their attributes, the text of a node.
#pragma once

#include <gumbo.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace morgue::index::html {

/// `text` with A-Z lower-cased; all other bytes as they are.
std::string ascii_lower(std::string_view text);

/// True when `part` occurs in `text`.
bool contains(std::string_view text, std::string_view part);

/// `text` in Unicode lower case, whitespace collapsed, curly quotes and no-break spaces
/// straightened: the form in which titles and names of a page are compared.
std::string comparison_key(std::string_view text);

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

/// True for element nodes.
bool is_element(const GumboNode* node);

/// Lower-case tag name, also for tags gumbo does not know ("amp-ad", "picture"). `node` must
/// be an element.
std::string tag_name(const GumboNode* node);

/// The value of attribute `name`; empty when it is missing or `node` is not an element.
std::string_view attr(const GumboNode* node, const char* name);

/// True when `node` is an element with attribute `name`, even an empty one.
bool has_attr(const GumboNode* node, const char* name);

/// The children of an element or of the document; none for other nodes.
std::span<GumboNode* const> children(const GumboNode* node);

/// True for text, whitespace and CDATA nodes.
bool is_text(const GumboNode* node);

/// True for tag names that break the flow of text (paragraphs, headings, lists, tables, ...).
bool is_block(std::string_view name);

/// All text under `node`, whitespace collapsed, scripts and styles left out; block elements
/// separate words.
std::string text_of(const GumboNode* node);

/// Appends `node`, if it is an element, and every element under it (also under a document
/// node) to `out`, in document order.
void collect_elements(const GumboNode* node, std::vector<const GumboNode*>& out);

/// True when `node` is `ancestor` or lies under it.
bool is_inside(const GumboNode* node, const GumboNode* ancestor);

}  // namespace morgue::index::html

// XML documents for the news-industry readers (NITF, NewsML-G2, feeds): parsed safely, walked
// by local name.
#pragma once

#include <pugixml.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace morgue::index::xml {

/// Why a document could not be parsed, and where.
struct ParseError {
    std::size_t line = 0;  ///< 1-based line of the input (conversion keeps the line breaks)
    std::string reason;    ///< "invalid ISO-8859-1 bytes at byte 812", "unclosed element <p>"...
};

/// Parses one XML document. The bytes' encoding comes from a byte-order mark, else the XML
/// declaration, else `fallback_charset` (a container's header or --encoding), else UTF-8; it
/// is converted to UTF-8 first. Only the five predefined and numeric character references are
/// decoded: a DTD is skipped, so its entities are never expanded (no billion laughs) and no
/// external resource is ever fetched.
std::variant<std::unique_ptr<pugi::xml_document>, ParseError> parse_document(
    std::string_view bytes, std::string_view fallback_charset = {});

/// The first step of parse_document alone: the bytes as UTF-8 text, by the same rules (a
/// byte-order mark, else the declaration, else `fallback_charset`, else UTF-8), line breaks
/// kept. For readers that need the text itself: to cut a message into items, to number lines.
std::variant<std::string, ParseError> decode_document(std::string_view bytes,
                                                      std::string_view fallback_charset = {});

/// The second step of parse_document alone: UTF-8 text (from decode_document) parsed, with the
/// same safety (no DTD, no entity expansion). Lines in a ParseError count from the text's start.
std::variant<std::unique_ptr<pugi::xml_document>, ParseError> parse_text(std::string_view utf8);

/// The 1-based line of `node`'s start tag in `utf8`, the text its document was parsed from by
/// parse_text; 0 when pugixml cannot tell.
std::size_t line_of(const pugi::xml_node& node, std::string_view utf8) noexcept;

/// The root element's name as written ("nitf", "ns0:newsMessage", "rdf:RDF"), read from the
/// first bytes of a document without parsing it: past a byte-order mark, the XML declaration,
/// comments, processing instructions, a DOCTYPE (internal subset included) and whitespace.
/// "" when the head does not start so (not XML, UTF-16, or cut before the root's start tag).
std::string root_element_name(std::string_view head);

/// The part of a qualified name after its prefix ("ns0:newsItem" -> "newsItem").
std::string_view local_part(std::string_view qualified) noexcept;

/// The name without its namespace prefix ("ns0:newsItem" -> "newsItem").
std::string_view local_name(const pugi::xml_node& node) noexcept;

/// The first child element with this local name; an empty node when there is none.
pugi::xml_node child(const pugi::xml_node& node, std::string_view name);

/// The first descendant element with this local name, in document order; empty when none.
pugi::xml_node descendant(const pugi::xml_node& node, std::string_view name);

/// Every descendant element with this local name, in document order.
std::vector<pugi::xml_node> descendants(const pugi::xml_node& node, std::string_view name);

/// An attribute's value by local name ("xml:lang" matches "lang"); "" when absent.
std::string_view attribute(const pugi::xml_node& node, std::string_view name);

/// All text inside `node` (character data and CDATA of every descendant), whitespace collapsed.
std::string text(const pugi::xml_node& node);

/// The text of `node` as paragraphs: each block element (p, h1-h6, hl2, li, blockquote, pre,
/// td, dd, media-caption...) one paragraph, text between blocks a paragraph of its own.
/// Elements named in `skip` (local names) are left out with everything inside them.
std::vector<std::string> paragraphs(const pugi::xml_node& node,
                                    const std::vector<std::string_view>& skip = {});

}  // namespace morgue::index::xml

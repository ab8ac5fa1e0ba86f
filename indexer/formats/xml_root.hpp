// The root element of an XML document from its first bytes, for format detection.
#pragma once

#include <string_view>

namespace morgue::index::xml {

/// The local name of the first element in `head` (the first bytes of a document): after a
/// byte-order mark, whitespace, the XML declaration, processing instructions, comments and a
/// DOCTYPE (internal subset included). "rss" for "<?xml ...?><rss version=...>", "RDF" for
/// "<rdf:RDF ...>". "" when `head` holds anything else first (text, HTML without a root
/// element, JSON) or ends before the first element's name does.
std::string_view root_local_name(std::string_view head) noexcept;

}  // namespace morgue::index::xml

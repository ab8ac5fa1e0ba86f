// A page's metadata (meta tags, <title>, canonical link, charset, JSON-LD scripts), and the
// site name as page titles and URLs carry it.
#pragma once

#include <gumbo.h>

#include <functional>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace morgue::index::html {

/// What a page says about itself outside its text.
struct PageMeta {
    std::map<std::string, std::string, std::less<>> meta;  ///< property/name/itemprop -> content
    std::vector<std::string> tags;                          ///< article:tag values
    std::string title_element;
    std::string canonical;
    std::string charset;
    std::vector<std::string> json_ld;
};

/// Reads the metadata of a page from all its `elements` (as collect_elements() gives them):
/// meta content (or value, when a page saver moved it there) by lower-cased property, name and
/// itemprop (the first of each key kept), the
/// article:tag values, the first <title>, the first canonical link, the charset of
/// <meta charset> or of a content-type http-equiv, and the text of each ld+json script.
PageMeta read_page_meta(const std::vector<const GumboNode*>& elements);

/// The first non-empty meta content among `keys` (lower-case), in the order given; "" if none.
std::string meta_value(const PageMeta& page, std::initializer_list<std::string_view> keys);

/// "www.example.com" -> "example.com" for "https://www.example.com/a/b".
std::string host_of(std::string_view url);

/// The words of a title: those between spaces, and for Chinese and Japanese, written without
/// spaces, one per two characters of a run of ideographs or kana ("消費増税の軽減" is 4).
std::size_t title_words(std::string_view title);

/// Cuts a trailing " | Site Name" / " - Site Name" / "｜Site Name"; `only_if` limits it to that
/// site name. Without `only_if`, only a suffix of five words or fewer after three or more.
std::string strip_site_suffix(std::string_view title, std::string_view only_if);

/// The " | Site Name" part of a page title, if it has one ("" otherwise).
std::string site_suffix(std::string_view title);

}  // namespace morgue::index::html

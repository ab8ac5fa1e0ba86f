// The headline, publication time and byline as the page's markup shows them (meta tags and
// JSON-LD are read elsewhere).
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>
#include <vector>

namespace morgue::index::html {

/// The article's <h1>: inside the containers' <article> if there is one, else the first.
/// "" when there is none with text.
std::string find_h1(const std::vector<const GumboNode*>& elements,
                    const std::vector<const GumboNode*>& containers);

/// The text of every <h1> of the page that has any, in document order.
std::vector<std::string> find_all_h1s(const std::vector<const GumboNode*>& elements);

/// The publication date from <time datetime>, preferring one inside the article or its header.
/// The attribute as written (trimmed); "" when no <time> has one.
std::string find_time(const std::vector<const GumboNode*>& elements,
                      const std::vector<const GumboNode*>& containers);

/// "By Jane Doe" -> "Jane Doe"; other short author texts as they are. "" for texts too long
/// to be a byline (over 100 bytes or 10 spaces).
std::string clean_byline(std::string_view text);

/// A byline from the markup: rel="author", itemprop="author", class names with byline/author.
/// "" when none is found.
std::string find_byline_element(const std::vector<const GumboNode*>& elements);

}  // namespace morgue::index::html

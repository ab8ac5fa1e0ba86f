// Finding the elements that hold the article text: by markup first, by scoring otherwise.
#pragma once

#include <gumbo.h>

#include <vector>

namespace morgue::index::html {

/// The containers that hold the article text, by markup first, by scoring otherwise.
/// `elements` are all elements under `root` (as collect_elements() gives them). Tried in
/// order: itemprop="articleBody", body class names, the biggest <article> with its siblings of
/// similar size, then scoring inside the only <main> (if it reaches the length, else inside
/// the whole page); the first that reaches 200 characters of paragraph text wins. Otherwise
/// that <main> itself, else the first of the candidates that has any text; empty when none has.
std::vector<const GumboNode*> find_containers(const std::vector<const GumboNode*>& elements,
                                              const GumboNode* root);

}  // namespace morgue::index::html

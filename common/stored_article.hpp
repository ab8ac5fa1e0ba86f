// The document data of each indexed article: enough to show a hit and make a snippet.
#pragma once

#include "common/article.hpp"

#include <string>
#include <string_view>

namespace morgue {

/// Serialises an article for Xapian::Document::set_data().
std::string encode_stored_article(const Article& article);

/// Reads back what encode_stored_article() wrote; throws Error on data of another layout.
Article decode_stored_article(std::string_view data);

}  // namespace morgue

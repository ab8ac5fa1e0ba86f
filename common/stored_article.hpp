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

/// The fields a hit shows, as views into the encoded data (which must outlive them).
struct StoredSummary {
    std::string_view id;
    std::string_view title;
    std::string_view published;  ///< "YYYYMMDD", or empty when undated
    std::string_view source;
    std::string_view body;       ///< empty unless asked for
};

/// Reads only what a hit shows from encode_stored_article() data, without copying; the body
/// too when `with_body`. Skips the other fields unread. Throws Error like
/// decode_stored_article().
StoredSummary decode_stored_summary(std::string_view data, bool with_body);

}  // namespace morgue

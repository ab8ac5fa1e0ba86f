// How the index keeps each article: enough to show a hit, make a snippet and print it whole.
#pragma once

#include "common/article.hpp"

#include <xapian.h>

#include <string>
#include <string_view>

namespace morgue {

/// An article in its stored form: the fields in the document data, the body apart in its own
/// value slot (schema::body_slot), compressed with zstd. Listing hits reads only the small
/// document data; Xapian would otherwise inflate every hit's whole body, which cost a fifth
/// of a search without snippets.
struct EncodedArticle {
    std::string data;  ///< for Xapian::Document::set_data()
    std::string body;  ///< for the body slot; empty when the body is
};

EncodedArticle encode_stored_article(const Article& article);

/// Reads back what encode_stored_article() wrote; throws Error on data of another layout or
/// damaged data.
Article decode_stored_article(std::string_view data, std::string_view body);

/// The body from its encoded form; throws Error like decode_stored_article().
std::string decode_stored_body(std::string_view body);

/// Puts `article` into `doc`: its data and its body slot.
void store_article(const Article& article, Xapian::Document& doc);

/// The article store_article() put into `doc`; throws Error like decode_stored_article().
Article load_article(const Xapian::Document& doc);

/// The fields a hit shows, as views into the encoded data (which must outlive them).
struct StoredSummary {
    std::string_view id;
    std::string_view title;
    std::string_view published;  ///< "YYYYMMDD", or empty when undated
    std::string_view source;
};

/// Reads only what a hit shows from encode_stored_article() data, without copying, and skips
/// the other fields unread. Throws Error like decode_stored_article().
StoredSummary decode_stored_summary(std::string_view data);

}  // namespace morgue

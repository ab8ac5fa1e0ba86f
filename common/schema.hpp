// The index schema: term prefixes, value slots and metadata keys both sides rely on.
#pragma once

#include <xapian.h>

#include <string_view>

namespace morgue::schema {

/// Bumped whenever what the indexer writes changes meaning; the searcher refuses other versions.
inline constexpr int version = 3;  ///< 2: the body stored apart, in body_slot; 3: CJK n-grams

// Term prefixes (Xapian conventions where one exists).
inline constexpr std::string_view id_prefix = "Q";        ///< unique id term, one per article
inline constexpr std::string_view title_prefix = "S";     ///< title words (positional, stemmed)
inline constexpr std::string_view source_prefix = "XS";   ///< boolean: normalised source
inline constexpr std::string_view topic_prefix = "K";     ///< boolean: normalised topic label
inline constexpr std::string_view place_prefix = "XP";    ///< boolean: place label or dateline part
inline constexpr std::string_view byline_prefix = "A";    ///< boolean: whole byline and each name
inline constexpr std::string_view year_prefix = "Y";      ///< boolean: "Y2016"
inline constexpr std::string_view month_prefix = "M";     ///< boolean: "M201612"
inline constexpr std::string_view day_prefix = "D";       ///< boolean: "D20161215"
inline constexpr std::string_view has_date_term = "XHASDATE";  ///< every dated article

// Value slots.
inline constexpr Xapian::valueno date_slot = 0;    ///< "YYYYMMDD"; empty when undated
inline constexpr Xapian::valueno source_slot = 1;  ///< normalised source, for facets
inline constexpr Xapian::valueno year_slot = 2;    ///< "YYYY", for facets
inline constexpr Xapian::valueno dupkey_slot = 3;  ///< hash of normalised title + lead, for collapse
inline constexpr Xapian::valueno body_slot = 4;    ///< the stored body (stored_article.hpp)

// Within-document frequency given to each title word in the unprefixed text, so title
// matches weigh more than body matches under BM25.
inline constexpr Xapian::termcount title_wdf = 2;

// Metadata keys.
inline constexpr std::string_view meta_schema_version = "morgue.schema_version";
inline constexpr std::string_view meta_language = "morgue.language";
inline constexpr std::string_view meta_phrase_mode = "morgue.phrase_mode";
inline constexpr std::string_view meta_created_by = "morgue.created_by";
inline constexpr std::string_view meta_shard_count = "morgue.shard_count";  ///< shards at creation
inline constexpr std::string_view meta_shard = "morgue.shard";  ///< this shard's number, from 0

}  // namespace morgue::schema

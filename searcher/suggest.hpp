// "Did you mean": a query with its misspelt words replaced by the index's spelling data.
#pragma once

#include "searcher/query/tree.hpp"

#include <xapian.h>

#include <string>
#include <string_view>

namespace morgue::search {

/// `text` (the query as typed, parsed into `tree`, built into `query`) with each word of the
/// article text (free words, phrases, title:) that is not in `db`, as written or stemmed,
/// replaced by the spelling suggestion for it; operators, fields, labels and quotes stay as
/// typed. Empty when no word changes. Cheap when every term of `query` is in the index.
/// Throws Xapian::Error.
std::string suggest_spelling(std::string_view text, const QueryNode& tree,
                             const Xapian::Query& query, const Xapian::Database& db,
                             const Xapian::Stem& stemmer);

}  // namespace morgue::search

// User query text -> QueryTree (Morgue's query syntax), and the front door text -> Xapian::Query.
#pragma once

#include "searcher/query/build.hpp"
#include "searcher/query/tree.hpp"

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

namespace morgue::search {

/// Parses Morgue's query syntax: words, "phrases", AND OR XOR NOT, AND NOT, ( ), +must,
/// -mustnot, NEAR NEAR/n ADJ ADJ/n, word*, field:value, field:"value", field:( … ), and
/// date:VALUE (YYYY, YYYY-MM, YYYY-MM-DD, FROM..TO, ..TO, FROM..). Operators count only in
/// upper case; lower-case and/or/not are words. Throws QueryError whose message names the
/// problem and its 1-based column: "unmatched '(' at column 14".
QueryNode parse_query_tree(std::string_view text);

/// "2016" -> "2016", "2016-12" -> "201612", "2016-12-15" (or "20161215") -> "20161215";
/// nullopt unless a real year, month or day in one of these forms.
std::optional<std::string> parse_date_bound(std::string_view text);

/// A query builder for `index` (its analysis settings; wildcards capped at
/// max_wildcard_expansion). With `collection_weights`, for shards of a local index matched
/// apart, its terms carry the collection's weights (CollectionStats), to be ranked with
/// CollectionBm25Weight; without, they are ranked with Xapian::BM25Weight over the index as one
/// database, which scores the same and spares phrases the AND that carries their weights.
QueryBuilder make_search_parser(const OpenIndex& index, bool collection_weights = false);

/// Parses and builds what the user typed. Throws QueryError (naming the query text) for empty
/// text, syntax errors (with their column), operator combinations Xapian cannot run, and a
/// query with no searchable words.
Xapian::Query parse_user_query(std::string_view text, QueryBuilder& builder);

/// As parse_user_query(), for text already parsed into `tree`.
Xapian::Query build_user_query(std::string_view text, const QueryNode& tree,
                               QueryBuilder& builder);

}  // namespace morgue::search

// User query text -> Xapian::Query: the one place that decides the query language's features.
#pragma once

#include "common/index_open.hpp"

#include <xapian.h>

#include <string_view>

namespace morgue::search {

/// Most words a wildcard may expand to; beyond it the query fails with a QueryError at run time.
inline constexpr Xapian::termcount max_wildcard_expansion = 500;

/// The QueryParser flags of Morgue's query language: "phrase", AND/OR/NOT/XOR and brackets,
/// +must/-mustnot, NOT-only queries, and trailing wildcards.
unsigned query_parser_flags() noexcept;

/// A QueryParser for `index`: make_query_parser() plus the wildcard expansion limit.
Xapian::QueryParser make_search_parser(const OpenIndex& index);

/// Parses what the user typed. Quotes and brackets must balance (Xapian would silently guess);
/// a query made only of -terms matches every article without them. Throws QueryError (naming
/// the query text) for empty text, unbalanced quotes or brackets, and anything the
/// QueryParser rejects.
Xapian::Query parse_user_query(std::string_view text, Xapian::QueryParser& parser);

/// Throws QueryError when `text` has an unmatched '"' or an unmatched '(' / ')' outside quotes.
void check_balance(std::string_view text);

/// True when some term of `query` carries relevance weight; false for pure filters
/// (`topic:cocoa`, `year:1987 NOT place:usa`, `-cocoa`), which have no meaningful ranking.
bool has_relevance(const Xapian::Query& query);

}  // namespace morgue::search

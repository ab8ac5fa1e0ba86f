// QueryTree: what the user's query means, before it becomes a Xapian::Query.
#pragma once

#include "common/fields.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace morgue::search {

enum class NodeKind {
    word,      ///< words as typed, analysed like article text ("Japan-Russia" is two words)
    phrase,    ///< "quoted words"
    wildcard,  ///< `text` is the prefix before the trailing '*'
    label,     ///< a boolean field's value (source, topic, place, byline, year, id)
    date,      ///< `from`..`to` as YYYY, YYYYMM or YYYYMMDD digits; empty = open end
    all,       ///< every article: the left side of a leading NOT
    group,     ///< items side by side: any of them (ranked), +must, -must-not, filters
    and_op,
    or_op,
    xor_op,
    and_not,
    near,  ///< unordered proximity of single words; `distance` = most positions apart
    adj,   ///< ordered proximity of single words
};

/// Sign of an item inside a group.
enum class Sign { none, must, must_not };

struct QueryNode {
    NodeKind kind = NodeKind::word;
    Field field = Field::text;
    Sign sign = Sign::none;
    std::string text;      ///< word, phrase, wildcard prefix or label value, as typed
    std::string from, to;  ///< date bounds
    unsigned distance = 0; ///< NEAR/ADJ window: positions apart (Xapian's NEAR/n)
    std::size_t column = 1;  ///< 1-based column (in characters) where the item starts
    std::vector<QueryNode> children;
};

/// A compact rendering for tests and debugging: `AND(word:cocoa, phrase:"a b")`.
std::string describe(const QueryNode& node);

}  // namespace morgue::search

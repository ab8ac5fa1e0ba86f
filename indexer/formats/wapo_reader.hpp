// How a TREC Washington Post record is told apart from other JSON Lines, for format detection.
#pragma once

#include <string_view>

namespace morgue::index {

/// True when the first line of `head` (the first bytes of an input) opens a TREC Washington
/// Post record: a JSON object whose top level has a "contents" array and an "article_url" or
/// "published_date" key. Only top-level keys count, and the line may be cut short by the
/// head's end as long as those keys come before it.
bool looks_like_wapo_record(std::string_view head) noexcept;

}  // namespace morgue::index

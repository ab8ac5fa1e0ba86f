// Merging an index's shards into one compacted database, swapped in atomically.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace morgue::index {

/// What compact_index() did.
struct CompactReport {
    std::size_t databases = 0;       ///< databases merged (shards, or 1)
    std::uint64_t documents = 0;
    std::uint64_t bytes_before = 0;  ///< the index directory before
    std::uint64_t bytes_after = 0;   ///< and after
};

/// The sibling directory a compaction builds in: "DIR.compact-tmp" beside `index_dir`.
std::string compact_temp_dir(const std::string& index_dir);

/// Merges the index at `index_dir` (one database, or the local shards its stub lists) into one
/// compacted database that replaces it, keeping its metadata (schema, analysis settings,
/// recorded as shard 0 of 1) and spelling data. Holds every shard's writer lock throughout
/// (waits for it when `wait_for_lock`). Builds in compact_temp_dir() (removing a leftover one
/// first), syncs it, then swaps it with `index_dir` in one rename (renameat2 RENAME_EXCHANGE;
/// where the file system cannot, two renames, see README) and removes the old index. Throws
/// IndexError naming the index when it is missing, locked, has remote shards, or cannot be
/// compacted or swapped.
CompactReport compact_index(const std::string& index_dir, bool wait_for_lock);

}  // namespace morgue::index

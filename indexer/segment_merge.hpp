// Merging a shard's sealed segments into the one database that takes the shard's place.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace morgue::index {

/// "seg-N": segment N of a shard built as segments (segment 0 holds its metadata and lock).
std::string segment_dir_name(std::uint32_t n);

/// Merges every segment the segment list of `shard_dir` names into one compacted database
/// (Database::compact, multipass, into SHARD.merge-tmp), checks it holds every article, syncs
/// it and swaps it into the shard directory's place (dir_swap.hpp). With `drop_copies`, an id
/// held by several segments keeps only the copy of the last one listed (what a run that died
/// between sealing a replacement and deleting the copy it replaced leaves). The caller holds
/// the shard's lock; the returned directory holds the retired segments (and that lock), to be
/// removed once the lock is closed. Throws IndexError naming the shard, leaving it as it was.
std::filesystem::path merge_segments(const std::string& shard_dir, bool drop_copies);

}  // namespace morgue::index

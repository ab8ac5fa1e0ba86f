// Merging a shard's sealed segments into the one database that takes the shard's place.
#pragma once

#include <cstdint>
#include <string>

namespace morgue::index {

/// "seg-N": segment N of a shard built as segments (segment 0 holds its metadata and lock).
std::string segment_dir_name(std::uint32_t n);

/// Merges every segment the segment list of `shard_dir` names into one compacted database
/// (Database::compact, multipass, into SHARD/merge-tmp), checks it holds every article and
/// syncs it, then makes the shard directory that database: its table files are moved in, then
/// its version file, one rename that turns the directory into a glass database (Xapian opens a
/// directory's `iamglass` before its stub); the segment list and the segments are removed
/// after. Done in place, so an index named `.` or a reader's current directory keeps working.
/// With `drop_copies`, an id held by several segments keeps only the copy of the last one
/// listed (what a run that died between sealing a replacement and deleting the copy it
/// replaced leaves). The caller holds the shard's lock (segment 0 open for writing) and closes
/// it afterwards. Throws IndexError naming the shard, leaving it searchable as it was.
void merge_segments(const std::string& shard_dir, bool drop_copies);

/// Removes what a shard built as segments leaves once it is one database (a merge that died
/// after the version file was moved in): the segment list, the segments and the merge
/// directory. No-op for a shard without a version file. Never throws.
void remove_merged_segments(const std::string& shard_dir) noexcept;

}  // namespace morgue::index

// Where an index keeps its shards: one database, or shard directories behind a stub file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace morgue {

/// The stub file of a sharded index. Xapian opens a directory holding a file of this name as
/// the databases it lists (`auto shard-0` ...), searched as one with combined statistics.
inline constexpr std::string_view stub_file_name = "XAPIANDB";

/// Glass's version file (Xapian 1.4's default backend): a directory holding it is a glass
/// database, opened as such even beside a stub file. Each commit writes a new one and renames
/// it into place.
inline constexpr std::string_view glass_version_file = "iamglass";

/// "shard-K": the directory of shard K inside a sharded index.
std::string shard_dir_name(std::size_t k);

/// The shard an article id belongs to among `count` shards: FNV-1a (64 bit) of the id's bytes
/// modulo `count`. Stable across runs, machines and thread counts, so re-indexing an id
/// replaces it in the shard that holds it. `count` must be at least 1.
std::size_t shard_for_id(std::string_view id, std::size_t count) noexcept;

/// One database a stub file names.
struct StubEntry {
    std::string kind;      ///< "auto", "glass", "remote", ...
    std::string location;  ///< a path made absolute against the stub's directory, or as written
};

/// The entries of `index_dir`'s stub file (blank and `#` lines skipped). Throws IndexError
/// naming the stub when it cannot be read or a line has no location.
std::vector<StubEntry> read_stub(const std::string& index_dir);

/// Writes a stub listing `auto shard-0` ... `auto shard-(count-1)`, atomically (a temporary
/// file renamed over the old one). Throws IndexError when it cannot be written.
void write_stub(const std::string& index_dir, std::size_t count);

/// True when `index_dir` holds a stub file listing shards (not a shard's segments).
bool has_stub(const std::string& index_dir);

/// The first line of a shard's segment list: the stub file of a shard being built as segments
/// (sealed databases, searched as one). Xapian opens it like any stub; this line tells it from
/// a list of shards.
inline constexpr std::string_view segment_stub_header = "# Morgue shard: sealed segments";

/// True when `shard_dir` holds a segment list (a shard being built, or left by a run that died)
/// and no glass database (which Xapian would open instead).
bool has_segment_stub(const std::string& shard_dir);

/// True when `dir` holds one shard's database: a glass database or a segment list.
bool holds_database(const std::string& dir);

/// Writes the segment list of the shard at `shard_dir`, `auto NAME` per name, atomically (a
/// temporary file renamed over the old one, so a reader sees the old list or the new one and
/// every rewrite changes the file's identity). Throws IndexError when it cannot be written.
void write_segment_stub(const std::string& shard_dir, const std::vector<std::string>& names);

}  // namespace morgue

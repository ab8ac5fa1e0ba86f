// The schema version and analysis settings stored in an index, written once and checked on open.
#pragma once

#include "common/analysis.hpp"

#include <xapian.h>

#include <cstddef>
#include <string>

namespace morgue {

/// Records schema::version and `cfg` in a new index, or checks them against an existing one:
/// throws IndexError (naming both values) when the index was built with another schema
/// version, language or phrase mode.
void write_or_check_index_meta(Xapian::WritableDatabase& db, const AnalysisConfig& cfg,
                               const std::string& path);

/// Records that `db` is shard `shard` of `count`, or checks it: throws IndexError naming
/// `path` when the shard recorded another count or number. An index from before shards were
/// recorded is taken as shard 0 of 1.
void write_or_check_shard_meta(Xapian::WritableDatabase& db, std::size_t shard, std::size_t count,
                               const std::string& path);

/// The shard count recorded in `db` (0 when none is).
std::size_t read_shard_count(const Xapian::Database& db);

/// The analysis settings stored in `db`. Throws IndexError naming `path` when the metadata is
/// missing (not a Morgue index) or of another schema version.
AnalysisConfig read_index_meta(const Xapian::Database& db, const std::string& path);

}  // namespace morgue

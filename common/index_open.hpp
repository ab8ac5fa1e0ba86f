// Opening an index for reading: one database, or its shards searched as one.
#pragma once

#include "common/analysis.hpp"

#include <xapian.h>

#include <ctime>
#include <optional>
#include <string>
#include <vector>

namespace morgue {

/// An index opened for searching, with the settings it was built with.
struct OpenIndex {
    Xapian::Database db;
    AnalysisConfig analysis;
    std::string location;  ///< as the user named it
    /// Each local database's version file, which a commit replaces; empty when some part of
    /// the index (a remote shard, another backend) has none, so commits cannot be seen there.
    std::vector<std::string> version_files;
};

/// What a commit changes: the identity (inode, size, change time) of every version file.
struct IndexStamp {
    struct File {
        unsigned long long inode = 0;
        long long size = 0;
        long long mtime_ns = 0;
        long long ctime_ns = 0;

        bool operator==(const File&) const = default;
    };
    std::vector<File> files;

    bool operator==(const IndexStamp&) const = default;
};

/// The current stamp of `index`, from a stat() per version file: two equal stamps mean nothing
/// was committed in between, so a reader need not reopen. nullopt when the index has no version
/// files or one cannot be read (then reopen to be safe). Never throws.
std::optional<IndexStamp> read_index_stamp(const OpenIndex& index);

/// Opens the index at `location` and checks its schema. A directory with a stub file (see
/// index_layout.hpp) opens as all its shards together, with statistics combined so rankings
/// equal one database's; each local shard's schema is checked. Throws IndexError naming the
/// location (or the shard) when it is missing, unreadable, not a Morgue index, of another
/// schema version, or its shards disagree.
OpenIndex open_index(const std::string& location);

}  // namespace morgue

// Opening an index for reading: one database, or its shards searched as one.
#pragma once

#include "common/analysis.hpp"

#include <xapian.h>

#include <string>

namespace morgue {

/// An index opened for searching, with the settings it was built with.
struct OpenIndex {
    Xapian::Database db;
    AnalysisConfig analysis;
    std::string location;  ///< as the user named it
};

/// Opens the index at `location` and checks its schema. A directory with a stub file (see
/// index_layout.hpp) opens as all its shards together, with statistics combined so rankings
/// equal one database's; each local shard's schema is checked. Throws IndexError naming the
/// location (or the shard) when it is missing, unreadable, not a Morgue index, of another
/// schema version, or its shards disagree.
OpenIndex open_index(const std::string& location);

}  // namespace morgue

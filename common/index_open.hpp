// Opening an index for reading: one database now, several shards as one later.
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

/// Opens the index at `location` and checks its schema. Throws IndexError naming the
/// location when it is missing, unreadable, not a Morgue index, or of another schema version.
OpenIndex open_index(const std::string& location);

}  // namespace morgue

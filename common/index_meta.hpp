// The schema version and analysis settings stored in an index, written once and checked on open.
#pragma once

#include "common/analysis.hpp"

#include <xapian.h>

#include <string>

namespace morgue {

/// Records schema::version and `cfg` in a new index, or checks them against an existing one:
/// throws IndexError (naming both values) when the index was built with another schema
/// version, language or phrase mode.
void write_or_check_index_meta(Xapian::WritableDatabase& db, const AnalysisConfig& cfg,
                               const std::string& path);

/// The analysis settings stored in `db`. Throws IndexError naming `path` when the metadata is
/// missing (not a Morgue index) or of another schema version.
AnalysisConfig read_index_meta(const Xapian::Database& db, const std::string& path);

}  // namespace morgue

// morgue-index's command line: options -> IndexOptions, and the run that wires ingest together.
#pragma once

#include "indexer/ingest.hpp"
#include "indexer/index_writer.hpp"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace morgue::index {

struct IndexOptions {
    WriterOptions writer;
    IngestOptions ingest;
    std::string stats_json_path;
    std::size_t jobs = 0;  ///< --jobs as given (0 = number of cores)
    bool compact = false;     ///< --compact: merge the index into one compacted database
    std::vector<std::string> delete_ids;  ///< --delete ID… and the lines of --delete-ids FILE
    bool deleting = false;                ///< --delete or --delete-ids was given
    bool quiet = false;
    bool show_help = false;
    bool show_version = false;
};

/// Parses argv (and MORGUE_INDEX). Throws UsageError with a one-line reason.
IndexOptions parse_command_line(int argc, const char* const* argv);

/// The --help text.
std::string usage_text();

/// Runs one indexing job: problems go to `err` as "morgue-index: FILE:LINE: error: WHAT", the
/// summary to `out`. Returns the process exit code (0 all in, 2 some input rejected, 130
/// interrupted). Throws IndexError when the index cannot be written.
int run(const IndexOptions& options, std::ostream& out, std::ostream& err);

}  // namespace morgue::index

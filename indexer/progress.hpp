// How an ingest run looks to the person who started it: progress line, summary, stats JSON.
#pragma once

#include "indexer/ingest.hpp"

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

namespace morgue::index {

/// Final figures of a run, as printed and as written by --stats-json.
struct RunStats {
    IngestReport report;
    std::uint64_t index_bytes = 0;
    std::uint64_t peak_rss_bytes = 0;
    std::string index_path;
};

/// "files 3/22  12,345 articles  4,100 articles/s  5.2 MB/s  ETA 0:03" (no newline).
std::string format_progress(const IngestProgress& progress);

/// "added 21578, replaced 0, skipped 0 in 8.21 s (2,628 articles/s, 3.07 MB/s); index 98.4 MB"
std::string format_summary(const RunStats& stats);

/// What the run passed over, a line each (none when nothing was): "passed over 9 files that
/// are not articles: raw/README.txt, raw/lewis.dtd, ... (name a file to read it)" and
/// "passed over 12 records that are not articles: 6 WARC request, 6 WARC metadata".
std::vector<std::string> format_passed_over(const IngestProgress& counts);

/// The same figures as one JSON object.
void write_stats_json(const RunStats& stats, std::ostream& out);

/// "2.5 MB": bytes in decimal megabytes, one decimal.
std::string megabytes(std::uint64_t bytes);

/// Peak resident set size of this process so far.
std::uint64_t peak_rss_bytes();

/// Redraws one progress line on a terminal at most a few times a second.
class ProgressLine {
public:
    explicit ProgressLine(std::ostream& out) : m_out(out) {}
    void update(const IngestProgress& progress);
    /// Erases the line (before an error message or the summary).
    void clear();

private:
    std::ostream& m_out;
    std::chrono::steady_clock::time_point m_last{};
    bool m_shown = false;
};

}  // namespace morgue::index

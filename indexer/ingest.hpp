// Walks the inputs, reads every record, writes the good ones and reports the bad ones.
#pragma once

#include "common/date.hpp"
#include "indexer/formats/reader.hpp"
#include "indexer/formats/registry.hpp"
#include "indexer/index_writer.hpp"

#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace morgue::index {

struct IngestOptions {
    std::vector<std::string> inputs;  ///< files, directories (walked recursively), "-" = stdin
    Format format = Format::automatic;
    bool strict = false;                  ///< stop at the first rejected record
    std::optional<Date> default_date;     ///< for articles with no date in record or path
    std::string rejects_path;             ///< where rejected raw records go ("" = nowhere)
    std::string encoding;  ///< of inputs that declare none (--encoding); "" = UTF-8, with the
                           ///< formats' own Latin-1 fallbacks
};

/// Counters as the run goes; the progress line and the final summary read them.
struct IngestProgress {
    std::size_t files_done = 0;
    std::size_t files_total = 0;
    std::uint64_t added = 0;
    std::uint64_t replaced = 0;
    std::uint64_t rejected = 0;
    std::map<std::string, std::uint64_t> passed_over;  ///< records that are not articles, by kind
    std::vector<std::string> files_passed_over;  ///< found by a walk, not articles (input order)
    std::uint64_t bytes_read = 0;    ///< of the input files as stored (compressed for .gz)
    std::uint64_t bytes_total = 0;   ///< 0 when unknown (stdin)
    std::uint64_t text_bytes = 0;    ///< decompressed input bytes read: what MB/s counts
    double seconds = 0;
};

struct IngestReport {
    IngestProgress counts;
    bool interrupted = false;        ///< stopped by a signal; everything read so far committed
    bool stopped_by_strict = false;
    std::uint64_t committed = 0;     ///< articles committed over the run
};

/// What ingest tells the outside world while it runs.
class IngestObserver {
public:
    virtual ~IngestObserver() = default;
    /// A rejected record or unreadable input, in input order.
    virtual void on_problem(const RecordProblem& problem) = 0;
    /// Called often (after each record); implementations rate-limit themselves.
    virtual void on_progress(const IngestProgress& progress) = 0;
};

struct InputFile {
    std::string path;          ///< to open
    std::string relative_id;   ///< relative to its input root, without .gz
    std::uint64_t size = 0;
    bool found_by_walk = false;  ///< in a directory given as input, not named on its own
};

/// What one input expands to.
struct InputListing {
    std::vector<InputFile> files;          ///< to read, in a stable order
    std::vector<std::string> passed_over;  ///< paths of files a walk found that are not articles
};

/// Expands one input into files in a stable order (directories sorted). A walk passes over
/// hidden entries and symlinked directories silently, and lists as passed over the files that
/// are not articles: notes and data beside an archive (README, LICENSE, *.md, *.tsv, *.dtd,
/// images, archives, scripts) and the plain-text files of a folder that holds SGML, TREC or
/// WARC collections and no other inputs (the word lists and notes published beside
/// Reuters-21578's .sgm files). A file named on its
/// own is always listed. Throws InputError for an input that does not exist.
InputListing list_input_files(const std::string& input);

/// True when the first bytes of a plain-text file are a list of words or codes, one a line
/// (a vocabulary, a category list), not an article.
bool looks_like_word_list(std::string_view head);

/// Runs the whole ingest. Stops early (committing what it has) when `stop` becomes true.
/// Throws IndexError when the index cannot be written; bad input never throws.
IngestReport ingest(const IngestOptions& options, IndexWriter& writer, IngestObserver& observer,
                    const std::atomic<bool>& stop);

}  // namespace morgue::index

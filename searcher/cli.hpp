// morgue-search's command line: options in, exit code out; all I/O through the given streams.
#pragma once

#include "common/index_open.hpp"
#include "searcher/engine.hpp"

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/variables_map.hpp>
#include <xapian.h>

#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace morgue::search {

/// What the process environment contributes to the options; read_environment() fills it,
/// tests make their own.
struct Environment {
    std::optional<std::string> index;  ///< MORGUE_INDEX
    bool no_color = false;             ///< NO_COLOR is set
    bool stdout_is_terminal = false;
    bool stdin_is_terminal = true;
};

/// The real environment: MORGUE_INDEX, NO_COLOR, isatty() of stdin and stdout.
Environment read_environment();

struct SearchOptions {
    /// --index values (or $MORGUE_INDEX): directories and tcp://HOST:PORT shards, searched as one.
    std::vector<std::string> indexes;
    OpenOptions open;  ///< --connect-timeout, --allow-partial
    EngineOptions engine;  ///< --parallel-shards
    std::string query;  ///< the QUERY words joined by spaces; empty in stats and batch mode
    Xapian::doccount limit = 10;
    bool limit_given = false;  ///< --limit was on the command line (eval depth defaults to 1000)
    Xapian::doccount offset = 0;
    SortOrder sort = SortOrder::relevance;
    std::vector<Facet> facets;
    bool collapse = true;
    bool snippets = true;
    Bm25Params bm25;
    Feedback feedback;
    Proximity proximity;
    bool stop_words = true;
    std::string date_from;     ///< --from, as parse_date_bound() gives it
    std::string date_to;       ///< --to, as parse_date_bound() gives it
    std::string like;          ///< --like ID
    std::string show;          ///< --show ID
    std::string trec_tag;      ///< --trec TAG: TREC run lines instead of text or JSON
    bool eval = false;         ///< --eval: score --topics against --qrels
    std::string topics;
    std::string qrels;
    std::string run_file;      ///< --run FILE: the eval's TREC run
    std::string compare_run;   ///< --compare-run FILE: another engine's run, scored beside ours
    bool per_query = false;
    std::string bench;         ///< --bench FILE: time the queries of FILE
    std::string bench_json;    ///< --bench with --json FILE: also write the report there
    int warmup = 1;            ///< --bench: untimed passes
    int repeat = 5;            ///< --bench: timed passes
    int threads = 1;           ///< --bench: concurrent searchers
    bool json = false;
    bool stats = false;
    bool batch = false;  ///< no query on the command line: one query per line on stdin
    bool prompt = false;    ///< no query and stdin is a terminal: the interactive prompt
    bool timeline = false;  ///< --timeline: matches per year above the results
    bool color = false;  ///< ANSI highlighting in text output
    bool help = false;
    bool version = false;
};

/// The options that name an index and how to open and search it (--index, --connect-timeout,
/// --allow-partial, --parallel-shards), for every program that searches one.
void add_index_options(boost::program_options::options_description& desc);

/// The locations and open options add_index_options() read; `env_index` stands in for a missing
/// --index. Throws UsageError (ending with `hint`) for no index, an empty or malformed location,
/// or a timeout out of range.
struct IndexChoice {
    std::vector<std::string> locations;
    OpenOptions open;
    EngineOptions engine;  ///< --parallel-shards
};
IndexChoice read_index_options(const boost::program_options::variables_map& vm,
                               const std::optional<std::string>& env_index, std::string_view hint);

/// morgue-search's options: the one table --help, Boost's parser and split_arguments read.
boost::program_options::options_description option_descriptions();

/// Separates argv[1..] into option tokens (with the value of each option that takes one, as
/// `desc` says) and query words, so "-cocoa" and "+must" stay query words; `--` ends the options.
/// With --bench, "--json FILE" becomes "--bench-json FILE".
void split_arguments(const boost::program_options::options_description& desc, int argc,
                     const char* const argv[], std::vector<std::string>& options,
                     std::vector<std::string>& words);

/// Parses argv. Words that start with '-' but are not options (`-cocoa`) are query words;
/// `--` ends the options. Throws UsageError (one line, with a hint) for unknown options, bad
/// values, a missing index, or no query while stdin is a terminal.
SearchOptions parse_command_line(int argc, const char* const argv[], const Environment& env);

/// The --help text.
std::string usage_text();

/// Runs what `options` ask for, writing results to `out` and per-query problems in batch mode
/// to `err`; returns the exit code. In one-shot mode throws QueryError for a bad query and
/// IndexError when the index cannot be opened or read. Batch mode reads `in`, skips blank and
/// '#' lines, reports each bad query on `err` and carries on, and returns the bad-query code if
/// any failed.
int run(const SearchOptions& options, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace morgue::search

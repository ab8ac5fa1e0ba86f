// Option parsing and the top-level indexing run.
#include "indexer/cli.hpp"

#include "common/error.hpp"
#include "common/exit_code.hpp"
#include "common/index_layout.hpp"
#include "common/remote_address.hpp"
#include "common/text.hpp"
#include "indexer/compact.hpp"
#include "indexer/formats/encoding.hpp"
#include "indexer/progress.hpp"

#include <boost/program_options.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <thread>

namespace morgue::index {

namespace po = boost::program_options;

namespace {

std::atomic<bool> interrupt_requested{false};

extern "C" void on_interrupt(int) { interrupt_requested = true; }

/// "input format: auto (detected from name and first bytes), jsonl, ..." from the format table.
const std::string& format_help() {
    static const std::string help = [] {
        std::vector<std::string> names;
        for (const auto name : format_names()) names.emplace_back(name);
        return "input format: " + join_names(names) + " (auto: told by the file's name and first bytes)";
    }();
    return help;
}

po::options_description option_table(IndexOptions& o, std::string& format, std::string& phrases,
                                     std::string& date) {
    po::options_description desc("Options");
    desc.add_options()
        ("index,i", po::value(&o.writer.path)->value_name("DIR"),
         "index directory (created if missing; default $MORGUE_INDEX)")
        ("format,f", po::value(&format)->default_value("auto")->value_name("NAME"),
         format_help().c_str())
        ("encoding", po::value(&o.ingest.encoding)->value_name("NAME"),
         "character encoding of inputs that declare none (ISO-8859-15, WINDOWS-1251, SHIFT_JIS, "
         "GB18030...; any iconv name): plain text, JSON Lines and SGML are converted from it, "
         "HTML and XML documents without a declared charset read as it (default UTF-8, with "
         "Windows-1252 for pages that are not UTF-8)")
        ("language", po::value(&o.writer.analysis.language)->default_value("english")->value_name("NAME"),
         "stemming language (any Snowball stemmer Xapian has, or none)")
        ("phrases", po::value(&phrases)->default_value("stemmed")->value_name("MODE"),
         "what phrase queries match: stemmed (faster, smaller) or exact (verbatim word forms)")
        ("date", po::value(&date)->value_name("YYYY-MM-DD"),
         "date for articles that have none in the record or path")
        ("jobs,j", po::value(&o.jobs)->value_name("N"),
         "shards of a new index, written in parallel (default: number of cores); an existing "
         "index keeps the shard count it was created with")
        ("memory-mb", po::value(&o.writer.memory_mb)->default_value(512)->value_name("MB"),
         "memory budget for buffered changes, all shards together; a batch is committed when it "
         "is reached")
        ("segment-articles", po::value(&o.writer.segment_articles)->default_value(o.writer.segment_articles)->value_name("N"),
         "a new shard is built as segments of at most N articles, each searchable once sealed, "
         "merged into one compacted database at the end of the run; 0 writes into it directly")
        ("strict", po::bool_switch(&o.ingest.strict), "stop at the first rejected record")
        ("rejects", po::value(&o.ingest.rejects_path)->value_name("FILE"),
         "append the raw text of rejected records to FILE")
        ("stats-json", po::value(&o.stats_json_path)->value_name("FILE"),
         "write the run's figures as JSON to FILE")
        ("no-spelling", "do not build spelling data (no \"did you mean\")")
        ("compact", po::bool_switch(&o.compact),
         "merge the index (its shards) into one compacted database, replaced atomically; "
         "takes no input paths")
        ("delete", po::value(&o.delete_ids)->multitoken()->value_name("ID"),
         "instead of indexing: delete the articles with these ids, in one commit; ids not found "
         "are named (exit 2)")
        ("delete-ids", po::value<std::string>()->value_name("FILE"),
         "delete the articles whose ids FILE lists, one a line (- for stdin)")
        ("wait-lock", po::bool_switch(&o.writer.wait_for_lock),
         "wait for another writer to finish instead of failing")
        ("quiet,q", po::bool_switch(&o.quiet), "no progress line")
        ("help,h", po::bool_switch(&o.show_help), "show this help")
        ("version", po::bool_switch(&o.show_version), "show the version");
    return desc;
}

/// Switches for measuring the indexer, not for everyday use: each turns one speed measure
/// off (or fixes the batch size), so a benchmark can show what it brings.
po::options_description measuring_table(IndexOptions& o) {
    po::options_description desc("Measuring (each turns one speed measure off, to see what it brings)");
    desc.add_options()
        ("batch-articles", po::value(&o.writer.batch_articles)->value_name("N"),
         "also commit every N articles, not only when --memory-mb is reached")
        ("no-stem-cache", "stem every word with Snowball (no cache of stems)")
        ("sync-commits", "fsync every batch commit, also while a new index is built")
        ("always-replace", "replace_document even into a new index, instead of add_document")
        ("unbatched-spelling", "add spelling words one occurrence at a time");
    return desc;
}

/// --delete: every id looked up in the shard that holds it, all deletions in one commit.
int run_delete(const IndexOptions& options, std::ostream& out, std::ostream& err) {
    if (!has_stub(options.writer.path) && !holds_database(options.writer.path))
        throw IndexError(options.writer.path, "no index here to delete from");
    IndexWriter writer(options.writer);
    std::vector<std::string> missing;
    std::set<std::string> done;
    std::size_t deleted = 0;
    for (const auto& id : options.delete_ids) {
        if (!done.insert(id).second) continue;  // named twice: deleted once
        if (writer.remove(id))
            ++deleted;
        else
            missing.push_back(id);
    }
    writer.finish();
    out << fmt::format("morgue-index: deleted {} of {} {} at {}\n", deleted, done.size(),
                       done.size() == 1 ? "article" : "articles", options.writer.path);
    if (missing.empty()) return to_int(ExitCode::ok);
    constexpr std::size_t named_at_most = 20;
    std::string names;
    for (std::size_t i = 0; i < missing.size() && i < named_at_most; ++i)
        names += (i ? ", " : "") + missing[i];
    if (missing.size() > named_at_most)
        names += fmt::format(" and {} more", missing.size() - named_at_most);
    err << fmt::format("morgue-index: error: {} not found: {}\n",
                       missing.size() == 1 ? "1 id" : fmt::format("{} ids", missing.size()), names);
    return to_int(ExitCode::input_rejected);
}

}  // namespace

std::string usage_text() {
    IndexOptions o;
    std::string format, phrases, date;
    std::ostringstream out;
    out << "Usage: morgue-index --index DIR [options] PATH...\n"
           "       morgue-index --index DIR --compact\n"
           "       morgue-index --index DIR --delete ID... | --delete-ids FILE\n"
           "Index news articles from files, directories (walked recursively) or - (stdin).\n"
           "Formats: JSON Lines, plain-text and HTML article pages, TREC SGML, Reuters-21578 SGML,\n"
           "RSS and Atom feeds, TREC Washington Post JSON lines, NITF and NewsML-G2 (XML),\n"
           "WARC web archives;\n"
           "each may be gzip-compressed.\n\n"
        << option_table(o, format, phrases, date) << '\n' << measuring_table(o);
    return out.str();
}

IndexOptions parse_command_line(int argc, const char* const* argv) {
    IndexOptions o;
    std::string format, phrases, date;
    auto desc = option_table(o, format, phrases, date);
    po::options_description hidden;
    hidden.add_options()("input", po::value(&o.ingest.inputs)->multitoken());
    po::options_description all;
    all.add(desc).add(measuring_table(o)).add(hidden);
    po::positional_options_description positional;
    positional.add("input", -1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(std::string(e.what()) + " (see morgue-index --help)");
    }
    if (o.show_help || o.show_version) return o;
    if (o.writer.path.empty()) {
        if (const char* env = std::getenv("MORGUE_INDEX"); env != nullptr && *env != '\0')
            o.writer.path = env;
        else
            throw UsageError("no index given: use --index DIR or set MORGUE_INDEX");
    }
    if (is_tcp_location(o.writer.path))
        throw UsageError("cannot write to a remote index (" + o.writer.path +
                         "): run morgue-index on the machine that holds it");
    o.deleting = vm.count("delete") > 0 || vm.count("delete-ids") > 0;
    if (vm.count("delete-ids")) {
        const auto path = vm["delete-ids"].as<std::string>();
        std::ifstream file;
        if (path != "-") {
            file.open(path);
            if (!file) throw UsageError("cannot read --delete-ids " + path);
        }
        std::istream& in = path == "-" ? std::cin : file;
        for (std::string line; std::getline(in, line);) {
            const auto id = trim(line);
            if (!id.empty()) o.delete_ids.emplace_back(id);
        }
    }
    if (o.deleting && (!o.ingest.inputs.empty() || o.compact))
        throw UsageError("--delete and --delete-ids take no input paths and no --compact: delete "
                         "first, then index (see morgue-index --help)");
    if (o.deleting && o.delete_ids.empty())
        throw UsageError("--delete-ids names no ids (see morgue-index --help)");
    if (o.compact && !o.ingest.inputs.empty())
        throw UsageError("--compact takes no input paths: compact first, then index (see "
                         "morgue-index --help)");
    if (o.ingest.inputs.empty() && !o.compact && !o.deleting)
        throw UsageError("nothing to index: name files, directories or - (see morgue-index --help)");
    o.ingest.format = parse_format_name(format);
    check_language(o.writer.analysis.language);
    o.writer.analysis.phrase_mode = parse_phrase_mode(phrases);
    o.writer.spelling = vm.count("no-spelling") == 0;
    o.writer.cache_stems = vm.count("no-stem-cache") == 0;
    o.writer.no_sync_new = vm.count("sync-commits") == 0;
    o.writer.add_when_new = vm.count("always-replace") == 0;
    o.writer.batch_spelling = vm.count("unbatched-spelling") == 0;
    if (vm.count("jobs") != 0 && (o.jobs < 1 || o.jobs > 256))
        throw UsageError("--jobs must be between 1 and 256");
    if (o.jobs == 0) o.jobs = std::max(1u, std::thread::hardware_concurrency());
    o.writer.shards = o.jobs;
    if (o.writer.memory_mb < 16) throw UsageError("--memory-mb must be at least 16");
    if (!o.ingest.encoding.empty() && !is_known_charset(o.ingest.encoding))
        throw UsageError(fmt::format("--encoding: unknown encoding '{}' (see 'iconv --list' for "
                                     "the names)", o.ingest.encoding));
    if (!date.empty()) {
        o.ingest.default_date = parse_date(date);
        if (!o.ingest.default_date) throw UsageError(fmt::format("--date: not a date: '{}'", date));
    }
    return o;
}

int run(const IndexOptions& options, std::ostream& out, std::ostream& err) {
    if (options.show_help) {
        out << usage_text();
        return to_int(ExitCode::ok);
    }
    if (options.show_version) {
        out << "morgue-index " MORGUE_VERSION "\n";
        return to_int(ExitCode::ok);
    }

    if (options.compact) {
        const auto report = compact_index(options.writer.path, options.writer.wait_for_lock);
        out << fmt::format("morgue-index: compacted {} {} ({} articles) into one database: {} -> {} "
                           "at {}\n",
                           report.databases, report.databases == 1 ? "database" : "shards",
                           report.documents, megabytes(report.bytes_before),
                           megabytes(report.bytes_after), options.writer.path);
        return to_int(ExitCode::ok);
    }

    if (options.deleting) return run_delete(options, out, err);

    class TerminalObserver : public IngestObserver {
    public:
        TerminalObserver(std::ostream& err, bool show_progress)
            : m_err(err), m_line(err), m_show(show_progress) {}
        void on_problem(const RecordProblem& problem) override {
            m_line.clear();
            m_err << "morgue-index: " << problem.where.describe() << ": error: " << problem.reason;
            const auto& record = problem.where.record;
            const auto& path = problem.where.path;
            const bool named_by_path = path.size() >= record.size() &&
                                       path.compare(path.size() - record.size(), record.size(), record) == 0;
            if (!record.empty() && !named_by_path && problem.reason.find(record) == std::string::npos)
                m_err << " (record " << problem.where.record << ")";
            m_err << '\n';
        }
        void on_progress(const IngestProgress& progress) override {
            if (m_show) m_line.update(progress);
        }
        void done() { m_line.clear(); }

    private:
        std::ostream& m_err;
        ProgressLine m_line;
        bool m_show;
    };

    interrupt_requested = false;
    // No SA_RESTART: a read blocked on a pipe or terminal returns, so Ctrl-C stops at once.
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);

    IndexWriter writer(options.writer);
    TerminalObserver observer(err, !options.quiet && isatty(STDERR_FILENO) == 1);
    RunStats stats;
    stats.report = ingest(options.ingest, writer, observer, interrupt_requested);
    observer.done();
    // The handler stays: a signal from here on, with everything committed, only finds the run
    // finished (killing the process now would lose the summary and give a signal's status).

    stats.index_bytes = writer.bytes_on_disk();
    stats.peak_rss_bytes = peak_rss_bytes();
    stats.index_path = options.writer.path;
    if (stats.report.interrupted)
        err << fmt::format("morgue-index: interrupted: {} articles committed, the index is intact; "
                           "run the same command again to finish\n",
                           stats.report.committed);
    if (stats.report.stopped_by_strict)
        err << "morgue-index: stopped at the first rejected record (--strict); "
            << stats.report.committed << " articles committed\n";
    out << "morgue-index: " << format_summary(stats) << '\n';
    for (const auto& line : format_passed_over(stats.report.counts)) out << "morgue-index: " << line << '\n';
    if (!options.stats_json_path.empty()) {
        std::ofstream json(options.stats_json_path);
        write_stats_json(stats, json);
        if (!json) throw UsageError("cannot write '" + options.stats_json_path + "'");
    }
    if (stats.report.interrupted) return to_int(ExitCode::interrupted);
    return stats.report.counts.rejected > 0 ? to_int(ExitCode::input_rejected) : to_int(ExitCode::ok);
}

}  // namespace morgue::index

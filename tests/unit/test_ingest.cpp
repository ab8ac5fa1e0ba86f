// Unit tests: listing inputs and the ingest loop: records in, problems reported and counted.
#include "indexer/ingest.hpp"

#include "common/error.hpp"
#include "common/index_open.hpp"
#include "common/stored_article.hpp"
#include "common/terms.hpp"

#include "temp_dir.hpp"
#include "gzip_bytes.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <xapian.h>
#include <zlib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace morgue;
using namespace morgue::index;
using morgue::test::gzip;

namespace fs = std::filesystem;

namespace {

/// Writes `content` to `path`, creating its directories.
void write_file(const fs::path& path, std::string_view content) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << content;
    REQUIRE(out);
}

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// One JSON Lines record with an id and a title.
std::string jsonl(std::string_view id, std::string_view extra = "") {
    return "{\"id\":\"" + std::string{id} + "\",\"title\":\"Harbour story " + std::string{id} +
           "\"" + std::string{extra} + "}\n";
}

/// Remembers what ingest reports; can ask for a stop at the first progress report.
struct Recorder : IngestObserver {
    std::vector<RecordProblem> problems;
    std::vector<IngestProgress> progress;
    std::atomic<bool>* stop_at_first_progress = nullptr;

    void on_problem(const RecordProblem& problem) override { problems.push_back(problem); }
    void on_progress(const IngestProgress& counts) override {
        progress.push_back(counts);
        if (stop_at_first_progress != nullptr) stop_at_first_progress->store(true);
    }
};

/// Runs ingest into the index at `index_path` with a writer of its own.
IngestReport run_ingest(const std::string& index_path, const IngestOptions& options,
                        Recorder& recorder, const std::atomic<bool>& stop) {
    WriterOptions writer_options;
    writer_options.path = index_path;
    IndexWriter writer(writer_options);
    return ingest(options, writer, recorder, stop);
}

IngestReport run_ingest(const std::string& index_path, const IngestOptions& options,
                        Recorder& recorder) {
    const std::atomic<bool> no_stop{false};
    return run_ingest(index_path, options, recorder, no_stop);
}

IngestOptions inputs(std::vector<std::string> paths) {
    IngestOptions options;
    options.inputs = std::move(paths);
    return options;
}

/// The ids of every article in the index at `path`.
std::set<std::string> ids_in(const std::string& path) {
    const auto index = open_index(path);
    std::set<std::string> ids;
    for (auto it = index.db.allterms_begin("Q"); it != index.db.allterms_end("Q"); ++it)
        ids.insert((*it).substr(1));
    return ids;
}

/// The stored article with `id` in the index at `path`.
Article article_in(const std::string& path, const std::string& id) {
    const auto index = open_index(path);
    auto posting = index.db.postlist_begin(id_term(id));
    REQUIRE(posting != index.db.postlist_end(id_term(id)));
    return load_article(index.db.get_document(*posting));
}

std::vector<std::string> relative_ids(const std::vector<InputFile>& files) {
    std::vector<std::string> out;
    for (const auto& f : files) out.push_back(f.relative_id);
    return out;
}

using Ids = std::set<std::string>;
using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("list_input_files: a directory is walked in sorted order, ids relative to it") {
    test::TempDir dir;
    const auto root = dir.path() / "in";
    write_file(root / "b" / "2.txt", "two");
    write_file(root / "a.jsonl", "a");
    write_file(root / "c" / "1.jsonl.gz", "gzipped");
    write_file(root / "c" / "0.txt", "zero");
    const auto listing = list_input_files(root.string());
    const auto& files = listing.files;
    CHECK(listing.passed_over.empty());
    CHECK(relative_ids(files) == Names{"a.jsonl", "b/2.txt", "c/0.txt", "c/1.jsonl"});
    REQUIRE(files.size() == 4);
    CHECK(files[1].path == (root / "b" / "2.txt").string());
    CHECK(files[1].size == 3);
    CHECK(files[3].path == (root / "c" / "1.jsonl.gz").string());
    CHECK(files[3].size == 7);
}

TEST_CASE("list_input_files: hidden entries, companion files and symlinked directories are skipped") {
    test::TempDir dir;
    const auto root = dir.path() / "in";
    for (const auto* name : {"story.txt", "feed.jsonl", ".hidden.txt", ".git/objects.txt",
                             "README", "readme.txt", "LICENSE", "notes.md", "qrels.tsv",
                             "logo.png", "archive.tar", "convert.py", "sub/inner.txt",
                             "ChangeLog.gz", "NOTICE.txt", "licensed-taxi-drivers-strike.txt",
                             "notice-of-closure.txt"})
        write_file(root / name, "x");
    write_file(dir.path() / "elsewhere" / "outside.txt", "x");
    fs::create_directory_symlink(dir.path() / "elsewhere", root / "linked");
    const auto listing = list_input_files(root.string());
    CHECK(relative_ids(listing.files) ==
          Names{"feed.jsonl", "licensed-taxi-drivers-strike.txt", "notice-of-closure.txt",
                "story.txt", "sub/inner.txt"});
    // Companion files are listed as passed over (for the summary); hidden ones are not.
    std::vector<std::string> passed;
    for (const auto& path : listing.passed_over) passed.push_back(fs::relative(path, root).generic_string());
    CHECK(passed == Names{"ChangeLog.gz", "LICENSE", "NOTICE.txt", "README", "archive.tar",
                          "convert.py", "logo.png", "notes.md", "qrels.tsv", "readme.txt"});
}

TEST_CASE("list_input_files: text files beside SGML, TREC or WARC collections are their notes") {
    test::TempDir dir;
    const auto root = dir.path() / "reuters";
    for (const auto* name : {"raw/reut2-000.sgm", "raw/all-topics-strings.lc.txt",
                             "raw/cat-descriptions_120396.txt", "raw/lewis.dtd", "raw/README.txt",
                             "stories/2016-12-15-putin.txt", "stories/feed.jsonl",
                             "crawl/a.warc.gz", "crawl/notes.text", "mixed/a.sgm",
                             "mixed/b.html", "mixed/story.txt"})
        write_file(root / name, "x");
    const auto listing = list_input_files(root.string());
    Names ids = relative_ids(listing.files);
    std::sort(ids.begin(), ids.end());
    // A folder that holds pages too is a folder of mixed inputs: its text files are read.
    CHECK(ids == Names{"crawl/a.warc", "mixed/a.sgm", "mixed/b.html", "mixed/story.txt",
                       "raw/reut2-000.sgm", "stories/2016-12-15-putin.txt", "stories/feed.jsonl"});
    CHECK(listing.passed_over.size() == 5);
    // Named on its own, a note is read.
    CHECK(list_input_files((root / "raw/all-topics-strings.lc.txt").string()).files.size() == 1);
}

TEST_CASE("looks_like_word_list: vocabularies one word a line, not articles") {
    CHECK(looks_like_word_list("topics\nacq\nalum\naustdlr\nbarley\nbfr\nbop\n"));
    CHECK(looks_like_word_list("afghanistan\nalbania \nalgeria \namerican-samoa\nandorra \n"));
    CHECK_FALSE(looks_like_word_list("acq\nalum\n"));  // too short to tell
    CHECK_FALSE(looks_like_word_list(
        "Putin and Abe meet in Nagato\n\nNAGATO, Japan - The leaders met on Thursday to talk "
        "about the islands.\n"));
    CHECK_FALSE(looks_like_word_list("Headline\nBy\nJane\nDoe\nThe council voted on the plan "
                                     "late last night after a long debate.\n"));
}

TEST_CASE("list_input_files: a file named on its own is listed whatever its name; - is stdin") {
    test::TempDir dir;
    write_file(dir.path() / "README.md", "notes");
    write_file(dir.path() / "2016" / "feed.jsonl.gz", "x");
    const auto readme = list_input_files(dir / "README.md").files;
    REQUIRE(readme.size() == 1);
    CHECK(readme[0].path == dir / "README.md");
    CHECK(readme[0].relative_id == "README.md");
    CHECK(readme[0].size == 5);
    CHECK(relative_ids(list_input_files(dir / "2016/feed.jsonl.gz").files) == Names{"feed.jsonl"});
    const auto stdin_files = list_input_files("-").files;
    REQUIRE(stdin_files.size() == 1);
    CHECK(stdin_files[0].path == "-");
    CHECK(stdin_files[0].relative_id == "stdin");
}

TEST_CASE("list_input_files: an input that does not exist throws InputError naming it") {
    test::TempDir dir;
    const auto missing = dir / "nope";
    try {
        list_input_files(missing);
        FAIL("no error for a missing input");
    } catch (const InputError& e) {
        CHECK(e.where().path == missing);
        CHECK(e.reason() == "no such file or directory");
    }
}

TEST_CASE("ingest: every file of every input goes into the index through its reader") {
    test::TempDir dir;
    write_file(dir.path() / "in" / "a.jsonl", jsonl("j1") + jsonl("j2"));
    write_file(dir.path() / "in" / "b.txt", "Harbour ferry sails\n\nThe harbour ferry sails at dawn.\n");
    write_file(dir.path() / "single.jsonl", jsonl("j3"));
    Recorder recorder;
    const auto report = run_ingest(dir / "idx", inputs({dir / "in", dir / "single.jsonl"}), recorder);
    CHECK(recorder.problems.empty());
    CHECK(report.counts.added == 4);
    CHECK(report.counts.replaced == 0);
    CHECK(report.counts.rejected == 0);
    CHECK(report.counts.files_total == 3);
    CHECK(report.counts.files_done == 3);
    CHECK(report.committed == 4);
    CHECK_FALSE(report.interrupted);
    CHECK_FALSE(report.stopped_by_strict);
    CHECK(ids_in(dir / "idx") == Ids{"j1", "j2", "j3", "b.txt"});
    CHECK(article_in(dir / "idx", "b.txt").title == "Harbour ferry sails");
}

TEST_CASE("ingest: a broken record is reported with its file and line, the rest still go in") {
    test::TempDir dir;
    const auto broken = dir.path() / "in" / "a.jsonl";
    write_file(broken, jsonl("g1") + "{\"id\": \"bad\", \"title\": \n" + jsonl("g2"));
    write_file(dir.path() / "in" / "b.jsonl", jsonl("g3"));
    Recorder recorder;
    const auto report = run_ingest(dir / "idx", inputs({dir / "in"}), recorder);
    REQUIRE(recorder.problems.size() == 1);
    CHECK(recorder.problems[0].where.path == broken.string());
    CHECK(recorder.problems[0].where.line == 2);
    CHECK(recorder.problems[0].reason.starts_with("invalid JSON"));
    CHECK(report.counts.rejected == 1);
    CHECK(report.counts.added == 3);
    CHECK(report.counts.files_done == 2);
    CHECK(ids_in(dir / "idx") == Ids{"g1", "g2", "g3"});
}

TEST_CASE("ingest: a missing input is reported and counted, the other inputs are read") {
    test::TempDir dir;
    write_file(dir.path() / "good.jsonl", jsonl("g1"));
    Recorder recorder;
    const auto report =
        run_ingest(dir / "idx", inputs({dir / "missing.jsonl", dir / "good.jsonl"}), recorder);
    REQUIRE(recorder.problems.size() == 1);
    CHECK(recorder.problems[0].where.path == dir / "missing.jsonl");
    CHECK(recorder.problems[0].where.line == 0);
    CHECK(recorder.problems[0].reason == "no such file or directory");
    CHECK(report.counts.rejected == 1);
    CHECK(report.counts.files_total == 1);
    CHECK(report.counts.added == 1);
    CHECK(ids_in(dir / "idx") == Ids{"g1"});
}

TEST_CASE("ingest: strict stops at the first rejected record, keeping what came before it") {
    test::TempDir dir;
    write_file(dir.path() / "in" / "a.jsonl", jsonl("g1") + "not json\n" + jsonl("g2"));
    write_file(dir.path() / "in" / "b.jsonl", jsonl("g3"));
    auto options = inputs({dir / "in"});
    options.strict = true;
    Recorder recorder;
    const auto report = run_ingest(dir / "idx", options, recorder);
    CHECK(report.stopped_by_strict);
    CHECK(report.counts.rejected == 1);
    CHECK(report.counts.added == 1);
    CHECK(report.counts.files_done == 1);
    CHECK(report.committed == 1);
    CHECK(ids_in(dir / "idx") == Ids{"g1"});
}

TEST_CASE("ingest: rejected raw records are appended to the rejects file") {
    test::TempDir dir;
    const std::string bad_line = R"({"id": 1, "title": })";
    write_file(dir.path() / "feed.jsonl", jsonl("g1") + bad_line + "\n" + jsonl("g2"));
    write_file(dir.path() / "rejects.txt", "from an earlier run\n");
    auto options = inputs({dir / "feed.jsonl", dir / "missing.jsonl"});
    options.rejects_path = dir / "rejects.txt";
    Recorder recorder;
    const auto report = run_ingest(dir / "idx", options, recorder);
    CHECK(report.counts.rejected == 2);
    // The missing input has no raw text: only the bad record is saved.
    CHECK(read_text(dir.path() / "rejects.txt") == "from an earlier run\n" + bad_line + "\n");

    options.rejects_path = dir / "no-such-dir/rejects.txt";
    CHECK_THROWS_AS(run_ingest(dir / "idx2", options, recorder), UsageError);
}

TEST_CASE("ingest: reading the same input again replaces, it does not add") {
    test::TempDir dir;
    write_file(dir.path() / "feed.jsonl", jsonl("r1") + jsonl("r2"));
    Recorder recorder;
    const auto first = run_ingest(dir / "idx", inputs({dir / "feed.jsonl"}), recorder);
    CHECK(first.counts.added == 2);
    CHECK(first.counts.replaced == 0);
    write_file(dir.path() / "feed.jsonl", jsonl("r1", ",\"body\":\"second take\"") + jsonl("r2"));
    const auto second = run_ingest(dir / "idx", inputs({dir / "feed.jsonl"}), recorder);
    CHECK(second.counts.added == 0);
    CHECK(second.counts.replaced == 2);
    CHECK(ids_in(dir / "idx") == Ids{"r1", "r2"});
    CHECK(open_index(dir / "idx").db.get_doccount() == 2);
    CHECK(article_in(dir / "idx", "r1").body == "second take");
}

TEST_CASE("ingest: a record's own date, else a date in its path, else the default date") {
    test::TempDir dir;
    write_file(dir.path() / "in" / "2016" / "12" / "15" / "feed.jsonl", jsonl("dated"));
    write_file(dir.path() / "in" / "plain" / "feed.jsonl",
               jsonl("undated") + jsonl("own", ",\"date\":\"1999-01-02\""));
    auto options = inputs({dir / "in"});
    options.default_date = Date{2001, 2, 3};
    Recorder recorder;
    const auto report = run_ingest(dir / "idx", options, recorder);
    CHECK(report.counts.added == 3);
    const auto date_of = [&](const std::string& id) {
        const auto a = article_in(dir / "idx", id);
        return a.published ? a.published->iso() : std::string{};
    };
    CHECK(date_of("dated") == "2016-12-15");
    CHECK(date_of("undated") == "2001-02-03");
    CHECK(date_of("own") == "1999-01-02");

    // Without a default, an article with no date anywhere stays undated.
    options.default_date.reset();
    const auto again = run_ingest(dir / "idx", options, recorder);
    CHECK(again.counts.replaced == 3);
    CHECK(date_of("undated").empty());
}

TEST_CASE("ingest: a file named on its own is dated by the path it was named with") {
    test::TempDir dir;
    write_file(dir.path() / "2016" / "12" / "15" / "named.jsonl", jsonl("named"));
    Recorder recorder;
    run_ingest(dir / "idx", inputs({dir / "2016/12/15/named.jsonl"}), recorder);
    const auto a = article_in(dir / "idx", "named");
    REQUIRE(a.published);
    CHECK(a.published->iso() == "2016-12-15");
}

TEST_CASE("ingest: the format is detected per file unless one is given") {
    test::TempDir dir;
    write_file(dir.path() / "noext", jsonl("n1"));
    Recorder recorder;
    run_ingest(dir / "detected", inputs({dir / "noext"}), recorder);
    CHECK(ids_in(dir / "detected") == Ids{"n1"});

    auto as_text = inputs({dir / "noext"});
    as_text.format = Format::text;
    run_ingest(dir / "forced", as_text, recorder);
    CHECK(ids_in(dir / "forced") == Ids{"noext"});
    CHECK(recorder.problems.empty());
}

TEST_CASE("ingest: a stop ends the run early with what was read committed") {
    test::TempDir dir;
    write_file(dir.path() / "in" / "a.jsonl", jsonl("s1") + jsonl("s2") + jsonl("s3"));
    write_file(dir.path() / "in" / "b.jsonl", jsonl("s4"));
    std::atomic<bool> stop{false};
    Recorder recorder;
    recorder.stop_at_first_progress = &stop;
    const auto report = run_ingest(dir / "idx", inputs({dir / "in"}), recorder, stop);
    CHECK(report.interrupted);
    CHECK(report.counts.added == 1);
    CHECK(report.committed == 1);
    CHECK(report.counts.files_done == 1);
    CHECK(report.counts.files_total == 2);
    CHECK(ids_in(dir / "idx") == Ids{"s1"});

    // Stopped before the start: nothing is read, and the index still opens.
    const std::atomic<bool> stopped{true};
    Recorder idle;
    const auto none = run_ingest(dir / "idx2", inputs({dir / "in"}), idle, stopped);
    CHECK(none.interrupted);
    CHECK(none.counts.files_done == 0);
    CHECK(ids_in(dir / "idx2").empty());
}

TEST_CASE("ingest: truncated gzip input keeps its whole records and reports where it broke off") {
    test::TempDir dir;
    std::string text;
    for (int i = 1; i <= 2000; ++i) text += jsonl(fmt::format("t{}", i));
    const auto full = gzip(text);
    const auto path = dir.path() / "feed.jsonl.gz";
    write_file(path, full.substr(0, full.size() / 2));
    Recorder recorder;
    const auto report = run_ingest(dir / "idx", inputs({path.string()}), recorder);
    REQUIRE_FALSE(recorder.problems.empty());
    const auto& damage = recorder.problems.back();
    CHECK(damage.reason == "truncated gzip data");
    CHECK(damage.where.path == path.string());
    // The stream broke off on the line after the last whole record, or in the last one read.
    CHECK(report.counts.added > 10);
    CHECK(report.counts.added < 2000);
    CHECK(damage.where.line >= report.counts.added);
    CHECK(damage.where.line <= report.counts.added + 1);
    CHECK(report.counts.rejected == recorder.problems.size());
    CHECK(open_index(dir / "idx").db.get_doccount() == report.counts.added);
    CHECK(ids_in(dir / "idx").count("t" + std::to_string(report.counts.added)) == 1);
}

TEST_CASE("ingest: progress counts files and bytes, stored and decompressed") {
    test::TempDir dir;
    const auto plain = jsonl("p1") + jsonl("p2");
    const auto zipped_text = jsonl("z1") + jsonl("z2") + jsonl("z3");
    const auto zipped = gzip(zipped_text);
    write_file(dir.path() / "in" / "a.jsonl", plain);
    write_file(dir.path() / "in" / "b.jsonl.gz", zipped);
    Recorder recorder;
    const auto report = run_ingest(dir / "idx", inputs({dir / "in"}), recorder);
    const auto& counts = report.counts;
    CHECK(counts.added == 5);
    CHECK(counts.files_done == 2);
    CHECK(counts.bytes_total == plain.size() + zipped.size());
    CHECK(counts.bytes_read == counts.bytes_total);
    CHECK(counts.text_bytes == plain.size() + zipped_text.size());
    REQUIRE(!recorder.progress.empty());
    for (std::size_t i = 1; i < recorder.progress.size(); ++i) {
        CAPTURE(i);
        CHECK(recorder.progress[i].files_done >= recorder.progress[i - 1].files_done);
        CHECK(recorder.progress[i].bytes_read >= recorder.progress[i - 1].bytes_read);
        CHECK(recorder.progress[i].text_bytes >= recorder.progress[i - 1].text_bytes);
        CHECK(recorder.progress[i].files_total == 2);
    }
    CHECK(recorder.progress.back().files_done == 2);
    CHECK(recorder.progress.back().text_bytes == counts.text_bytes);
}

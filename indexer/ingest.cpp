// The ingest loop: inputs -> format -> reader -> writer, with problems reported and counted.
#include "indexer/ingest.hpp"

#include "common/error.hpp"
#include "common/text.hpp"
#include "indexer/formats/encoding.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>

namespace morgue::index {

namespace fs = std::filesystem;

namespace {

std::string strip_gz(std::string path) {
    if (path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0) path.resize(path.size() - 3);
    return path;
}

/// Files a directory walk passes over: notes, query and judgment lists, images, archives.
/// Named on the command line, any file is read.
bool is_companion_file(const std::string& name) {
    const auto lower = to_lower(name);
    // The name itself, or with an extension ("LICENSE", "readme.txt"): not every name that
    // starts so ("licensed-taxi-drivers-strike.txt" is a story).
    for (const std::string_view stem : {"readme", "license", "licence", "copying", "changelog", "notice"})
        if (lower.starts_with(stem) && (lower.size() == stem.size() || lower[stem.size()] == '.'))
            return true;
    const auto dot = lower.rfind('.');
    if (dot == std::string::npos) return false;
    const auto ext = std::string_view(lower).substr(dot + 1);
    for (const char* skip : {"md", "tsv", "csv", "qrels", "dtd", "pdf", "png", "jpg", "jpeg", "gif",
                             "webp", "svg", "css", "js", "zip", "tar", "tgz", "bz2", "xz", "zst",
                             "7z", "exe", "so", "o", "py", "sh"})
        if (ext == skip) return true;
    return false;
}

/// Names (without .gz) of files that only ever hold collections of records (SGML, TREC,
/// WARC): a folder with one is a published collection, whose loose text files are its notes
/// and word lists. JSON Lines are left out: a folder of scraped stories may hold one too.
bool is_collection_file(std::string_view name) {
    const auto lower = to_lower(name);
    const auto dot = lower.rfind('.');
    if (dot == std::string::npos) return false;
    const auto ext = std::string_view(lower).substr(dot + 1);
    for (const char* collection : {"sgm", "sgml", "trec", "warc"})
        if (ext == collection) return true;
    return false;
}

bool is_plain_text_name(std::string_view name) {
    const auto lower = to_lower(name);
    return lower.ends_with(".txt") || lower.ends_with(".text");
}

void walk_directory(const fs::path& root, InputListing& out) {
    std::vector<InputFile> found;
    std::vector<std::string> passed_over;
    std::error_code ec;
    auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
    if (ec) throw InputError({root.string(), 0, {}}, "cannot read directory: " + ec.message());
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        const auto name = it->path().filename().string();
        if (name.starts_with(".")) {
            if (it->is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        if (it->is_symlink(ec) && it->is_directory(ec)) {
            it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file(ec)) continue;
        if (is_companion_file(name)) {
            passed_over.push_back(it->path().string());
            continue;
        }
        const auto rel = fs::relative(it->path(), root, ec).generic_string();
        found.push_back({it->path().string(), strip_gz(rel), it->file_size(ec), true});
    }
    // A published collection's folder holds its collection files, notes and nothing else;
    // a folder that also holds pages or JSON Lines is a folder of mixed inputs, read whole.
    std::set<fs::path> collection_folders, mixed_folders;
    for (const auto& f : found) {
        const auto folder = fs::path(f.path).parent_path();
        if (is_collection_file(f.relative_id))
            collection_folders.insert(folder);
        else if (!is_plain_text_name(f.relative_id))
            mixed_folders.insert(folder);
    }
    for (const auto& folder : mixed_folders) collection_folders.erase(folder);
    std::erase_if(found, [&](const InputFile& f) {
        const bool note = is_plain_text_name(f.relative_id) &&
                          collection_folders.contains(fs::path(f.path).parent_path());
        if (note) passed_over.push_back(f.path);
        return note;
    });
    std::sort(found.begin(), found.end(),
              [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
    std::sort(passed_over.begin(), passed_over.end());
    out.files.insert(out.files.end(), found.begin(), found.end());
    out.passed_over.insert(out.passed_over.end(), passed_over.begin(), passed_over.end());
}

/// Sniffs the first bytes of a source without losing them.
class HeadSource : public ByteSource {
public:
    /// Takes what one read gives (up to 4 KiB): enough to tell a format, and it never waits
    /// for more data on a pipe.
    explicit HeadSource(std::unique_ptr<ByteSource> inner) : m_inner(std::move(inner)) {
        m_head.resize(4096);
        m_head.resize(m_inner->read(m_head.data(), m_head.size()));
    }
    const std::string& head() const noexcept { return m_head; }
    std::size_t read(char* buf, std::size_t n) override {
        if (m_pos < m_head.size()) {
            const auto take = std::min(n, m_head.size() - m_pos);
            std::copy_n(m_head.data() + m_pos, take, buf);
            m_pos += take;
            m_newlines += static_cast<std::size_t>(std::count(buf, buf + take, '\n'));
            m_bytes += take;
            return take;
        }
        const auto got = m_inner->read(buf, n);
        m_newlines += static_cast<std::size_t>(std::count(buf, buf + got, '\n'));
        m_bytes += got;
        return got;
    }
    std::optional<std::string> error() const override { return m_inner->error(); }
    std::uint64_t raw_bytes_read() const override { return m_inner->raw_bytes_read(); }
    /// The line the stream has reached (for errors found at the end of the data).
    std::size_t current_line() const noexcept { return m_newlines + 1; }
    /// Decompressed bytes handed out so far.
    std::uint64_t bytes_out() const noexcept { return m_bytes; }

private:
    std::unique_ptr<ByteSource> m_inner;
    std::string m_head;
    std::size_t m_pos = 0;
    std::size_t m_newlines = 0;
    std::uint64_t m_bytes = 0;
};

}  // namespace

InputListing list_input_files(const std::string& input) {
    InputListing listing;
    if (input == "-") {
        listing.files.push_back({"-", "stdin", 0, false});
        return listing;
    }
    std::error_code ec;
    const auto status = fs::status(input, ec);
    if (ec || !fs::exists(status)) throw InputError({input, 0, {}}, "no such file or directory");
    if (fs::is_directory(status)) {
        walk_directory(input, listing);
    } else {
        const fs::path p(input);
        listing.files.push_back({input, strip_gz(p.filename().string()), fs::file_size(p, ec), false});
    }
    return listing;
}

bool looks_like_word_list(std::string_view head) {
    // The last line of a 4 KiB head may be cut; judge the whole lines before it.
    if (head.size() >= 4096) head = head.substr(0, head.rfind('\n') + 1);
    std::size_t lines = 0;
    std::size_t single_words = 0;
    while (!head.empty()) {
        const auto end = head.find('\n');
        const auto line = trim(head.substr(0, end));
        head.remove_prefix(end == std::string_view::npos ? head.size() : end + 1);
        if (line.empty()) continue;
        std::size_t words = 0;
        for (std::size_t i = 0; i < line.size(); ++i)
            if (line[i] != ' ' && line[i] != '\t' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t'))
                ++words;
        if (words > 2 || line.size() > 60) return false;
        ++lines;
        if (words == 1) ++single_words;
    }
    return lines >= 5 && single_words * 10 >= lines * 8;
}

IngestReport ingest(const IngestOptions& options, IndexWriter& writer, IngestObserver& observer,
                    const std::atomic<bool>& stop) {
    using clock = std::chrono::steady_clock;
    const auto started = clock::now();
    IngestReport report;
    auto& counts = report.counts;

    std::vector<InputFile> files;
    std::vector<RecordProblem> missing;
    for (const auto& input : options.inputs) {
        try {
            auto listing = list_input_files(input);
            files.insert(files.end(), listing.files.begin(), listing.files.end());
            counts.files_passed_over.insert(counts.files_passed_over.end(),
                                            listing.passed_over.begin(), listing.passed_over.end());
        } catch (const InputError& e) {
            missing.push_back({e.where(), e.reason(), {}});
        }
    }
    counts.files_total = files.size();
    for (const auto& f : files) counts.bytes_total += f.size;
    if (std::any_of(files.begin(), files.end(), [](const InputFile& f) { return f.path == "-"; }))
        counts.bytes_total = 0;

    std::ofstream rejects;
    if (!options.rejects_path.empty()) {
        rejects.open(options.rejects_path, std::ios::binary | std::ios::app);
        if (!rejects) throw UsageError("cannot write rejects file '" + options.rejects_path + "'");
    }
    const auto elapsed = [&] { return std::chrono::duration<double>(clock::now() - started).count(); };
    const auto reject = [&](RecordProblem&& problem) {
        ++counts.rejected;
        observer.on_problem(problem);
        if (rejects.is_open() && !problem.raw.empty()) rejects << problem.raw << '\n';
        if (options.strict) report.stopped_by_strict = true;
    };

    for (auto& problem : missing) reject(std::move(problem));
    writer.start();

    std::uint64_t bytes_before_file = 0;
    std::uint64_t text_before_file = 0;
    for (const auto& file : files) {
        if (stop || report.stopped_by_strict) break;
        std::unique_ptr<HeadSource> source;
        try {
            source = std::make_unique<HeadSource>(open_byte_source(file.path));
        } catch (const InputError& e) {
            reject(RecordProblem{e.where(), e.reason(), {}});
            ++counts.files_done;
            continue;
        }
        InputContext ctx;
        ctx.display_path = file.path;
        ctx.relative_id = file.relative_id;
        ctx.charset = options.encoding;
        // The path below the input root first; then the whole path as given, so a file named
        // on its own ("2016/12/15/story.txt") or a dated folder named as the root still dates it.
        ctx.fallback_date = parse_date_in_path(file.relative_id);
        if (!ctx.fallback_date) ctx.fallback_date = parse_date_in_path(file.path);
        if (!ctx.fallback_date) ctx.fallback_date = options.default_date;

        const auto format = options.format == Format::automatic
                                ? detect_format(file.path, source->head())
                                : options.format;
        if (file.found_by_walk && format == Format::text && options.format == Format::automatic &&
            looks_like_word_list(source->head())) {
            counts.files_passed_over.push_back(file.path);
            bytes_before_file += file.size;
            ++counts.files_done;
            continue;
        }
        // Formats read line by line get --encoding's conversion here; documents that can
        // declare their own encoding (HTML, XML, WARC) take it as their fallback instead.
        std::unique_ptr<ByteSource> decoded;
        if (!options.encoding.empty() && !declares_own_encoding(format))
            decoded = decoding_byte_source(*source, options.encoding);
        ByteSource& input = decoded ? *decoded : *source;
        reader_for(format).read(input, ctx, [&](ParsedRecord&& record) {
            if (auto* problem = std::get_if<RecordProblem>(&record)) {
                reject(std::move(*problem));
            } else if (auto* passed = std::get_if<PassedOver>(&record)) {
                ++counts.passed_over[passed->kind];
            } else {
                writer.submit(std::move(std::get<Article>(record)));
            }
            counts.added = writer.added();
            counts.replaced = writer.replaced();
            counts.bytes_read = bytes_before_file + source->raw_bytes_read();
            counts.text_bytes = text_before_file + source->bytes_out();
            counts.seconds = elapsed();
            observer.on_progress(counts);
            return !stop && !report.stopped_by_strict;
        });
        if (decoded) {
            if (auto error = decoded->error(); error && error != source->error() && !stop)
                reject(RecordProblem{{file.path, decoded->error_line(), {}}, *error, {}});
        }
        if (auto error = source->error(); error && !stop)
            reject(RecordProblem{{file.path, source->current_line(), {}}, *error, {}});
        bytes_before_file += file.size;
        text_before_file += source->bytes_out();
        counts.bytes_read = bytes_before_file;
        counts.text_bytes = text_before_file;
        ++counts.files_done;
        counts.seconds = elapsed();
        observer.on_progress(counts);
    }
    // Every shard's thread writes what it was handed, then commits: after a stop too.
    writer.finish();
    counts.added = writer.added();
    counts.replaced = writer.replaced();
    report.committed = writer.committed_total();
    report.interrupted = stop;
    counts.seconds = elapsed();
    return report;
}

}  // namespace morgue::index

// Compacting an index into one database: build beside it, sync, swap with one rename.
#include "indexer/compact.hpp"

#include "common/error.hpp"
#include "common/index_layout.hpp"
#include "common/index_meta.hpp"
#include "common/schema.hpp"
#include "indexer/index_writer.hpp"

#include <fcntl.h>
#include <xapian.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <vector>

namespace morgue::index {

namespace fs = std::filesystem;

namespace {

/// The index directory as a path without a trailing separator, so siblings can be named.
fs::path normalized(const std::string& index_dir) {
    auto path = fs::path(index_dir).lexically_normal();
    if (path.filename().empty()) path = path.parent_path();
    return path;
}

std::uint64_t bytes_under(const fs::path& dir) {
    std::uint64_t total = 0;
    std::error_code ec;
    for (const auto& entry : fs::recursive_directory_iterator(dir, ec))
        if (entry.is_regular_file(ec)) total += entry.file_size(ec);
    return total;
}

/// The databases of the index: itself when it is one database, else the shards its stub lists.
std::vector<std::string> source_databases(const fs::path& dir) {
    std::error_code ec;
    if (holds_database(dir.string())) return {dir.string()};
    if (!has_stub(dir.string())) {
        throw IndexError(dir.string(),
                         fs::exists(dir, ec) ? "not a Morgue index" : "no such index");
    }
    std::vector<std::string> paths;
    for (const auto& entry : read_stub(dir.string())) {
        if (entry.kind != "auto" && entry.kind != "glass")
            throw IndexError(dir.string(), "cannot compact a '" + entry.kind + "' shard (" +
                                               entry.location +
                                               "): compact on the machine that holds it");
        paths.push_back(entry.location);
    }
    if (paths.empty()) throw IndexError(dir.string(), "the shard list names no shards");
    return paths;
}

/// Swaps two directories in one step; false when the file system cannot.
bool exchange(const fs::path& a, const fs::path& b) {
    if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return true;
    if (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP) return false;
    throw IndexError(a.string(), std::string{"cannot swap in the compacted index: "} +
                                     std::strerror(errno));
}

void rename_or_throw(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::rename(from, to, ec);
    if (ec)
        throw IndexError(from.string(),
                         "cannot rename to " + to.string() + ": " + ec.message());
}

/// Copies what compaction did not carry over and records the result as shard 0 of 1.
void fix_metadata(const std::string& built, const Xapian::Database& first_source) {
    Xapian::WritableDatabase db(built, Xapian::DB_OPEN);
    bool changed = false;
    const auto set = [&](const std::string& key, const std::string& value) {
        if (db.get_metadata(key) != value) {
            db.set_metadata(key, value);
            changed = true;
        }
    };
    for (auto it = first_source.metadata_keys_begin(); it != first_source.metadata_keys_end(); ++it)
        set(*it, first_source.get_metadata(*it));
    set(std::string{schema::meta_shard_count}, "1");
    set(std::string{schema::meta_shard}, "0");
    if (changed) db.commit();
    db.close();
}

}  // namespace

std::string compact_temp_dir(const std::string& index_dir) {
    const auto dir = normalized(index_dir);
    return (dir.parent_path() / (dir.filename().string() + ".compact-tmp")).string();
}

CompactReport compact_index(const std::string& index_dir, bool wait_for_lock) {
    const auto dir = normalized(index_dir);
    const fs::path temp = compact_temp_dir(index_dir);
    const fs::path old = dir.parent_path() / (dir.filename().string() + ".compact-old");
    std::error_code ec;
    // Leftovers of a run that died: the temporary build is never the live index (the swap
    // exchanges names, so after it the temporary name holds the old index, also garbage).
    fs::remove_all(temp, ec);
    if (!fs::exists(dir, ec) && fs::exists(old, ec)) rename_or_throw(old, dir);
    fs::remove_all(old, ec);

    const auto sources = source_databases(dir);
    CompactReport report;
    report.databases = sources.size();
    report.bytes_before = bytes_under(dir);

    // A shard a run that died left as segments becomes one database first.
    WriterOptions writer_options;
    writer_options.path = index_dir;
    writer_options.wait_for_lock = wait_for_lock;
    for (const auto& path : sources) finish_left_segments(writer_options, path);

    // Writer locks on every shard for the whole run: no article can arrive unseen.
    std::vector<std::unique_ptr<Xapian::WritableDatabase>> locks;
    try {
        const int flags = Xapian::DB_OPEN | (wait_for_lock ? Xapian::DB_RETRY_LOCK : 0);
        for (const auto& path : sources)
            locks.push_back(std::make_unique<Xapian::WritableDatabase>(path, flags));
    } catch (const Xapian::DatabaseLockError&) {
        throw IndexError(index_dir, "index is locked by another writer (is another morgue-index "
                                    "running on it?); compact when it has finished, or pass "
                                    "--wait-lock");
    } catch (const Xapian::Error& e) {
        throw IndexError(index_dir, "cannot open index for compacting: " + xapian_reason(e));
    }

    try {
        Xapian::Database all;
        std::vector<Xapian::Database> shards;
        for (const auto& path : sources) {
            shards.emplace_back(path);
            read_index_meta(shards.back(), path);  // only Morgue indexes, of this schema
            all.add_database(shards.back());
        }
        report.documents = all.get_doccount();
        all.compact(temp.string());
        fix_metadata(temp.string(), shards.front());
        if (Xapian::Database(temp.string()).get_doccount() != report.documents)
            throw IndexError(index_dir, "the compacted index does not hold every article; the "
                                        "index was left as it was");
        sync_directory(temp.string());
    } catch (const Xapian::Error& e) {
        fs::remove_all(temp, ec);
        throw IndexError(index_dir, "compaction failed: " + e.get_description() +
                                        "; the index was left as it was");
    } catch (...) {
        fs::remove_all(temp, ec);
        throw;
    }
    report.bytes_after = bytes_under(temp);

    // The swap: afterwards `dir` is the compacted index and `temp` (or `old`) the old one.
    fs::path retired = temp;
    if (!exchange(temp, dir)) {
        // Two renames; a crash between them leaves the old index at DIR.compact-old and no
        // DIR: the next --compact puts it back first (see above).
        rename_or_throw(dir, old);
        rename_or_throw(temp, dir);
        retired = old;
    }
    const int fd = ::open(dir.parent_path().empty() ? "." : dir.parent_path().c_str(),
                          O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    for (auto& lock : locks) lock->close();
    locks.clear();
    fs::remove_all(retired, ec);
    return report;
}

}  // namespace morgue::index

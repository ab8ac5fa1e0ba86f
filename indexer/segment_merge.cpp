// Segment merging: compact, drop replaced copies, check, sync, move in.
#include "indexer/segment_merge.hpp"

#include "common/error.hpp"
#include "common/index_layout.hpp"
#include "common/schema.hpp"
#include "indexer/index_writer.hpp"

#include <xapian.h>

#include <filesystem>
#include <string_view>
#include <vector>

namespace morgue::index {

namespace fs = std::filesystem;

namespace {

/// Where a shard's segments are merged, inside the shard directory.
constexpr std::string_view merge_dir_name = "merge-tmp";

/// Deletes all but the last copy of each id term held by more than one document of the
/// database at `path` (compaction numbers documents in the order the segments are listed);
/// returns how many were deleted.
Xapian::doccount drop_older_copies(const std::string& path) {
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    std::vector<Xapian::docid> older;
    const std::string prefix{schema::id_prefix};
    for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
        if (term.get_termfreq() < 2) continue;
        std::vector<Xapian::docid> copies(db.postlist_begin(*term), db.postlist_end(*term));
        older.insert(older.end(), copies.begin(), copies.end() - 1);
    }
    for (const auto docid : older) db.delete_document(docid);
    db.commit();
    db.close();
    return static_cast<Xapian::doccount>(older.size());
}

}  // namespace

std::string segment_dir_name(std::uint32_t n) { return "seg-" + std::to_string(n); }

void remove_merged_segments(const std::string& shard_dir) noexcept {
    const fs::path dir(shard_dir);
    std::error_code ec;
    if (!fs::exists(dir / glass_version_file, ec)) return;
    fs::remove(dir / stub_file_name, ec);
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const auto name = entry.path().filename().string();
        if (entry.is_directory(ec) && (name.starts_with("seg-") || name == merge_dir_name))
            fs::remove_all(entry.path(), ec);
    }
}

void merge_segments(const std::string& shard_dir, bool drop_copies) {
    const fs::path dir(shard_dir);
    const auto built = (dir / merge_dir_name).string();
    std::error_code ec;
    fs::remove_all(built, ec);
    try {
        Xapian::Database segments(shard_dir);  // the segment list: every sealed segment
        auto expected = segments.get_doccount();
        segments.compact(built, Xapian::DBCOMPACT_MULTIPASS);
        segments.close();
        if (drop_copies) expected -= drop_older_copies(built);
        if (Xapian::Database(built).get_doccount() != expected)
            throw IndexError(shard_dir, "the merged segments do not hold every article; the shard "
                                        "was left as it was");
        sync_directory(built);
        // Table files first (no reader looks at them while the directory has no version file),
        // then the version file: from that rename on, the directory is the merged database.
        for (const auto& entry : fs::directory_iterator(built)) {
            const auto name = entry.path().filename();
            if (name != glass_version_file) fs::rename(entry.path(), dir / name);
        }
        fs::rename(fs::path(built) / glass_version_file, dir / glass_version_file);
    } catch (const Xapian::Error& e) {
        fs::remove_all(built, ec);
        throw IndexError(shard_dir, "merging the shard's segments failed: " + e.get_description() +
                                        "; the shard was left as it was");
    } catch (const fs::filesystem_error& e) {
        fs::remove_all(built, ec);
        throw IndexError(shard_dir, std::string{"cannot move the merged segments in: "} +
                                        e.code().message());
    } catch (...) {
        fs::remove_all(built, ec);
        throw;
    }
    sync_directory(shard_dir);
    remove_merged_segments(shard_dir);
}

}  // namespace morgue::index

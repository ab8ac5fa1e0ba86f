// Segment merging: compact, drop replaced copies, check, sync, swap in.
#include "indexer/segment_merge.hpp"

#include "common/error.hpp"
#include "common/schema.hpp"
#include "indexer/dir_swap.hpp"
#include "indexer/index_writer.hpp"

#include <xapian.h>

#include <vector>

namespace morgue::index {

namespace fs = std::filesystem;

namespace {

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

fs::path merge_segments(const std::string& shard_dir, bool drop_copies) {
    const DirectorySwap swap(shard_dir, "merge");
    swap.clean_leftovers();
    const auto built = swap.built().string();
    std::error_code ec;
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
    } catch (const Xapian::Error& e) {
        fs::remove_all(built, ec);
        throw IndexError(shard_dir, "merging the shard's segments failed: " + e.get_description() +
                                        "; the shard was left as it was");
    } catch (...) {
        fs::remove_all(built, ec);
        throw;
    }
    return swap.swap();
}

}  // namespace morgue::index

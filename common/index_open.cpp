// Opening an index for reading (one database or a set of shards), with errors that name it.
#include "common/index_open.hpp"

#include "common/error.hpp"
#include "common/index_layout.hpp"
#include "common/index_meta.hpp"
#include "common/schema.hpp"

#include <fmt/format.h>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

namespace morgue {

namespace {

bool is_local(const StubEntry& entry) {
    return entry.kind == "auto" || entry.kind == "glass" || entry.kind == "chert";
}

std::string describe(const AnalysisConfig& cfg) {
    return fmt::format("language '{}', phrase mode '{}'", cfg.language, to_string(cfg.phrase_mode));
}

/// Glass (Xapian 1.4's default backend) writes each commit's revision to a new file of this name
/// and renames it into place.
constexpr std::string_view glass_version_file = "iamglass";

/// The version file of the database at `dir`, or empty when it is not a glass database.
std::string version_file(const std::string& dir) {
    auto path = (std::filesystem::path(dir) / glass_version_file).string();
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec) ? path : std::string{};
}

/// Every shard checked on its own: a shard of another schema, language or phrase mode is
/// refused by name rather than silently searched with the wrong analysis.
OpenIndex open_local_shards(const std::string& location, const std::vector<StubEntry>& shards) {
    OpenIndex index{Xapian::Database(), {}, location, {}};
    for (std::size_t k = 0; k < shards.size(); ++k) {
        const auto& path = shards[k].location;
        Xapian::Database shard;
        try {
            shard = Xapian::Database(path);
        } catch (const Xapian::DatabaseOpeningError& e) {
            throw IndexError(path, "cannot open shard: " + e.get_msg());
        }
        const auto cfg = read_index_meta(shard, path);
        if (k == 0) {
            index.analysis = cfg;
        } else if (!(cfg == index.analysis)) {
            throw IndexError(path, fmt::format("shard was built with {}, the first shard with {}",
                                               describe(cfg), describe(index.analysis)));
        }
        const auto count = shard.get_metadata(std::string{schema::meta_shard_count});
        if (!count.empty() && count != std::to_string(shards.size()))
            throw IndexError(path, fmt::format("shard belongs to an index of {} shards, the shard "
                                               "list names {}",
                                               count, shards.size()));
        index.db.add_database(shard);
        index.version_files.push_back(version_file(path));
    }
    if (std::any_of(index.version_files.begin(), index.version_files.end(),
                    [](const auto& file) { return file.empty(); }))
        index.version_files.clear();
    return index;
}

long long nanoseconds(const timespec& t) {
    return static_cast<long long>(t.tv_sec) * 1000000000LL + t.tv_nsec;
}

}  // namespace

std::optional<IndexStamp> read_index_stamp(const OpenIndex& index) {
    if (index.version_files.empty()) return std::nullopt;
    IndexStamp stamp;
    for (const auto& path : index.version_files) {
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0) return std::nullopt;
        stamp.files.push_back({static_cast<unsigned long long>(st.st_ino),
                               static_cast<long long>(st.st_size), nanoseconds(st.st_mtim),
                               nanoseconds(st.st_ctim)});
    }
    return stamp;
}

OpenIndex open_index(const std::string& location) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::exists(location, ec)) throw IndexError(location, "no such index");
    try {
        if (has_stub(location)) {
            const auto shards = read_stub(location);
            if (shards.empty()) throw IndexError(location, "the shard list names no shards");
            if (std::all_of(shards.begin(), shards.end(), is_local))
                return open_local_shards(location, shards);
            // Other kinds of entry (remote servers) are opened by Xapian's own stub handling.
        }
        OpenIndex index{Xapian::Database(location), {}, location, {}};
        index.analysis = read_index_meta(index.db, location);
        if (auto file = version_file(location); !file.empty()) index.version_files.push_back(file);
        return index;
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw IndexError(location, "cannot open index: " + e.get_msg());
    } catch (const Xapian::Error& e) {
        throw IndexError(location, e.get_description());
    }
}

}  // namespace morgue

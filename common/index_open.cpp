// Opening an index for reading (one database, local shards, remote shards), with errors that
// name the database at fault.
#include "common/index_open.hpp"

#include "common/error.hpp"
#include "common/index_layout.hpp"
#include "common/index_meta.hpp"
#include "common/schema.hpp"
#include "common/text.hpp"

#include <fmt/format.h>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

namespace morgue {

namespace {

namespace fs = std::filesystem;

bool is_local(const StubEntry& entry) {
    return entry.kind == "auto" || entry.kind == "glass" || entry.kind == "chert";
}

std::string describe(const AnalysisConfig& cfg) {
    return fmt::format("language '{}', phrase mode '{}'", cfg.language, to_string(cfg.phrase_mode));
}


/// The file whose identity changes with each commit to the database at `dir`: a glass
/// database's version file, or the segment list of a shard being built as segments (the writer
/// rewrites it, by rename, after each change to a segment). Empty when there is neither.
std::string version_file(const std::string& dir) {
    std::error_code ec;
    auto path = (fs::path(dir) / glass_version_file).string();
    if (fs::is_regular_file(path, ec)) return path;
    if (has_segment_stub(dir)) return (fs::path(dir) / stub_file_name).string();
    return {};
}

long long nanoseconds(const timespec& t) {
    return static_cast<long long>(t.tv_sec) * 1000000000LL + t.tv_nsec;
}

ShardSource local_source(std::string path, std::size_t listed_with) {
    ShardSource source;
    source.name = path;
    source.path = std::move(path);
    source.listed_with = listed_with;
    return source;
}

ShardSource tcp_source(const RemoteAddress& address, std::size_t listed_with) {
    ShardSource source;
    source.name = address.name();
    source.address = address;
    source.listed_with = listed_with;
    return source;
}

/// A stub's `remote` line: "HOST:PORT" or ":PROG ARGS", as Xapian's own stub reader takes it.
ShardSource remote_source(const std::string& stub, const std::string& text,
                          std::size_t listed_with) {
    if (text.starts_with(':')) {
        const auto space = text.find(' ');
        ShardSource source;
        source.name = text;
        source.program = text.substr(1, space == std::string::npos ? std::string::npos : space - 1);
        source.args = space == std::string::npos ? std::string{} : text.substr(space + 1);
        source.listed_with = listed_with;
        return source;
    }
    try {
        return tcp_source(parse_host_port(text), listed_with);
    } catch (const UsageError& e) {
        throw IndexError(stub, e.what());
    }
}

/// Opens of a local shard before one fails for good: a shard built as segments is swapped for
/// its merged database in one rename, and an open that read the segment list just before it
/// finds the segments gone; the next open sees the merged database.
constexpr int local_open_attempts = 3;

Xapian::Database open_source(const ShardSource& source, const OpenOptions& options) {
    if (!source.remote()) {
        for (int attempt = 1;; ++attempt) {
            try {
                return Xapian::Database(source.path);
            } catch (const Xapian::DatabaseOpeningError&) {
                if (attempt >= local_open_attempts) throw;
            }
        }
    }
    if (!source.program.empty())
        return Xapian::Remote::open(source.program, source.args, options.timeout_ms);
    return Xapian::Remote::open(source.address.host, source.address.port, options.timeout_ms,
                                options.connect_timeout_ms);
}

/// Opens and checks every source not in `skip`: a shard of another schema, language or phrase
/// mode is refused by name rather than silently searched with the wrong analysis.
OpenIndex open_sources(std::string location, std::vector<ShardSource> sources,
                       const OpenOptions& options, std::vector<std::string> skip) {
    OpenIndex index;
    index.location = std::move(location);
    index.shards = std::move(sources);
    index.missing = std::move(skip);
    index.options = options;
    bool first = true;
    std::size_t alone = 0;  // shards named on their own (not through a stub) that answered
    std::string alone_count;
    bool alone_agree = true;
    for (const auto& source : index.shards) {
        const auto& name = source.name;
        if (std::find(index.missing.begin(), index.missing.end(), name) != index.missing.end())
            continue;
        Xapian::Database shard;
        AnalysisConfig cfg;
        std::string count;
        try {
            shard = open_source(source, options);
            cfg = read_index_meta(shard, name);
            count = shard.get_metadata(std::string{schema::meta_shard_count});
        } catch (const Xapian::NetworkError& e) {
            if (!options.allow_partial)
                throw IndexError(name, "shard does not answer: " + e.get_msg() +
                                           " (--allow-partial searches the others)");
            index.missing.push_back(name);
            continue;
        } catch (const Xapian::DatabaseOpeningError& e) {
            const bool whole = source.listed_with == 0 && !source.remote();
            throw IndexError(name, (whole ? "cannot open index: " : "cannot open shard: ") +
                                       e.get_msg());
        } catch (const Xapian::Error& e) {
            throw IndexError(name, e.get_description());
        }
        if (first) {
            index.analysis = cfg;
            first = false;
        } else if (!(cfg == index.analysis)) {
            throw IndexError(name, fmt::format("shard was built with {}, the first shard with {}",
                                               describe(cfg), describe(index.analysis)));
        }
        if (source.listed_with > 0 && !count.empty() && count != std::to_string(source.listed_with))
            throw IndexError(name, fmt::format("shard belongs to an index of {} shards, the shard "
                                               "list names {}",
                                               count, source.listed_with));
        if (source.listed_with == 0) {
            alone_agree = alone_agree && (alone == 0 || count == alone_count);
            alone_count = count;
            ++alone;
        }
        index.db.add_database(shard);
        index.version_files.push_back(source.remote() ? std::string{} : version_file(source.path));
    }
    if (std::any_of(index.version_files.begin(), index.version_files.end(),
                    [](const auto& file) { return file.empty(); }))
        index.version_files.clear();
    if (first)
        throw IndexError(index.location,
                         "no shard answered (missing: " + join_names(index.missing) + ")");
    // Shards of one sharded index named one by one (tcp://...): all of them, or say which.
    const std::size_t named = std::count_if(index.shards.begin(), index.shards.end(),
                                            [](const auto& s) { return s.listed_with == 0; });
    if (named == index.shards.size() && named > 1 && alone_agree && !alone_count.empty() &&
        alone_count != "1" && alone_count != std::to_string(named))
        throw IndexError(index.location, fmt::format("these are shards of an index of {} shards, "
                                                     "{} are named",
                                                     alone_count, named));
    return index;
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

bool OpenIndex::has_remote() const noexcept {
    return std::any_of(shards.begin(), shards.end(), [&](const ShardSource& s) {
        return s.remote() &&
               std::find(missing.begin(), missing.end(), s.name) == missing.end();
    });
}

std::vector<ShardSource> list_shards(const std::vector<std::string>& locations) {
    std::vector<ShardSource> sources;
    for (const auto& location : locations) {
        if (is_tcp_location(location)) {
            sources.push_back(tcp_source(parse_tcp_location(location), 0));
            continue;
        }
        std::error_code ec;
        if (!fs::exists(location, ec)) throw IndexError(location, "no such index");
        if (!has_stub(location)) {
            sources.push_back(local_source(location, 0));
            continue;
        }
        const auto stub = (fs::path(location) / stub_file_name).string();
        const auto entries = read_stub(location);
        if (entries.empty()) throw IndexError(location, "the shard list names no shards");
        for (const auto& entry : entries) {
            if (is_local(entry))
                sources.push_back(local_source(entry.location, entries.size()));
            else if (entry.kind == "remote")
                sources.push_back(remote_source(stub, entry.location, entries.size()));
            else
                throw IndexError(stub, fmt::format("unsupported shard kind '{}' (use auto, glass or "
                                                   "remote)",
                                                   entry.kind));
        }
    }
    return sources;
}

OpenIndex open_index(const std::vector<std::string>& locations, const OpenOptions& options) {
    if (locations.empty()) throw IndexError("", "no index named");
    return open_sources(join_names(locations), list_shards(locations), options, {});
}

OpenIndex open_index(const std::string& location, const OpenOptions& options) {
    return open_index(std::vector<std::string>{location}, options);
}

OpenIndex reopen_without(const OpenIndex& index, const std::vector<std::string>& lost) {
    auto skip = index.missing;
    for (const auto& name : lost)
        if (std::find(skip.begin(), skip.end(), name) == skip.end()) skip.push_back(name);
    return open_sources(index.location, index.shards, index.options, std::move(skip));
}

std::vector<std::string> unreachable_shards(const OpenIndex& index) {
    std::vector<std::string> names;
    for (const auto& source : index.shards) {
        if (!source.remote()) continue;
        const auto& missing = index.missing;
        if (std::find(missing.begin(), missing.end(), source.name) != missing.end()) continue;
        try {
            open_source(source, index.options).get_doccount();
        } catch (const Xapian::Error&) {
            names.push_back(source.name);
        }
    }
    return names;
}

}  // namespace morgue

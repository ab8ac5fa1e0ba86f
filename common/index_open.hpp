// Opening an index for reading: one database, its shards, or shards served by xapian-tcpsrv,
// searched as one.
#pragma once

#include "common/analysis.hpp"
#include "common/remote_address.hpp"

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace morgue {

/// How to open an index.
struct OpenOptions {
    /// Milliseconds to wait for a remote shard to accept a connection.
    unsigned connect_timeout_ms = 5000;
    /// Milliseconds to wait for a remote shard's answer once connected (Xapian's default).
    unsigned timeout_ms = 10000;
    /// Search the shards that answer and list the others in OpenIndex::missing, instead of
    /// failing when one does not answer.
    bool allow_partial = false;
};

/// One database of an index: a local directory, a server `tcp://HOST:PORT`, or a program
/// speaking Xapian's remote protocol on its standard streams (a stub's `remote :PROG ARGS`).
struct ShardSource {
    std::string name;     ///< how messages name it: the path, "tcp://HOST:PORT" or ":PROG ARGS"
    std::string path;     ///< local database directory (empty for a remote shard)
    RemoteAddress address;  ///< when served over TCP
    std::string program;  ///< when served by a program
    std::string args;
    std::size_t listed_with = 0;  ///< shards its stub lists (0: named on its own)

    bool remote() const noexcept { return path.empty(); }
};

/// An index opened for searching, with the settings it was built with.
struct OpenIndex {
    Xapian::Database db;
    AnalysisConfig analysis;
    std::string location;               ///< as the user named it (several joined by ", ")
    std::vector<ShardSource> shards;    ///< every database named, in order
    std::vector<std::string> missing;   ///< names of the shards left out (they did not answer)
    OpenOptions options;
    /// Each searched database's version file, which a commit replaces; empty when some part of
    /// the index (a remote shard, another backend) has none, so commits cannot be seen there.
    std::vector<std::string> version_files;

    /// True when some searched shard is remote (spelling suggestions are not available then).
    bool has_remote() const noexcept;
};

/// What a commit changes: the identity (inode, size, change time) of every version file.
struct IndexStamp {
    struct File {
        unsigned long long inode = 0;
        long long size = 0;
        long long mtime_ns = 0;
        long long ctime_ns = 0;

        bool operator==(const File&) const = default;
    };
    std::vector<File> files;

    bool operator==(const IndexStamp&) const = default;
};

/// The current stamp of `index`, from a stat() per version file: two equal stamps mean nothing
/// was committed in between, so a reader need not reopen. nullopt when the index has no version
/// files or one cannot be read (then reopen to be safe). Never throws.
std::optional<IndexStamp> read_index_stamp(const OpenIndex& index);

/// The databases `locations` name, in order: a `tcp://HOST:PORT` is one remote shard; a
/// directory with a stub file (index_layout.hpp) is each database its stub lists (`auto`,
/// `glass` and `remote HOST:PORT` or `remote :PROG ARGS` lines); any other directory is one
/// database. Throws IndexError naming the location when it does not exist or its stub cannot
/// be read or names an unsupported kind, UsageError for a malformed tcp:// address.
std::vector<ShardSource> list_shards(const std::vector<std::string>& locations);

/// Opens every database `locations` name (see list_shards()) and searches them as one, with
/// statistics combined so rankings equal one database's. Each shard's schema, language and
/// phrase mode are checked; remote ones too, as metadata works over the wire. Throws
/// IndexError naming the location or the shard when it is missing, does not answer within the
/// timeouts (unless `options.allow_partial`, which leaves it out and lists it in `missing`;
/// when none answers it still throws), is not a Morgue index, is of another schema version,
/// or its settings or shard count disagree with the others.
OpenIndex open_index(const std::vector<std::string>& locations, const OpenOptions& options = {});

/// Same, for one location.
OpenIndex open_index(const std::string& location, const OpenOptions& options = {});

/// Opens `index`'s shards again, leaving out those it already misses and those named in
/// `lost` (which join `missing`). Throws IndexError as open_index() does, also when no shard
/// remains.
OpenIndex reopen_without(const OpenIndex& index, const std::vector<std::string>& lost);

/// The names of `index`'s remote shards that do not answer a fresh connection now (each
/// probed within the connect timeout). No throw.
std::vector<std::string> unreachable_shards(const OpenIndex& index);

}  // namespace morgue

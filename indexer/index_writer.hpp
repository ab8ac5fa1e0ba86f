// Writes articles into an index of one or more shards, in batches under a memory budget.
#pragma once

#include "common/analysis.hpp"
#include "common/article.hpp"
#include "indexer/document_builder.hpp"

#include <xapian.h>

#include <atomic>
#include <cstdint>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace morgue::index {

struct WriterOptions {
    std::string path;
    AnalysisConfig analysis;
    std::size_t memory_mb = 512;  ///< budget for buffered changes, over all shards together
    bool spelling = true;         ///< feed the spelling table for "did you mean"
    bool wait_for_lock = false;   ///< wait for another writer instead of failing at once
    std::size_t batch_articles = 0;  ///< also commit every this many articles per shard (0 = by memory only)
    /// Shards of a new index (1 = one plain database). An existing index keeps its own count.
    std::size_t shards = 1;

    // Speed levers, all on by default; switching one off exists to measure what it brings.
    bool cache_stems = true;       ///< stem each distinct word once (stem_cache.hpp)
    bool no_sync_new = true;       ///< no fsync on a shard's batch commits while it is being
                                   ///< built from empty; one sync after its final commit
    bool add_when_new = true;      ///< add_document, not replace_document, into a shard empty
                                   ///< at start (replace still for an id seen earlier in the run)
    bool batch_spelling = true;    ///< count spelling words per batch, add each once at commit
    /// A shard empty at the start of the run is built as segments: fresh databases of at most
    /// this many articles, each sealed (and seen by readers) when full or at a commit, merged
    /// into one compacted database at the end of the run. 0 writes into the shard directly.
    std::size_t segment_articles = 20000;
};

/// fsync every file of a database directory, then the directory: what a commit without
/// DB_NO_SYNC would have done. Throws IndexError naming `path` when a file cannot be synced.
void sync_directory(const std::string& path);

/// When `shard_dir` holds the segments of a run that died (a segment list), takes the shard's
/// lock (waiting for it with `options.wait_for_lock`), merges the listed segments into one
/// database in the shard's place, keeping only the last copy of an id listed twice, and
/// removes what no list names. No-op for any other directory. Throws IndexError.
void finish_left_segments(const WriterOptions& options, const std::string& shard_dir);

enum class WriteOutcome { added, replaced };

/// One shard's writer, its document builder and its batch. Used by one thread at a time.
///
/// A shard that holds no database when the run starts is built as segments: articles go into a
/// fresh database (cheap to add to, as Xapian's cost per article grows with the database it
/// goes into); commit() seals it and lists it in the shard's segment list, so readers see it at
/// once; finish() merges every segment into one compacted database that takes the shard
/// directory's place. Segment 0 holds the shard's metadata and, open for writing throughout,
/// its writer lock. A shard that holds a database is written into directly, each batch one
/// transaction. Throws IndexError naming the shard's path.
class ShardWriter {
public:
    ShardWriter(const WriterOptions& options, std::string path, std::size_t shard,
                std::size_t shard_count);
    ~ShardWriter();
    ShardWriter(const ShardWriter&) = delete;
    ShardWriter& operator=(const ShardWriter&) = delete;

    WriteOutcome write(const Article& article);
    /// Deletes the article with id `id` (in this run's next commit); false when the shard holds
    /// none. A shard built as segments in this run held nothing when it began: false.
    bool remove(const std::string& id);
    /// Commits the batch (seals the open segment); returns the number of articles it held.
    std::size_t commit();
    /// The last commit of a run: commits, then makes a shard written without fsync durable
    /// (merges and syncs a shard built as segments).
    std::size_t finish();

    std::size_t uncommitted() const noexcept { return m_uncommitted; }
    std::uint64_t committed_total() const noexcept { return m_committed_total; }
    const std::string& path() const noexcept { return m_path; }

private:
    void open_direct(std::size_t shard, std::size_t shard_count);
    bool open_segmented(std::size_t shard, std::size_t shard_count);
    std::string segment_path(std::uint32_t n) const;
    Xapian::WritableDatabase& spelling_db() noexcept;
    void start_segment();
    std::size_t seal_segment();
    void delete_replaced_copies();
    WriteOutcome write_direct(const std::string& term, const Xapian::Document& doc);
    WriteOutcome write_segmented(const std::string& term, const Xapian::Document& doc);

    WriterOptions m_options;
    std::string m_path;
    std::uint64_t m_budget_bytes;
    bool m_new = false;      ///< direct: empty when opened, add_document is safe
    bool m_no_sync = false;  ///< direct: opened with DB_NO_SYNC, finish() syncs
    Xapian::WritableDatabase m_db;  ///< direct: the shard; segmented: the open segment
    DocumentBuilder m_builder;
    std::unordered_set<std::string> m_seen;  ///< direct: id terms written this run, when m_new
    std::size_t m_uncommitted = 0;
    std::uint64_t m_pending_bytes = 0;
    std::uint64_t m_committed_total = 0;

    bool m_segmented = false;
    Xapian::WritableDatabase m_lock;      ///< segmented: segment 0 (metadata, spelling, lock)
    std::vector<std::string> m_listed;    ///< segmented: the segment list, in order
    bool m_segment_open = false;          ///< m_db is an unsealed segment
    std::uint32_t m_segment = 0;          ///< the open (or next) segment's number
    /// Segmented: each id term written this run, and the segment holding its live copy.
    std::unordered_map<std::string, std::uint32_t> m_segment_of;
    /// Segmented: id terms whose copy in a sealed segment a later article replaced, by segment;
    /// deleted there once the replacement is sealed.
    std::map<std::uint32_t, std::vector<std::string>> m_replaced_copies;
};

/// Owns the index's shards (a new index gets `WriterOptions::shards`; the count is recorded in
/// every shard and in the stub file, and an existing index keeps it). Articles go to the shard
/// shard_for_id() names, so re-indexing replaces in place. Two ways to use it, not mixed:
/// write() and commit() in the caller's thread, or start(), submit() and finish() with one
/// writer thread per shard. Throws IndexError naming the path when the index cannot be created,
/// is locked by another writer, or is of another schema.
class IndexWriter {
public:
    explicit IndexWriter(const WriterOptions& options);
    /// Stops writer threads; uncommitted work is dropped (each batch is a transaction).
    ~IndexWriter();
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    /// Adds or replaces (by id) one article in its shard, in this thread.
    WriteOutcome write(const Article& article);
    /// Deletes the article with id `id` from the shard that holds it, in this thread; false when
    /// there is none. Committed by commit() or finish().
    bool remove(const std::string& id);
    /// Commits every shard; returns the number of articles committed by this call.
    std::size_t commit();
    std::size_t uncommitted() const noexcept;

    /// Starts one writer thread per shard.
    void start();
    /// Hands `article` to its shard's thread; blocks while that shard's queue is full. Throws
    /// the first error a writer thread met.
    void submit(Article&& article);
    /// Lets the threads write what is queued, commits every shard (in parallel) and stops the
    /// threads. Throws the first error a writer thread met.
    void finish();

    std::size_t shard_count() const noexcept { return m_shards.size(); }
    /// Articles added or replaced so far (threads update these as they go).
    std::uint64_t added() const noexcept { return m_added; }
    std::uint64_t replaced() const noexcept { return m_replaced; }
    std::uint64_t committed_total() const noexcept;
    const std::string& path() const noexcept { return m_options.path; }

    /// Bytes the index takes on disk now (every shard).
    std::uint64_t bytes_on_disk() const;

private:
    class Queue;
    void run_shard(std::size_t k);
    void record_error();
    [[noreturn]] void rethrow_error();
    void stop_threads() noexcept;

    WriterOptions m_options;
    std::vector<std::unique_ptr<ShardWriter>> m_shards;
    std::vector<std::unique_ptr<Queue>> m_queues;
    std::vector<std::thread> m_threads;
    std::atomic<std::uint64_t> m_added{0};
    std::atomic<std::uint64_t> m_replaced{0};
    std::atomic<bool> m_failed{false};
    std::atomic<bool> m_abort{false};
    std::mutex m_error_mutex;
    std::exception_ptr m_error;
};

}  // namespace morgue::index

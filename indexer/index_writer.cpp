// Shards, writer threads, batching under a memory budget; translating Xapian's write errors.
#include "indexer/index_writer.hpp"

#include "common/error.hpp"
#include "common/index_layout.hpp"
#include "common/index_meta.hpp"
#include "common/terms.hpp"
#include "indexer/segment_merge.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <system_error>

namespace morgue::index {

namespace fs = std::filesystem;

namespace {

/// Bytes of Xapian's in-memory change buffers per byte of article text: measured on
/// Reuters-21578: with this factor, peak RSS stays within the budget plus about 20 MB at
/// --memory-mb 32, 64 and 128.
constexpr std::uint64_t buffer_bytes_per_text_byte = 16;

/// Fixed cost per buffered document (document data, termlist, value entries).
constexpr std::uint64_t buffer_bytes_per_document = 2048;

/// Documents between Xapian's flushes of its in-memory postings. Measured with 2 shards, CPU
/// seconds: Reuters-21578 9-10 at 150-400, 11-15 at 700-3,000, 18-20 when the whole batch is
/// buffered (Xapian's default is 10,000); 20,000 longer generated articles 16-22 at 50-300, 19
/// at 1,000, 34 whole. Peak RSS falls with it.
constexpr int flush_every_documents = 150;

/// Segmented: the spelling frequencies of words already in segment 0 are added at every
/// this many seals (and at the end); new words at every seal. 200,000 articles: the spelling
/// work at the 12 seals of each shard took 7.8 s of an 86 s run when every word was added each
/// time.
constexpr std::uint32_t spelling_counts_every_seals = 8;

/// Articles waiting per shard: enough to ride over a slow commit, small next to the budget.
constexpr std::size_t queue_capacity = 256;

Xapian::WritableDatabase open_writable(const WriterOptions& options, const std::string& path,
                                       int extra_flags) {
    // Commits are ours to schedule (by memory); inside a transaction Xapian still moves its
    // in-memory postings into the tables every XAPIAN_FLUSH_THRESHOLD documents, without
    // committing. Those buffers get slower per posting as they grow, so keep them small.
    ::setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(flush_every_documents).c_str(), 1);
    int flags = Xapian::DB_CREATE_OR_OPEN | extra_flags;
    if (options.wait_for_lock) flags |= Xapian::DB_RETRY_LOCK;
    try {
        std::error_code ec;
        fs::create_directories(path, ec);
        return Xapian::WritableDatabase(path, flags);
    } catch (const Xapian::DatabaseLockError&) {
        throw IndexError(options.path,
                         "index is locked by another writer (is another morgue-index running on "
                         "it?); wait for it to finish, or pass --wait-lock");
    } catch (const Xapian::Error& e) {
        throw IndexError(path, "cannot open index for writing: " + xapian_reason(e));
    }
}

/// True when the database at `path` exists and holds articles (it may be written by
/// add_document and without fsync only when it does not).
bool holds_articles(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(fs::path(path) / glass_version_file, ec)) return false;
    try {
        return Xapian::Database(path).get_doccount() > 0;
    } catch (const Xapian::Error&) {
        return true;  // let the writable open report what is wrong
    }
}

}  // namespace

void sync_directory(const std::string& path) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(path, ec)) {
        if (!entry.is_regular_file(ec)) continue;
        const int fd = ::open(entry.path().c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) continue;
        const int rc = ::fsync(fd);
        ::close(fd);
        if (rc != 0) throw IndexError(path, "cannot sync index files to disk");
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

namespace {

bool is_local(const StubEntry& entry) {
    return entry.kind == "auto" || entry.kind == "glass" || entry.kind == "chert";
}

/// The shard databases of the index at `path`, and whether it uses the sharded layout.
struct Layout {
    std::vector<std::string> shard_paths;
    bool sharded = false;
};

Layout resolve_layout(const WriterOptions& options) {
    const auto& path = options.path;
    Layout layout;
    if (has_stub(path)) {
        layout.sharded = true;
        for (const auto& entry : read_stub(path)) {
            if (!is_local(entry))
                throw IndexError(path, "cannot write to a '" + entry.kind + "' shard (" +
                                           entry.location + "): write on the machine that holds it");
            layout.shard_paths.push_back(entry.location);
        }
        if (layout.shard_paths.empty()) throw IndexError(path, "the shard list names no shards");
        return layout;
    }
    if (holds_database(path)) {
        layout.shard_paths.push_back(path);
        return layout;
    }
    std::size_t count = std::max<std::size_t>(options.shards, 1);
    const auto first = (fs::path(path) / shard_dir_name(0)).string();
    if (holds_database(first)) {
        // A run stopped while creating the index, before the shard list was written: the
        // count recorded in the first shard wins over this run's.
        try {
            if (const auto recorded = read_shard_count(Xapian::Database(first)); recorded > 0)
                count = recorded;
        } catch (const Xapian::Error&) {
        }
    }
    layout.sharded = count > 1;
    if (!layout.sharded) {
        layout.shard_paths.push_back(path);
        return layout;
    }
    for (std::size_t k = 0; k < count; ++k)
        layout.shard_paths.push_back((fs::path(path) / shard_dir_name(k)).string());
    return layout;
}

}  // namespace

// ---------------------------------------------------------------- ShardWriter

void finish_left_segments(const WriterOptions& options, const std::string& shard_dir) {
    remove_merged_segments(shard_dir);  // a merge that died after moving its database in
    if (!has_segment_stub(shard_dir)) return;
    Xapian::WritableDatabase lock;
    try {
        lock = open_writable(options, (fs::path(shard_dir) / segment_dir_name(0)).string(), 0);
    } catch (const IndexError&) {
        // Waiting for the lock (--wait-lock), the run that held it merged and removed it.
        if (!has_segment_stub(shard_dir)) return;
        throw;
    }
    // Under the lock: the run that held it may have finished meanwhile, merging the segments.
    if (!has_segment_stub(shard_dir)) {
        lock.close();
        return;
    }
    std::vector<std::string> listed;
    for (const auto& entry : read_stub(shard_dir))
        listed.push_back(fs::path(entry.location).filename().string());
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(shard_dir, ec)) {
        const auto name = entry.path().filename().string();
        if (entry.is_directory(ec) && std::find(listed.begin(), listed.end(), name) == listed.end())
            fs::remove_all(entry.path(), ec);  // a segment the run never sealed
    }
    merge_segments(shard_dir, true);
    lock.close();
}

ShardWriter::ShardWriter(const WriterOptions& options, std::string path, std::size_t shard,
                         std::size_t shard_count)
    : m_options(options),
      m_path(std::move(path)),
      m_budget_bytes((static_cast<std::uint64_t>(options.memory_mb) << 20) / shard_count),
      m_builder(options.analysis, options.cache_stems) {
    for (;;) {
        // A shard a run that died left as segments becomes one database first.
        finish_left_segments(options, m_path);
        if (holds_database(m_path) || options.segment_articles == 0) {
            open_direct(shard, shard_count);
            return;
        }
        if (open_segmented(shard, shard_count)) return;
    }
}

void ShardWriter::open_direct(std::size_t shard, std::size_t shard_count) {
    m_new = !holds_articles(m_path);
    m_no_sync = m_new && m_options.no_sync_new;
    m_db = open_writable(m_options, m_path, m_no_sync ? Xapian::DB_NO_SYNC : 0);
    try {
        // Opened under the lock: another writer may have filled it since holds_articles().
        if (m_db.get_doccount() > 0) m_new = false;
        write_or_check_index_meta(m_db, m_options.analysis, m_path);
        write_or_check_shard_meta(m_db, shard, shard_count, m_path);
        m_db.commit();
        // Everything from here to the next commit() is one transaction: closing the database
        // (or dying) without commit() leaves the shard exactly as last committed.
        m_db.begin_transaction(true);
    } catch (const Xapian::Error& e) {
        throw IndexError(m_path, e.get_description());
    }
}

bool ShardWriter::open_segmented(std::size_t shard, std::size_t shard_count) {
    try {
        m_lock = open_writable(m_options, segment_path(0), Xapian::DB_NO_SYNC);
    } catch (const IndexError&) {
        // Waiting for the lock (--wait-lock), another run finished this shard and removed it.
        if (holds_database(m_path)) return false;
        throw;
    }
    // Under the lock: another writer may have built (or begun) this shard since we looked.
    if (holds_database(m_path)) {
        m_lock.close();
        return false;
    }
    try {
        // The shard is ours alone now: anything else in it was left by a run that died before
        // it listed a segment.
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(m_path, ec))
            if (entry.path().filename() != segment_dir_name(0)) fs::remove_all(entry.path(), ec);
        write_or_check_index_meta(m_lock, m_options.analysis, m_path);
        write_or_check_shard_meta(m_lock, shard, shard_count, m_path);
        m_lock.commit();
    } catch (const Xapian::Error& e) {
        throw IndexError(m_path, e.get_description());
    }
    m_segmented = true;
    m_listed = {segment_dir_name(0)};
    m_segment = 1;
    write_segment_stub(m_path, m_listed);
    return true;
}

ShardWriter::~ShardWriter() {
    // Uncommitted work is dropped on purpose (close() cancels the open transaction; an
    // unsealed segment is never listed): an error unwinding through here never commits a
    // half-written batch.
    try {
        m_db.close();
        m_lock.close();
    } catch (const Xapian::Error&) {
    }
    if (m_segment_open) {
        std::error_code ec;
        fs::remove_all(segment_path(m_segment), ec);
    }
}

std::string ShardWriter::segment_path(std::uint32_t n) const {
    return (fs::path(m_path) / segment_dir_name(n)).string();
}

void ShardWriter::start_segment() {
    // Fresh, unlisted until sealed: no reader sees it, so no transaction and no fsync (the
    // merged database is synced at the end of the run).
    std::error_code ec;
    fs::remove_all(segment_path(m_segment), ec);
    m_db = open_writable(m_options, segment_path(m_segment), Xapian::DB_NO_SYNC);
    m_segment_open = true;
}

WriteOutcome ShardWriter::write(const Article& article) {
    try {
        if (m_segmented && !m_segment_open) start_segment();
        auto doc = m_builder.build(article, m_options.spelling ? &spelling_db() : nullptr,
                                   m_options.batch_spelling);
        const auto term = id_term(article.id);
        const auto outcome = m_segmented ? write_segmented(term, doc) : write_direct(term, doc);
        ++m_uncommitted;
        m_pending_bytes += buffer_bytes_per_document +
                           buffer_bytes_per_text_byte * (article.title.size() + article.body.size());
        const bool batch_full = m_options.batch_articles > 0 &&
                                m_uncommitted >= m_options.batch_articles;
        const bool segment_full = m_segmented && m_uncommitted >= m_options.segment_articles;
        if (batch_full || segment_full || m_pending_bytes >= m_budget_bytes) commit();
        return outcome;
    } catch (const Xapian::Error& e) {
        throw IndexError(m_path, "cannot write article '" + article.id + "': " + e.get_description());
    }
}

bool ShardWriter::remove(const std::string& id) {
    if (m_segmented) return false;
    const auto term = id_term(id);
    try {
        if (!m_db.term_exists(term)) return false;
        m_db.delete_document(term);
    } catch (const Xapian::Error& e) {
        throw IndexError(m_path, "cannot delete article '" + id + "': " + e.get_description());
    }
    m_seen.erase(term);
    ++m_uncommitted;
    return true;
}

WriteOutcome ShardWriter::write_direct(const std::string& term, const Xapian::Document& doc) {
    bool existed;
    if (m_new && m_options.add_when_new) {
        // The shard was empty when this run began, so only an id seen earlier in this run
        // can be in it: add_document skips the lookup and the delete replace would do.
        existed = !m_seen.insert(term).second;
        if (existed)
            m_db.replace_document(term, doc);
        else
            m_db.add_document(doc);
    } else {
        existed = m_db.term_exists(term);
        m_db.replace_document(term, doc);
    }
    return existed ? WriteOutcome::replaced : WriteOutcome::added;
}

WriteOutcome ShardWriter::write_segmented(const std::string& term, const Xapian::Document& doc) {
    // The shard held nothing when the run began: only an id seen earlier in this run can be
    // in it, in the open segment or in a sealed one.
    const auto [it, fresh] = m_segment_of.try_emplace(term, m_segment);
    if (!fresh && it->second == m_segment) {
        m_db.replace_document(term, doc);
    } else {
        if (!fresh) {
            m_replaced_copies[it->second].push_back(term);
            it->second = m_segment;
        }
        m_db.add_document(doc);
    }
    return fresh ? WriteOutcome::added : WriteOutcome::replaced;
}

std::size_t ShardWriter::commit() {
    if (m_segmented) return seal_segment();
    try {
        m_builder.add_counted_spelling(m_db);
        m_db.commit_transaction();
        m_db.begin_transaction(true);
    } catch (const Xapian::Error& e) {
        throw IndexError(m_path, "commit failed: " + e.get_description());
    }
    const auto done = m_uncommitted;
    m_committed_total += done;
    m_uncommitted = 0;
    m_pending_bytes = 0;
    return done;
}

Xapian::WritableDatabase& ShardWriter::spelling_db() noexcept {
    // A segment starts empty, so every word would be new to it and each segment would build
    // the word's spelling fragments again: segment 0 collects the whole run's spelling data.
    return m_segmented ? m_lock : m_db;
}

std::size_t ShardWriter::seal_segment() {
    if (!m_segment_open) return 0;
    try {
        m_db.commit();
        m_db.close();
        // Before the list names the segment: a reader that sees it sees its words too. Only
        // the words new to the run go in at every seal; the counts of the others every few
        // seals and at the end (finish()).
        m_builder.add_counted_spelling(m_lock, m_segment % spelling_counts_every_seals == 0
                                                   ? DocumentBuilder::SpellingWords::all
                                                   : DocumentBuilder::SpellingWords::new_only);
        m_lock.commit();
    } catch (const Xapian::Error& e) {
        throw IndexError(m_path, "commit failed: " + e.get_description());
    }
    m_segment_open = false;
    m_listed.push_back(segment_dir_name(m_segment));
    ++m_segment;
    write_segment_stub(m_path, m_listed);
    // Listed first, deleted after: a crash in between leaves both copies, which the next run's
    // merge resolves (finish_left_segments), never neither.
    delete_replaced_copies();
    const auto done = m_uncommitted;
    m_committed_total += done;
    m_uncommitted = 0;
    m_pending_bytes = 0;
    return done;
}

void ShardWriter::delete_replaced_copies() {
    if (m_replaced_copies.empty()) return;
    try {
        for (const auto& [segment, terms] : m_replaced_copies) {
            Xapian::WritableDatabase sealed(segment_path(segment),
                                            Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
            for (const auto& term : terms) sealed.delete_document(term);
            sealed.commit();
            sealed.close();
        }
    } catch (const Xapian::Error& e) {
        throw IndexError(m_path, "cannot delete replaced articles: " + e.get_description());
    }
    m_replaced_copies.clear();
    write_segment_stub(m_path, m_listed);  // a new identity: readers reopen
}

std::size_t ShardWriter::finish() {
    const auto done = commit();
    if (m_segmented) {
        try {
            m_builder.add_counted_spelling(m_lock);
            m_lock.commit();
        } catch (const Xapian::Error& e) {
            throw IndexError(m_path, "commit failed: " + e.get_description());
        }
        merge_segments(m_path, false);
        m_segmented = false;
        try {
            m_lock.close();
        } catch (const Xapian::Error&) {
        }
    } else if (m_no_sync) {
        sync_directory(m_path);
    }
    return done;
}

// ---------------------------------------------------------------- IndexWriter

/// A bounded queue of articles for one shard's thread. The thread takes everything queued at
/// once, and each side wakes the other only when it may be waiting (queue empty, or full):
/// a wake-up per article cost a futex call per article on both sides.
class IndexWriter::Queue {
public:
    /// Blocks while full; false when the queue was closed.
    bool push(Article&& article) {
        std::unique_lock lock(m_mutex);
        m_not_full.wait(lock, [&] { return m_items.size() < queue_capacity || m_closed; });
        if (m_closed) return false;
        m_items.push_back(std::move(article));
        if (m_items.size() == 1) m_not_empty.notify_one();
        return true;
    }
    /// Blocks while empty, then moves every queued article into `out` (emptied first); false
    /// once closed and drained.
    bool pop_all(std::deque<Article>& out) {
        out.clear();
        std::unique_lock lock(m_mutex);
        m_not_empty.wait(lock, [&] { return !m_items.empty() || m_closed; });
        if (m_items.empty()) return false;
        const bool was_full = m_items.size() >= queue_capacity;
        out.swap(m_items);
        if (was_full) m_not_full.notify_one();
        return true;
    }
    void close() {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_not_empty.notify_all();
        m_not_full.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_not_empty;
    std::condition_variable m_not_full;
    std::deque<Article> m_items;
    bool m_closed = false;
};

IndexWriter::IndexWriter(const WriterOptions& options) : m_options(options) {
    const auto layout = resolve_layout(options);
    if (layout.sharded) {
        std::error_code ec;
        fs::create_directories(options.path, ec);
    }
    // Shard 0 first: a second writer on the same index fails there, before touching others.
    const auto count = layout.shard_paths.size();
    for (std::size_t k = 0; k < count; ++k)
        m_shards.push_back(std::make_unique<ShardWriter>(options, layout.shard_paths[k], k, count));
    if (layout.sharded && !has_stub(options.path)) write_stub(options.path, count);
}

IndexWriter::~IndexWriter() {
    m_abort = true;
    stop_threads();
}

WriteOutcome IndexWriter::write(const Article& article) {
    const auto outcome = m_shards[shard_for_id(article.id, m_shards.size())]->write(article);
    ++(outcome == WriteOutcome::added ? m_added : m_replaced);
    return outcome;
}

bool IndexWriter::remove(const std::string& id) {
    return m_shards[shard_for_id(id, m_shards.size())]->remove(id);
}

std::size_t IndexWriter::commit() {
    std::size_t done = 0;
    for (auto& shard : m_shards) done += shard->commit();
    return done;
}

std::size_t IndexWriter::uncommitted() const noexcept {
    std::size_t n = 0;
    for (const auto& shard : m_shards) n += shard->uncommitted();
    return n;
}

std::uint64_t IndexWriter::committed_total() const noexcept {
    std::uint64_t n = 0;
    for (const auto& shard : m_shards) n += shard->committed_total();
    return n;
}

void IndexWriter::start() {
    for (std::size_t k = 0; k < m_shards.size(); ++k) m_queues.push_back(std::make_unique<Queue>());
    for (std::size_t k = 0; k < m_shards.size(); ++k) m_threads.emplace_back([this, k] { run_shard(k); });
}

void IndexWriter::record_error() {
    std::lock_guard lock(m_error_mutex);
    if (!m_error) m_error = std::current_exception();
    m_failed = true;
}

void IndexWriter::run_shard(std::size_t k) {
    auto& shard = *m_shards[k];
    auto& queue = *m_queues[k];
    std::deque<Article> batch;
    try {
        while (queue.pop_all(batch)) {
            for (const auto& article : batch) {
                if (m_abort || m_failed) break;  // drain, so the reader never blocks on us
                const auto outcome = shard.write(article);
                ++(outcome == WriteOutcome::added ? m_added : m_replaced);
            }
        }
        if (!m_abort && !m_failed) shard.finish();
    } catch (...) {
        record_error();
        while (queue.pop_all(batch)) {
        }
    }
}

void IndexWriter::rethrow_error() {
    stop_threads();
    std::lock_guard lock(m_error_mutex);
    if (m_error) std::rethrow_exception(m_error);
    throw IndexError(m_options.path, "a writer thread failed");
}

void IndexWriter::submit(Article&& article) {
    if (m_failed) rethrow_error();
    const auto k = shard_for_id(article.id, m_shards.size());
    m_queues[k]->push(std::move(article));
}

void IndexWriter::stop_threads() noexcept {
    for (auto& queue : m_queues) queue->close();
    for (auto& thread : m_threads) {
        try {
            if (thread.joinable()) thread.join();
        } catch (const std::system_error&) {
            thread.detach();  // never leave a joinable thread to terminate the process
        }
    }
    m_threads.clear();
}

void IndexWriter::finish() {
    if (m_threads.empty() && m_queues.empty()) {
        for (auto& shard : m_shards) shard->finish();
        return;
    }
    stop_threads();
    if (m_failed) rethrow_error();
}

std::uint64_t IndexWriter::bytes_on_disk() const {
    std::uint64_t total = 0;
    std::error_code ec;
    for (const auto& entry : fs::recursive_directory_iterator(m_options.path, ec)) {
        if (entry.is_regular_file(ec)) total += entry.file_size(ec);
    }
    return total;
}

}  // namespace morgue::index

// Batching writes under a memory budget; translating Xapian's write errors.
#include "indexer/index_writer.hpp"

#include "common/error.hpp"
#include "common/index_meta.hpp"

#include <cstdlib>
#include <filesystem>

namespace morgue::index {

namespace {

/// Bytes of Xapian's in-memory change buffers per byte of article text: measured on
/// Reuters-21578: with this factor, peak RSS stays within the budget plus about 20 MB at
/// --memory-mb 32, 64 and 128.
constexpr std::uint64_t buffer_bytes_per_text_byte = 16;

/// Fixed cost per buffered document (document data, termlist, value entries).
constexpr std::uint64_t buffer_bytes_per_document = 2048;

Xapian::WritableDatabase open_writable(const WriterOptions& options) {
    // Commits are ours to schedule (by memory, not by document count): keep Xapian from
    // flushing on its own every 10,000 documents.
    ::setenv("XAPIAN_FLUSH_THRESHOLD", "4000000000", 1);
    int flags = Xapian::DB_CREATE_OR_OPEN;
    if (options.wait_for_lock) flags |= Xapian::DB_RETRY_LOCK;
    try {
        std::error_code ec;
        std::filesystem::create_directories(options.path, ec);
        return Xapian::WritableDatabase(options.path, flags);
    } catch (const Xapian::DatabaseLockError&) {
        throw IndexError(options.path,
                         "index is locked by another writer (is another morgue-index running on "
                         "it?); wait for it to finish, or pass --wait-lock");
    } catch (const Xapian::Error& e) {
        throw IndexError(options.path, "cannot open index for writing: " + e.get_msg());
    }
}

}  // namespace

IndexWriter::IndexWriter(const WriterOptions& options)
    : m_options(options), m_db(open_writable(options)), m_builder(options.analysis) {
    try {
        write_or_check_index_meta(m_db, options.analysis, options.path);
        m_db.commit();
        // Everything from here to the next commit() is one transaction: closing the database
        // (or dying) without commit() leaves the index exactly as last committed.
        m_db.begin_transaction(true);
    } catch (const Xapian::Error& e) {
        throw IndexError(options.path, e.get_description());
    }
}

IndexWriter::~IndexWriter() {
    // Uncommitted work is dropped on purpose (close() cancels the open transaction): an error
    // unwinding through here never commits a half-written batch.
    try {
        m_db.close();
    } catch (const Xapian::Error&) {
    }
}

WriteOutcome IndexWriter::write(const Article& article) {
    try {
        auto doc = m_builder.build(article, m_options.spelling ? &m_db : nullptr);
        const auto term = id_term(article.id);
        const bool existed = m_db.term_exists(term);
        m_db.replace_document(term, doc);
        ++m_uncommitted;
        m_pending_bytes += buffer_bytes_per_document +
                           buffer_bytes_per_text_byte * (article.title.size() + article.body.size());
        const bool batch_full = m_options.batch_articles > 0 &&
                                m_uncommitted >= m_options.batch_articles;
        if (batch_full || m_pending_bytes >= static_cast<std::uint64_t>(m_options.memory_mb) << 20)
            commit();
        return existed ? WriteOutcome::replaced : WriteOutcome::added;
    } catch (const Xapian::Error& e) {
        throw IndexError(m_options.path,
                         "cannot write article '" + article.id + "': " + e.get_description());
    }
}

std::size_t IndexWriter::commit() {
    try {
        m_db.commit_transaction();
        m_db.begin_transaction(true);
    } catch (const Xapian::Error& e) {
        throw IndexError(m_options.path, "commit failed: " + e.get_description());
    }
    const auto done = m_uncommitted;
    m_committed_total += done;
    m_uncommitted = 0;
    m_pending_bytes = 0;
    return done;
}

std::uint64_t IndexWriter::bytes_on_disk() const {
    std::uint64_t total = 0;
    std::error_code ec;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(m_options.path, ec)) {
        if (entry.is_regular_file(ec)) total += entry.file_size(ec);
    }
    return total;
}

}  // namespace morgue::index

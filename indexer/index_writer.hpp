// Writes articles into one Xapian database in batches under a memory budget.
#pragma once

#include "common/analysis.hpp"
#include "common/article.hpp"
#include "indexer/document_builder.hpp"

#include <xapian.h>

#include <cstdint>
#include <string>

namespace morgue::index {

struct WriterOptions {
    std::string path;
    AnalysisConfig analysis;
    std::size_t memory_mb = 512;  ///< budget for buffered changes before a commit
    bool spelling = true;         ///< feed the spelling table for "did you mean"
    bool wait_for_lock = false;   ///< wait for another writer instead of failing at once
};

enum class WriteOutcome { added, replaced };

/// Owns the writable database. Each write() buffers; commits happen when the estimated memory
/// of buffered changes reaches the budget, and on commit(). Throws IndexError naming the path
/// when the index cannot be created, is locked by another writer, or is of another schema.
class IndexWriter {
public:
    explicit IndexWriter(const WriterOptions& options);
    ~IndexWriter();
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    /// Adds or replaces (by id) one article. Throws IndexError when Xapian refuses it.
    WriteOutcome write(const Article& article);

    /// Commits buffered changes; returns the number of articles committed by this call.
    std::size_t commit();

    std::size_t uncommitted() const noexcept { return m_uncommitted; }
    std::uint64_t committed_total() const noexcept { return m_committed_total; }
    const std::string& path() const noexcept { return m_options.path; }

    /// Bytes the index takes on disk now.
    std::uint64_t bytes_on_disk() const;

private:
    WriterOptions m_options;
    Xapian::WritableDatabase m_db;
    DocumentBuilder m_builder;
    std::size_t m_uncommitted = 0;
    std::uint64_t m_pending_bytes = 0;
    std::uint64_t m_committed_total = 0;
};

}  // namespace morgue::index

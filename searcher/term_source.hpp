// Weighted words whose documents' lengths are in memory. BM25 needs the length of every
// document it weighs; Xapian 1.4's matcher looks each one up in the database, and at 100,000
// articles a shard those lookups are most of a free-text query's time.
#pragma once

#include "searcher/collection_weight.hpp"

#include <xapian.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace morgue::search {

/// Each document's length in one database, by document id (0 for ids no document has): four
/// bytes a document.
using DocumentLengths = std::vector<Xapian::termcount>;

/// The lengths of every document of `db` (one database, not a stub of several). Throws
/// Xapian::Error.
std::shared_ptr<const DocumentLengths> read_document_lengths(const Xapian::Database& db);

/// One word, OP_SCALE_WEIGHT by `factor` as CollectionStats::term() makes it, as a posting
/// source: the same documents with the same weights, to the last bit, and the same bounds and
/// frequencies, so Xapian's matcher builds the same tree of operators over it and adds its
/// weights up in the same order; only the lengths come from `lengths`, read from the same
/// database. For a query of one database: init() refuses another (a database of several
/// sub-databases clones the source for each).
class TermSource final : public Xapian::PostingSource {
public:
    TermSource(std::string term, double factor, const Bm25Arithmetic& arithmetic,
               std::shared_ptr<const DocumentLengths> lengths);

    void init(const Xapian::Database& db) override;
    Xapian::doccount get_termfreq_min() const override { return m_frequency; }
    Xapian::doccount get_termfreq_est() const override { return m_frequency; }
    Xapian::doccount get_termfreq_max() const override { return m_frequency; }
    void next(double) override;
    void skip_to(Xapian::docid did, double) override;
    bool at_end() const override { return m_it == m_end; }
    Xapian::docid get_docid() const override { return *m_it; }
    double get_weight() const override {
        return m_arithmetic.part(m_term_weight, m_it.get_wdf(), (*m_lengths)[*m_it]);
    }
    TermSource* clone() const override;
    std::string get_description() const override { return "TermSource(" + m_term + ")"; }

private:
    std::string m_term;
    double m_factor;
    Bm25Arithmetic m_arithmetic;
    std::shared_ptr<const DocumentLengths> m_lengths;
    double m_term_weight;
    Xapian::PostingIterator m_it;
    Xapian::PostingIterator m_end;
    Xapian::doccount m_frequency = 0;
    bool m_started = false;
};

/// `query` with each of its weighted words (weighted_word() with `factors`) made by `make`,
/// under the operators that combine matches (OR, AND, AND_MAYBE, AND_NOT, FILTER). Positional operators, synonyms and filters are kept as they are: Xapian
/// takes only plain terms there. Builds new nodes only above a replaced word; the rest of the
/// tree is `query`'s own.
Xapian::Query with_term_sources(
    const Xapian::Query& query, const std::map<std::string, double>& factors,
    const std::function<Xapian::PostingSource*(const std::string& term, double factor)>& make);

}  // namespace morgue::search

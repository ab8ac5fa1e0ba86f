// Free-text unions matched with the documents' lengths in memory. BM25 needs each candidate's
// length; Xapian 1.4's matcher looks it up in the database for every document a union reaches,
// and at 100,000 articles a shard that lookup is most of a union's time.
#pragma once

#include "searcher/collection_weight.hpp"
#include "searcher/request.hpp"
#include "searcher/term_source.hpp"

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

namespace morgue::search {

/// OP_OR over `terms`, each OP_SCALE_WEIGHT by its factor and weighted by CollectionBm25Weight:
/// the same documents with the same weights, to the last bit, as Xapian's matcher gives that
/// query on one database. The sums follow the tree of OrPostLists Xapian builds (pairs by
/// ascending frequency), so ties stay ties. Lengths come from `lengths`, read from the same
/// database; documents that cannot reach the weight the matcher needs are skipped by their
/// words' bounds (WAND). Only for a query of one database: `lengths` must be that database's,
/// and init() refuses another (a database of several sub-databases clones the source for each).
class UnionSource final : public Xapian::PostingSource {
public:
    UnionSource(std::vector<WeightedTerm> terms, const Bm25Arithmetic& arithmetic,
                std::shared_ptr<const DocumentLengths> lengths);

    void init(const Xapian::Database& db) override;
    Xapian::doccount get_termfreq_min() const override;
    Xapian::doccount get_termfreq_est() const override;
    Xapian::doccount get_termfreq_max() const override;
    void next(double min_wt) override;
    void skip_to(Xapian::docid did, double min_wt) override;
    bool at_end() const override { return m_at_end; }
    Xapian::docid get_docid() const override { return m_current; }
    double get_weight() const override { return m_weight; }
    UnionSource* clone() const override;
    std::string get_description() const override;

private:
    struct Word {
        Xapian::PostingIterator it;
        Xapian::PostingIterator end;
        Xapian::docid at = 0;  ///< the posting `it` is at; 0 when the word has no more
        double term_weight = 0;
        double bound = 0;  ///< the most it adds to a document's weight
    };
    /// A node of Xapian's OR tree: a word (left < 0) or the sum of two nodes, with the
    /// frequency estimates Xapian's postlist would give.
    struct Node {
        int left = -1;
        int right = -1;
        Xapian::doccount estimate = 0;
        Xapian::doccount minimum = 0;
        Xapian::doccount maximum = 0;
    };

    void build_tree(Xapian::doccount documents);
    void move_to(Word& word, Xapian::docid did);
    /// The first document at or after `from` whose weight can reach `min_wt`, or none.
    void find(Xapian::docid from, double min_wt);
    /// The weight of `did`, which the words before the pivot are all at.
    double weight_at(Xapian::docid did);

    std::vector<WeightedTerm> m_terms;
    Bm25Arithmetic m_arithmetic;
    std::shared_ptr<const DocumentLengths> m_lengths;
    std::vector<Word> m_words;
    std::vector<Node> m_tree;        ///< words first, then sums in the order Xapian makes them
    std::vector<std::size_t> m_order;  ///< m_words by the posting each is at
    std::vector<char> m_has;           ///< weight_at(): which nodes the document is in
    std::vector<double> m_sum;         ///< weight_at(): each node's weight for it
    Xapian::docid m_current = 0;
    double m_weight = 0;
    bool m_started = false;
    bool m_at_end = false;
};

}  // namespace morgue::search

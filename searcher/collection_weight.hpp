// BM25 with the whole collection's statistics, whichever database a match runs on: what lets
// shards be searched apart and still score as one database.
#pragma once

#include "searcher/request.hpp"

#include <xapian.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace morgue::search {

/// The statistics BM25 takes from the collection: its size, its mean document length and each
/// term's document frequency, all read from the index as a whole (every shard). Xapian 1.4 gives
/// a weighting scheme only the statistics of the database it matches on, so a shard searched
/// on its own would weigh each word by that shard's frequencies. Queries carry the collection's
/// weights instead: each weighted term (or synonym) is wrapped in OP_SCALE_WEIGHT by its inverse
/// document frequency, and CollectionBm25Weight takes that factor as the term's weight. Under a
/// positional operator (OP_PHRASE, OP_NEAR), where Xapian takes only plain terms and one factor
/// would scale them all alike, each term carries its collection frequency in its wqf instead
/// (positional_wqf()): Morgue's queries give every term a wqf of 1 otherwise.
/// BM25's inverse document frequency for a term in `articles` of `documents`, as
/// Xapian::BM25Weight computes it without relevance information.
double bm25_idf(double documents, double articles) noexcept;

/// A term and the factor its query scales it by (OP_SCALE_WEIGHT): for CollectionStats::term(),
/// the term's collection idf.
struct WeightedTerm {
    std::string term;
    double factor = 0;
};

/// The shape of a weighted word: `term` (query position `pos`) under OP_SCALE_WEIGHT by
/// `factor`. The one place it is made; weighted_word() recognises it.
Xapian::Query weighted_term(const std::string& term, double factor, Xapian::termpos pos = 0);

/// When `query` is a weighted word (weighted_term()) whose term `factors` holds: that term and
/// its factor there. Filters are scaled too, by 0, but their terms are never in `factors`.
std::optional<WeightedTerm> weighted_word(const Xapian::Query& query,
                                          const std::map<std::string, double>& factors);

class CollectionStats {
public:
    /// The statistics of `db` (all its shards). Throws Xapian::Error.
    explicit CollectionStats(const Xapian::Database& db);

    double average_length() const noexcept { return m_average_length; }

    /// BM25's inverse document frequency for a term in `articles` documents (bm25_idf()).
    double idf(double articles) const noexcept;

    /// The term `term` (query position `pos`), weighted by its frequency in the collection:
    /// OP_SCALE_WEIGHT by term_factor().
    Xapian::Query term(const std::string& term, Xapian::termpos pos = 0) const;
    /// The factor term() scales `term` by: its idf over the collection.
    double term_factor(const std::string& term) const;

    /// `query` (a term or a synonym), weighted as a term in `articles` documents.
    Xapian::Query weighted(const Xapian::Query& query, double articles) const;

    /// The wqf for `term` under OP_PHRASE or OP_NEAR: it carries the term's collection
    /// frequency to CollectionBm25Weight, so the positional query is weighted as Xapian weighs
    /// it on one database (the sum of its terms' weights) and matched as it matches there.
    Xapian::termcount positional_wqf(const std::string& term) const;

    Xapian::doccount documents() const noexcept { return m_documents; }

private:
    /// idf() of `articles`, at most every document.
    double capped_idf(double articles) const noexcept;

    Xapian::Database m_db;
    Xapian::doccount m_documents = 0;
    double m_average_length = 0;
};

/// `positional` (OP_PHRASE or OP_NEAR) weighted by `terms`, its words each as the match should
/// weigh it: their AND, which `positional` filters, so that its weight is that of a match only.
/// For the proximity pairs: an OP_NEAR scaled under an OR can score a document as if near when
/// the matcher prunes, its score then depending on the page size.
Xapian::Query weighted_by_terms(const Xapian::Query& positional,
                                const std::vector<Xapian::Query>& terms);

/// The arithmetic of CollectionBm25Weight, for code that scores documents itself (UnionSource):
/// the same operations in the same order, so that its scores are CollectionBm25Weight's to the
/// last bit.
class Bm25Arithmetic {
public:
    /// For a collection of `documents` whose mean length is `average_length`.
    Bm25Arithmetic(const Bm25Params& params, Xapian::doccount documents,
                   double average_length) noexcept;

    /// A term's weight before its within-document part: `factor` is what its query brings (the
    /// collection idf times any scaling, see CollectionBm25Weight), `wqf` its wqf.
    double term_weight(double factor, Xapian::termcount wqf) const noexcept;
    /// The term's weight in a document where it occurs `wdf` times among `length` words.
    double part(double term_weight, Xapian::termcount wdf, Xapian::termcount length) const noexcept {
        const double normlen = std::max(length * m_len_factor, m_params.min_normlen);
        const double wdf_double = wdf;
        const double denom =
            m_params.k1 * (normlen * m_params.b + (1 - m_params.b)) + wdf_double;
        return term_weight * (wdf_double / denom);
    }
    /// The bound on part() over documents where the term occurs at most `wdf_max` times and
    /// that hold at least `length_lower_bound` words (Xapian::BM25Weight::get_maxpart()).
    double max_part(double term_weight, Xapian::termcount wdf_max,
                    Xapian::termcount length_lower_bound) const noexcept;

private:
    Bm25Params m_params;
    Xapian::doccount m_documents;
    double m_len_factor;
};

/// Xapian's BM25 (k2 = 0) on queries built with CollectionStats: the factor each term brings
/// (its collection idf times any scaling above it) is its weight, or, for a term whose wqf
/// carries its collection frequency (CollectionStats::positional_wqf()), that frequency's idf
/// times the factor; lengths are normalised by the collection's mean length. The document's own wdf and length come from the shard it is in;
/// the bounds the matcher prunes with are that shard's, which hold there. Not serialisable: the
/// remote backend's servers do not know it, so remote shards keep Xapian::BM25Weight.
class CollectionBm25Weight final : public Xapian::Weight {
public:
    /// For a collection of `documents` whose mean length is `average_length`.
    CollectionBm25Weight(const Bm25Params& params, Xapian::doccount documents,
                         double average_length);

    std::string name() const override { return "Morgue::CollectionBm25Weight"; }
    CollectionBm25Weight* clone() const override;
    void init(double factor) override;
    double get_sumpart(Xapian::termcount wdf, Xapian::termcount length,
                       Xapian::termcount unique_terms) const override;
    double get_maxpart() const override;
    double get_sumextra(Xapian::termcount, Xapian::termcount) const override { return 0; }
    double get_maxextra() const override { return 0; }

private:
    Bm25Params m_params;
    Xapian::doccount m_documents;
    double m_average_length;
    Bm25Arithmetic m_arithmetic;
    double m_termweight = 0;
};

}  // namespace morgue::search

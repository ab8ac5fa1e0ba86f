// BM25 weighted by the collection's statistics, carried in the query.
#include "searcher/collection_weight.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace morgue::search {

CollectionStats::CollectionStats(const Xapian::Database& db)
    : m_db(db), m_documents(db.get_doccount()), m_average_length(db.get_avlength()) {}

namespace {

/// positional_wqf() of a term in no document: a wqf of 1 is a plain term's.
constexpr Xapian::termcount wqf_of_no_document = 2;

}  // namespace

double bm25_idf(double documents, double articles) noexcept {
    // Xapian::BM25Weight::init() without an RSet, including its lift for terms in more than a
    // third of the documents (the plain formula would go negative past half).
    double tw = (documents - articles + 0.5) / (articles + 0.5);
    if (tw < 2) tw = tw * 0.5 + 1;
    return std::log(tw);
}

double CollectionStats::idf(double articles) const noexcept {
    return bm25_idf(m_documents, articles);
}

Xapian::Query weighted_term(const std::string& term, double factor, Xapian::termpos pos) {
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term, 1, pos), factor);
}

std::optional<WeightedTerm> weighted_word(const Xapian::Query& query,
                                          const std::map<std::string, double>& factors) {
    if (query.get_type() != Xapian::Query::OP_SCALE_WEIGHT || query.get_num_subqueries() != 1)
        return std::nullopt;
    const auto leaf = query.get_subquery(0);
    if (leaf.get_type() != Xapian::Query::LEAF_TERM) return std::nullopt;
    std::string term = *leaf.get_terms_begin();
    const auto factor = factors.find(term);
    if (factor == factors.end()) return std::nullopt;
    return WeightedTerm{std::move(term), factor->second};
}

double CollectionStats::capped_idf(double articles) const noexcept {
    return idf(std::min(articles, static_cast<double>(m_documents)));
}

Xapian::Query CollectionStats::term(const std::string& term, Xapian::termpos pos) const {
    return weighted_term(term, term_factor(term), pos);
}

double CollectionStats::term_factor(const std::string& term) const {
    return capped_idf(static_cast<double>(m_db.get_termfreq(term)));
}

Xapian::Query CollectionStats::weighted(const Xapian::Query& query, double articles) const {
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, capped_idf(articles));
}

Xapian::termcount CollectionStats::positional_wqf(const std::string& term) const {
    const Xapian::doccount articles = std::min(m_db.get_termfreq(term), m_documents);
    return std::min<Xapian::doccount>(articles, std::numeric_limits<Xapian::termcount>::max() -
                                                    wqf_of_no_document) +
           wqf_of_no_document;
}

Xapian::Query weighted_by_terms(const Xapian::Query& positional,
                                const std::vector<Xapian::Query>& terms) {
    return Xapian::Query(Xapian::Query::OP_FILTER,
                         Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end()),
                         positional);
}

Bm25Arithmetic::Bm25Arithmetic(const Bm25Params& params, Xapian::doccount documents,
                               double average_length) noexcept
    : m_params(params),
      m_documents(documents),
      m_len_factor((params.b == 0 || params.k1 == 0 || average_length == 0) ? 0
                                                                             : 1 / average_length) {}

double Bm25Arithmetic::term_weight(double factor, Xapian::termcount wqf) const noexcept {
    // As Xapian::BM25Weight::init(), with `factor` already holding the term's idf, or the wqf
    // its collection frequency (CollectionStats::positional_wqf()).
    double weight = factor;
    if (wqf >= wqf_of_no_document) {
        weight *= bm25_idf(m_documents, wqf - wqf_of_no_document);
    } else if (m_params.k3 != 0) {
        weight *= (m_params.k3 + 1) * wqf / (m_params.k3 + wqf);
    }
    weight *= m_params.k1 + 1;
    return weight;
}

double Bm25Arithmetic::max_part(double term_weight, Xapian::termcount wdf_max,
                                Xapian::termcount length_lower_bound) const noexcept {
    // Xapian::BM25Weight::get_maxpart(): the bound at the largest wdf and at the longer of that
    // wdf and the shortest document.
    double denom = m_params.k1;
    if (m_params.k1 != 0 && m_params.b != 0) {
        const double normlen_lb =
            std::max(std::max(wdf_max, length_lower_bound) * m_len_factor, m_params.min_normlen);
        denom *= normlen_lb * m_params.b + (1 - m_params.b);
    }
    denom += wdf_max;
    return denom > 0 ? term_weight * (wdf_max / denom) : 0;
}

CollectionBm25Weight::CollectionBm25Weight(const Bm25Params& params, Xapian::doccount documents,
                                           double average_length)
    : m_params(params),
      m_documents(documents),
      m_average_length(average_length),
      m_arithmetic(params, documents, average_length) {
    need_stat(WDF);
    need_stat(WDF_MAX);
    need_stat(WQF);
    need_stat(DOC_LENGTH);
    need_stat(DOC_LENGTH_MIN);
}

CollectionBm25Weight* CollectionBm25Weight::clone() const {
    return new CollectionBm25Weight(m_params, m_documents, m_average_length);
}

void CollectionBm25Weight::init(double factor) {
    m_termweight = m_arithmetic.term_weight(factor, get_wqf());
}

double CollectionBm25Weight::get_sumpart(Xapian::termcount wdf, Xapian::termcount length,
                                         Xapian::termcount) const {
    return m_arithmetic.part(m_termweight, wdf, length);
}

double CollectionBm25Weight::get_maxpart() const {
    return m_arithmetic.max_part(m_termweight, get_wdf_upper_bound(), get_doclength_lower_bound());
}

}  // namespace morgue::search

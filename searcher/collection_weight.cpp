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

Xapian::Query CollectionStats::term(const std::string& term, Xapian::termpos pos) const {
    return weighted(Xapian::Query(term, 1, pos), m_db.get_termfreq(term));
}

Xapian::Query CollectionStats::weighted(const Xapian::Query& query, double articles) const {
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query,
                         idf(std::min(articles, static_cast<double>(m_documents))));
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

CollectionBm25Weight::CollectionBm25Weight(const Bm25Params& params, Xapian::doccount documents,
                                           double average_length)
    : m_params(params), m_documents(documents), m_average_length(average_length) {
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
    // As Xapian::BM25Weight::init(), with `factor` already holding the term's idf, or the wqf
    // its collection frequency (CollectionStats::positional_wqf()).
    m_termweight = factor;
    const Xapian::termcount wqf = get_wqf();
    if (wqf >= wqf_of_no_document) {
        m_termweight *= bm25_idf(m_documents, wqf - wqf_of_no_document);
    } else if (m_params.k3 != 0) {
        m_termweight *= (m_params.k3 + 1) * wqf / (m_params.k3 + wqf);
    }
    m_termweight *= m_params.k1 + 1;
    m_len_factor = (m_params.b == 0 || m_params.k1 == 0 || m_average_length == 0)
                       ? 0
                       : 1 / m_average_length;
}

double CollectionBm25Weight::get_sumpart(Xapian::termcount wdf, Xapian::termcount length,
                                         Xapian::termcount) const {
    const double normlen = std::max(length * m_len_factor, m_params.min_normlen);
    const double wdf_double = wdf;
    const double denom =
        m_params.k1 * (normlen * m_params.b + (1 - m_params.b)) + wdf_double;
    return m_termweight * (wdf_double / denom);
}

double CollectionBm25Weight::get_maxpart() const {
    // Xapian::BM25Weight::get_maxpart(): the bound at the shard's largest wdf and at the longer
    // of that wdf and its shortest document.
    const Xapian::termcount wdf_max = get_wdf_upper_bound();
    double denom = m_params.k1;
    if (m_params.k1 != 0 && m_params.b != 0) {
        const double normlen_lb =
            std::max(std::max(wdf_max, get_doclength_lower_bound()) * m_len_factor,
                     m_params.min_normlen);
        denom *= normlen_lb * m_params.b + (1 - m_params.b);
    }
    denom += wdf_max;
    return denom > 0 ? m_termweight * (wdf_max / denom) : 0;
}

}  // namespace morgue::search

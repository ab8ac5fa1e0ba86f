// BM25 weighted by the collection's statistics, carried in the query.
#include "searcher/collection_weight.hpp"

#include <algorithm>
#include <cmath>

namespace morgue::search {

CollectionStats::CollectionStats(const Xapian::Database& db)
    : m_db(db), m_documents(db.get_doccount()), m_average_length(db.get_avlength()) {}

double CollectionStats::idf(double articles) const noexcept {
    // Xapian::BM25Weight::init() without an RSet, including its lift for terms in more than a
    // third of the documents (the plain formula would go negative past half).
    double tw = (m_documents - articles + 0.5) / (articles + 0.5);
    if (tw < 2) tw = tw * 0.5 + 1;
    return std::log(tw);
}

Xapian::Query CollectionStats::term(const std::string& term, Xapian::termpos pos) const {
    return weighted(Xapian::Query(term, 1, pos), m_db.get_termfreq(term));
}

Xapian::Query CollectionStats::weighted(const Xapian::Query& query, double articles) const {
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query,
                         idf(std::min(articles, static_cast<double>(m_documents))));
}

Xapian::Query CollectionStats::positional(const Xapian::Query& positional,
                                          const std::vector<std::string>& terms) const {
    if (terms.empty()) return positional;
    std::vector<Xapian::Query> weighted_terms;
    weighted_terms.reserve(terms.size());
    for (const auto& t : terms) weighted_terms.push_back(term(t));
    return weighted_by_terms(positional, weighted_terms);
}

Xapian::Query weighted_by_terms(const Xapian::Query& positional,
                                const std::vector<Xapian::Query>& terms) {
    return Xapian::Query(Xapian::Query::OP_FILTER,
                         Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end()),
                         positional);
}

CollectionBm25Weight::CollectionBm25Weight(const Bm25Params& params, double average_length)
    : m_params(params), m_average_length(average_length) {
    need_stat(WDF);
    need_stat(WDF_MAX);
    need_stat(WQF);
    need_stat(DOC_LENGTH);
    need_stat(DOC_LENGTH_MIN);
}

CollectionBm25Weight* CollectionBm25Weight::clone() const {
    return new CollectionBm25Weight(m_params, m_average_length);
}

void CollectionBm25Weight::init(double factor) {
    // As Xapian::BM25Weight::init(), with `factor` already holding the term's idf.
    m_termweight = factor;
    if (m_params.k3 != 0) {
        const double wqf = get_wqf();
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

// Weighted words as posting sources that read documents' lengths from memory.
#include "searcher/term_source.hpp"

#include <optional>

namespace morgue::search {

std::shared_ptr<const DocumentLengths> read_document_lengths(const Xapian::Database& db) {
    auto lengths = std::make_shared<DocumentLengths>(db.get_lastdocid() + 1, 0);
    const auto end = db.postlist_end("");
    for (auto it = db.postlist_begin(""); it != end; ++it) (*lengths)[*it] = it.get_doclength();
    return lengths;
}

TermSource::TermSource(std::string term, double factor, const Bm25Arithmetic& arithmetic,
                       std::shared_ptr<const DocumentLengths> lengths)
    : m_term(std::move(term)),
      m_factor(factor),
      m_arithmetic(arithmetic),
      m_lengths(std::move(lengths)),
      m_term_weight(m_arithmetic.term_weight(factor, 1)) {}

TermSource* TermSource::clone() const {
    return new TermSource(m_term, m_factor, m_arithmetic, m_lengths);
}

void TermSource::init(const Xapian::Database& db) {
    if (!m_lengths || m_lengths->size() != db.get_lastdocid() + 1)
        throw Xapian::InvalidArgumentError("TermSource: the lengths are another database's");
    m_it = db.postlist_begin(m_term);
    m_end = db.postlist_end(m_term);
    m_frequency = db.get_termfreq(m_term);
    m_started = false;
    // CollectionBm25Weight::get_maxpart() with this database's bounds, as the matcher would
    // take it from the term's own postlist.
    set_maxweight(m_arithmetic.max_part(m_term_weight, db.get_wdf_upper_bound(m_term),
                                        db.get_doclength_lower_bound()));
}

void TermSource::next(double) {
    if (m_started) ++m_it;
    m_started = true;
}

void TermSource::skip_to(Xapian::docid did, double) {
    m_started = true;
    m_it.skip_to(did);
}

namespace {

using Q = Xapian::Query;
using MakeSource = std::function<Xapian::PostingSource*(const std::string&, double)>;

/// with_term_sources() of `query`, or nothing when it has no weighted word to replace.
std::optional<Q> replaced(const Q& query, const std::map<std::string, double>& factors,
                          const MakeSource& make) {
    if (const auto word = weighted_word(query, factors))
        return Q(make(word->term, word->factor)->release());
    const auto op = query.get_type();
    if (op != Q::OP_OR && op != Q::OP_AND && op != Q::OP_AND_MAYBE && op != Q::OP_AND_NOT &&
        op != Q::OP_FILTER)
        return std::nullopt;
    std::vector<Q> parts;
    bool changed = false;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        auto part = replaced(query.get_subquery(i), factors, make);
        changed = changed || part.has_value();
        parts.push_back(part ? std::move(*part) : query.get_subquery(i));
    }
    if (!changed) return std::nullopt;
    return Q(op, parts.begin(), parts.end());
}

}  // namespace

Xapian::Query with_term_sources(const Xapian::Query& query,
                                const std::map<std::string, double>& factors,
                                const MakeSource& make) {
    auto result = replaced(query, factors, make);
    return result ? *result : query;
}

}  // namespace morgue::search

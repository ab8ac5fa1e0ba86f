// Counting facet values over every match.
#include "searcher/facets.hpp"

#include "common/schema.hpp"
#include "common/terms.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace morgue::search {

namespace {

bool counts_values(Facet facet) noexcept { return facet == Facet::source || facet == Facet::year; }

Xapian::valueno slot_of(Facet facet) noexcept {
    return facet == Facet::source ? schema::source_slot : schema::year_slot;
}

std::string_view prefix_of(Facet facet) noexcept {
    return facet == Facet::topic ? schema::topic_prefix : schema::place_prefix;
}

/// The `most` largest counts, ties by value (years: newest first).
std::vector<FacetValue> top_values(std::vector<FacetValue> values, std::size_t most, bool newest) {
    std::stable_sort(values.begin(), values.end(), [&](const auto& a, const auto& b) {
        if (a.count != b.count) return a.count > b.count;
        return newest ? a.value > b.value : a.value < b.value;
    });
    if (values.size() > most) values.resize(most);
    return values;
}

/// Labels of `prefix` counted over every match of `query`, one counting pass per label in
/// the index: the way for remote shards.
std::vector<FacetValue> count_labels(const Xapian::Database& db, const Xapian::Query& query,
                                     std::string_view prefix) {
    std::vector<FacetValue> values;
    for_each_label(db, prefix, [&](std::string value, Xapian::doccount) {
        Xapian::Enquire enquire(db);
        const Xapian::Query label(std::string{prefix} + value);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, label));
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        const auto mset = enquire.get_mset(0, 0, db.get_doccount());
        if (const auto count = mset.get_matches_estimated(); count > 0)
            values.push_back({std::move(value), count});
    });
    return values;
}

}  // namespace

void for_each_label(const Xapian::Database& db, std::string_view prefix,
                    const std::function<void(std::string value, Xapian::doccount articles)>& each) {
    const std::string p{prefix};
    for (auto it = db.allterms_begin(p); it != db.allterms_end(p); ++it) {
        const std::string term = *it;
        if (has_field_prefix(term, prefix)) each(term.substr(p.size()), it.get_termfreq());
    }
}

/// Counts the labels of a multi-valued boolean field (topic, place) by reading the prefixed
/// terms from each matching document's termlist.
class FacetCounter::LabelSpy : public Xapian::MatchSpy {
public:
    explicit LabelSpy(std::string_view prefix) : m_prefix(prefix) {}

    void operator()(const Xapian::Document& doc, double) override {
        auto it = doc.termlist_begin();
        it.skip_to(m_prefix);
        for (const auto end = doc.termlist_end(); it != end; ++it) {
            const std::string term = *it;
            if (!term.starts_with(m_prefix)) break;
            if (has_field_prefix(term, m_prefix)) ++m_counts[term.substr(m_prefix.size())];
        }
    }

    const std::map<std::string, Xapian::doccount>& counts() const noexcept { return m_counts; }

private:
    std::string m_prefix;
    std::map<std::string, Xapian::doccount> m_counts;
};

FacetCounter::FacetCounter(std::vector<Facet> facets, bool remote)
    : m_facets(std::move(facets)), m_remote(remote) {}

FacetCounter::~FacetCounter() = default;

void FacetCounter::attach(Xapian::Enquire& enquire) {
    for (const auto facet : m_facets) {
        if (counts_values(facet)) {
            m_value_spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot_of(facet)));
            enquire.add_matchspy(m_value_spies.back().get());
        } else if (!m_remote) {
            m_label_spies.push_back(std::make_unique<LabelSpy>(prefix_of(facet)));
            enquire.add_matchspy(m_label_spies.back().get());
        }
    }
}

std::vector<FacetCounts> FacetCounter::counts(const Xapian::Database& db,
                                              const Xapian::Query& query, std::size_t most) const {
    std::vector<FacetCounts> out;
    std::size_t value_index = 0;
    std::size_t label_index = 0;
    for (const auto facet : m_facets) {
        FacetCounts counts{facet, {}};
        if (counts_values(facet)) {
            const auto& spy = *m_value_spies[value_index++];
            for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
                counts.values.push_back({*it, it.get_termfreq()});
        } else if (m_remote) {
            counts.values = count_labels(db, query, prefix_of(facet));
        } else {
            for (const auto& [value, count] : m_label_spies[label_index++]->counts())
                counts.values.push_back({value, count});
        }
        counts.values = top_values(std::move(counts.values), most, facet == Facet::year);
        out.push_back(std::move(counts));
    }
    return out;
}

}  // namespace morgue::search

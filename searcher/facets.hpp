// Facets: the values of a field counted over every match of a query (source and year from
// their value slots, topic and place from the articles' label terms).
#pragma once

#include "searcher/request.hpp"

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace morgue::search {

struct FacetValue {
    std::string value;  ///< normalised label or year, as in field: queries
    Xapian::doccount count = 0;

    bool operator==(const FacetValue&) const = default;
};

struct FacetCounts {
    Facet facet = Facet::source;
    std::vector<FacetValue> values;  ///< most articles first, then by value
};

/// Calls `each` with every value of the field with `prefix` in `db` and the number of articles
/// that have it, in term order. Throws Xapian::Error.
void for_each_label(const Xapian::Database& db, std::string_view prefix,
                    const std::function<void(std::string value, Xapian::doccount articles)>& each);

/// Counts the requested facets during one match: attach() adds its match spies to the
/// Enquire before get_mset(), counts() reads them afterwards. Remote shards run only the spies
/// Xapian itself defines, so there topic and place are counted by a match per label instead.
class FacetCounter {
public:
    FacetCounter(std::vector<Facet> facets, bool remote);
    ~FacetCounter();
    FacetCounter(const FacetCounter&) = delete;
    FacetCounter& operator=(const FacetCounter&) = delete;

    void attach(Xapian::Enquire& enquire);

    /// One FacetCounts per requested facet, the `most` largest values of each (years: ties
    /// newest first). `db` and `query` are the match's, for the remote way of counting.
    std::vector<FacetCounts> counts(const Xapian::Database& db, const Xapian::Query& query,
                                    std::size_t most) const;

private:
    class LabelSpy;
    std::vector<Facet> m_facets;
    bool m_remote;
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> m_value_spies;
    std::vector<std::unique_ptr<LabelSpy>> m_label_spies;
};

}  // namespace morgue::search

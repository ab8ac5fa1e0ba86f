// Matches per month over a whole result set, for the timeline drawn above a result page.
#pragma once

#include <xapian.h>

#include <map>

namespace morgue::search {

/// How many matches fall in each month; undated matches are counted apart.
struct Timeline {
    std::map<int, Xapian::doccount> months;  ///< year * 100 + month -> matches
    Xapian::doccount undated = 0;

    bool operator==(const Timeline&) const = default;
};

/// Counts the month of every document it sees from the date value slot ("YYYYMMDD").
class TimelineSpy : public Xapian::MatchSpy {
public:
    void operator()(const Xapian::Document& doc, double weight) override;

    const Timeline& timeline() const noexcept { return m_timeline; }

private:
    Timeline m_timeline;
};

/// Counts every match of `query` in `db` by month: one pass with boolean weighting and
/// checkatleast = the document count, so the counts are exact. Throws Xapian::Error (callers
/// translate it, as for any search).
Timeline count_timeline(const Xapian::Database& db, const Xapian::Query& query);

}  // namespace morgue::search

// Counting matches per month with a match spy on the date slot.
#include "searcher/timeline.hpp"

#include "common/schema.hpp"

namespace morgue::search {

void TimelineSpy::operator()(const Xapian::Document& doc, double) {
    const auto value = doc.get_value(schema::date_slot);
    int month = 0;
    if (value.size() >= 6) {
        for (std::size_t i = 0; i < 6; ++i) {
            const char c = value[i];
            if (c < '0' || c > '9') {
                month = 0;
                break;
            }
            month = month * 10 + (c - '0');
        }
    }
    if (month % 100 >= 1 && month % 100 <= 12)
        ++m_timeline.months[month];
    else
        ++m_timeline.undated;
}

Timeline count_timeline(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    // Weights play no part in counting; boolean weighting skips computing them.
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    TimelineSpy spy;
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    return spy.timeline();
}

}  // namespace morgue::search

// Counting matches per month with a match spy on the date slot.
#include "searcher/timeline.hpp"

#include "common/schema.hpp"

#include <string>

namespace morgue::search {

namespace {

/// Adds `count` matches dated `value` ("YYYYMMDD"; anything else counts as undated).
void add_to_timeline(Timeline& timeline, const std::string& value, Xapian::doccount count) {
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
        timeline.months[month] += count;
    else
        timeline.undated += count;
}

}  // namespace

void TimelineSpy::operator()(const Xapian::Document& doc, double) {
    add_to_timeline(m_timeline, doc.get_value(schema::date_slot), 1);
}

Timeline count_timeline(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    // Weights play no part in counting; boolean weighting skips computing them.
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    // Xapian's own value counter, not TimelineSpy: only spies the server knows run on remote
    // shards (xapian-tcpsrv), and it merges their counts.
    Xapian::ValueCountMatchSpy spy(schema::date_slot);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    Timeline timeline;
    Xapian::doccount dated = 0;
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
        add_to_timeline(timeline, *it, it.get_termfreq());
        dated += it.get_termfreq();
    }
    timeline.undated += spy.get_total() - dated;
    return timeline;
}

}  // namespace morgue::search

// Unit tests for the caching stemmer.
#include "common/stem_cache.hpp"

#include <doctest/doctest.h>

using namespace morgue;

TEST_CASE("the stem cache gives the plain stemmer's stems") {
    const Xapian::Stem plain("english");
    for (const std::size_t capacity : {std::size_t{0}, std::size_t{3}, std::size_t{100000}}) {
        CAPTURE(capacity);
        Xapian::Stem cached(new CachingStem(Xapian::Stem("english"), capacity));
        for (int round = 0; round < 3; ++round)
            for (const char* w : {"running", "runs", "territorial", "disputes", "islands", "1987",
                                  "u.s", "generalizations", "running", "", "caf\xc3\xa9s"}) {
                CAPTURE(w);
                CHECK(cached(w) == plain(w));
            }
    }
}

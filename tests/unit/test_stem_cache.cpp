// Unit tests for the caching stemmer.
#include "common/stem_cache.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

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

TEST_CASE("the stem cache counts every word it stems while counting, across evictions") {
    const std::vector<std::string> text = {"running", "runs", "running", "islands", "1987",
                                           "running", "caf\xc3\xa9s", "runs", "islands", "u.s"};
    for (const std::size_t capacity : {std::size_t{0}, std::size_t{3}, std::size_t{100000}}) {
        CAPTURE(capacity);
        CachingStem stem(Xapian::Stem("english"), capacity);
        std::map<std::string, Xapian::termcount> expected, counted;
        const auto take = [&] {
            stem.take_counts([&](const std::string& w, Xapian::termcount n) { counted[w] += n; });
        };
        for (int batch = 0; batch < 2; ++batch) {
            expected.clear();
            counted.clear();
            stem("ignored");  // not counting yet
            stem.set_counting(true);
            for (const auto& w : text) {
                stem(w);
                ++expected[w];
            }
            stem.set_counting(false);
            stem("ignored");
            take();
            CHECK(counted == expected);
            counted.clear();
            take();  // the counts were forgotten
            CHECK(counted.empty());
        }
    }
}

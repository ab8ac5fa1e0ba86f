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

TEST_CASE("the stem cache keeps every word through the growth of its table and evictions") {
    // Enough distinct words to grow the slot table several times, and, with the smaller
    // capacity, to empty the cache on the way; every answer is the plain stemmer's.
    const Xapian::Stem plain("english");
    std::vector<std::string> words;
    for (int i = 0; i < 40000; ++i) words.push_back("word" + std::to_string(i) + (i % 2 ? "ing" : "s"));
    for (const std::size_t capacity : {std::size_t{30000}, std::size_t{100000}}) {
        CAPTURE(capacity);
        CachingStem stem(Xapian::Stem("english"), capacity);
        std::size_t wrong = 0;
        for (int round = 0; round < 2; ++round)
            for (const auto& w : words)
                if (stem(w) != plain(w)) ++wrong;
        CHECK(wrong == 0);
        std::map<std::string, Xapian::termcount> counted;
        stem.set_counting(true);
        for (const auto& w : words) stem(w);
        stem(words.front());
        stem.take_counts([&](const std::string& w, Xapian::termcount n) { counted[w] += n; });
        CHECK(counted.size() == words.size());
        CHECK(counted[words.front()] == 2);
        CHECK(counted[words.back()] == 1);
    }
}

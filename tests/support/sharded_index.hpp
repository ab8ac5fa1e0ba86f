// Sharded indexes for unit tests: articles that make rankings with ties and differences, an
// index of them written as one database or as shards, and rankings compared hit by hit.
#pragma once

#include "common/article.hpp"
#include "test_index.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace morgue::test {

inline const char* const words[] = {"cocoa",  "coffee", "prices", "harvest", "brazil", "ghana",
                                    "talks",  "quota",  "export", "markets", "rains",  "growers",
                                    "strike", "ports",  "buyers", "sellers", "crop",   "bank"};

/// Article `n`: a few words picked by `n`, so rankings have ties and differences.
inline Article article(int n) {
    Article a;
    a.id = "story-" + std::to_string(n);
    a.title = std::string{words[n % 18]} + " " + words[(n * 7) % 18];
    for (int i = 0; i < 5 + n % 9; ++i) a.body += std::string{words[(n * 3 + i * i) % 18]} + " ";
    a.source = n % 2 ? "Reuters" : "AP";
    return a;
}

/// An index at `path` of articles make(0) … make(count - 1), as `shards` shards.
inline void write_all(const std::string& path, std::size_t shards, int count, bool threads,
                      const std::function<Article(int)>& make = article) {
    std::vector<Article> articles;
    for (int n = 0; n < count; ++n) articles.push_back(make(n));
    TestIndexOptions options;
    options.shards = shards;
    options.threads = threads;
    write_test_index(path, articles, options);
}

inline std::vector<std::pair<std::string, double>> ranked(const Xapian::Database& db,
                                                   const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
    enquire.set_query(query);
    std::vector<std::pair<std::string, double>> hits;
    const auto mset = enquire.get_mset(0, 1000);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        std::string id;
        for (auto t = it.get_document().termlist_begin(); t != it.get_document().termlist_end(); ++t)
            if ((*t).starts_with("Q")) id = (*t).substr(1);
        hits.emplace_back(id, it.get_weight());
    }
    return hits;
}

inline std::vector<std::pair<std::string, double>> ranked(const Xapian::Database& db, const std::string& a,
                                                   const std::string& b) {
    return ranked(db, Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(a), Xapian::Query(b)));
}

/// The same hits with the same scores (to 1e-9) in the same order, but for ties.
inline void check_same_ranking(const std::vector<std::pair<std::string, double>>& x,
                        const std::vector<std::pair<std::string, double>>& y) {
    REQUIRE(x.size() == y.size());
    CHECK(!x.empty());
    // Equal scores may come in another order: compare by id.
    std::map<std::string, double> by_id(y.begin(), y.end());
    for (std::size_t i = 0; i < x.size(); ++i) {
        CAPTURE(x[i].first);
        REQUIRE(by_id.count(x[i].first) == 1);
        CHECK(std::abs(by_id[x[i].first] - x[i].second) < 1e-9);
        CHECK(std::abs(x[i].second - y[i].second) < 1e-9);
    }
}

}  // namespace morgue::test

// Unit tests: queries the searcher builds rank alike over one database and over shards.
#include "common/index_layout.hpp"
#include "common/index_open.hpp"
#include "searcher/engine.hpp"
#include "searcher/query/parse.hpp"
#include "sharded_index.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace morgue;
using namespace morgue::test;

namespace {

/// Words sharing beginnings, from common to rare, so that a wildcard expands to several
/// words whose frequencies differ from shard to shard.
const char* const bank_words[] = {"bank",     "banks",     "banker",     "bankers",  "banking",
                                  "bankrupt", "bankruptcy", "banknotes", "bankroll", "banquet",
                                  "banner",   "band",      "bands",      "bandit",   "bans",
                                  "banana",   "bananas",   "bandwidth"};

/// Article `n` with a date in 1987 and some of bank_words, each a few times or not at all.
/// Each word is more common in one of three shards than in the others, so the shards order
/// the words by frequency differently (Xapian pairs a synonym's words in that order).
Article dated_article(int n) {
    auto a = article(n);
    a.published = Date{1987, 1 + n % 4, 1 + n % 28};
    const auto home = shard_for_id(a.id, 3);
    const auto pick = static_cast<unsigned>(n) * 2654435761u;  // Knuth's multiplicative hash
    for (unsigned k = 0; k < std::size(bank_words); ++k) {
        const unsigned per_mille = (k % 3 == home ? 60u : 10u) + 5u * k;
        if ((pick + k * 40503u) % 1000u < per_mille)
            for (unsigned r = 0; r <= (pick + k) % 3; ++r)
                a.body += std::string{bank_words[k]} + " ";
    }
    return a;
}

}  // namespace

TEST_CASE("a wildcard query over one database and over shards ranks alike") {
    // Xapian 1.4 expands a wildcard shard by shard and weighs its words by one shard's
    // frequencies; the query builder expands it over all shards at once.
    test::TempDir dir;
    write_all(dir / "one", 1, 1000, true, dated_article);
    const auto one = open_index(dir / "one");
    const std::string_view queries[] = {
        "bank*",                      // alone
        "ban*",                       // many words
        "bankr*",                     // three words
        "bankruptc*",                 // one word
        "bank* date:1987-03",         // with a date filter
        "bank* AND cocoa",            // inside AND
        "+ban* -bankrupt* prices",    // required and excluded
        "cocoa OR banq* OR title:co*",
        "bank* nosuchword*",          // a wildcard that matches nothing
    };
    for (const std::size_t shards : {2, 3, 5}) {
        CAPTURE(shards);
        const auto path = dir / ("shards-" + std::to_string(shards));
        write_all(path, shards, 1000, true, dated_article);
        const auto sharded = open_index(path);
        auto one_builder = search::make_search_parser(one);
        auto sharded_builder = search::make_search_parser(sharded);
        for (const auto text : queries) {
            CAPTURE(text);
            check_same_ranking(ranked(one.db, search::parse_user_query(text, one_builder)),
                               ranked(sharded.db, search::parse_user_query(text, sharded_builder)));
        }
    }
}


namespace {

/// Every hit of a page, with what the shards must agree on.
struct PageHits {
    std::vector<std::pair<std::string, double>> ranked;  ///< id and score, in order
    std::vector<Xapian::doccount> collapsed;
    Xapian::doccount total = 0;
    bool total_exact = false;
};

PageHits page_hits(search::Engine& engine, const search::SearchRequest& request) {
    const auto page = engine.search(request);
    PageHits hits;
    for (const auto& hit : page.hits) {
        hits.ranked.emplace_back(hit.id, hit.score);
        hits.collapsed.push_back(hit.collapsed);
    }
    hits.total = page.total;
    hits.total_exact = page.total_exact;
    return hits;
}

/// Article `n` of dated_article(), every seventh one a wire copy of the one before (same title
/// and body), so that folding copies has work to do.
Article article_with_copies(int n) {
    auto a = dated_article(n % 7 == 6 ? n - 1 : n);
    a.id = "story-" + std::to_string(n);
    return a;
}

}  // namespace

TEST_CASE("shards matched apart, a thread each, rank as one database") {
    test::TempDir dir;
    write_all(dir / "one", 1, 1200, true, article_with_copies);
    search::Engine one(open_index(dir / "one"), {search::ParallelShards::never});
    const std::string_view queries[] = {
        "cocoa",
        "cocoa prices",
        "cocoa OR coffee OR bank",
        "cocoa AND prices",
        "cocoa -coffee",
        "+cocoa harvest rains",
        "\"cocoa prices\"",
        "cocoa NEAR/3 prices",
        "cocoa ADJ/2 harvest",
        "\"cocoa prices\" OR coffee OR bank",
        "(cocoa NEAR/3 prices) OR (coffee NEAR/8 rains) harvest",
        "bank*",
        "bank* date:1987-03",
        "ban* -bankrupt* prices",
        "title:cocoa talks",
        "source:reuters cocoa",
        "date:1987-02 OR date:1987-03 coffee",
        "(cocoa OR coffee) AND NOT ghana",
        "cocoa XOR coffee",
        "nosuchword",
    };
    for (const std::size_t shards : {2, 3, 5}) {
        CAPTURE(shards);
        const auto path = dir / ("shards-" + std::to_string(shards));
        write_all(path, shards, 1200, true, article_with_copies);
        search::Engine apart(open_index(path), {search::ParallelShards::always});
        search::Engine together(open_index(path), {search::ParallelShards::never});
        REQUIRE(apart.searches_shards_apart());
        REQUIRE(!together.searches_shards_apart());
        // Natural-language topics as --eval runs them: proximity pairs and feedback terms.
        for (const auto text : {"cocoa prices in ghana", "the bank and the bankers harvest"}) {
            CAPTURE(text);
            search::SearchRequest request;
            request.query = text;
            request.plain_words = true;
            request.proximity = search::topic_proximity;
            request.collapse = false;
            request.snippets = false;
            request.limit = 2000;
            check_same_ranking(page_hits(one, request).ranked, page_hits(apart, request).ranked);
            // Feedback takes the best ten as relevant, and which of tied articles make the ten
            // follows document ids: compare with the same shards matched as one database.
            request.feedback = search::topic_feedback;
            check_same_ranking(page_hits(together, request).ranked, page_hits(apart, request).ranked);
        }
        for (const auto text : queries) {
            for (const bool collapse : {false, true}) {
                CAPTURE(text);
                CAPTURE(collapse);
                search::SearchRequest request;
                request.query = std::string{text};
                request.collapse = collapse;
                request.snippets = false;
                request.limit = 2000;
                const auto expected = page_hits(one, request);
                const auto got = page_hits(apart, request);
                REQUIRE(expected.total_exact);
                CHECK(got.total == expected.total);
                CHECK(got.total_exact);
                if (expected.ranked.empty()) {
                    CHECK(got.ranked.empty());
                    continue;
                }
                if (!collapse) {
                    check_same_ranking(expected.ranked, got.ranked);
                } else {
                    // Which of a set of copies stands for it depends on document ids, which
                    // differ between one database and shards: compare the scores in order.
                    REQUIRE(got.ranked.size() == expected.ranked.size());
                    for (std::size_t i = 0; i < got.ranked.size(); ++i)
                        CHECK(std::abs(got.ranked[i].second - expected.ranked[i].second) < 1e-9);
                }
                // Pages of the same shards, matched apart and as one database: the same hits
                // in the same order, ties too, and the same copies folded into each.
                for (const Xapian::doccount offset : {0u, 7u, 40u}) {
                    CAPTURE(offset);
                    request.offset = offset;
                    request.limit = 13;
                    const auto paged_apart = page_hits(apart, request);
                    const auto paged_together = page_hits(together, request);
                    CHECK(paged_apart.ranked == paged_together.ranked);
                    CHECK(paged_apart.collapsed == paged_together.collapsed);
                    // Beyond check_at_least the totals are estimates, and each shard matched
                    // apart checks that many itself: an exact total is the true one, an
                    // estimate covers at least the hits listed.
                    for (const auto* paged : {&paged_apart, &paged_together}) {
                        if (paged->total_exact)
                            CHECK(paged->total == expected.total);
                        else
                            CHECK(paged->total >= offset + paged->ranked.size());
                    }
                }
            }
        }
    }
}

TEST_CASE("a hit scores the same on a short page as on a long one") {
    // The matcher prunes sooner for a short page; phrases and NEAR under an OR, wildcards and
    // plain words must still score each hit as a long page does. (Not asserted: the proximity
    // pairs of --eval topics, which Xapian 1.4's matcher can still score a little apart when it
    // prunes; docs/ranking.md.)
    test::TempDir dir;
    write_all(dir / "one", 1, 1500, true, dated_article);
    search::Engine engine(open_index(dir / "one"));
    int pages = 0;
    for (int first = 0; first < 20; ++first) {
        const auto word = [&](int k) { return std::string{words[(first + k * 5) % 18]}; };
        std::string text;
        switch (first % 5) {
            case 0:
                text = "\"" + word(0) + " " + word(1) + "\" " + word(2) + " " + word(3) + " " +
                       word(4);
                break;
            case 1:
                text = word(0) + " NEAR/3 " + word(1) + " OR " + word(2) + " OR " + word(3) + " " +
                       word(5);
                break;
            case 2:
                text = "(" + word(0) + " NEAR/8 " + word(1) + ") OR (" + word(2) + " NEAR/8 " +
                       word(3) + ") OR " + word(4) + " " + word(5) + " " + word(6);
                break;
            case 3:
                text = word(0) + " " + word(1) + " " + word(2) + " " + word(3) + " " +
                       bank_words[first % 6] + "*";
                break;
            default:
                for (int k = 0; k < 7; ++k) text += word(k) + " ";
                text += bank_words[first % 6];
                break;
        }
        CAPTURE(text);
        search::SearchRequest request;
        request.query = text;
        request.collapse = false;
        request.snippets = false;
        request.limit = 2000;
        std::map<std::string, double> all;
        for (const auto& hit : engine.search(request).hits) all[hit.id] = hit.score;
        for (const Xapian::doccount limit : {3u, 10u}) {
            request.limit = limit;
            const auto page = engine.search(request);
            CHECK(page.hits.size() == limit);
            for (const auto& hit : page.hits) {
                CAPTURE(hit.id);
                REQUIRE(all.count(hit.id) == 1);
                CHECK(std::abs(all[hit.id] - hit.score) < 1e-9);
            }
            ++pages;
        }
    }
    CHECK(pages == 40);
}

// Unit tests: UnionSource and TermSource find what Xapian's matcher finds for the same query, to
// the last bit.
#include "common/index_open.hpp"
#include "searcher/collection_weight.hpp"
#include "searcher/query/parse.hpp"
#include "searcher/term_source.hpp"
#include "searcher/union_match.hpp"
#include "sharded_index.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using namespace morgue;
using namespace morgue::test;

namespace {

/// article(n), some with a word many times over and some much longer, so that wdfs and
/// lengths vary (the words' bounds then differ from their typical weights), and every
/// eleventh a copy of the one before (ties).
Article varied_article(int n) {
    auto a = article(n % 11 == 10 ? n - 1 : n);
    a.id = "story-" + std::to_string(n);
    for (int r = 0; r < n % 5; ++r) a.body += std::string{words[(n * 5) % 18]} + " ";
    if (n % 13 == 0)
        for (int r = 0; r < 40; ++r) a.body += "filler" + std::to_string(r % 7) + " ";
    return a;
}

struct Matched {
    std::vector<std::pair<Xapian::docid, double>> hits;
    Xapian::doccount lower = 0;
    Xapian::doccount estimated = 0;
    Xapian::doccount upper = 0;
};

Matched match(const Xapian::Database& db, const Xapian::Query& query,
              const Xapian::Weight& weight, Xapian::doccount first, Xapian::doccount count,
              Xapian::doccount check, bool ties_by_date) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(weight);
    if (ties_by_date) enquire.set_sort_by_relevance_then_value(schema::date_slot, true);
    const auto mset = enquire.get_mset(first, count, check);
    Matched matched;
    for (auto it = mset.begin(); it != mset.end(); ++it)
        matched.hits.emplace_back(*it, it.get_weight());
    matched.lower = mset.get_matches_lower_bound();
    matched.estimated = mset.get_matches_estimated();
    matched.upper = mset.get_matches_upper_bound();
    return matched;
}

}  // namespace

TEST_CASE("a union matched by its words finds Xapian's hits with Xapian's weights") {
    TempDir dir;
    write_all(dir / "index", 1, 1500, false, varied_article);
    const auto index = open_index(dir / "index");
    REQUIRE(index.db.size() == 1);
    auto builder = search::make_search_parser(index, true);
    const auto* stats = builder.collection();
    REQUIRE(stats != nullptr);
    const auto lengths = search::read_document_lengths(index.db);

    const std::string_view unions[] = {
        "cocoa",                                         // one word
        "cocoa prices",                                  // two
        "cocoa OR coffee OR bank",                       // three: a tree of sums
        "harvest brazil ghana talks quota export rains", // many, frequencies alike
        "cocoa nosuchword",                              // a word no article has
        "filler3 cocoa",                                 // a word in the long articles only
        "title:cocoa talks",                             // a field's word
    };
    search::Bm25Params tuned;
    tuned.k1 = 1.2;
    tuned.b = 0.75;
    search::Bm25Params no_lengths;
    no_lengths.b = 0;
    for (const auto& params : {search::Bm25Params{}, tuned, no_lengths}) {
        CAPTURE(params.k1);
        CAPTURE(params.b);
        const search::CollectionBm25Weight weight(params, stats->documents(),
                                                  stats->average_length());
        const search::Bm25Arithmetic arithmetic(params, stats->documents(),
                                                stats->average_length());
        for (const auto text : unions) {
            CAPTURE(text);
            const auto query = search::parse_user_query(text, builder);
            const auto terms = builder.plain_union();
            REQUIRE(!terms.empty());
            const Xapian::Query by_words(
                (new search::UnionSource(terms, arithmetic, lengths))->release());
            struct Page {
                Xapian::doccount first, count, check;
            };
            // Pages whose weight bound lets both matchers skip, and whole match sets.
            for (const auto page : {Page{0, 10, 10}, Page{0, 10, 110}, Page{0, 30, 30},
                                    Page{5, 13, 18}, Page{40, 13, 53}, Page{0, 3000, 3000}}) {
                for (const bool ties_by_date : {false, true}) {
                    CAPTURE(page.first);
                    CAPTURE(page.count);
                    CAPTURE(ties_by_date);
                    const auto expected = match(index.db, query, weight, page.first, page.count,
                                                page.check, ties_by_date);
                    const auto got = match(index.db, by_words, weight, page.first, page.count,
                                           page.check, ties_by_date);
                    CHECK(got.hits == expected.hits);
                    CHECK(got.lower <= got.estimated);
                    CHECK(got.estimated <= got.upper);
                    CHECK(got.lower >= page.first + got.hits.size());
                    if (expected.lower == expected.upper) {
                        // Every match seen: the same exact count.
                        CHECK(got.lower == expected.lower);
                        CHECK(got.upper == expected.upper);
                    }
                }
            }
        }
    }
}

TEST_CASE("weighted words as term sources leave Xapian's hits and weights as they are") {
    TempDir dir;
    write_all(dir / "index", 1, 1500, false, varied_article);
    const auto index = open_index(dir / "index");
    auto builder = search::make_search_parser(index, true);
    const auto* stats = builder.collection();
    const auto lengths = search::read_document_lengths(index.db);
    const search::Bm25Params params;
    const search::CollectionBm25Weight weight(params, stats->documents(), stats->average_length());
    const search::Bm25Arithmetic arithmetic(params, stats->documents(), stats->average_length());
    const std::string_view queries[] = {
        "cocoa AND prices",
        "cocoa AND prices AND harvest AND ghana",  // sums in MultiAndPostList's order
        "+cocoa harvest rains",                      // AND_MAYBE
        "cocoa -coffee",                             // AND_NOT
        "(cocoa OR coffee) AND NOT ghana",
        "cocoa XOR coffee",
        "cocoa AND (cocoa OR prices)",               // a word twice
        "source:reuters cocoa prices",               // under a filter
        "\"cocoa prices\" OR coffee",              // the phrase's terms stay terms
        "coc* prices",                               // the synonym stays as it is
        "cocoa NEAR/3 prices",                       // nothing to replace
    };
    for (const auto text : queries) {
        CAPTURE(text);
        const auto query = search::parse_user_query(text, builder);
        int made = 0;
        const auto with_sources = search::with_term_sources(
            query, builder.term_factors(), [&](const std::string& term, double factor) {
                ++made;
                return new search::TermSource(term, factor, arithmetic, lengths);
            });
        CHECK((made == 0) == (text == "cocoa NEAR/3 prices"));
        for (const Xapian::doccount check : {10u, 110u, 3000u}) {
            CAPTURE(check);
            const auto expected = match(index.db, query, weight, 0, 10, check, true);
            const auto got = match(index.db, with_sources, weight, 0, 10, check, true);
            CHECK(got.hits == expected.hits);
            CHECK(got.lower == expected.lower);
            CHECK(got.estimated == expected.estimated);
            CHECK(got.upper == expected.upper);
        }
    }
}

TEST_CASE("only plain unions are offered to be matched by their words") {
    TempDir dir;
    write_all(dir / "index", 1, 200, false, varied_article);
    const auto index = open_index(dir / "index");
    auto builder = search::make_search_parser(index, true);
    for (const auto text : {"cocoa AND prices", "\"cocoa prices\"", "cocoa -coffee",
                            "+cocoa prices", "source:reuters cocoa", "cocoa OR source:reuters",
                            "cocoa cocoa", "coc* prices", "cocoa NEAR/3 prices"}) {
        CAPTURE(text);
        search::parse_user_query(text, builder);
        CHECK(builder.plain_union().empty());
    }
    search::parse_user_query("cocoa prices", builder);
    REQUIRE(builder.plain_union().size() == 2);
    CHECK(builder.plain_union()[0].factor > 0);
    // Without collection weights (one database matched as one) nothing is offered.
    auto plain_builder = search::make_search_parser(index, false);
    search::parse_user_query("cocoa prices", plain_builder);
    CHECK(plain_builder.plain_union().empty());
}

TEST_CASE("a union refuses another database's lengths") {
    TempDir dir;
    write_all(dir / "small", 1, 50, false, varied_article);
    write_all(dir / "large", 1, 400, false, varied_article);
    const auto small = open_index(dir / "small");
    const auto large = open_index(dir / "large");
    auto builder = search::make_search_parser(large, true);
    search::parse_user_query("cocoa prices", builder);
    const auto* stats = builder.collection();
    const search::Bm25Arithmetic arithmetic({}, stats->documents(), stats->average_length());
    const Xapian::Query by_words((new search::UnionSource(
        builder.plain_union(), arithmetic, search::read_document_lengths(small.db)))->release());
    Xapian::Enquire enquire(large.db);
    enquire.set_query(by_words);
    CHECK_THROWS_AS(enquire.get_mset(0, 10), Xapian::InvalidArgumentError);
}

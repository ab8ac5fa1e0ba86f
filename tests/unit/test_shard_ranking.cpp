// Unit tests: queries the searcher builds rank alike over one database and over shards.
#include "common/index_layout.hpp"
#include "common/index_open.hpp"
#include "searcher/query/parse.hpp"
#include "sharded_index.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

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


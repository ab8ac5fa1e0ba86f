// Unit tests: query text -> QueryTree -> Xapian query descriptions, relevance, errors with columns.
#include "common/error.hpp"
#include "searcher/query/parse.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <utility>

namespace {

using morgue::search::parse_user_query;

morgue::AnalysisConfig config(morgue::PhraseMode mode = morgue::PhraseMode::stemmed) {
    morgue::AnalysisConfig cfg;
    cfg.phrase_mode = mode;
    return cfg;
}

std::string describe(std::string_view text, morgue::PhraseMode mode = morgue::PhraseMode::stemmed) {
    morgue::search::QueryBuilder builder(config(mode));
    return parse_user_query(text, builder).get_description();
}

std::string error_of(std::string_view text) {
    morgue::search::QueryBuilder builder(config());
    try {
        parse_user_query(text, builder);
    } catch (const morgue::QueryError& e) {
        CHECK(e.query() == text);
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("query syntax, stemmed phrase mode") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"cocoa", "Query(cocoa@1)"},
        {"Islands", "Query(island@1)"},
        {"cocoa prices", "Query((cocoa@1 OR price@2))"},
        {"cocoa AND prices", "Query((cocoa@1 AND price@2))"},
        // lower-case operators are words
        {"cocoa and prices", "Query((cocoa@1 OR and@2 OR price@3))"},
        {"cocoa or prices", "Query((cocoa@1 OR or@2 OR price@3))"},
        {"cocoa OR sugar", "Query((cocoa@1 OR sugar@2))"},
        {"cocoa NOT sugar", "Query((cocoa@1 AND_NOT sugar@2))"},
        {"cocoa AND NOT sugar", "Query((cocoa@1 AND_NOT sugar@2))"},
        {"cocoa XOR sugar", "Query(((cocoa@1 OR sugar@2) AND_NOT (cocoa@1 AND sugar@2)))"},
        {"(cocoa OR sugar) AND brazil", "Query(((cocoa@1 OR sugar@2) AND brazil@3))"},
        {"a b AND c", "Query(((a@1 OR b@2) AND c@3))"},
        {"a AND b OR c", "Query(((a@1 AND b@2) OR c@3))"},
        {"a OR b OR c", "Query((a@1 OR b@2 OR c@3))"},
        {"+cocoa sugar", "Query((cocoa@1 AND_MAYBE sugar@2))"},
        {"+cocoa +sugar", "Query((cocoa@1 AND sugar@2))"},
        {"cocoa -sugar", "Query((cocoa@1 AND_NOT sugar@2))"},
        {"cocoa - sugar", "Query((cocoa@1 OR sugar@2))"},
        {"cocoa -(sugar OR tea)", "Query((cocoa@1 AND_NOT (sugar@2 OR tea@3)))"},
        {"\"territorial disputes\"", "Query((territori@1 PHRASE 2 disput@2))"},
        {"-\"central bank\" rates", "Query((rate@3 AND_NOT (central@1 PHRASE 2 bank@2)))"},
        {"islands NEAR japan", "Query((island@1 NEAR 11 japan@2))"},
        {"islands NEAR/3 japan", "Query((island@1 NEAR 4 japan@2))"},
        {"islands ADJ/2 japan", "Query((island@1 PHRASE 3 japan@2))"},
        {"a NEAR b NEAR/3 c", "Query((a@1 NEAR 12 b@2 NEAR 12 c@3))"},
        {"cocoa NEARBY", "Query((cocoa@1 OR nearbi@2))"},
        {"export*", "Query(WILDCARD SYNONYM export)"},
        {"Export*", "Query(WILDCARD SYNONYM export)"},
        {"title:islands", "Query(Sisland@1)"},
        {"title:\"crude oil\"", "Query((Scrude@1 PHRASE 2 Soil@2))"},
        {"title:(oil OR gas)", "Query((Soil@1 OR Sgas@2))"},
        {"title:expo*", "Query(WILDCARD SYNONYM Sexpo)"},
        {"source:\"New York Times\"", "Query(0 * XSnew york times)"},
        {"topic:Cocoa", "Query(0 * Kcocoa)"},
        {"place:japan", "Query(0 * XPjapan)"},
        {"byline:\"Jane Doe\"", "Query(0 * Ajane doe)"},
        {"year:1987", "Query(0 * Y1987)"},
        {"id:AbC-1", "Query(0 * QAbC-1)"},
        {"Title:oil", "Query(Soil@1)"},
        {"cocoa topic:cocoa", "Query((cocoa@1 FILTER Kcocoa))"},
        {"topic:cocoa topic:coffee year:1987", "Query(0 * ((Kcocoa OR Kcoffee) AND Y1987))"},
        {"topic:cocoa AND year:1987", "Query((0 * Kcocoa AND 0 * Y1987))"},
        {"-sugar", "Query((<alldocuments> AND_NOT sugar@1))"},
        {"-sugar -topic:cocoa", "Query((<alldocuments> AND_NOT (sugar@1 OR 0 * Kcocoa)))"},
        {"NOT sugar", "Query((<alldocuments> AND_NOT sugar@1))"},
        {"topic:cocoa -sugar", "Query((0 * Kcocoa AND_NOT sugar@1))"},
        // dates: one unit is a term, ranges are value ranges
        {"date:2016-12-15", "Query(0 * D20161215)"},
        {"date:2016-12", "Query(0 * M201612)"},
        {"date:2016", "Query(0 * Y2016)"},
        {"date:20161215", "Query(0 * D20161215)"},
        {"date:2016-12-01..2016-12-31", "Query(VALUE_RANGE 0 20161201 20161231)"},
        {"date:2016..2017", "Query(VALUE_RANGE 0 20160101 20171231)"},
        {"date:..1990", "Query(VALUE_LE 0 19901231)"},
        {"date:2016-12..", "Query(VALUE_GE 0 20161201)"},
        {"cocoa date:1987-02", "Query((cocoa@1 FILTER M198702))"},
        {"cocoa date:1987..1988", "Query((cocoa@1 FILTER VALUE_RANGE 0 19870101 19881231))"},
        // names with hyphens and dots: the parts the indexer's TermGenerator makes of them
        {"Japan-Russia", "Query((japan@1 PHRASE 2 russia@2))"},
        {"al-Qaeda", "Query((al@1 PHRASE 2 qaeda@2))"},
        {"COVID-19", "Query((covid@1 PHRASE 2 19@2))"},
        {"U.S.", "Query(us@1)"},
        {"1,260", "Query(1,260@1)"},
        {"\"U.S. officials\"", "Query((us@1 PHRASE 2 offici@2))"},
        {"title:Japan-Russia", "Query((Sjapan@1 PHRASE 2 Srussia@2))"},
        {"café", "Query(café@1)"},
    };
    for (auto [input, expected] : cases) {
        CAPTURE(input);
        CHECK(describe(input) == expected);
    }
}

TEST_CASE("CJK text becomes a phrase of its characters, as the indexer splits it") {
    // No spaces between words: each character and each pair of characters is a word position
    // (Xapian's FLAG_CJK_NGRAM), so a word of any length is found as the phrase of its
    // n-grams, wherever it stands in an article's run of characters.
    CHECK(describe("東京") == "Query((東@1 PHRASE 3 東京@2 PHRASE 3 京@3))");
    CHECK(describe("会談") == "Query((会@1 PHRASE 3 会談@2 PHRASE 3 談@3))");
    CHECK(describe("北京 talks") == "Query(((北@1 PHRASE 3 北京@2 PHRASE 3 京@3) OR talk@4))");
    CHECK(describe("title:東京") == "Query((S東@1 PHRASE 3 S東京@2 PHRASE 3 S京@3))");
}

TEST_CASE("query syntax, exact phrase mode") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"islands", "Query(Zisland@1)"},
        {"Islands", "Query(Zisland@1)"},
        // Quoted words match as written: no stem, not even the first word.
        {"\"territorial disputes\"", "Query((territorial@1 PHRASE 2 disputes@2))"},
        {"\"islands\"", "Query(islands@1)"},
        {"al-Qaeda", "Query((al@1 PHRASE 2 qaeda@2))"},
        {"title:islands", "Query(ZSisland@1)"},
        {"title:\"Crude oil\"", "Query((Scrude@1 PHRASE 2 Soil@2))"},
        // Stems carry positions too (STEM_SOME_FULL_POS), so proximity follows stems.
        {"islands NEAR japan", "Query((Zisland@1 NEAR 11 Zjapan@2))"},
        {"exports*", "Query(WILDCARD SYNONYM exports)"},
    };
    for (auto [input, expected] : cases) {
        CAPTURE(input);
        CHECK(describe(input, morgue::PhraseMode::exact) == expected);
    }
}

TEST_CASE("stop words leave ranked text, not phrases or a query of only them") {
    Xapian::SimpleStopper stopper;
    stopper.add("the");
    stopper.add("of");
    morgue::search::QueryBuilder builder(config());
    builder.set_stopper(&stopper);
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"the cocoa", "Query(cocoa@2)"},
        {"the", "Query(the@1)"},
        {"+the cocoa", "Query((the@1 AND_MAYBE cocoa@2))"},
        {"\"bank of japan\"", "Query((bank@1 PHRASE 3 of@2 PHRASE 3 japan@3))"},
    };
    for (auto [input, expected] : cases) {
        CAPTURE(input);
        CHECK(parse_user_query(input, builder).get_description() == expected);
    }
}

TEST_CASE("query errors name the problem and its column") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"\"central bank", "query: unmatched '\"' at column 1"},
        {"(cocoa OR sugar", "query: unmatched '(' at column 1"},
        {"title:oil AND (cocoa", "query: unmatched '(' at column 15"},
        {"cocoa) sugar", "query: unmatched ')' at column 6"},
        {"cocoa AND", "query: nothing after 'AND' at column 7"},
        {"AND cocoa", "query: nothing before 'AND' at column 1"},
        {"cocoa OR OR sugar", "query: nothing after 'OR' at column 7"},
        {"cocoa AND NOT", "query: nothing after 'AND NOT' at column 7"},
        {"(cocoa OR)", "query: nothing after 'OR' at column 8"},
        {"()", "query: empty brackets at column 1"},
        {"NEAR cocoa", "query: nothing before 'NEAR' at column 1"},
        {"cocoa NEAR", "query: nothing after 'NEAR' at column 7"},
        {"cocoa NEAR/0 sugar",
         "query: bad 'NEAR/0' at column 7: NEAR/n needs a number of words from 1 to 1000, as in "
         "NEAR/5"},
        {"\"a b\" NEAR c",
         "query: 'NEAR' needs single words on both sides at column 1: not phrases, wildcards, "
         "fields, signs or brackets"},
        {"a ADJ -b",
         "query: 'ADJ' needs single words on both sides at column 7: not phrases, wildcards, "
         "fields, signs or brackets"},
        {"a NEAR b ADJ c", "query: NEAR and ADJ cannot be mixed in one chain at column 10"},
        {"islands NEAR Japan-Russia",
         "query: 'Japan-Russia' at column 14 is several words: NEAR needs single words"},
        {"foo:bar",
         "query: unknown field 'foo:' at column 1: use title, source, byline, topic, place, id, "
         "year or date"},
        {"cocoa title:", "query: 'title:' needs a value at column 7"},
        {"title:(oil source:x)", "query: 'source:' inside 'title:( … )' at column 12"},
        {"*", "query: '*' needs letters before it at column 1"},
        {"ex*port", "query: '*' only at the end of a word at column 3"},
        {"source:reu*", "query: wildcards work on words, not on 'source:' values at column 11"},
        {"date:2016-13",
         "query: bad date '2016-13' at column 6: use YYYY, YYYY-MM, YYYY-MM-DD or a range "
         "FROM..TO, ..TO, FROM.."},
        {"date:..", "query: bad date '..' at column 6: use YYYY, YYYY-MM, YYYY-MM-DD or a range "
                    "FROM..TO, ..TO, FROM.."},
        {"date:2017..2016", "query: date range '2017..2016' ends before it starts at column 6"},
        {"café (x", "query: unmatched '(' at column 6"},
        {"&", "query: no searchable words"},
        {"   ", "query: empty query"},
        {"", "query: empty query"},
    };
    for (auto [input, expected] : cases) {
        CAPTURE(input);
        CHECK(error_of(input) == expected);
    }
}

TEST_CASE("query trees") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"a b", "GROUP(a, b)"},
        {"+a -\"b c\" (d OR e)", "GROUP(+a, -\"b c\", OR(d, e))"},
        {"NOT a", "AND_NOT(ALL, a)"},
        {"a AND NOT b", "AND_NOT(a, b)"},
        {"a NEAR/3 b", "NEAR/3(a, b)"},
        {"title:(a OR b)", "OR(title:a, title:b)"},
        {"source:\"New York Times\"", "source:\"New York Times\""},
        {"date:2016-12..", "date:201612.."},
        {"date:..1990", "date:..1990"},
    };
    for (auto [input, expected] : cases) {
        CAPTURE(input);
        CHECK(morgue::search::describe(morgue::search::parse_query_tree(input)) == expected);
    }
}

TEST_CASE("date bounds") {
    using morgue::search::parse_date_bound;
    CHECK(parse_date_bound("2016") == "2016");
    CHECK(parse_date_bound("2016-12") == "201612");
    CHECK(parse_date_bound("2016-02-29") == "20160229");
    CHECK_FALSE(parse_date_bound("2015-02-29"));
    CHECK_FALSE(parse_date_bound("2016-1"));
    CHECK_FALSE(parse_date_bound("16"));
    CHECK_FALSE(parse_date_bound("yesterday"));
    CHECK(morgue::search::build_date_filter("", "").get_description() == "Query(<alldocuments>)");
    CHECK(morgue::search::with_date_bounds(Xapian::Query("cocoa"), "1987", "")
              .get_description() == "Query((cocoa FILTER VALUE_GE 0 19870101))");
}

TEST_CASE("pure filters have no relevance") {
    const std::pair<std::string_view, bool> cases[] = {
        {"cocoa", true},
        {"topic:cocoa", false},
        {"topic:cocoa year:1987", false},
        {"topic:cocoa AND year:1987", false},
        {"topic:cocoa -sugar", false},
        {"date:2016..", false},
        {"date:2016 OR topic:cocoa", false},
        {"-sugar", false},
        {"NOT sugar", false},
        {"cocoa topic:cocoa", true},
        {"topic:cocoa OR sugar", true},
        {"\"cocoa prices\"", true},
        {"title:cocoa", true},
        {"export*", true},
        {"a NEAR b", true},
    };
    morgue::search::QueryBuilder builder(config());
    for (auto [input, expected] : cases) {
        CAPTURE(input);
        CHECK(morgue::search::has_relevance(parse_user_query(input, builder)) == expected);
    }
}

TEST_CASE("parsing and building stay in the microseconds") {
    morgue::search::QueryBuilder builder(config());
    const std::string_view query =
        "(cocoa OR coffee) AND title:\"crude oil\" -sugar Japan-Russia date:1987..1990 export*";
    constexpr int rounds = 2000;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < rounds; ++i) CHECK_FALSE(parse_user_query(query, builder).empty());
    const auto per_query = std::chrono::duration<double, std::micro>(
                               std::chrono::steady_clock::now() - start) / rounds;
    MESSAGE("parse + build: " << per_query.count() << " µs per query");
    CHECK(per_query.count() < 500.0);  // generous: shared, loaded test machines
}

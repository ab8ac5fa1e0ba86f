// Unit tests: user query text -> Xapian query descriptions, relevance detection, query errors.
#include "common/error.hpp"
#include "searcher/query/parse.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <utility>

namespace {

using morgue::search::parse_user_query;

morgue::OpenIndex empty_index(morgue::PhraseMode mode = morgue::PhraseMode::stemmed) {
    morgue::AnalysisConfig cfg;
    cfg.phrase_mode = mode;
    return {Xapian::WritableDatabase(std::string{}, Xapian::DB_BACKEND_INMEMORY), cfg, "memory"};
}

std::string describe(std::string_view text, morgue::PhraseMode mode = morgue::PhraseMode::stemmed) {
    const auto index = empty_index(mode);
    auto parser = morgue::search::make_search_parser(index);
    return parse_user_query(text, parser).get_description();
}

std::string error_of(std::string_view text) {
    const auto index = empty_index();
    auto parser = morgue::search::make_search_parser(index);
    try {
        parse_user_query(text, parser);
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
        {"cocoa OR sugar", "Query((cocoa@1 OR sugar@2))"},
        {"cocoa NOT sugar", "Query((cocoa@1 AND_NOT sugar@2))"},
        {"cocoa XOR sugar", "Query((cocoa@1 XOR sugar@2))"},
        {"(cocoa OR sugar) AND brazil", "Query(((cocoa@1 OR sugar@2) AND brazil@3))"},
        {"+cocoa sugar", "Query((cocoa@1 AND_MAYBE sugar@2))"},
        {"cocoa -sugar", "Query((cocoa@1 AND_NOT sugar@2))"},
        {"\"territorial disputes\"", "Query((territori@1 PHRASE 2 disput@2))"},
        {"title:islands", "Query(Sisland@1)"},
        {"source:\"New York Times\"", "Query(0 * XSnew york times)"},
        {"topic:Cocoa", "Query(0 * Kcocoa)"},
        {"place:japan", "Query(0 * XPjapan)"},
        {"byline:\"Jane Doe\"", "Query(0 * Ajane doe)"},
        {"year:1987", "Query(0 * Y1987)"},
        {"id:AbC-1", "Query(0 * QAbC-1)"},
        {"cocoa topic:cocoa", "Query((cocoa@1 FILTER Kcocoa))"},
        {"-sugar", "Query((<alldocuments> AND_NOT sugar@1))"},
        {"-sugar -topic:cocoa", "Query((<alldocuments> AND_NOT (sugar@1 OR 0 * Kcocoa)))"},
        {"NOT sugar", "Query((<alldocuments> AND_NOT sugar@1))"},
        {"export*", "Query(WILDCARD SYNONYM export)"},
    };
    for (auto [input, expected] : cases) {
        CAPTURE(input);
        CHECK(describe(input) == expected);
    }
}

TEST_CASE("query syntax, exact phrase mode") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"islands", "Query(Zisland@1)"},
        // Xapian 1.4 stems the first word of a quoted phrase in this strategy.
        {"\"territorial disputes\"", "Query((Zterritori@1 PHRASE 2 disputes@2))"},
    };
    for (auto [input, expected] : cases) {
        CAPTURE(input);
        CHECK(describe(input, morgue::PhraseMode::exact) == expected);
    }
}

TEST_CASE("query errors name the problem and the query") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"\"central bank", "query: unmatched '\"' in \"\"central bank\""},
        {"(cocoa OR sugar", "query: unmatched '(' in \"(cocoa OR sugar\""},
        {"cocoa) sugar", "query: unmatched ')' in \"cocoa) sugar\""},
        {"cocoa AND", "query: syntax: expected <expression> AND <expression> in \"cocoa AND\""},
        {"   ", "query: empty query in \"   \""},
        {"", "query: empty query in \"\""},
    };
    for (auto [input, expected] : cases) {
        CAPTURE(input);
        CHECK(error_of(input) == expected);
    }
}

TEST_CASE("brackets and quotes inside quotes do not count") {
    CHECK_NOTHROW(morgue::search::check_balance("\"(not a bracket\" cocoa"));
    CHECK_NOTHROW(morgue::search::check_balance("source:\"a (b\" (c)"));
}

TEST_CASE("pure filters have no relevance") {
    const std::pair<std::string_view, bool> cases[] = {
        {"cocoa", true},
        {"topic:cocoa", false},
        {"topic:cocoa year:1987", false},
        {"topic:cocoa -sugar", false},
        {"-sugar", false},
        {"NOT sugar", false},
        {"cocoa topic:cocoa", true},
        {"topic:cocoa OR sugar", true},
        {"\"cocoa prices\"", true},
        {"title:cocoa", true},
        {"export*", true},
    };
    const auto index = empty_index();
    auto parser = morgue::search::make_search_parser(index);
    for (auto [input, expected] : cases) {
        CAPTURE(input);
        CHECK(morgue::search::has_relevance(parse_user_query(input, parser)) == expected);
    }
}

// Unit tests: analysis settings, the schema metadata and its checks on open.
#include "common/analysis.hpp"
#include "common/error.hpp"
#include "common/index_meta.hpp"
#include "common/index_open.hpp"
#include "common/schema.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace morgue;

TEST_CASE("languages") {
    const auto names = available_languages();
    CHECK(std::find(names.begin(), names.end(), "english") != names.end());
    CHECK(std::find(names.begin(), names.end(), "none") != names.end());
    CHECK_NOTHROW(check_language("french"));
    try {
        check_language("klingon");
        FAIL("no error");
    } catch (const UsageError& e) {
        CHECK(std::string(e.what()).find("klingon") != std::string::npos);
        CHECK(std::string(e.what()).find("english") != std::string::npos);
    }
}

TEST_CASE("phrase modes") {
    CHECK(parse_phrase_mode("stemmed") == PhraseMode::stemmed);
    CHECK(parse_phrase_mode("exact") == PhraseMode::exact);
    CHECK(to_string(PhraseMode::exact) == "exact");
    CHECK_THROWS_AS(parse_phrase_mode("fuzzy"), UsageError);
}

TEST_CASE("metadata is written once and checked after") {
    test::TempDir dir;
    const auto path = dir / "idx";
    AnalysisConfig french{"french", PhraseMode::exact};
    {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
        write_or_check_index_meta(db, french, path);
        db.commit();
    }
    {
        const auto index = open_index(path);
        CHECK(index.analysis == french);
    }
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    CHECK_NOTHROW(write_or_check_index_meta(db, french, path));
    try {
        write_or_check_index_meta(db, AnalysisConfig{"english", PhraseMode::exact}, path);
        FAIL("no error");
    } catch (const IndexError& e) {
        const std::string what = e.what();
        CHECK(what.find("french") != std::string::npos);
        CHECK(what.find("english") != std::string::npos);
    }
}

TEST_CASE("another schema version is refused by name") {
    test::TempDir dir;
    const auto path = dir / "old";
    {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
        db.set_metadata(std::string{schema::meta_schema_version}, "0");
        db.commit();
    }
    try {
        open_index(path);
        FAIL("no error");
    } catch (const IndexError& e) {
        const std::string what = e.what();
        CHECK(what.find("schema version 0") != std::string::npos);
        CHECK(what.find(path) != std::string::npos);
    }
}

TEST_CASE("a plain Xapian database or a missing path is not a Morgue index") {
    test::TempDir dir;
    const auto path = dir / "plain";
    {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
        db.commit();
    }
    CHECK_THROWS_WITH_AS(open_index(path), doctest::Contains("not a Morgue index"), IndexError);
    CHECK_THROWS_WITH_AS(open_index(dir / "missing"), doctest::Contains("no such index"), IndexError);
}

TEST_CASE("query parser knows the schema's fields") {
    Xapian::WritableDatabase db(std::string{}, Xapian::DB_BACKEND_INMEMORY);
    auto qp = make_query_parser(AnalysisConfig{}, db);
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"source:\"New York Times\"", "Query(0 * XSnew york times)"},
        {"topic:Cocoa", "Query(0 * Kcocoa)"},
        {"id:AP880212-0001", "Query(0 * QAP880212-0001)"},
        {"title:islands", "Query(Sisland@1)"},
    };
    for (const auto& [input, expected] : cases) {
        CAPTURE(input);
        CHECK(qp.parse_query(std::string{input}).get_description() == expected);
    }
}

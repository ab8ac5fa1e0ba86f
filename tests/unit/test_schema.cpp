// Unit tests: analysis settings, the schema metadata and its checks on open.
#include "common/analysis.hpp"
#include "common/error.hpp"
#include "common/fields.hpp"
#include "common/index_meta.hpp"
#include "common/index_open.hpp"
#include "common/schema.hpp"
#include "common/terms.hpp"
#include "common/text.hpp"
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

TEST_CASE("the term rules both sides use") {
    CHECK(label_term(schema::source_prefix, "  New York\tTimes ") == "XSnew york times");
    CHECK(label_term(schema::topic_prefix, "Cocoa") == "Kcocoa");
    CHECK(label_term(schema::topic_prefix, " \t ").empty());
    CHECK(id_term("AP880212-0001") == "QAP880212-0001");

    // A label longer than a term can hold is cut to fit under its own prefix, at a whole
    // character, and label_value() is that term without the prefix.
    std::string long_label(300, 'a');
    long_label[240] = '\xC3';
    long_label[241] = '\xA9';
    const auto term = label_term(schema::source_prefix, long_label);
    CHECK(term.size() <= max_term_bytes);
    CHECK(term.size() >= max_term_bytes - 1);
    CHECK(is_valid_utf8(term));
    CHECK(term == std::string{schema::source_prefix} +
                      label_value(schema::source_prefix, long_label));

    // Ids too long for a term: cut, and told apart by a hash of the whole id.
    const std::string url = "https://example.com/" + std::string(300, 'x');
    CHECK(id_term(url).size() <= max_term_bytes);
    CHECK(id_term(url) != id_term(url + "y"));
    CHECK(id_term(url).starts_with("Qhttps://example.com/xxx"));
}

TEST_CASE("a field prefix does not take the terms of a longer prefix") {
    CHECK(has_field_prefix("Kcocoa", schema::topic_prefix));
    CHECK_FALSE(has_field_prefix("K", schema::topic_prefix));
    CHECK_FALSE(has_field_prefix("KXfoo", schema::topic_prefix));
    CHECK(has_field_prefix("XSreuters", schema::source_prefix));
    CHECK_FALSE(has_field_prefix("XPjapan", schema::source_prefix));
    CHECK(is_text_term("cocoa"));
    CHECK_FALSE(is_text_term("Scocoa"));
    CHECK_FALSE(is_text_term(""));
}

TEST_CASE("the field table names every field once") {
    for (const auto& info : query_fields) {
        CAPTURE(info.name);
        CHECK(find_field(info.name) == &info);
        CHECK(field_info(info.field) == &info);
        CHECK(to_string(info.field) == info.name);
        CHECK(info.example.starts_with(std::string{info.name} + ":"));
        CHECK(!info.help.empty());
    }
    CHECK(find_field("nosuch") == nullptr);
    CHECK(field_info(Field::text) == nullptr);
    CHECK(is_text_field(Field::text));
    CHECK(is_text_field(Field::title));
    CHECK_FALSE(is_text_field(Field::source));
    CHECK(prefix_of(Field::place) == schema::place_prefix);
    CHECK(prefix_of(Field::date).empty());
}

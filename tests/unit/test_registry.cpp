// Unit tests: format names, format detection from path and content, reader lookup.
#include "indexer/formats/registry.hpp"

#include "common/error.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

using namespace morgue::index;

TEST_CASE("detect_format: extension, .gz and content") {
    struct Case {
        std::string_view path;
        std::string_view head;
        Format expected;
    };
    const Case cases[] = {
        {"a.jsonl", "", Format::jsonl},
        {"a.ndjson", "", Format::jsonl},
        {"A.JSONL.GZ", "", Format::jsonl},
        {"a.json", "{\"id\":1}", Format::jsonl},
        {"page.html", "", Format::html},
        {"page.htm.gz", "", Format::html},
        {"reut2-000.sgm", "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS NEWID=\"1\">",
         Format::reuters},
        {"reut2-000.sgm.gz", "", Format::reuters},
        {"ap.sgml", "<DOC>\n<DOCNO> AP1 </DOCNO>", Format::trec},
        {"fbis.sgm", "<DOC>\n<DOCNO> FBIS3-1 </DOCNO>", Format::trec},
        {"story.txt", "Plain words.", Format::text},
        {"story.txt", "{\"looks\": \"like json\"}", Format::text},
        {"story.txt", "<DOC><DOCNO>X</DOCNO>", Format::trec},
        {"noext", "{\"id\":\"1\"}", Format::jsonl},
        {"noext", "\xEF\xBB\xBF{\"id\":\"1\"}", Format::jsonl},
        {"noext.gz", "<REUTERS NEWID=\"1\">", Format::reuters},
        {"noext", "<DOC>\n", Format::trec},
        {"noext", "<!doctype html><html>", Format::html},
        {"noext", "Just text.", Format::text},
        {"noext", "", Format::text},
    };
    for (const auto& c : cases) {
        CAPTURE(c.path);
        CAPTURE(c.head);
        CHECK(format_name(detect_format(c.path, c.head)) == format_name(c.expected));
    }
}

TEST_CASE("format names round-trip; unknown names list the valid ones") {
    for (const auto name : {"auto", "jsonl", "text", "html", "trec", "reuters", "warc"}) {
        CAPTURE(name);
        CHECK(format_name(parse_format_name(name)) == name);
    }
    const std::string_view bad[] = {"json", "", "JSONL", "sgml"};
    for (const auto name : bad) {
        CAPTURE(name);
        try {
            parse_format_name(name);
            FAIL("no error for an unknown format");
        } catch (const morgue::UsageError& e) {
            CHECK(std::string{e.what()} ==
                  "unknown format '" + std::string{name} +
                      "' (choose from: auto, jsonl, text, html, trec, reuters, warc)");
        }
    }
}

TEST_CASE("reader_for: every concrete format has a reader; auto has none") {
    const InputContext ctx{"x", "x", std::nullopt};
    CHECK_THROWS_AS(reader_for(Format::automatic), morgue::Error);
    const auto records = read_records(Format::jsonl, "{\"id\":\"1\",\"title\":\"t\"}\n", ctx);
    REQUIRE(records.size() == 1);
    CHECK(std::get<morgue::Article>(records[0]).title == "t");
    for (const auto format : {Format::jsonl, Format::text, Format::html, Format::trec, Format::reuters,
                              Format::warc}) {
        CAPTURE(format_name(format));
        CHECK(&reader_for(format) == &reader_for(format));
    }
}

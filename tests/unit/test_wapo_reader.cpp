// Unit tests: the TREC Washington Post reader (record fields, content blocks, bad lines, detection).
#include "indexer/formats/registry.hpp"
#include "indexer/formats/wapo_reader.hpp"

#include "reader_fixtures.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

using namespace morgue;
using namespace morgue::index;

namespace {

using test::as_article;
using test::as_problem;
using test::joined;

const InputContext ctx{"wapo/in.jl", "wapo/in.jl", Date{1999, 9, 9}};

}  // namespace

TEST_CASE("wapo: record variants") {
    struct Case {
        std::string_view name;
        std::string_view line;
        test::ExpectedArticle expected;
    };
    const Case cases[] = {
        {"record fields win; text and HTML paragraphs; images and bios out of the body",
         R"({"id":"a1","article_url":"https://wp.example/a1","title":"Lock reopens","author":"Nadia Okafor; Luis Brandt ;","published_date":1489924800000,"type":"article","source":"The Washington Post","contents":[)"
         R"({"type":"kicker","content":"Local","mime":"text/plain"},{"type":"title","content":"Block title"},)"
         R"({"type":"byline","content":"By Someone Else"},{"type":"date","content":"1000000000000"},)"
         R"({"type":"image","fullcaption":"Caption words","blurb":"Blurb words","imageURL":"u"},)"
         R"({"type":"sanitized_html","subtype":"paragraph","mime":"text/plain","content":"GREAT FALLS, Md. \u2014 Gates  open."},)"
         R"(null,7,{"type":"sanitized_html","subtype":"paragraph","mime":"text/html","content":"The <a href=\"x\">Trust</a> paid &amp; <b>won</b>."},)"
         R"({"type":"sanitized_html","subtype":"subhead","mime":"text/plain","content":"Why"},)"
         R"({"type":"sanitized_html","subtype":"paragraph","mime":"text/plain","content":"\u00a0"},)"
         R"({"type":"author_info","name":"Nadia Okafor","bio":"Bio words"}]})",
         "a1", "https://wp.example/a1", "Lock reopens", "2017-03-19", "The Washington Post",
         "Nadia Okafor, Luis Brandt", "Local", "GREAT FALLS, Md. \u2014 Gates open.\n\nThe Trust paid & won.\n\nWhy"},
        {"blocks stand in for missing record fields: title, byline, date as a string",
         R"({"id":"b2","author":"","contents":[{"type":"title","content":"Wind, not snow"},)"
         R"({"type":"byline","content":"By Carla Ruiz"},{"type":"date","content":"1515067200000"},)"
         R"({"type":"sanitized_html","mime":"text/html","content":"<p>Gusts.</p><p>More gusts.</p>"}]})",
         "b2", "", "Wind, not snow", "2018-01-04", "washingtonpost.com", "Carla Ruiz", "",
         "Gusts.\n\nMore gusts."},
        {"a numeric id; fields of odd types are ignored; no date: the fallback",
         R"({"id":12345,"title":null,"author":["x"],"published_date":"soon","source":7,"contents":"none"})",
         "12345", "", "", "1999-09-09", "washingtonpost.com", "", "", ""},
        {"a date before 1970, as a double; a byline paragraph in the lead",
         R"({"id":"c3","published_date":-86400000.0,"contents":[)"
         R"({"type":"sanitized_html","mime":"text/plain","content":"By Ann Lee"},)"
         R"({"type":"sanitized_html","mime":"text/plain","content":"Old news."}]})",
         "c3", "", "", "1969-12-31", "washingtonpost.com", "Ann Lee", "", "Old news."},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto records = read_records(Format::wapo, c.line, ctx);
        REQUIRE(records.size() == 1);
        const auto& article = as_article(records[0]);
        test::check_article(article, c.expected);
    }
}

TEST_CASE("wapo: bad lines are problems with their line; the rest go in") {
    const std::string input =
        "{\"id\":\"ok-1\",\"contents\":[]}\n"
        "{\"id\":\"x\",\"contents\":[\n"
        "\n"
        "{\"title\":\"no id\",\"contents\":[]}\n"
        "{\"id\":\"  \",\"contents\":[]}\n"
        "[1,2]\n"
        "{\"id\":\"bad \xFF byte\"}\n"
        "{\"id\":\"ok-8\",\"contents\":[]}\n";
    const auto records = read_records(Format::wapo, input, ctx);
    REQUIRE(records.size() == 7);
    CHECK(as_article(records[0]).id == "ok-1");
    const std::pair<std::size_t, std::string_view> problems[] = {
        {2, "invalid JSON: syntax error"},
        {4, "missing \"id\""},
        {5, "missing \"id\""},
        {6, "not a JSON object"},
        {7, "invalid UTF-8 at byte 12"},
    };
    for (std::size_t i = 0; i < std::size(problems); ++i) {
        CAPTURE(i);
        const auto& problem = as_problem(records[i + 1]);
        CHECK(problem.where.path == "wapo/in.jl");
        CHECK(problem.where.line == problems[i].first);
        CHECK(problem.reason == problems[i].second);
    }
    CHECK(as_article(records[6]).id == "ok-8");
}

TEST_CASE("wapo: deeply nested inline HTML is read as text") {
    std::string line = R"({"id":"deep","contents":[{"type":"sanitized_html","mime":"text/html","content":")";
    for (int i = 0; i < 100000; ++i) line += "<span>";
    line += R"(words"}]})";
    const auto records = read_records(Format::wapo, line, ctx);
    REQUIRE(records.size() == 1);
    CHECK(as_article(records[0]).body == "words");
}

TEST_CASE("wapo: looks_like_wapo_record") {
    const std::pair<std::string_view, bool> cases[] = {
        {R"({"id":"a","article_url":"u","contents":[{"type":"title"}]})", true},
        {"\xEF\xBB\xBF{ \"contents\" : [ ], \"published_date\" : 1 }", true},
        {R"({"id":"a","published_date":1,"contents":[{"content":"cut short by the head)", true},
        {R"({"id":"a","contents":[],"title":"t"})", false},
        {R"({"id":"a","article_url":"u","contents":"text"})", false},
        {R"({"x":{"contents":[],"article_url":"u"}})", false},
        {R"({"title":"\"contents\":[\"article_url\":"})", false},
        {R"(["contents",{"contents":[],"article_url":"u"}])", false},
        {"{\"id\":1}\n{\"contents\":[],\"article_url\":\"u\"}", false},
        {"", false},
    };
    for (auto [head, expected] : cases) {
        CAPTURE(head);
        CHECK(looks_like_wapo_record(head) == expected);
    }
}

TEST_CASE("wapo: corpus file") {
    const auto path = test::corpus_dir() / "wapo" / "wapo-style-sample.jl";
    CHECK(detect_format(path.string(), test::read_bytes(path).substr(0, 4096)) == Format::wapo);
    const auto records = test::read_file_records(Format::wapo, path, ctx);
    REQUIRE(records.size() == 3);
    const auto& lock = as_article(records[0]);
    CHECK(lock.id == "a6f3c1e0-0d1b-11e7-9b0d-d27c98455440");
    CHECK(lock.dateline == "GREAT FALLS, Md.");
    CHECK(lock.body.find("Volunteers open") == std::string::npos);
    CHECK(lock.body.find("covers Montgomery County") == std::string::npos);
    CHECK(lock.body.find("$1.2 million") != std::string::npos);
    CHECK(as_article(records[1]).source == "washingtonpost.com");
    CHECK(as_article(records[2]).title == "Corrections");
}

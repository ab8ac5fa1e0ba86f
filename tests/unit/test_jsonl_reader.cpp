// Unit tests: the JSON Lines reader (fields, problems, line numbers, corpus samples).
#include "indexer/formats/registry.hpp"

#include "reader_fixtures.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

using namespace morgue;
using namespace morgue::index;

namespace {

using test::as_article;
using test::as_problem;
using test::corpus_dir;

std::vector<ParsedRecord> read_file(const std::filesystem::path& path, std::string* error = nullptr) {
    const InputContext file_ctx{path.filename().string(), path.filename().string(), std::nullopt};
    return test::read_file_records(Format::jsonl, path, file_ctx, error);
}

const InputContext ctx{"in.jsonl", "news/in.jsonl", Date{2001, 2, 3}};

}  // namespace

TEST_CASE("jsonl: fields of a good record") {
    struct Case {
        std::string_view line;
        std::string_view id, title, body, date, byline;
        std::vector<std::string> topics, places;
    };
    const Case cases[] = {
        {R"({"id":"a1","title":"Budget passes","body":"The vote was close.","date":"2016-12-15"})",
         "a1", "Budget passes", "The vote was close.", "2016-12-15", "", {}, {}},
        {R"({"id":"a2","title":"T","date":"26-FEB-1987 15:01:01.79","author":["Ann Lee","Bo Wu"]})",
         "a2", "T", "", "1987-02-26", "Ann Lee, Bo Wu", {}, {}},
        {R"({"id":"a3","body":"B","byline":"Jo Park","author":"ignored","topics":"grain"})", "a3",
         "", "B", "2001-02-03", "Jo Park", {"grain"}, {}},
        {R"({"id":"a4","title":"Ünïcödé «title»","date":null,"places":["usa","uk"],"x":[1,{}]})",
         "a4", "Ünïcödé «title»", "", "2001-02-03", "", {}, {"usa", "uk"}},
        {R"({"id":17,"title":"numeric id","topics":["a","","b"],"source":null})", "17",
         "numeric id", "", "2001-02-03", "", {"a", "b"}, {}},
        {R"({"title":"no id here","date":"2020-01-02T03:04:05Z"})", "news/in.jsonl#1",
         "no id here", "", "2020-01-02", "", {}, {}},
        {R"({"id":"a7","title":"esc\"aped\n","body":"\u00e9t\u00e9"})", "a7", "esc\"aped\n",
         "été", "2001-02-03", "", {}, {}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.line);
        const auto records = read_records(Format::jsonl, c.line, ctx);
        REQUIRE(records.size() == 1);
        const auto& article = as_article(records[0]);
        CHECK(article.id == c.id);
        CHECK(article.title == c.title);
        CHECK(article.body == c.body);
        REQUIRE(article.published);
        CHECK(article.published->iso() == c.date);
        CHECK(article.byline == c.byline);
        CHECK(article.topics == c.topics);
        CHECK(article.places == c.places);
    }
}

TEST_CASE("jsonl: source, url and dateline are kept") {
    const auto records = read_records(
        Format::jsonl,
        R"({"id":"x","title":"t","source":" bbc ","url":"https://e.org/a","dateline":"NAGATO, Japan"})",
        ctx);
    const auto& article = as_article(records.at(0));
    CHECK(article.source == "bbc");
    CHECK(article.url == "https://e.org/a");
    CHECK(article.dateline == "NAGATO, Japan");
}

TEST_CASE("jsonl: bad lines become problems naming line, record and reason") {
    struct Case {
        std::string_view line;
        std::string_view record;
        std::string_view reason;
    };
    const Case cases[] = {
        {R"({"id":"a","title":"unclosed)", "", "invalid JSON: unclosed string"},
        {R"({"id":"a","title":"x",})", "", "invalid JSON: syntax error"},
        {R"({"id":"a"} {"id":"b"})", "", "invalid JSON: syntax error"},
        {R"(["id","a"])", "", "not a JSON object"},
        {R"("just a string")", "", "not a JSON object"},
        {"{\"id\":\"a\",\"title\":\"caf\xE9\"}", "", "invalid UTF-8 at byte 23"},
        {R"({"id":"a","title":42})", "a", "\"title\" must be a string"},
        {R"({"id":"a","body":["x"]})", "a", "\"body\" must be a string"},
        {R"({"id":"a","topics":[1,2]})", "a", "\"topics\" must be a string or a list of strings"},
        {R"({"id":"a","author":{"name":"x"}})", "a",
         "\"author\" must be a string or a list of strings"},
        {R"({"id":true,"title":"x"})", "", "\"id\" must be a string or an integer"},
        {R"({"topics":["a"],"date":"2020-01-01"})", "", "missing \"id\" and no title or body"},
        {R"({"id":"a","title":"x","date":"sometime soon"})", "a",
         "unrecognised date \"sometime soon\""},
        {R"({"id":"a","title":"x","date":"2021-02-30"})", "a", "unrecognised date \"2021-02-30\""},
    };
    for (const auto& c : cases) {
        CAPTURE(c.line);
        const std::string input = "{\"id\":\"first\",\"title\":\"ok\"}\n" + std::string{c.line} +
                                  "\n{\"id\":\"last\",\"title\":\"ok\"}\n";
        const auto records = read_records(Format::jsonl, input, ctx);
        REQUIRE(records.size() == 3);
        CHECK(as_article(records[0]).id == "first");
        const auto& problem = as_problem(records[1]);
        CHECK(problem.reason == c.reason);
        CHECK(problem.where.path == "in.jsonl");
        CHECK(problem.where.line == 2);
        CHECK(problem.where.record == c.record);
        CHECK(problem.raw == c.line);
        CHECK(as_article(records[2]).id == "last");
    }
}

TEST_CASE("jsonl: blank lines, CRLF and a byte order mark") {
    const std::string input =
        "\xEF\xBB\xBF{\"id\":\"1\",\"title\":\"one\"}\r\n\r\n   \n{\"title\":\"four\"}\r\n";
    const auto records = read_records(Format::jsonl, input, ctx);
    REQUIRE(records.size() == 2);
    CHECK(as_article(records[0]).id == "1");
    CHECK(as_article(records[1]).id == "news/in.jsonl#4");
    CHECK(as_article(records[1]).title == "four");
}

TEST_CASE("jsonl: a huge record is read whole; its raw text is cut when rejected") {
    const std::string body(8u << 20, 'w');
    const std::string big = R"({"id":"big","title":"Big","body":")" + body + "\"}";
    const std::string bad = R"({"id":"bad","title":7,"body":")" + body + "\"}";
    const auto records = read_records(Format::jsonl, big + "\n" + bad + "\n", ctx);
    REQUIRE(records.size() == 2);
    CHECK(as_article(records[0]).body.size() == body.size());
    const auto& problem = as_problem(records[1]);
    CHECK(problem.reason == "\"title\" must be a string");
    CHECK(problem.raw.size() == 64u * 1024u);
}

TEST_CASE("jsonl: the sink can stop the reading") {
    auto source = memory_byte_source("{\"id\":\"1\",\"title\":\"a\"}\n{\"id\":\"2\",\"title\":\"b\"}\n");
    int calls = 0;
    reader_for(Format::jsonl).read(*source, ctx, [&](ParsedRecord&&) {
        ++calls;
        return false;
    });
    CHECK(calls == 1);
}

TEST_CASE("jsonl: corpus samples") {
    const auto dir = corpus_dir();
    SUBCASE("edge cases") {
        const auto records = read_file(dir / "jsonl" / "edge-cases.jsonl");
        REQUIRE(records.size() == 6);
        CHECK(as_article(records[0]).title == "Zürich café owners fight rent rises — «enough»");
        CHECK(as_article(records[0]).byline == "Anna Keller, Luc Moreau");
        CHECK(as_article(records[1]).title == "東京で桜の開花宣言");
        CHECK(as_article(records[1]).topics == std::vector<std::string>{"weather"});
        CHECK_FALSE(as_article(records[2]).published);
        CHECK(as_article(records[3]).body.empty());
        CHECK(as_article(records[4]).published->iso() == "2021-03-12");
        CHECK(as_article(records[5]).id == "edge-cases.jsonl#7");
    }
    SUBCASE("gzip") {
        const auto records = read_file(dir / "jsonl" / "wire-sample.jsonl.gz");
        REQUIRE(records.size() == 3);
        CHECK(as_article(records[2]).title == "Bakery chain expands north");
    }
    SUBCASE("bad files keep their good records") {
        struct Case {
            std::string_view file;
            std::size_t records, bad_line;
            std::string_view reason;
        };
        const Case cases[] = {
            {"malformed-json.jsonl", 4, 3, "invalid JSON: syntax error"},
            {"invalid-utf8.jsonl", 3, 2, "invalid UTF-8 at byte 35"},
            {"wrong-type.jsonl", 3, 2, "\"title\" must be a string"},
            {"truncated.jsonl.gz", 4, 4, "invalid JSON: unclosed string"},
        };
        for (const auto& c : cases) {
            CAPTURE(c.file);
            std::string error;
            const auto records = read_file(dir / "bad" / c.file, &error);
            REQUIRE(records.size() == c.records);
            for (std::size_t i = 0; i < records.size(); ++i) {
                CAPTURE(i);
                if (i + 1 == c.bad_line) {
                    CHECK(as_problem(records[i]).where.line == c.bad_line);
                    CHECK(as_problem(records[i]).reason == c.reason);
                } else {
                    CHECK(std::holds_alternative<Article>(records[i]));
                }
            }
            CHECK(error == (c.file == "truncated.jsonl.gz" ? "truncated gzip data" : ""));
        }
    }
}

// Unit tests: the TREC SGML reader (title, date and source variants, paragraphs, bad records).
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


const InputContext ctx{"in.trec", "in.trec", Date{1999, 9, 9}};

std::vector<ParsedRecord> read_file(const std::filesystem::path& path) {
    return test::read_file_records(Format::trec, path, ctx);
}

}  // namespace

TEST_CASE("trec: record variants") {
    struct Case {
        std::string_view name;
        std::string_view record;
        std::string_view id, title, date, source, body;
    };
    const Case cases[] = {
        {"AP: several HEADs, date from the DOCNO",
         "<DOC>\n<DOCNO> AP880212-0001 </DOCNO>\n<HEAD>Main</HEAD>\n<HEAD>Sub</HEAD>\n"
         "<TEXT>\n   First para\ncontinues.\n   Second para.\n</TEXT>\n</DOC>",
         "AP880212-0001", "Main; Sub", "1988-02-12", "AP", "First para continues.\n\nSecond para."},
        {"WSJ: HL and six-digit DATE",
         "<DOC><DOCNO>WSJ870324-0001</DOCNO><HL>Profit Up</HL><DATE>870325</DATE>"
         "<TEXT>Text.</TEXT></DOC>",
         "WSJ870324-0001", "Profit Up", "1987-03-25", "WSJ", "Text."},
        {"LA: P inside HEADLINE, DATE and TEXT",
         "<DOC><DOCNO> LA010189-0001 </DOCNO><DATE><P>January 1, 1989, Sunday</P></DATE>"
         "<HEADLINE><P>Head</P><P>Deck</P></HEADLINE>"
         "<TEXT><P>One\nline.</P><P>Two &amp; more.</P></TEXT></DOC>",
         "LA010189-0001", "Head; Deck", "1989-01-01", "LA", "One line.\n\nTwo & more."},
        {"FT: DOCNO prefix without a date",
         "<DOC><DOCNO>FT911-3</DOCNO><HEADLINE>FT 14 MAY 91 / Ships</HEADLINE>"
         "<TEXT>Body.</TEXT></DOC>",
         "FT911-3", "FT 14 MAY 91 / Ships", "1999-09-09", "FT", "Body."},
        {"SOURCE element, TITLE and a long date",
         "<DOC><DOCNO>X-1</DOCNO><SOURCE> Radio Nord </SOURCE><TITLE>T</TITLE>"
         "<DATE> 1 January 1994 </DATE><TEXT>b</TEXT></DOC>",
         "X-1", "T", "1994-01-01", "Radio Nord", "b"},
        {"DATE_TIME, lower-case tags, no TEXT",
         "<doc><docno>ZF109-1</docno><date_time>January 3, 1989</date_time></doc>", "ZF109-1",
         "", "1989-01-03", "ZF", ""},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto records = read_records(Format::trec, c.record, ctx);
        REQUIRE(records.size() == 1);
        const auto& article = as_article(records[0]);
        CHECK(article.id == c.id);
        CHECK(article.title == c.title);
        REQUIRE(article.published);
        CHECK(article.published->iso() == c.date);
        CHECK(article.source == c.source);
        CHECK(article.body == c.body);
    }
}

TEST_CASE("trec: dateline and byline") {
    const auto records = read_records(
        Format::trec,
        "<DOC><DOCNO>AP1</DOCNO><BYLINE>By ANN LEE</BYLINE><DATELINE>ROME (AP) - </DATELINE></DOC>",
        ctx);
    const auto& article = as_article(records.at(0));
    CHECK(article.byline == "ANN LEE");
    CHECK(article.dateline == "ROME (AP)");
}

TEST_CASE("trec: records without DOCNO or without </DOC>") {
    const std::string input = "<DOC>\n<DOCNO>A-1</DOCNO>\n</DOC>\n"
                              "<DOC>\n<HEAD>No number</HEAD>\n</DOC>\n"
                              "<DOC>\n<DOCNO>A-3</DOCNO>\n"
                              "<DOC>\n<DOCNO>A-4</DOCNO>\n</DOC>\n";
    const auto records = read_records(Format::trec, input, ctx);
    REQUIRE(records.size() == 4);
    CHECK(as_article(records[0]).id == "A-1");
    CHECK(as_problem(records[1]).where.line == 4);
    CHECK(as_problem(records[1]).reason == "missing DOCNO");
    CHECK(as_problem(records[2]).where.line == 7);
    CHECK(as_problem(records[2]).where.record == "A-3");
    CHECK(as_problem(records[2]).reason == "record not closed: missing </DOC>");
    CHECK(as_article(records[3]).id == "A-4");
}

TEST_CASE("trec: corpus samples") {
    const auto dir = test::corpus_dir();
    SUBCASE("ap-sample.trec") {
        const auto records = read_file(dir / "trec" / "ap-sample.trec");
        REQUIRE(records.size() == 4);
        const auto& first = as_article(records[0]);
        CHECK(first.title == "Harbor Ferry Strike Ends After Nine Days; Commuters Return to Water Routes");
        CHECK(first.byline == "ELLEN MARSH");
        CHECK(first.dateline == "PORTVILLE (AP)");
        CHECK(first.published->iso() == "1989-01-03");
        CHECK(as_article(records[3]).id == "AP890104-0004");
    }
    SUBCASE("mixed-styles.sgml") {
        const auto records = read_file(dir / "trec" / "mixed-styles.sgml");
        REQUIRE(records.size() == 4);
        CHECK(as_article(records[0]).published->iso() == "1990-01-03");
        CHECK(as_article(records[1]).body.starts_with("A northern shipyard has won a £40m order"));
        CHECK(as_article(records[2]).title == "Grain Harvest Forecast Raised");
        CHECK(as_article(records[2]).source == "Rural Radio Service");
        CHECK(as_article(records[2]).published->iso() == "1994-03-04");
        CHECK(as_article(records[3]).source == "WSJ");
    }
    SUBCASE("trec-missing-docno.trec") {
        const auto records = read_file(dir / "bad" / "trec-missing-docno.trec");
        REQUIRE(records.size() == 3);
        CHECK(as_article(records[0]).id == "AP900201-0001");
        CHECK(as_problem(records[1]).where.line == 8);
        CHECK(as_problem(records[1]).reason == "missing DOCNO");
        CHECK(as_article(records[2]).title == "Museum Extends Opening Hours");
    }
}

// Unit tests: the Reuters-21578 reader and the SGML helpers it shares with the TREC reader.
#include "indexer/formats/registry.hpp"
#include "indexer/formats/sgml.hpp"

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


const InputContext ctx{"reut.sgm", "reut.sgm", std::nullopt};

std::vector<ParsedRecord> read_file(const std::filesystem::path& path) {
    return test::read_file_records(Format::reuters, path, ctx);
}

constexpr std::string_view normal_record = R"(<REUTERS TOPICS="YES" OLDID="5544" NEWID="1">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TOPICS><D>cocoa</D></TOPICS>
<PLACES><D>el-salvador</D><D>usa</D></PLACES>
<PEOPLE></PEOPLE>
<UNKNOWN>&#5;&#5;&#5;C T</UNKNOWN>
<TEXT>&#2;
<TITLE>BAHIA COCOA &lt;REVIEW&gt;</TITLE>
<AUTHOR>    By Jane Doe, Reuters</AUTHOR>
<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued &amp; helped
the crop.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>)";

}  // namespace

TEST_CASE("reuters: fields of one record") {
    const auto records = read_records(Format::reuters, normal_record, ctx);
    REQUIRE(records.size() == 1);
    const auto& article = as_article(records[0]);
    CHECK(article.id == "1");
    CHECK(article.source == "reuters21578");
    CHECK(article.title == "BAHIA COCOA <REVIEW>");
    CHECK(article.body == "Showers continued & helped\nthe crop.\n Reuter");
    REQUIRE(article.published);
    CHECK(article.published->iso() == "1987-02-26");
    CHECK(article.topics == std::vector<std::string>{"cocoa"});
    CHECK(article.places == std::vector<std::string>{"el-salvador", "usa"});
    CHECK(article.dateline == "SALVADOR");
    CHECK(article.byline == "Jane Doe, Reuters");
}

TEST_CASE("reuters: record variants") {
    struct Case {
        std::string_view name;
        std::string_view record;
        std::string_view title, body, date, dateline;
    };
    const Case cases[] = {
        {"unprocessed story: the whole TEXT is the body",
         R"(<REUTERS NEWID="7"><DATE>1-MAR-1987 09:00:00.00</DATE>
<TEXT TYPE="UNPROC">&#2;
BC-UNPROC-STORY  03-01 0012
Some raw wire text.
&#3;</TEXT></REUTERS>)",
         "", "BC-UNPROC-STORY  03-01 0012\nSome raw wire text.", "1987-03-01", ""},
        {"brief", R"(<REUTERS NEWID="8"><DATE> 2-MAR-1987 10:00:00.00</DATE>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>SHORT STORY HEADLINE
</TITLE>
Blah blah blah.
&#3;

</TEXT></REUTERS>)",
         "SHORT STORY HEADLINE", "******\nBlah blah blah.", "1987-03-02", ""},
        {"no text at all", R"(<REUTERS NEWID="12793"><DATE> 3-APR-1987 01:53:30.00</DATE>
<TOPICS></TOPICS></REUTERS>)",
         "", "", "1987-04-03", ""},
        {"stray characters in the date",
         R"(<REUTERS NEWID="9"><DATE>5-MAR-1987 09:08:43.13T</DATE><TEXT><TITLE>X</TITLE>
<DATELINE>    NAGATO, Japan, March 5 - </DATELINE><BODY>b</BODY></TEXT></REUTERS>)",
         "X", "b", "1987-03-05", "NAGATO, Japan"},
        {"dateline without a date",
         R"(<REUTERS NEWID="10"><TEXT><DATELINE>  LONDON - </DATELINE><BODY>b</BODY></TEXT></REUTERS>)",
         "", "b", "", "LONDON"},
        {"Latin-1 byte", "<REUTERS NEWID=\"11\"><TEXT><TITLE>M\xFCNCHEN</TITLE></TEXT></REUTERS>",
         "MüNCHEN", "", "", ""},
        {"DEL between words", "<REUTERS NEWID=\"12\"><TEXT><BODY>for&#127;the\x7Fyear</BODY></TEXT></REUTERS>",
         "", "for the year", "", ""},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto records = read_records(Format::reuters, c.record, ctx);
        REQUIRE(records.size() == 1);
        const auto& article = as_article(records[0]);
        CHECK(article.title == c.title);
        CHECK(article.body == c.body);
        CHECK((article.published ? article.published->iso() : "") == c.date);
        CHECK(article.dateline == c.dateline);
    }
}

TEST_CASE("reuters: broken records are reported at their first line and reading resumes") {
    const std::string input = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n" + std::string{normal_record} +
                              "\n<REUTERS NEWID=\"2\">\n<TEXT><TITLE>OPEN</TITLE>\n"
                              "<REUTERS OLDID=\"3\">\n<TEXT><TITLE>NO ID</TITLE></TEXT>\n</REUTERS>\n"
                              "<REUTERS NEWID=\"4\"><TEXT><TITLE>LAST</TITLE></TEXT></REUTERS>\n"
                              "<REUTERS NEWID=\"5\">\n<TEXT><TITLE>CUT OFF";
    const auto records = read_records(Format::reuters, input, ctx);
    REQUIRE(records.size() == 5);
    CHECK(as_article(records[0]).id == "1");
    const auto& unclosed = as_problem(records[1]);
    CHECK(unclosed.where.line == 16);
    CHECK(unclosed.where.record == "2");
    CHECK(unclosed.reason == "record not closed: missing </REUTERS>");
    CHECK(unclosed.raw == "<REUTERS NEWID=\"2\">\n<TEXT><TITLE>OPEN</TITLE>\n");
    const auto& no_id = as_problem(records[2]);
    CHECK(no_id.where.line == 18);
    CHECK(no_id.reason == "missing NEWID attribute");
    CHECK(as_article(records[3]).title == "LAST");
    CHECK(as_problem(records[4]).where.line == 22);
    CHECK(as_problem(records[4]).reason == "record not closed: missing </REUTERS>");
}

TEST_CASE("sgml: character references and control characters") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;", "a <b> & \"c\" 'd'"},
        {"&#2;text&#3;", "text"},
        {"tab&#9;and&#10;newline", "tab\tand\nnewline"},
        {"&#x1F;&#xE9;&#233;&#X2014;", "éé—"},
        {"&eacute;t&eacute; &pound;5 &mdash; &nbsp;x", "été £5 —  x"},
        {"AT&T and R&D; &unknown; &#xZZ;", "AT&T and R&D; &unknown; &#xZZ;"},
        {"raw\x01\x02 controls\r\n", "raw controls\n"},
        {"&amp;lt;", "&lt;"},
    };
    for (auto [input, expected] : cases) {
        CAPTURE(input);
        CHECK(sgml::decode_text(input) == expected);
    }
}

TEST_CASE("sgml: elements and attributes") {
    constexpr std::string_view text =
        R"(<doc id="x"><TITLE lang=en>One</TITLE><D>a</D><D>b</D><TITLEX>no</TITLEX></doc>)";
    const auto title = sgml::find_element(text, "title");
    REQUIRE(title);
    CHECK(title->content == "One");
    CHECK(sgml::attribute(title->attributes, "LANG") == "en");
    CHECK(sgml::find_all(text, "D") == std::vector<std::string_view>{"a", "b"});
    CHECK(sgml::find_all(text, "TITLE").size() == 1);
    CHECK_FALSE(sgml::find_element(text, "BODY"));
    CHECK_FALSE(sgml::find_element("<BODY>unclosed", "BODY"));

    const std::pair<std::string_view, std::optional<std::string_view>> attrs[] = {
        {R"(<REUTERS TOPICS="YES" NEWID="12")", "12"},
        {R"( newid='7' )", "7"},
        {R"( OLDID="5" NEWID=44)", "44"},
        {R"( OLDID="5" BARE)", std::nullopt},
        {R"( XNEWID="1")", std::nullopt},
    };
    for (const auto& [input, expected] : attrs) {
        CAPTURE(input);
        CHECK(sgml::attribute(input, "NEWID") == expected);
    }
    CHECK(sgml::strip_tags("a <b>bold</b> 3 < 4") == "a bold 3 < 4");
    CHECK(sgml::inline_text("<P>\n  Two\n lines &amp; more </P>") == "Two lines & more");
    CHECK(sgml::strip_by("  By Jane Doe ") == "Jane Doe");
    CHECK(sgml::to_utf8("caf\xE9") == "café");
    CHECK(sgml::to_utf8("café") == "café");
}

TEST_CASE("reuters: corpus sample and bad file") {
    const auto dir = corpus_dir();
    SUBCASE("reut2-sample.sgm: 483 consecutive records, all good") {
        const auto records = read_file(dir / "reuters" / "reut2-sample.sgm");
        REQUIRE(records.size() == 483);
        for (std::size_t i = 0; i < records.size(); ++i) {
            CAPTURE(i);
            CHECK(as_article(records[i]).id == std::to_string(i + 1));
        }
        const auto& first = as_article(records[0]);
        CHECK(first.title == "BAHIA COCOA REVIEW");
        CHECK(first.published->iso() == "1987-02-26");
        CHECK(first.places == std::vector<std::string>{"el-salvador", "usa", "uruguay"});
        CHECK(first.body.starts_with("Showers continued throughout the week in\nthe Bahia"));
        CHECK(first.body.ends_with("Reuter"));
    }
    SUBCASE("unclosed-reuters-record.sgm") {
        const auto records = read_file(dir / "bad" / "unclosed-reuters-record.sgm");
        REQUIRE(records.size() == 4);
        CHECK(as_article(records[0]).title == "GRAIN ELEVATOR REOPENS AFTER REPAIRS");
        CHECK(as_problem(records[1]).where.line == 18);
        CHECK(as_problem(records[1]).where.record == "90002");
        CHECK(as_article(records[2]).byline == "Rosa Lima, Reuters");
        CHECK(as_problem(records[3]).where.line == 38);
        CHECK(as_problem(records[3]).reason == "missing NEWID attribute");
    }
}

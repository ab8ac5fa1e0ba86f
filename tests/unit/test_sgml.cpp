// Unit tests: the SGML helpers of the Reuters and TREC readers: records, elements, references.
#include "indexer/formats/sgml.hpp"

#include "indexer/input_source.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace morgue::index;

namespace {

/// Every record `tag`'s scanner cuts from `input`.
std::vector<sgml::RawRecord> scan(std::string input, std::string_view tag = "DOC") {
    auto source = memory_byte_source(std::move(input));
    sgml::RecordScanner scanner(*source, tag);
    std::vector<sgml::RawRecord> records;
    sgml::RawRecord record;
    while (scanner.next(record)) {
        records.push_back(record);
        REQUIRE(records.size() < 100);
    }
    return records;
}

}  // namespace

TEST_CASE("sgml scanner: a record runs from its start tag to the end of its end tag") {
    const auto records = scan(
        "<!DOCTYPE x>\n<DOC>\n<DOCNO> 1 </DOCNO>\n</DOC>\n\n<DOC><DOCNO>2</DOCNO></DOC>\n");
    REQUIRE(records.size() == 2);
    CHECK(records[0].text == "<DOC>\n<DOCNO> 1 </DOCNO>\n</DOC>");
    CHECK(records[0].line == 2);
    CHECK(records[0].closed);
    CHECK(records[1].text == "<DOC><DOCNO>2</DOCNO></DOC>");
    CHECK(records[1].line == 6);
    CHECK(records[1].closed);
}

TEST_CASE("sgml scanner: text between records is skipped, even on the records' own line") {
    const auto records = scan("junk <DOC>a</DOC> middle <DOC>b</DOC> tail\nmore junk\n");
    REQUIRE(records.size() == 2);
    CHECK(records[0].text == "<DOC>a</DOC>");
    CHECK(records[1].text == "<DOC>b</DOC>");
    CHECK(records[0].line == 1);
    CHECK(records[1].line == 1);
    CHECK(scan("no records at all\n<DOCNO>1</DOCNO>\n").empty());
    CHECK(scan("").empty());
}

TEST_CASE("sgml scanner: tag names match without regard to case, longer names do not match") {
    const auto records = scan("<DOCS>\n<doc>x</Doc>\n<DOCUMENT>y</DOCUMENT>\n</DOCS>\n");
    REQUIRE(records.size() == 1);
    CHECK(records[0].text == "<doc>x</Doc>");
    CHECK(records[0].line == 2);
    CHECK(records[0].closed);
}

TEST_CASE("sgml scanner: attributes and a start tag spread over lines stay in the record") {
    const auto records = scan("<REUTERS NEWID=\"1\"\n   TOPICS=\"NO\">x</REUTERS >\n", "REUTERS");
    REQUIRE(records.size() == 1);
    CHECK(records[0].text == "<REUTERS NEWID=\"1\"\n   TOPICS=\"NO\">x</REUTERS >");
    CHECK(records[0].line == 1);
    CHECK(records[0].closed);
}

TEST_CASE("sgml scanner: CRLF line ends come back as newlines") {
    const auto records = scan("<DOC>\r\nx\r\n</DOC>\r\n");
    REQUIRE(records.size() == 1);
    CHECK(records[0].text == "<DOC>\nx\n</DOC>");
}

TEST_CASE("sgml scanner: a record opened before the last one closed ends it unclosed") {
    const auto records = scan("<DOC>\na\n<DOC>\nb\n</DOC>\n<DOC>c<DOC>d</DOC>\n");
    REQUIRE(records.size() == 4);
    CHECK(records[0].text == "<DOC>\na\n");
    CHECK(records[0].line == 1);
    CHECK_FALSE(records[0].closed);
    CHECK(records[1].text == "<DOC>\nb\n</DOC>");
    CHECK(records[1].line == 3);
    CHECK(records[1].closed);
    CHECK(records[2].text == "<DOC>c");
    CHECK(records[2].line == 6);
    CHECK_FALSE(records[2].closed);
    CHECK(records[3].text == "<DOC>d</DOC>");
    CHECK(records[3].line == 6);
    CHECK(records[3].closed);
}

TEST_CASE("sgml scanner: a record cut off by the end of the input is unclosed") {
    const auto records = scan("<DOC>1</DOC>\n\n<DOC>\nlast words");
    REQUIRE(records.size() == 2);
    CHECK(records[0].closed);
    CHECK(records[1].text == "<DOC>\nlast words\n");
    CHECK(records[1].line == 3);
    CHECK_FALSE(records[1].closed);
}

TEST_CASE("sgml find_element: the first element at or after an offset, nesting not followed") {
    constexpr std::string_view text = "<P class=a>one<P>two</P></P><P>three</P>";
    const auto first = sgml::find_element(text, "P");
    REQUIRE(first);
    CHECK(first->attributes == " class=a");
    CHECK(first->content == "one<P>two");  // the first end tag closes it
    CHECK(text.substr(first->end).starts_with("</P><P>three"));
    const auto later = sgml::find_element(text, "p", text.find("<P>three"));
    REQUIRE(later);
    CHECK(later->content == "three");
    CHECK(later->end == text.size());
    CHECK(later->attributes.empty());
    CHECK_FALSE(sgml::find_element(text, "P", text.size()));
    CHECK_FALSE(sgml::find_element("<TITLE never ends", "TITLE"));
    CHECK(sgml::find_all("<D>a</D><D></D><D>c</D>", "D") == std::vector<std::string_view>{"a", "", "c"});
    CHECK(sgml::find_all("no elements", "D").empty());
}

TEST_CASE("sgml find_start_tag: the name followed by '>' or whitespace") {
    constexpr std::string_view text = "<DOCNO>1</DOCNO></DOC><DOC\tid=1><doc>";
    CHECK(sgml::find_start_tag(text, "DOC") == text.find("<DOC\t"));
    CHECK(sgml::find_start_tag(text, "DOC", text.find("<DOC\t") + 1) == text.find("<doc>"));
    CHECK(sgml::find_start_tag(text, "DOCNO") == 0);
    CHECK(sgml::find_start_tag(text, "TEXT") == std::string_view::npos);
    CHECK(sgml::find_start_tag("ends with <DOC", "DOC") == 10);
}

TEST_CASE("sgml attribute: quoting, spacing and case") {
    const std::pair<std::string_view, std::optional<std::string_view>> cases[] = {
        {R"( TYPE = BRIEF)", "BRIEF"},
        {R"( type="BRIEF" )", "BRIEF"},
        {R"( TYPE='a b')", "a b"},
        {R"( TYPE="")", ""},
        {R"( TYPE="unclosed)", "unclosed"},
        {R"( BARE TYPE=x)", "x"},
        {"\tOTHER=\"TYPE=no\"\nTYPE=yes", "yes"},
        {R"( SUBTYPE=x)", std::nullopt},
        {"", std::nullopt},
    };
    for (const auto& [attributes, expected] : cases) {
        CAPTURE(attributes);
        CHECK(sgml::attribute(attributes, "TYPE") == expected);
    }
}

TEST_CASE("sgml decode_text: numeric references at the edges, unknown and bare ampersands") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"&#65;&#x42;&#X43;", "ABC"},
        {"a&#0;b", "ab"},
        {"for&#127;the", "for the"},
        {"&#x110000;|&#xD800;", "\xEF\xBF\xBD|\xEF\xBF\xBD"},
        {"&#;&#x;&#12a;", "&#;&#x;&#12a;"},
        {"&Eacute;&eacute;", "\xC3\x89\xC3\xA9"},
        {"&AMP; &Amp;", "&AMP; &Amp;"},
        {"R&D, then a semicolon much later;", "R&D, then a semicolon much later;"},
        {"&amp", "&amp"},
        {"trailing &", "trailing &"},
        // C1 codes mean Windows-1252, as browsers read them: a euro sign, an en dash.
        {"&#128;5 &#150; &#x93;q&#x94;", "\u20AC5 \u2013 \u201Cq\u201D"},
        {"&#160;", "\u00A0"},
    };
    for (auto [input, expected] : cases) {
        CAPTURE(input);
        CHECK(sgml::decode_text(input) == expected);
    }
}

TEST_CASE("sgml strip_tags and inline_text: markup goes, text and decoded brackets stay") {
    CHECK(sgml::strip_tags("<a\nhref=x>link</a> text") == "link text");
    CHECK(sgml::strip_tags("x > y") == "x > y");
    CHECK(sgml::strip_tags("ok <b") == "ok <b");
    CHECK(sgml::strip_tags("<p></p>") == "");
    // References are decoded after the tags are gone, so an escaped bracket is text.
    CHECK(sgml::inline_text("<TITLE>BAHIA &lt;REVIEW&gt;</TITLE>") == "BAHIA <REVIEW>");
    CHECK(sgml::inline_text("\n  one\n\ttwo&#10;three  ") == "one two three");
}

TEST_CASE("sgml strip_by: a leading By in any case, nothing else") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"BY JANE DOE", "JANE DOE"},
        {"  by   Jane Doe  ", "Jane Doe"},
        {"By", "By"},
        {"Byron Smith", "Byron Smith"},
        {"  Jane Doe ", "Jane Doe"},
    };
    for (auto [input, expected] : cases) {
        CAPTURE(input);
        CHECK(sgml::strip_by(input) == expected);
    }
}

TEST_CASE("sgml to_utf8: valid UTF-8 kept, anything else read whole as Windows-1252") {
    CHECK(sgml::to_utf8("na\xC3\xAFve") == "na\xC3\xAFve");
    CHECK(sgml::to_utf8("\x93quoted\x94") == "\xE2\x80\x9Cquoted\xE2\x80\x9D");
    // One bad byte makes the whole text Latin-1, its valid sequences too.
    CHECK(sgml::to_utf8("caf\xC3\xA9 \xE9") == "caf\xC3\x83\xC2\xA9 \xC3\xA9");
    CHECK(sgml::to_utf8("") == "");
}

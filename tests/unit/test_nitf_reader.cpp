// Unit tests: the NITF reader (fields by element, NYT flavour, encodings, bad documents).
#include "indexer/formats/registry.hpp"

#include "reader_fixtures.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using namespace morgue;
using namespace morgue::index;

namespace {

using test::as_article;
using test::as_problem;
using test::joined;

const InputContext ctx{"in.xml", "wire/in.xml", Date{1999, 9, 9}};

}  // namespace

TEST_CASE("nitf: fields by element") {
    struct Case {
        std::string_view name;
        std::string_view xml;
        test::ExpectedFields expected;
    };
    const Case cases[] = {
        {"AP style: hl1 not hl2, byttl out of the byline, dateline/location, regsrc",
         "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<nitf><head><docdata><doc-id regsrc=\"AP\"/>"
         "<date.issue norm=\"20151210T191044Z\"/></docdata></head><body><body.head><hedline>"
         "<hl1>Main head</hl1><hl2>Sub head</hl2></hedline>"
         "<byline>By BERNARD CONDON<byttl>AP Business Writer</byttl></byline>"
         "<distributor>The Associated Press</distributor>"
         "<dateline><location>NEW YORK</location></dateline></body.head>"
         "<body.content><block><p>NEW YORK (AP) \xE2\x80\x94 First.</p><p>Second.</p></block>"
         "</body.content></body></nitf>",
         {"wire/in.xml", "Main head", "BERNARD CONDON", "NEW YORK", "2015-12-10", "AP", "", "",
          "NEW YORK (AP) \xE2\x80\x94 First.\n\nSecond."}},
        {"pubdata wins; doc-id; tobject.subject matter, else type, else detail; evloc places",
         "<nitf><head><title>Head title</title><tobject>"
         "<tobject.subject tobject.subject.type=\"Politics\" tobject.subject.matter=\"Government\"/>"
         "<tobject.subject tobject.subject.type=\"Weather\"/>"
         "<tobject.subject tobject.subject.detail=\"Fishing Industry\"/>"
         "<tobject.subject tobject.subject.matter=\"GOVERNMENT\"/></tobject>"
         "<docdata><evloc city=\"Norfolk\" state-prov=\"VA\" iso-cc=\"US\"/>"
         "<doc-id id-string=\" iptc.321656141.b \"/><date.issue norm=\"20020225T143000-0500\"/>"
         "</docdata><pubdata name=\"nitf.org\" date.publication=\"20020226T000000-0500\"/></head>"
         "<body><body.content><p>Text.</p></body.content></body></nitf>",
         {"iptc.321656141.b", "Head title", "", "", "2002-02-26", "nitf.org",
          "Government|Weather|Fishing Industry", "Norfolk|VA|US", "Text."}},
        {"dateline text without story.date; date.release; doc.copyright holder; BY upper case",
         "<nitf><head><docdata><date.release norm=\"2002-02-26T09:30:00\"/>"
         "<doc.copyright holder=\"IPTC\"/></docdata></head><body><body.head>"
         "<hedline><hl1>H</hl1></hedline><byline>BY ANN LEE,</byline>"
         "<dateline>Oslo - <story.date norm=\"20170102T222800+0000\">20170102</story.date>"
         "</dateline></body.head><body.content><p>Text.</p></body.content></body></nitf>",
         {"wire/in.xml", "H", "ANN LEE", "Oslo", "2002-02-26", "IPTC", "", "", "Text."}},
        {"story.date when nothing else dates it; distributor as the source; filing day dropped",
         "<nitf><body><body.head><hedline><hl1>H</hl1></hedline>"
         "<distributor><org>Agencia EFE</org></distributor>"
         "<dateline>MOSCOW, Jan. 2 <story.date norm=\"20170102T222800+0000\"/></dateline>"
         "</body.head><body.content><p>Text.</p></body.content></body></nitf>",
         {"wire/in.xml", "H", "", "MOSCOW", "2017-01-02", "Agencia EFE", "", "", "Text."}},
        {"NYT: print byline, meta date, full_text not lead_paragraph, identified-content",
         "<nitf><head><title>T</title><meta name=\"publication_day_of_month\" content=\"1\"/>"
         "<meta name=\"publication_month\" content=\"2\"/>"
         "<meta name=\"publication_year\" content=\"2007\"/><docdata><doc-id id-string=\"123\"/>"
         "<doc.copyright year=\"2007\" holder=\"The New York Times\"/><identified-content>"
         "<classifier class=\"indexing_service\" type=\"descriptor\">Ferries</classifier>"
         "<classifier type=\"taxonomic_classifier\">Top/News/Region</classifier>"
         "<org>Harbor Commission</org><person>Albescu, Marta</person>"
         "<object.title>Hamlet (Play)</object.title>"
         "<location>Staten Island (NYC)</location></identified-content></docdata></head>"
         "<body><body.head><hedline><hl1>T</hl1></hedline>"
         "<byline class=\"normalized_byline\">One, Some</byline>"
         "<byline class=\"print_byline\">By Some One; Compiled by Another Person</byline>"
         "</body.head><body.content><block class=\"lead_paragraph\"><p>First.</p></block>"
         "<block class=\"full_text\"><p>First.</p><p>Second.</p></block></body.content></body>"
         "</nitf>",
         {"123", "T", "Some One; Compiled by Another Person", "", "2007-02-01",
          "The New York Times", "Ferries|Harbor Commission|Albescu, Marta|Hamlet (Play)",
          "Staten Island (NYC)", "First.\n\nSecond."}},
        {"only a normalized byline; hl2 and lists in the body; media, notes and embed codes out",
         "<nitf><body><body.head><hedline><hl1>T</hl1></hedline>"
         "<note><body.content><p>Editors only.</p></body.content></note>"
         "<byline class=\"normalized_byline\">One, Some</byline></body.head><body.content>"
         "<media><media-caption>A picture.</media-caption></media><p>One.</p><hl2>Part two</hl2>"
         "<ul><li>Item <em>a</em></li><li>Item b</li></ul>"
         "<p>&lt;div class=\"embed\"&gt;&lt;/div&gt;</p></body.content></body></nitf>",
         {"wire/in.xml", "T", "One, Some", "", "1999-09-09", "", "", "",
          "One.\n\nPart two\n\nItem a\n\nItem b"}},
        {"the abstract when there is no body.content; By and a person element",
         "<nitf><body><body.head><hedline><hl1>T</hl1></hedline>"
         "<byline>By <person>Alan Karben</person> <byttl>NITF News</byttl></byline>"
         "<abstract><p>Only a summary.</p></abstract></body.head></body></nitf>",
         {"wire/in.xml", "T", "Alan Karben", "", "1999-09-09", "", "", "", "Only a summary."}},
        {"a dateline in the first paragraph when the document has none",
         "<nitf><body><body.head><hedline><hl1>T</hl1></hedline></body.head><body.content>"
         "<p>WASHINGTON (AP) \xE2\x80\x94 The Senate voted on Tuesday to end the session.</p>"
         "</body.content></body></nitf>",
         {"wire/in.xml", "T", "", "WASHINGTON", "1999-09-09", "", "", "",
          "WASHINGTON (AP) \xE2\x80\x94 The Senate voted on Tuesday to end the session."}},
        {"namespaced NITF (as NewsML-G2 embeds it), a headline-only document",
         "<n:nitf xmlns:n=\"http://iptc.org/std/NITF/2006-10-18/\"><n:body><n:body.head>"
         "<n:hedline><n:hl1>Only a headline</n:hl1></n:hedline></n:body.head></n:body></n:nitf>",
         {"wire/in.xml", "Only a headline", "", "", "1999-09-09", "", "", "", ""}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto records = read_records(Format::nitf, c.xml, ctx);
        REQUIRE(records.size() == 1);
        test::check_fields(as_article(records[0]), c.expected);
    }
}

TEST_CASE("nitf: encodings") {
    const std::string latin1_body = "<nitf><body><body.head><hedline><hl1>\xC5lesund</hl1></hedline>"
                                    "</body.head><body.content><p>V\xE6ret og sj\xF8""en.</p>"
                                    "</body.content></body></nitf>";
    SUBCASE("the declaration's encoding") {
        const auto records = read_records(
            Format::nitf, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + latin1_body, ctx);
        const auto& article = as_article(records.at(0));
        CHECK(article.title == "\xC3\x85lesund");
        CHECK(article.body == "V\xC3\xA6ret og sj\xC3\xB8""en.");
    }
    SUBCASE("--encoding when nothing is declared") {
        InputContext latin1 = ctx;
        latin1.charset = "iso-8859-1";
        const auto records = read_records(Format::nitf, latin1_body, latin1);
        CHECK(as_article(records.at(0)).title == "\xC3\x85lesund");
    }
    SUBCASE("the declaration wins over --encoding") {
        InputContext other = ctx;
        other.charset = "shift_jis";
        const auto records = read_records(
            Format::nitf, "<?xml version='1.0' encoding='windows-1252'?>" + latin1_body, other);
        CHECK(as_article(records.at(0)).title == "\xC3\x85lesund");
    }
    SUBCASE("undeclared bytes that are not UTF-8") {
        const auto records = read_records(Format::nitf, "<?xml version='1.0'?>\n\n" + latin1_body, ctx);
        const auto& problem = as_problem(records.at(0));
        CHECK(problem.where.line == 3);
        CHECK(problem.reason.find("invalid UTF-8") != std::string::npos);
    }
}

TEST_CASE("nitf: documents that are not articles") {
    struct Case {
        std::string_view name;
        std::string_view xml;
        std::size_t line;
        std::string_view reason;
    };
    const Case cases[] = {
        {"an end tag that does not match", "<nitf>\n<body>\n<body.content><p>x</body.content>\n</body></nitf>",
         3, "not well-formed XML: Start-end tags mismatch"},
        {"cut short", "<?xml version=\"1.0\"?>\n<nitf><body>\n<body.content><p>x</p>", 3,
         "not well-formed XML: Start-end tags mismatch"},
        {"empty", "", 1, "not well-formed XML: No document element found"},
        {"another XML format", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>", 0,
         "not an NITF document (root element <rss>)"},
        {"neither headline nor text", "<nitf><head><title> </title></head><body/></nitf>", 0,
         "NITF document without headline or text"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto records = read_records(Format::nitf, c.xml, ctx);
        REQUIRE(records.size() == 1);
        const auto& problem = as_problem(records[0]);
        CHECK(problem.where.path == "in.xml");
        CHECK(problem.where.line == c.line);
        CHECK(problem.reason == c.reason);
        CHECK(problem.raw == c.xml);
    }
}

TEST_CASE("nitf: a DTD's entities are never expanded") {
    const auto records = read_records(
        Format::nitf,
        "<?xml version=\"1.0\"?>\n<!DOCTYPE nitf [\n<!ENTITY boom \"BOOM BOOM BOOM\">\n"
        "<!ENTITY file SYSTEM \"file:///etc/passwd\">\n]>\n"
        "<nitf><body><body.head><hedline><hl1>Safe</hl1></hedline></body.head>"
        "<body.content><p>a &boom; b &file; c &amp; d &#229;</p></body.content></body></nitf>",
        ctx);
    const auto& article = as_article(records.at(0));
    CHECK(article.title == "Safe");
    CHECK(article.body.find("BOOM") == std::string::npos);
    CHECK(article.body.find("root:") == std::string::npos);
    CHECK(article.body.find("c & d \xC3\xA5") != std::string::npos);
}

TEST_CASE("nitf: corpus samples") {
    const auto dir = test::corpus_dir() / "nitf";
    SUBCASE("anserini-nyt-segment1.xml") {
        const auto records = test::read_file_records(Format::nitf, dir / "anserini-nyt-segment1.xml", ctx);
        const auto& article = as_article(records.at(0));
        CHECK(article.id == "12345678");
        CHECK(article.title == "Article Title");
        CHECK(article.byline == "Some One; Compiled by Another Person");
        CHECK(article.published->iso() == "2007-02-01");
        CHECK(article.source == "The New York Times");
        CHECK(article.body == "First paragraph.\n\nSecond paragraph.");
    }
    SUBCASE("nyt-ferry-terminal.xml") {
        const auto records = test::read_file_records(Format::nitf, dir / "nyt-ferry-terminal.xml", ctx);
        const auto& article = as_article(records.at(0));
        CHECK(article.id == "0690421");
        CHECK(article.byline == "MARTA ALBESCU");
        CHECK(article.dateline == "ST. GEORGE, S.I.");
        CHECK(article.published->iso() == "1994-03-22");
        CHECK(joined(article.topics) == "Ferries|Ports|Transportation|Harbor Commission|Albescu, Marta");
        CHECK(joined(article.places) == "Staten Island (NYC)");
        CHECK(article.body.starts_with("The Harbor Commission voted 5 to 2"));
        CHECK(article.body.find("LEAD:") == std::string::npos);
    }
    SUBCASE("ntb-latin1-cruise.nitf") {
        const auto records = test::read_file_records(Format::nitf, dir / "ntb-latin1-cruise.nitf", ctx);
        const auto& article = as_article(records.at(0));
        CHECK(article.title == "Rekordmange cruiseb\xC3\xA5ter til \xC3\x85lesund i sommer");
        CHECK(article.byline == "K\xC3\xA5re S\xC3\xA6thre og H\xC3\xA9l\xC3\xA8ne \xC3\x98stby / NTB");
        CHECK(article.dateline == "\xC3\x85lesund");
        CHECK(article.source == "NTB");
        CHECK(article.published->iso() == "2023-06-14");
        CHECK(joined(article.places) == "\xC3\x85lesund|M\xC3\xB8re og Romsdal|NO");
        CHECK(article.body.find("Bj\xC3\xB8rn \xC3\x86s\xC3\xB8y") != std::string::npos);
    }
    SUBCASE("bad/nitf-not-well-formed.xml") {
        const auto records = test::read_file_records(
            Format::nitf, test::corpus_dir() / "bad" / "nitf-not-well-formed.xml", ctx);
        REQUIRE(records.size() == 1);
        CHECK(as_problem(records[0]).where.line == 16);
    }
}

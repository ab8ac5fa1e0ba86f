// Unit tests: the NewsML-G2 reader (item fields, XHTML and NITF bodies, messages, items passed
// over, broken messages).
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

const PassedOver& as_passed_over(const ParsedRecord& record) {
    REQUIRE(std::holds_alternative<PassedOver>(record));
    return std::get<PassedOver>(record);
}

/// A text newsItem with `meta` as its contentMeta and `inline_xml` inside its inlineXML.
std::string text_item(std::string_view guid, std::string_view meta, std::string_view inline_xml) {
    return "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"" + std::string{guid} +
           "\"><itemMeta><itemClass qcode=\"ninat:text\"/>"
           "<versionCreated>2018-11-21T16:25:32-05:00</versionCreated></itemMeta><contentMeta>" +
           std::string{meta} + "</contentMeta><contentSet><inlineXML contenttype=\"application/xhtml+xml\">" +
           std::string{inline_xml} + "</inlineXML></contentSet></newsItem>";
}

}  // namespace

TEST_CASE("newsml: item fields") {
    struct Case {
        std::string_view name;
        std::string xml;
        test::ExpectedFields expected;
    };
    const Case cases[] = {
        {"ranked headlines, by, dateline, names not codes, geoArea as a place, XHTML header out",
         "<?xml version=\"1.0\"?>\n" +
             text_item("urn:1",
                       "<contentCreated>2025-01-28T09:18:34+01:00</contentCreated>"
                       "<subject qcode=\"medtop:20000394\" type=\"dpatype:dpasubject\"><name>B\xC3\xB6rse</name></subject>"
                       "<subject qcode=\"dpacat:wi\"><name>wi</name></subject>"
                       "<subject qcode=\"dpacountry:184\" type=\"cpnat:geoArea\"><name>USA</name></subject>"
                       "<subject qcode=\"medtop:04000000\"/>"
                       "<headline rank=\"3\">Deck</headline><headline rank=\"1\">Main headline</headline>"
                       "<dateline>New York (dpa) - </dateline><by>Von Andrej Sokolow, dpa</by>",
                       "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>Main headline</title></head>"
                       "<body><header><time>28.01.2025</time><h1>Main headline</h1><h3>Deck</h3>"
                       "<p class=\"byline\">Von Andrej Sokolow, dpa</p></header>"
                       "<section class=\"main dpatextgenre_26\"><p class=\"teaser\">Teaser.</p>"
                       "<p><span class=\"dateline\">New York (dpa) - </span>First.</p><h2>Part</h2>"
                       "<p>Second.</p></section></body></html>"),
         {"urn:1", "Main headline", "Andrej Sokolow, dpa", "New York (dpa)", "2025-01-28", "",
          "B\xC3\xB6rse|dpacat:wi|medtop:04000000", "USA",
          "Teaser.\n\nNew York (dpa) - First.\n\nPart\n\nSecond."}},
        {"ns0: prefixes, Reuters' content type, provider literal, firstCreated, html title",
         "<ns0:newsMessage xmlns:ns0=\"http://iptc.org/std/nar/2006-10-01/\" "
         "xmlns:html=\"http://www.w3.org/1999/xhtml\"><ns0:itemSet>"
         "<ns0:newsItem guid=\"tag:reuters.com,0000:newsml_L1\"><ns0:itemMeta>"
         "<ns0:itemClass qcode=\"icls:text\"/><ns0:provider literal=\"reuters.com\"/>"
         "<ns0:versionCreated>2016-01-05T15:43:34.000Z</ns0:versionCreated>"
         "<ns0:firstCreated>2016-01-04T15:43:34.000Z</ns0:firstCreated></ns0:itemMeta>"
         "<ns0:contentMeta><ns0:creator literal=\"Reuters\"/><ns0:subject qcode=\"N2:FLD\"/>"
         "<ns0:subject qcode=\"subj:17000000\"/></ns0:contentMeta><ns0:contentSet>"
         "<ns0:inlineXML contenttype=\"application/xhtml+html\"><html:html><html:head>"
         "<html:title>Flood head</html:title></html:head><html:body><html:p>Jan 3 (Reuters) -\n"
         "Residents waited.</html:p></html:body></html:html></ns0:inlineXML></ns0:contentSet>"
         "</ns0:newsItem></ns0:itemSet></ns0:newsMessage>",
         {"tag:reuters.com,0000:newsml_L1", "Flood head", "", "", "2016-01-04", "reuters.com",
          "N2:FLD|subj:17000000", "", "Jan 3 (Reuters) - Residents waited."}},
        {"NITF body: its hl1, byline and paragraphs; creator name; located as dateline and place",
         text_item("urn:3",
                   "<contentCreated>2016-11-21T15:21:06-05:00</contentCreated>"
                   "<located qcode=\"geoloc:NYC\"><name>New York, NY</name></located>"
                   "<creator><name>Meredith Jameson</name></creator>"
                   "<infoSource qcode=\"is:AP\"><name>Associated Press</name></infoSource>",
                   "<nitf xmlns=\"http://iptc.org/std/NITF/2006-10-18/\"><body><body.head><hedline>"
                   "<hl1>Fed to halt QE</hl1></hedline><byline>By Meredith Jameson, "
                   "<byttl>Staff Reporter</byttl></byline></body.head><body.content>"
                   "<p>One.</p><p>Two.</p></body.content></body></nitf>"),
         {"urn:3", "Fed to halt QE", "Meredith Jameson", "New York, NY", "2016-11-21",
          "Associated Press", "", "New York, NY", "One.\n\nTwo."}},
        {"the NITF byline when the item names no author; copyrightHolder; versionCreated; STT's "
         "xhtml/xml; p inside p",
         "<newsItem guid=\"urn:4\"><rightsInfo><copyrightHolder><name>Acme</name></copyrightHolder>"
         "</rightsInfo><itemMeta><itemClass qcode=\"ninat:text\"/><provider uri=\"http://acme/\"/>"
         "<versionCreated>2017-10-18T11:16:43+02:00</versionCreated></itemMeta><contentMeta>"
         "<by/><headline>H</headline></contentMeta><contentSet><inlineXML contenttype=\"xhtml/xml\">"
         "<html><body><p>First.</p><p><h3>Inner</h3></p><p/></body></html></inlineXML>"
         "</contentSet></newsItem>",
         {"urn:4", "H", "", "", "2017-10-18", "Acme", "", "", "First.\n\nInner"}},
        {"inlineData as plain text; no guid, so the path names it",
         "<newsItem><itemMeta><itemClass qcode=\"ninat:text\"/></itemMeta><contentMeta>"
         "<headline>Plain</headline></contentMeta><contentSet><inlineData contenttype=\"text/plain\">"
         "First paragraph\nstill first.\n\nSecond.</inlineData></contentSet></newsItem>",
         {"wire/in.xml", "Plain", "", "", "1999-09-09", "", "", "", "First paragraph still first.\n\nSecond."}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto records = read_records(Format::newsml, c.xml, ctx);
        REQUIRE(records.size() == 1);
        test::check_fields(as_article(records[0]), c.expected);
    }
}

TEST_CASE("newsml: a message's items, and the items that are not articles") {
    const std::string picture =
        "<newsItem guid=\"urn:pic\"><itemMeta><itemClass qcode=\"ninat:picture\"/></itemMeta>"
        "<contentMeta><headline>A photo</headline></contentMeta><contentSet>"
        "<remoteContent href=\"https://x.example/a.jpg\"/></contentSet></newsItem>";
    const auto records = read_records(
        Format::newsml,
        "<newsMessage><header><sender>wire.example</sender></header><itemSet>\n" +
            text_item("urn:a", "<headline>A</headline>", "<p>Alpha.</p>") + "\n" + picture + "\n" +
            "<newsItem><itemMeta><itemClass qcode=\"ninat:text\"/></itemMeta><contentMeta>"
            "<headline>B</headline></contentMeta><contentSet><inlineXML><p>Beta.</p></inlineXML>"
            "</contentSet></newsItem>\n" +
            "<newsItem guid=\"urn:remote\"><itemMeta><itemClass qcode=\"ninat:text\"/></itemMeta>"
            "<contentSet><remoteContent href=\"https://x.example/a.xml\"/></contentSet></newsItem>\n"
            "<conceptItem guid=\"urn:concept\"/>\n</itemSet></newsMessage>",
        ctx);
    REQUIRE(records.size() == 5);
    CHECK(as_article(records[0]).id == "urn:a");
    CHECK(as_article(records[0]).body == "Alpha.");
    CHECK(as_article(records[0]).source == "wire.example");
    CHECK(as_passed_over(records[1]).kind == "NewsML-G2 picture item");
    CHECK(as_passed_over(records[1]).where.line == 3);
    CHECK(as_passed_over(records[1]).where.record == "urn:pic");
    CHECK(as_article(records[2]).id == "wire/in.xml#3");
    CHECK(as_article(records[2]).body == "Beta.");
    CHECK(as_passed_over(records[3]).kind == "NewsML-G2 text item without inline text");
    CHECK(as_passed_over(records[4]).kind == "NewsML-G2 conceptItem");
}

TEST_CASE("newsml: documents that hold no article") {
    struct Case {
        std::string_view name;
        std::string_view xml;
        std::string_view kind;
    };
    const Case cases[] = {
        {"a package", "<packageItem guid=\"urn:p\"><groupSet root=\"g1\"/></packageItem>",
         "NewsML-G2 package without text"},
        {"a knowledge item", "<knowledgeItem guid=\"urn:k\"/>", "NewsML-G2 knowledgeItem"},
        {"a message without items", "<newsMessage><header/></newsMessage>",
         "NewsML-G2 message without items"},
        {"a video", "<newsItem><itemMeta><itemClass qcode=\"ninat:video\"/></itemMeta></newsItem>",
         "NewsML-G2 video item"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto records = read_records(Format::newsml, c.xml, ctx);
        REQUIRE(records.size() == 1);
        CHECK(as_passed_over(records[0]).kind == c.kind);
    }
}

TEST_CASE("newsml: bad documents") {
    SUBCASE("one broken item in a message: the others still go in") {
        const auto records = read_records(
            Format::newsml,
            "<?xml version=\"1.0\"?>\n<ns0:newsMessage><ns0:itemSet>\n" +
                text_item("urn:1", "<headline>One</headline>", "<p>One.</p>") + "\n" +
                text_item("urn:2", "<headline>Two</headline>", "<p>Two.\n</b>") + "\n" +
                text_item("urn:3", "<headline>Three</headline>", "<p>Three.</p>") +
                "\n</ns0:itemSet></ns0:newsMessage>",
            ctx);
        REQUIRE(records.size() == 3);
        CHECK(as_article(records[0]).id == "urn:1");
        CHECK(as_problem(records[1]).where.line == 5);
        CHECK(as_problem(records[1]).reason == "not well-formed XML: Start-end tags mismatch");
        CHECK(as_article(records[2]).id == "urn:3");
    }
    SUBCASE("an item whose end tag is lost does not swallow the next") {
        auto first = text_item("urn:1", "<headline>One</headline>", "<p>One.</p>");
        first.erase(first.find("</newsItem>"));
        const auto records = read_records(
            Format::newsml,
            "<newsMessage><itemSet>\n" + first + "\n" +
                text_item("urn:2", "<headline>Two</headline>", "<p>Two.</p>") + "\n</itemSet></newsMessage>",
            ctx);
        REQUIRE(records.size() == 2);
        CHECK(as_problem(records[0]).where.line == 2);
        CHECK(as_article(records[1]).id == "urn:2");
    }
    SUBCASE("damage outside the items: the items go in, the damage is reported once") {
        const auto records = read_records(
            Format::newsml,
            "<newsMessage><header><sent>x</sen></header><itemSet>\n" +
                text_item("urn:1", "<headline>One</headline>", "<p>One.</p>") + "\n</itemSet></newsMessage>",
            ctx);
        REQUIRE(records.size() == 2);
        CHECK(as_article(records[0]).id == "urn:1");
        CHECK(as_problem(records[1]).where.line == 1);
    }
    SUBCASE("a broken item alone") {
        const auto records = read_records(Format::newsml, "<newsItem guid=\"x\">\n<itemMeta>\n</newsItem>", ctx);
        REQUIRE(records.size() == 1);
        CHECK(as_problem(records[0]).where.line == 3);
    }
    SUBCASE("another root") {
        const auto records = read_records(Format::newsml, "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", ctx);
        REQUIRE(records.size() == 1);
        CHECK(as_problem(records[0]).reason == "not a NewsML-G2 document (root element <feed>)");
    }
}

TEST_CASE("newsml: corpus samples") {
    const auto dir = test::corpus_dir() / "newsml";
    SUBCASE("iptc-LISTING_2_NewsML-G2_Text_Document.xml") {
        const auto records = test::read_file_records(
            Format::newsml, dir / "iptc-LISTING_2_NewsML-G2_Text_Document.xml", ctx);
        REQUIRE(records.size() == 1);
        const auto& article = as_article(records[0]);
        CHECK(article.id == "urn:newsml:acmenews.com:20161121:US-FINANCE-FED");
        CHECK(article.title == "Fed to halt QE to avert \"bubble\"");
        CHECK(article.byline == "Meredith Jameson");
        CHECK(article.published->iso() == "2016-11-21");
        CHECK(joined(article.topics) == "economy, business and finance|central bank|money and monetary policy");
        CHECK(article.body.starts_with("(New York, NY - October 21) Et, sent luptat"));
    }
    SUBCASE("message-two-stories-and-picture.xml") {
        const auto records = test::read_file_records(
            Format::newsml, dir / "message-two-stories-and-picture.xml", ctx);
        REQUIRE(records.size() == 3);
        const auto& crane = as_article(records[0]);
        CHECK(crane.title == "Shipyard Orders Record Gantry Crane After Strike Ends");
        CHECK(crane.byline == "Lena Kowalczyk");
        CHECK(crane.dateline == "GDA\xC5\x83SK, Poland");
        CHECK(crane.published->iso() == "2024-01-04");
        CHECK(joined(crane.places) == "Gda\xC5\x84sk|Poland");
        CHECK(crane.body.find("Shipyard Orders Record") == std::string::npos);
        CHECK(crane.body.find("By Lena") == std::string::npos);
        const auto& lighthouse = as_article(records[1]);
        CHECK(lighthouse.byline == "Ewan Macrae");
        CHECK(lighthouse.published->iso() == "2024-01-03");
        CHECK(joined(lighthouse.topics) == "medtop:20000506|medtop:20000513");
        CHECK(as_passed_over(records[2]).kind == "NewsML-G2 picture item");
    }
    SUBCASE("bad/newsml-broken-item.xml") {
        const auto records = test::read_file_records(
            Format::newsml, test::corpus_dir() / "bad" / "newsml-broken-item.xml", ctx);
        REQUIRE(records.size() == 3);
        CHECK(as_article(records[0]).id == "newsml-bad-1");
        CHECK(as_problem(records[1]).where.line == 37);
        CHECK(as_article(records[2]).id == "newsml-bad-3");
    }
}

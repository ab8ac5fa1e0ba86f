// Unit tests: format names, format detection from path and content, reader lookup.
#include "indexer/formats/registry.hpp"

#include "common/error.hpp"
#include "indexer/formats/xml.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <utility>

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
        // Feeds: told by the root element, whatever comes before it.
        {"news.xml", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>", Format::feed},
        {"news.xml", "\xEF\xBB\xBF<?xml version=\"1.0\"?><!-- made by hand -->\n<?xml-stylesheet href=\"s.xsl\"?>"
                     "<!DOCTYPE rss [<!ENTITY x \"<y>\">]>\n<rss>", Format::feed},
        {"news.xml", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">", Format::feed},
        {"news.xml", "  <feed xmlns=\"http://www.w3.org/2005/Atom\">", Format::feed},
        {"noext", "<atom:feed xmlns:atom=\"http://www.w3.org/2005/Atom\">", Format::feed},
        {"news.rss", "", Format::feed},
        {"news.atom.gz", "", Format::feed},
        {"story.txt", "<rss version=\"2.0\">", Format::feed},
        {"page.xml", "<?xml version=\"1.0\"?><html><head>", Format::html},
        {"feedback.xml", "<?xml version=\"1.0\"?><feedback/>", Format::text},
        {"news.xml", "<!-- <rss> in a comment --><catalog>", Format::text},
        {"news.xml", "<?xml version=\"1.0\"?><rss", Format::text},  // head ends inside the name
        // TREC Washington Post: JSON lines whose first record has its shape.
        {"wapo.jl", "{\"id\":\"a1\",\"article_url\":\"https://x\",\"contents\":[{\"type\":\"title\"}]}",
         Format::wapo},
        {"TREC_Washington_Post_collection.v2.jl.gz",
         "{\"id\": \"a1\", \"published_date\": 1, \"contents\": [", Format::wapo},
        {"wapo.jsonl", "{\"contents\": [], \"article_url\": \"https://x\"}", Format::wapo},
        {"noext", "{\"id\":\"a1\",\"contents\":[{\"type\":\"kicker\"}],\"published_date\":1}", Format::wapo},
        {"a.jl", "{\"id\":\"1\",\"title\":\"t\"}", Format::jsonl},
        {"a.jsonl", "{\"id\":\"1\",\"contents\":\"text\",\"article_url\":\"u\"}", Format::jsonl},
        {"a.jsonl", "{\"id\":\"1\",\"contents\":[],\"body\":\"no url\"}", Format::jsonl},
        {"a.jsonl", "{\"meta\":{\"contents\":[],\"article_url\":\"u\"}}", Format::jsonl},
        {"a.jsonl", "{\"body\":\"\\\"contents\\\": [ \\\"article_url\\\":\"}", Format::jsonl},
        {"a.jsonl", "{\"id\":\"1\"}\n{\"contents\":[],\"article_url\":\"u\"}", Format::jsonl},
        {"story.txt", "{\"contents\":[],\"article_url\":\"u\"}", Format::text},
        {"story.nitf", "", Format::nitf},
        {"story.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE nitf SYSTEM \"nitf-3-2.dtd\">\n<nitf>",
         Format::nitf},
        {"story.xml", "<nitf><head><title>t</title></head><body>", Format::nitf},
        {"noext", "<?xml version='1.0' encoding='utf8'?>\n<ns0:newsMessage xmlns:ns0=\"x\">",
         Format::newsml},
        {"item.xml.gz", "\xEF\xBB\xBF<!-- a comment -->\n<newsItem guid=\"x\">", Format::newsml},
        {"package.xml", "<packageItem>", Format::newsml},
        {"concepts.xml", "<conceptItem guid=\"c\">", Format::newsml},
        {"item.txt", "<newsItem guid=\"x\">", Format::newsml},
    };
    for (const auto& c : cases) {
        CAPTURE(c.path);
        CAPTURE(c.head);
        CHECK(format_name(detect_format(c.path, c.head)) == format_name(c.expected));
    }
}

TEST_CASE("declares_own_encoding: documents that name their encoding") {
    CHECK(declares_own_encoding(Format::html));
    CHECK(declares_own_encoding(Format::feed));
    CHECK(declares_own_encoding(Format::nitf));
    CHECK(declares_own_encoding(Format::newsml));
    CHECK_FALSE(declares_own_encoding(Format::wapo));
    CHECK_FALSE(declares_own_encoding(Format::jsonl));
}

TEST_CASE("detect_format: XML with another root is not taken for NITF or NewsML-G2") {
    const std::string_view heads[] = {
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>",
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">",
        "<!-- <nitf> in a comment -->\n<catalog>",
    };
    for (const auto head : heads) {
        CAPTURE(head);
        const auto format = detect_format("feed.xml", head);
        CHECK(format != Format::nitf);
        CHECK(format != Format::newsml);
    }
}

TEST_CASE("root_element_name: past the declaration, comments, PIs and a DOCTYPE") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"<nitf>", "nitf"},
        {"\xEF\xBB\xBF<?xml version='1.0'?>\n<!-- c -->\n<?pi x?>\n"
         "<!DOCTYPE nitf SYSTEM \"x.dtd\" [ <!ENTITY a \"<b>\"> <!-- ] > --> ]>\n<nitf version=\"3\">",
         "nitf"},
        {"<ns0:newsMessage xmlns:ns0=\"http://iptc.org/std/nar/2006-10-01/\">", "ns0:newsMessage"},
        {"<newsItem/>", "newsItem"},
        {"  \r\n<rss\tversion=\"2.0\">", "rss"},
        {"<rdf:RDF\n xmlns:rdf=\"x\">", "rdf:RDF"},
        {"<!DOCTYPE html><html lang=\"en\">", "html"},
        {"plain text", ""},
        {"{\"id\":1}", ""},
        {"<!-- a comment never closed", ""},
        {"<?xml version=\"1.0\"?><nit", ""},
        {"<", ""},
        {"<1abc>", ""},
        {"", ""},
    };
    for (const auto& [head, expected] : cases) {
        CAPTURE(head);
        CHECK(xml::root_element_name(head) == expected);
    }
    CHECK(xml::local_part("ns0:newsItem") == "newsItem");
    CHECK(xml::local_part("nitf") == "nitf");
}

TEST_CASE("format names round-trip; unknown names list the valid ones") {
    for (const auto name : {"auto", "jsonl", "text", "html", "trec", "reuters", "feed", "wapo", "nitf", "newsml", "warc"}) {
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
                      "' (choose from: auto, jsonl, text, html, trec, reuters, feed, wapo, nitf, newsml, warc)");
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
                              Format::feed, Format::wapo, Format::nitf, Format::newsml, Format::warc}) {
        CAPTURE(format_name(format));
        CHECK(&reader_for(format) == &reader_for(format));
    }
}

// Unit tests: text and JSON rendering of result pages and statistics.
#include "searcher/render/json.hpp"
#include "searcher/render/text.hpp"
#include "searcher/render/trec.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <utility>

namespace {

using namespace morgue::search;

ResultPage sample_page() {
    ResultPage page;
    page.query = "cocoa \"bahia\"";
    page.total = 42;
    page.total_exact = true;
    Hit hit;
    hit.rank = 1;
    hit.id = "1";
    hit.score = 7.125;
    hit.title = "BAHIA \"COCOA\" REVIEW";
    hit.date = morgue::Date{1987, 2, 26};
    hit.source = "reuters21578";
    hit.snippet = {{"Showers in the Bahia ", false}, {"cocoa", true}, {" zone\t\"dry\"…", false}};
    page.hits.push_back(hit);
    Hit undated;
    undated.rank = 2;
    undated.id = "x/2";
    undated.score = 1.5;
    undated.title = "";
    undated.source = "wire";
    page.hits.push_back(undated);
    return page;
}

}  // namespace

TEST_CASE("total wording") {
    const std::tuple<Xapian::doccount, bool, std::string_view> cases[] = {
        {0, true, "no matches"},
        {1, true, "1 match"},
        {42, true, "42 matches"},
        {4200, false, "about 4,200 matches"},
        {1234567, true, "1,234,567 matches"},
    };
    for (auto [total, exact, expected] : cases) {
        CAPTURE(total);
        CAPTURE(exact);
        CHECK(describe_total(total, exact) == expected);
    }
}

TEST_CASE("snippet markers per output") {
    const Snippet snippet{{"a ", false}, {"cocoa", true}, {" b", false}};
    CHECK(render_snippet_text(snippet, TextStyle::plain()) == "a [cocoa] b");
    CHECK(render_snippet_text(snippet, TextStyle::terminal()) == "a \x1b[1mcocoa\x1b[0m b");
    CHECK(join_snippet(snippet, "<", ">") == "a <cocoa> b");
    CHECK(snippet_text(snippet) == "a cocoa b");
}

TEST_CASE("snippet lines wrap at the width, markers counted, escapes not") {
    const Snippet snippet{{"aaa bbb ", false}, {"ccc", true}, {" ddd eee", false}};
    TextStyle plain = TextStyle::plain();
    plain.width = 9;
    CHECK(render_snippet_lines(snippet, plain, "  ") == "  aaa bbb\n  [ccc] ddd\n  eee\n");
    TextStyle terminal = TextStyle::terminal();
    terminal.width = 10;
    CHECK(render_snippet_lines(snippet, terminal, "") ==
          "aaa bbb\n\x1b[1mccc\x1b[0m ddd\neee\n");
    plain.width = 0;
    CHECK(render_snippet_lines(snippet, plain, "") == "aaa bbb [ccc] ddd eee\n");
    CHECK(render_snippet_lines({}, plain, "  ") == "");
}

TEST_CASE("text rendering") {
    std::ostringstream out;
    render_text(sample_page(), out, TextStyle::plain());
    CHECK(out.str() ==
          "1. BAHIA \"COCOA\" REVIEW\n"
          "   1987-02-26 · reuters21578 · id 1 · score 7.12\n"
          "   Showers in the Bahia [cocoa] zone \"dry\"…\n"
          "\n"
          "2. (untitled)\n"
          "   undated · wire · id x/2 · score 1.50\n"
          "\n"
          "42 matches, showing 1-2, best first\n");
}

TEST_CASE("text rendering of an empty page") {
    ResultPage page;
    page.query = "nothing";
    page.total_exact = true;
    std::ostringstream out;
    render_text(page, out, TextStyle::plain());
    CHECK(out.str() == "no matches\n");
}

TEST_CASE("JSON rendering escapes and uses null for no date") {
    std::ostringstream out;
    render_json(sample_page(), out);
    CHECK(out.str() ==
          "{\"query\":\"cocoa \\\"bahia\\\"\",\"mode\":\"ranked\",\"total\":42,"
          "\"total_exact\":true,\"offset\":0,\"sort\":\"relevance\",\"hits\":["
          "{\"rank\":1,\"id\":\"1\",\"score\":7.125,\"title\":\"BAHIA \\\"COCOA\\\" REVIEW\","
          "\"date\":\"1987-02-26\",\"source\":\"reuters21578\","
          "\"snippet\":\"Showers in the Bahia [cocoa] zone\\t\\\"dry\\\"…\","
          "\"snippet_parts\":[\"Showers in the Bahia \",\"cocoa\",\" zone\\t\\\"dry\\\"…\"]},"
          "{\"rank\":2,\"id\":\"x/2\",\"score\":1.5,\"title\":\"\",\"date\":null,"
          "\"source\":\"wire\",\"snippet\":\"\"}]}\n");
}

TEST_CASE("JSON snippet parts alternate plain and highlighted text, plain first") {
    ResultPage page;
    Hit hit;
    hit.snippet = {{"Cocoa", true}, {" and ", false}, {"[sugar]", true}};
    page.hits.push_back(hit);
    Timeline timeline;
    timeline.months = {{198702, 3}, {198703, 1}};
    timeline.undated = 2;
    page.timeline = timeline;
    std::ostringstream out;
    render_json(page, out);
    CHECK(out.str().find(",\"snippet\":\"[Cocoa] and [[sugar]]\","
                         "\"snippet_parts\":[\"\",\"Cocoa\",\" and \",\"[sugar]\"]}")
          != std::string::npos);
    CHECK(out.str().find(",\"timeline\":{\"undated\":2,\"months\":[{\"month\":\"1987-02\","
                         "\"count\":3},{\"month\":\"1987-03\",\"count\":1}]}}\n")
          != std::string::npos);
}

TEST_CASE("stats rendering") {
    IndexStats stats;
    stats.location = "idx";
    stats.documents = 1500;
    stats.undated = 3;
    stats.first_date = morgue::Date{1987, 2, 26};
    stats.last_date = morgue::Date{2016, 12, 15};
    stats.source_count = 3;
    stats.sources = {{"reuters21578", 1490}, {"nytimes.com", 7}};
    std::ostringstream text;
    render_stats_text(stats, text);
    CHECK(text.str() ==
          "index      idx\n"
          "articles   1,500\n"
          "dates      1987-02-26 to 2016-12-15\n"
          "undated    3\n"
          "language   english\n"
          "phrases    stemmed\n"
          "sources    3\n"
          "  reuters21578     1,490\n"
          "  nytimes.com          7\n"
          "  … and 1 more\n");
    std::ostringstream json;
    render_stats_json(stats, json);
    CHECK(json.str() ==
          "{\"index\":\"idx\",\"documents\":1500,\"undated\":3,\"first_date\":\"1987-02-26\","
          "\"last_date\":\"2016-12-15\",\"language\":\"english\",\"phrase_mode\":\"stemmed\","
          "\"source_count\":3,\"sources\":[{\"source\":\"reuters21578\",\"documents\":1490},"
          "{\"source\":\"nytimes.com\",\"documents\":7}]}\n");
}

TEST_CASE("collapse counts, suggestion and facets in text and JSON") {
    auto page = sample_page();
    page.collapse = true;
    page.hits[0].collapsed = 2;
    page.suggestion = "cocoa bahia";
    page.facets = {{Facet::source, {{"reuters21578", 40}, {"wire", 2}}}, {Facet::topic, {}}};
    std::ostringstream text;
    render_text(page, text, TextStyle::plain());
    CHECK(text.str().rfind("did you mean: cocoa bahia\n\n1. ", 0) == 0);
    CHECK(text.str().find("id 1 · score 7.12 (+2 copies)\n") != std::string::npos);
    CHECK(text.str().find("id x/2 · score 1.50\n") != std::string::npos);
    CHECK(text.str().find("best first\n\nsource\n  reuters21578        40\n  wire                 2\n"
                          "\ntopic\n  (none)\n") != std::string::npos);
    std::ostringstream json;
    render_json(page, json);
    CHECK(json.str().find("\"sort\":\"relevance\",\"suggestion\":\"cocoa bahia\",\"hits\"") !=
          std::string::npos);
    CHECK(json.str().find("…\"],\"collapsed\":2}") != std::string::npos);
    CHECK(json.str().find("\"snippet\":\"\",\"collapsed\":0}") != std::string::npos);
    CHECK(json.str().find("],\"facets\":{\"source\":[{\"value\":\"reuters21578\",\"count\":40},"
                          "{\"value\":\"wire\",\"count\":2}],\"topic\":[]}}\n") !=
          std::string::npos);
}

TEST_CASE("sort order wording") {
    auto page = sample_page();
    page.sort = SortOrder::oldest;
    std::ostringstream text;
    render_text(page, text, TextStyle::plain());
    CHECK(text.str().find("42 matches, showing 1-2, oldest first\n") != std::string::npos);
}

TEST_CASE("TREC run lines") {
    auto page = sample_page();
    std::ostringstream ranked;
    render_trec(page, "7", "tag", ranked);
    CHECK(ranked.str() == "7 Q0 1 1 7.125000 tag\n7 Q0 x/2 2 1.500000 tag\n");
    // Date order must survive a scorer's re-sort by score.
    page.sort = SortOrder::newest;
    std::ostringstream dated;
    render_trec(page, "7", "tag", dated);
    CHECK(dated.str() == "7 Q0 1 1 2.000000 tag\n7 Q0 x/2 2 1.000000 tag\n");
}

TEST_CASE("a stored article as text and JSON") {
    morgue::Article a;
    a.id = "12";
    a.title = "Cocoa review";
    a.body = "First line.\n\nSecond \"para\".\n";
    a.published = morgue::Date{1987, 2, 26};
    a.source = "reuters21578";
    a.topics = {"cocoa", "coffee"};
    a.places = {"brazil"};
    std::ostringstream text;
    render_article_text(a, text, TextStyle::plain());
    CHECK(text.str() ==
          "Cocoa review\n"
          "id        12\n"
          "date      1987-02-26\n"
          "source    reuters21578\n"
          "topics    cocoa, coffee\n"
          "places    brazil\n"
          "\n"
          "First line.\n\nSecond \"para\".\n");
    std::ostringstream json;
    render_article_json(a, json);
    CHECK(json.str() ==
          "{\"id\":\"12\",\"title\":\"Cocoa review\",\"date\":\"1987-02-26\","
          "\"source\":\"reuters21578\",\"byline\":\"\",\"dateline\":\"\",\"url\":\"\","
          "\"topics\":[\"cocoa\",\"coffee\"],\"places\":[\"brazil\"],"
          "\"body\":\"First line.\\n\\nSecond \\\"para\\\".\\n\"}\n");
}

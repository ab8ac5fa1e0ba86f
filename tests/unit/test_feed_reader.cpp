// Unit tests: the RSS/Atom feed reader (item fields by feed flavour, ids, dates, bodies, problems).
#include "indexer/formats/html/fragment_text.hpp"
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

const InputContext ctx{"feeds/in.xml", "feeds/in.xml", Date{1999, 9, 9}};

std::string rss(std::string_view channel_extra, std::string_view items) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
           "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
           "xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>" +
           std::string{channel_extra} + std::string{items} + "</channel></rss>";
}

std::string atom(std::string_view feed_extra, std::string_view entries) {
    return "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\" "
           "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><title>Atom Wire</title>" +
           std::string{feed_extra} + std::string{entries} + "</feed>";
}

}  // namespace

TEST_CASE("feed: one item's fields") {
    struct Case {
        std::string_view name;
        std::string feed;
        test::ExpectedArticle expected;
    };
    const std::string channel = "<title>Gazette</title><link>https://gazette.example/</link>"
                                "<lastBuildDate>Mon, 18 Dec 2023 07:30:00 -0500</lastBuildDate>";
    const Case cases[] = {
        {"RSS 2.0: link, RFC 822 date, creators, categories, content:encoded over description",
         rss(channel,
             "<item><title>Pier approved</title><link> https://gazette.example/pier </link>"
             "<guid isPermaLink=\"false\">g-42</guid><pubDate>Sun, 17 Dec 2023 10:00:00 -0500</pubDate>"
             "<dc:creator>Maren Ostby</dc:creator><dc:creator><![CDATA[By Tomas Reyes]]></dc:creator>"
             "<category>Harbour</category><category>harbour</category><category> Council </category>"
             "<description>Teaser.</description>"
             "<content:encoded><![CDATA[<p>One &amp; two.</p><script>x()</script><p>Three.</p>]]>"
             "</content:encoded></item>"),
         "https://gazette.example/pier", "https://gazette.example/pier", "Pier approved",
         "2023-12-17", "Gazette", "Maren Ostby, Tomas Reyes", "Harbour|Council",
         "One & two.\n\nThree."},
        {"RSS: a permalink guid names the item; escaped HTML description; author e-mail with name",
         rss(channel,
             "<item><title>Cottage</title><guid>https://gazette.example/cottage</guid>"
             "<author>desk@gazette.example (Ines Calloway)</author>"
             "<description>&lt;p&gt;Opens in &lt;b&gt;spring&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Tours &amp;pound;4."
             "&lt;/p&gt;</description></item>"),
         "https://gazette.example/cottage", "https://gazette.example/cottage", "Cottage",
         "2023-12-18", "Gazette", "Ines Calloway", "", "Opens in spring.\n\nTours \u00a34."},
        {"RSS: isPermaLink=\"false\" gives an id only; an unreadable pubDate falls to the channel's",
         rss(channel,
             "<item><title>Storm</title><guid isPermaLink=\"false\"> g-7 </guid>"
             "<pubDate>not a date</pubDate><description>Lifted.</description></item>"),
         "g-7", "", "Storm", "2023-12-18", "Gazette", "", "", "Lifted."},
        {"RSS: neither link nor guid: feed path and position; dc:date; plain description",
         rss("<link>https://www.gazette.example/</link>",
             "<item><title>First</title><link>https://gazette.example/1</link></item>"
             "<item><title>Tides &amp;amp; times</title><dc:date>2023-12-15T08:00:00Z</dc:date>"
             "<description>High water 06:12.\nLow water 00:05.</description></item>"),
         "feeds/in.xml#2", "", "Tides & times", "2023-12-15", "gazette.example", "", "",
         "High water 06:12. Low water 00:05."},
        {"RSS: unescaped markup inside description; atom:link as the item's link",
         rss(channel,
             "<item><title>Raw</title><atom:link rel=\"alternate\" href=\"https://gazette.example/raw\"/>"
             "<description><p>Para <em>one</em>.</p><p>Para two.</p></description></item>"),
         "https://gazette.example/raw", "https://gazette.example/raw", "Raw", "2023-12-18",
         "Gazette", "", "", "Para one.\n\nPara two."},
        {"RSS: no date anywhere: the input's fallback date",
         rss("<title>Gazette</title>",
             "<item><title>Undated</title><link>https://gazette.example/u</link></item>"),
         "https://gazette.example/u", "https://gazette.example/u", "Undated", "1999-09-09",
         "Gazette", "", "", ""},
        {"RSS 1.0: items beside the channel, rdf:about, dc:date, dc:subject",
         "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
         "xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
         "<channel rdf:about=\"https://almanac.example/rss\"><title>Almanac</title></channel>"
         "<item rdf:about=\"https://almanac.example/weir\"><title>Weir</title>"
         "<dc:date>2022-05-29</dc:date><dc:creator>R. Fontaine</dc:creator>"
         "<dc:subject>Rivers</dc:subject><description>Low water.</description></item></rdf:RDF>",
         "https://almanac.example/weir", "https://almanac.example/weir", "Weir", "2022-05-29",
         "Almanac", "R. Fontaine", "Rivers", "Low water."},
        {"Atom: html title, alternate link after self, published, authors, label/term, xhtml",
         atom("<updated>2024-03-05T12:00:00Z</updated>",
              "<entry><title type=\"html\">An &lt;em&gt;early&lt;/em&gt; bloom</title>"
              "<link rel=\"self\" href=\"https://courier.example/api/310\"/>"
              "<link rel=\"alternate\" href=\"https://courier.example/bloom\"/>"
              "<id>tag:courier.example,2024:310</id>"
              "<published>2024-03-04T09:15:00-08:00</published><updated>2024-03-05T10:00:00Z</updated>"
              "<author><name>Priya Lindqvist</name></author><author><name>Owen Mbeki</name></author>"
              "<category term=\"agri\" label=\"Agriculture\"/><category term=\"weather\"/>"
              "<summary>Summary.</summary>"
              "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Blossoms "
              "<strong>early</strong>.</p><p>Frost risk.</p></div></content></entry>"),
         "https://courier.example/bloom", "https://courier.example/bloom", "An early bloom",
         "2024-03-04", "Atom Wire", "Priya Lindqvist, Owen Mbeki", "Agriculture|weather",
         "Blossoms early.\n\nFrost risk."},
        {"Atom: no link: atom:id as id; text content in paragraphs; updated; the feed's author",
         atom("<author><name>Newsroom</name></author>",
              "<entry><title>Superintendent named</title><id> tag:courier.example,2024:311 </id>"
              "<updated>2024-03-03T17:40:00Z</updated><content type=\"text\">First &lt;b&gt; line,\n"
              "still first.\n\n  Second.</content></entry>"),
         "tag:courier.example,2024:311", "", "Superintendent named", "2024-03-03", "Atom Wire",
         "Newsroom", "", "First <b> line, still first.\n\nSecond."},
        {"Atom: content by reference: the summary; a text title keeps its angle brackets",
         atom("<updated>2024-03-05T12:00:00Z</updated>",
              "<entry><title>Detour &lt;b&gt; signs</title><link href=\"https://courier.example/d\"/>"
              "<content src=\"https://courier.example/d.html\" type=\"text/html\"/>"
              "<summary type=\"html\">&lt;p&gt;Bridge closes.&lt;/p&gt;</summary></entry>"),
         "https://courier.example/d", "https://courier.example/d", "Detour <b> signs",
         "2024-03-05", "Atom Wire", "", "", "Bridge closes."},
        {"Atom: a Google Alerts redirect link gives the article's own address",
         atom("",
              "<entry><title type=\"html\">&lt;b&gt;Slack&lt;/b&gt; stock</title>"
              "<link href=\"https://www.google.com/url?rct=j&amp;sa=t&amp;url=https%3A%2F%2Fnews.example"
              "%2Fslack&amp;ct=ga\"/><published>2019-07-10T11:53:37Z</published>"
              "<content type=\"html\">&lt;b&gt;Slack&lt;/b&gt; rose&amp;nbsp;...</content>"
              "<author><name></name></author></entry>"),
         "https://news.example/slack", "https://news.example/slack", "Slack stock", "2019-07-10",
         "Atom Wire", "", "", "Slack rose ..."},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        auto records = read_records(Format::feed, c.feed, ctx);
        REQUIRE(!records.empty());
        const auto& article = as_article(records.back());
        test::check_article(article, c.expected);
    }
}

TEST_CASE("feed: items without text are passed over, the others kept in order") {
    const auto records = read_records(
        Format::feed,
        rss("<title>G</title>", "<item><title>One</title><guid>a</guid></item>"
                                "<item><enclosure url=\"https://g.example/a.mp3\"/><guid>b</guid></item>"
                                "<item><description>Body only.</description></item>"),
        ctx);
    REQUIRE(records.size() == 3);
    CHECK(as_article(records[0]).id == "a");
    REQUIRE(std::holds_alternative<PassedOver>(records[1]));
    CHECK(std::get<PassedOver>(records[1]).kind == "feed item without text");
    CHECK(std::get<PassedOver>(records[1]).where.record == "b");
    CHECK(as_article(records[2]).id == "feeds/in.xml#3");
    CHECK(as_article(records[2]).title.empty());

    const auto empty = read_records(Format::feed, rss("<title>G</title>", ""), ctx);
    REQUIRE(empty.size() == 1);
    REQUIRE(std::holds_alternative<PassedOver>(empty[0]));
    CHECK(std::get<PassedOver>(empty[0]).kind == "feed without items");
}

TEST_CASE("feed: problems name the line") {
    struct Case {
        std::string_view feed;
        std::size_t line;
        std::string_view reason;
    };
    const Case cases[] = {
        {"<?xml version=\"1.0\"?>\n<rss>\n<channel>\n<item><title>x</titel></item>\n</channel></rss>", 4,
         "not well-formed XML: Start-end tags mismatch"},
        {"<?xml version=\"1.0\"?>\n<nitf><head/></nitf>", 1,
         "not an RSS or Atom feed: the root element is <nitf>"},
        {"", 1, "not well-formed XML: No document element found"},
        {"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss><channel>\n<title>Bad \xFF</title>"
         "</channel></rss>", 3, "invalid UTF-8 at byte 65"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.feed);
        const auto records = read_records(Format::feed, c.feed, ctx);
        REQUIRE(records.size() == 1);
        const auto& problem = as_problem(records[0]);
        CHECK(problem.where.path == "feeds/in.xml");
        CHECK(problem.where.line == c.line);
        CHECK(problem.reason == c.reason);
    }
}

TEST_CASE("feed: declared encodings are converted; DTD entities are not expanded") {
    const auto latin1 = read_records(
        Format::feed,
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><title>Caf\xe9</title>"
        "<item><title>Cr\xeapes</title><guid>c</guid></item></channel></rss>",
        ctx);
    REQUIRE(latin1.size() == 1);
    CHECK(as_article(latin1[0]).title == "Cr\u00eapes");
    CHECK(as_article(latin1[0]).source == "Caf\u00e9");

    const auto entities = read_records(
        Format::feed,
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY lol \"lollollol\">]>"
        "<rss><channel><item><guid>e</guid><title>A &lol; B</title></item></channel></rss>",
        ctx);
    REQUIRE(entities.size() == 1);
    CHECK(as_article(entities[0]).title.find("lollollol") == std::string::npos);
}

TEST_CASE("feed: corpus feeds") {
    struct Case {
        std::string_view file;
        std::size_t articles, passed_over;
        std::string_view first_id, first_title;
    };
    const Case cases[] = {
        {"feedjira-google_alerts_atom.xml", 20, 0,
         "https://www.aglobalmarketresearch.com/report-offers-prediction-of-automotive-slack-market-"
         "by-top-key-players-like-haldex-meritor-bendix-mei-wabco-accuride-stemco-tbk-febi-aydinsan/",
         "Report offers Prediction of Automotive Slack Market by Top key players like Haldex, "
         "Meritor, Bendix ..."},
        {"feedrs-rss_2.0_nbcny.xml", 1, 0,
         "https://www.nbcnewyork.com/news/local/nyc-cops-search-for-stabbing-suspect-after-leaving-"
         "18-year-old-to-bleed-out-on-sidewalk/4956764/",
         "NYC cops search for stabbing suspect after leaving 18-year-old to bleed out on sidewalk"},
        {"feedrs-rss_2.0_spiegel.xml", 1, 0,
         "https://omny.fm/shows/spiegel-update-die-nachrichten/07-02-die-wochenvorschau-lockdown-"
         "verl-ngerung-kri",
         "07.02. \u2013 die Wochenvorschau: Lockdown-Verl\u00e4ngerung, Kriegsverbrecher vor "
         "Gericht, Super Bowl, Karneval"},
        {"harbour-council.rss", 4, 1, "https://gazette.example/2023/12/17/ferry-pier",
         "Harbour council approves the new ferry pier"},
        {"valley-news.atom", 3, 0, "https://courier.example/2024/03/04/early-bloom",
         "Orchard growers expect an early bloom"},
        {"river-almanac.rdf", 2, 0, "https://almanac.example/2022/05/30/cafe-terrace",
         "Caf\u00e9 terrace opens on the quay"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.file);
        const auto path = test::corpus_dir() / "feeds" / c.file;
        CHECK(detect_format(path.string(), test::read_bytes(path).substr(0, 4096)) == Format::feed);
        const auto records = test::read_file_records(Format::feed, path, ctx);
        std::size_t articles = 0, passed_over = 0;
        for (const auto& record : records) {
            if (std::holds_alternative<Article>(record)) ++articles;
            if (std::holds_alternative<PassedOver>(record)) ++passed_over;
        }
        CHECK(articles == c.articles);
        CHECK(passed_over == c.passed_over);
        REQUIRE(!records.empty());
        CHECK(as_article(records[0]).id == c.first_id);
        CHECK(as_article(records[0]).title == c.first_title);
    }
}

TEST_CASE("html fragments: paragraphs and one-line text") {
    const std::pair<std::string_view, std::string_view> paragraphs[] = {
        {"", ""},
        {"Plain words\nover lines.", "Plain words over lines."},
        {"Lead.<br><br><p>See <a href=\"x\">the site</a> for more.</p>", "Lead.|See the site for more."},
        {"<p>A &amp; B &eacute;t&eacute;</p><style>p{}</style><div hidden>secret</div><p>C</p>",
         "A & B \u00e9t\u00e9|C"},
    };
    for (auto [html, expected] : paragraphs) {
        CAPTURE(html);
        CHECK(joined(html::html_fragment_paragraphs(html)) == expected);
    }
    CHECK(html::html_fragment_text("<b>Slack</b> &amp; <i>Teams</i>\n rise") == "Slack & Teams rise");
    CHECK(html::html_fragment_text("5 < 6, plainly") == "5 < 6, plainly");
}

TEST_CASE("html fragments: hostile nesting is read as text, not as a tree") {
    std::string deep;
    for (int i = 0; i < 200000; ++i) deep += "<div>";
    deep += "deep &amp; down";
    CHECK(joined(html::html_fragment_paragraphs(deep)) == "deep & down");
    CHECK(html::html_fragment_text("<b>" + deep) == "deep & down");
    // Void elements and unclosed paragraphs, list items and cells do not count as nesting.
    std::string flat;
    for (int i = 0; i < 2000; ++i) flat += "<p>line<br><img src=x>";
    CHECK(html::html_fragment_paragraphs(flat).size() == 2000);
    // Stray end tags close nothing: they cannot hide the nesting.
    std::string stray;
    for (int i = 0; i < 100000; ++i) stray += "<div></p></b>";
    stray += "hidden deep";
    CHECK(html::html_fragment_text(stray) == "hidden deep");
    // Balanced markup, however long, is parsed as a tree.
    std::string wide;
    for (int i = 0; i < 3000; ++i) wide += "<div><b>bold</b></div>";
    CHECK(html::html_fragment_paragraphs(wide).size() == 3000);

    std::string nested_item = "<rss><channel><item><guid>d</guid><description>";
    for (int i = 0; i < 200000; ++i) nested_item += "<b>";
    nested_item += "some words";
    for (int i = 0; i < 200000; ++i) nested_item += "</b>";
    nested_item += "</description></item></channel></rss>";
    const auto records = read_records(Format::feed, nested_item, ctx);
    REQUIRE(records.size() == 1);
    CHECK(as_article(records[0]).body == "some words");
}


// Unit tests: the HTML article reader on the corpus test pages and on inline pages.
#include "indexer/formats/registry.hpp"

#include "reader_fixtures.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>

namespace {

using morgue::Article;
using morgue::index::Format;
using morgue::index::InputContext;
using morgue::index::RecordProblem;

using morgue::test::corpus_dir;
using morgue::test::read_bytes;

morgue::index::ParsedRecord read_one(std::string_view html, std::string id,
                                     std::optional<morgue::Date> fallback = std::nullopt) {
    auto records = morgue::index::read_records(Format::html, html, InputContext{id, id, fallback});
    REQUIRE(records.size() == 1);
    return std::move(records.front());
}

Article read_article(std::string_view html, std::string id,
                     std::optional<morgue::Date> fallback = std::nullopt) {
    auto record = read_one(html, std::move(id), fallback);
    if (const auto* problem = std::get_if<RecordProblem>(&record))
        FAIL("unexpected problem: " << problem->reason);
    return std::get<Article>(std::move(record));
}

std::string iso_or_empty(const std::optional<morgue::Date>& date) {
    return date ? date->iso() : std::string{};
}

/// A page with `head`, then `before` the <article> and `top` inside it above one body paragraph.
std::string page_with_body(std::string_view head, std::string_view before, std::string_view top) {
    return "<html><head>" + std::string{head} + "</head><body>" + std::string{before} +
           "<article>" + std::string{top} +
           "<p>Body text of the article that is long enough to be kept as the body of this page, "
           "with commas, and then some more words to be safe about the minimum length.</p>"
           "</article></body></html>";
}

}  // namespace

TEST_CASE("html reader: corpus pages") {
    struct Case {
        std::string_view file;
        std::string_view title;
        std::string_view date;
        std::string_view byline;
        std::string_view source;
        std::string_view dateline;
        std::string_view body_start;
        std::string_view key_sentence;
        std::initializer_list<std::string_view> absent;
    };
    const Case cases[] = {
        {"wordpress-harbour-ferry.html", "Harbour ferry service to resume after six-month repair",
         "2019-03-08", "Tessa Morgan", "Coastline Courier", "PORTHALLOW",
         "PORTHALLOW \u2014 The passenger ferry linking Porthallow",
         "The first crossing will leave Porthallow at 7.15am.",
         {"Share this", "Twitter", "Related", "Ferry withdrawn", "Jenny P", "Leave a Reply",
          "Recent Posts", "Proudly powered", "dry dock at Falmouth", "Skip to content",
          "Menu", "Posted in", "Previous Post"}},
        {"newspaper-jsonld-graph.html",
         "Drought forces rationing in three provinces as reservoirs hit record low", "2021-08-17",
         "Priya Raman and Tom\u00e1s Ortega", "The Daily Ledger", "",
         "Water authorities ordered rationing in three provinces on Tuesday",
         "The government said it would spend \u20ac150m on desalination plants",
         {"cookies", "Advertisement", "Sign up", "newsletter", "Related:", "Wildfires",
          "Most viewed", "Share on", "More on this story", "All rights reserved", "fb-pixel",
          "Skip to main content", "Support the Ledger", "Climate crisis", "Privacy Notice"}},
        {"amp-bridge-collapse.html", "Bridge closed after barge strike damages pier", "2018-05-22",
         "Marcus Bell", "Riverside Tribune", "",
         "The Harlan Street Bridge was closed to all traffic on Tuesday",
         "I would rather inconvenience people for a week than take a risk.",
         {"Advertisement", "READ MORE", "Crews inspect", "Sections", "Obituaries",
          "View full site", "All rights reserved", "May 22, 2018"}},
        {"plain-title-paragraphs.html", "Library reopens after flood restoration", "2012-06-02",
         "Ellen Hartley", "Millbrook Gazette", "MILLBROOK, Vt.",
         "MILLBROOK, Vt. -- The Millbrook Public Library reopened its doors Saturday",
         "The library will be open six days a week, closed on Mondays.",
         {"Classifieds", "Click here", "Copyright", "Staff Writer", "Home |", "> News"}},
        {"split-divs-ads.html", "City council approves first bus lanes on Grand Avenue",
         "2020-02-11", "Rosa Delgado", "metroherald.example", "",
         "The city council voted 7-2 on Tuesday to create the city's first dedicated bus lanes",
         "The two council members who voted no, Frank Russo and Helen Park",
         {"Advertisement", "Subscribe", "BREAKING", "Water main", "More news", "School board",
          "Customer service", "E-Edition"}},
        {"latin1-cafe-terraces.html", "Caf\u00e9 owners protest new terrace fees", "2015-06-30",
         "Jos\u00e9 Mar\u00eda Ib\u00e1\u00f1ez", "El Faro de la Costa", "M\u00c1LAGA, Spain",
         "M\u00c1LAGA, Spain \u2014 Dozens of caf\u00e9 and bar owners",
         "\u201cWe have only just recovered from the crisis,\u201d said Mar\u00eda Jes\u00fas "
         "Dom\u00ednguez",
         {"derechos", "English edition", "Economy", "\u00a9"}},
        {"span-byline-vaccine.html", "Clinics extend hours as flu vaccine demand surges",
         "2017-10-04", "Kevin O'Donnell", "Valley Sentinel", "FRESNO, Calif.",
         "FRESNO, Calif. (AP) \u2014 Health clinics across the valley",
         "A new shipment of 8,000 doses is due next week.",
         {"cookies", "ADVERTISEMENT", "Follow Kevin", "Topics:", "Vaccines", "Trending",
          "Clovis West", "Copyright", "Facebook", "Oct. 4, 2017"}},
        {"time-only-date.html", "Museum returns carved panels to island community after 120 years",
         "2014-04-09", "", "", "",
         "Two carved wooden panels taken from a meeting house on the island",
         "the museum was reviewing the origins of several hundred other objects",
         {"From the archive", "Rail link", "Culture desk", "Comments", "Log in",
          "Northgate Observer"}},
        {"live-blog-election.html", "Election night live: results as counting continues",
         "2022-05-05", "Hannah Quayle and Declan Moore", "The Northern Post", "",
         "Harbury council changes hands",
         "Votes for more than 2,000 seats on 32 councils will be counted overnight",
         {"Key events", "Show 3 new updates", "Load more", "What to watch", "Registered in",
          "02.15 BST", "Share"}},
    };
    const auto fallback = morgue::Date{2012, 6, 2};
    for (const auto& c : cases) {
        CAPTURE(c.file);
        const auto id = "html/" + std::string{c.file};
        const auto article = read_article(read_bytes(corpus_dir() / id), id, fallback);
        CHECK(article.id == id);
        CHECK(article.title == c.title);
        CHECK(iso_or_empty(article.published) == c.date);
        CHECK(article.byline == c.byline);
        CHECK(article.source == c.source);
        CHECK(article.dateline == c.dateline);
        CHECK(article.body.starts_with(c.body_start));
        CHECK(article.body.find(c.key_sentence) != std::string::npos);
        CHECK(article.body.find("\n\n\n") == std::string::npos);
        for (const auto junk : c.absent) {
            CAPTURE(junk);
            CHECK(article.body.find(junk) == std::string::npos);
        }
    }
}

TEST_CASE("html reader: url and topics") {
    const auto ferry = read_article(
        read_bytes(corpus_dir() / "html" / "wordpress-harbour-ferry.html"), "ferry");
    CHECK(ferry.url == "https://coastlinecourier.example/2019/03/08/harbour-ferry-service-to-resume/");
    CHECK(ferry.topics == std::vector<std::string>{"Local News", "Transport", "Harbour"});
    const auto drought = read_article(
        read_bytes(corpus_dir() / "html" / "newspaper-jsonld-graph.html"), "drought");
    CHECK(drought.url == "https://www.dailyledger.example/world/2021/aug/17/drought-rationing-reservoirs");
    CHECK(drought.topics == std::vector<std::string>{"World news"});
}

TEST_CASE("html reader: inline pages") {
    struct Case {
        std::string_view name;
        std::string_view html;
        std::string_view title;
        std::string_view date;
        std::string_view byline;
        std::string_view body;
    };
    const Case cases[] = {
        {"paragraph boundaries",
         "<html><head><title>Test headline here - Site</title></head><body><article><p>First "
         "para&nbsp;text\n  wraps.</p><div>Second<br>Third</div><ul><li>One</li><li>Two</li></ul>"
         "<blockquote>Quoted words are here and there.</blockquote><h2>Sub head</h2><p>Last "
         "paragraph, long enough to count as the article text of this small test page here.</p>"
         "<p>And another paragraph of padding so the article passes the length test, truly.</p>"
         "</article></body></html>",
         "Test headline here", "", "",
         "First para text wraps.\n\nSecond\n\nThird\n\nOne\n\nTwo\n\nQuoted words are here and "
         "there.\n\nSub head\n\nLast paragraph, long enough to count as the article text of this "
         "small test page here.\n\nAnd another paragraph of padding so the article passes the "
         "length test, truly."},
        {"hidden and junk elements",
         "<html><body><article><h1>Head line</h1><p hidden>hidden one</p><p aria-hidden=\"true\">"
         "hidden two</p><p style=\"display: none\">hidden three</p><script>var x;</script>"
         "<figure><img src=a.jpg><figcaption>A caption</figcaption></figure><form><button>Go"
         "</button></form><p>By Jane Doe</p><p>December 15, 2016</p><p>WASHINGTON (AP) \u2014 The "
         "body of the story begins here, and it is long enough to be the article text of the "
         "page, with more words after the comma.</p></article></body></html>",
         "Head line", "2016-12-15", "Jane Doe",
         "WASHINGTON (AP) \u2014 The body of the story begins here, and it is long enough to be "
         "the article text of the page, with more words after the comma."},
        {"json-ld author list and date",
         "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
         "\"headline\":\"LD headline\",\"datePublished\":\"2020-01-02\",\"author\":[\"Ann Lee\","
         "{\"name\":\"Bo Chan\"}]}</script></head><body><main><p>Plain text of the story, long "
         "enough to be found by the scoring, with commas, and more commas, and yet more text to "
         "pass the minimum length of an article body.</p></main></body></html>",
         "LD headline", "2020-01-02", "Ann Lee and Bo Chan",
         "Plain text of the story, long enough to be found by the scoring, with commas, and more "
         "commas, and yet more text to pass the minimum length of an article body."},
        {"json-ld facts nested in the article's page object, a stray brace after it",
         "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
         "\"mainEntityOfPage\":{\"@type\":\"WebPage\",\"headline\":\"Nested headline\","
         "\"datePublished\":\"2020-10-26T18:10:00+01:00\",\"author\":{\"@type\":\"Person\","
         "\"name\":\"Ana Kovac\"}}}}</script></head><body><main><p>Plain text of the story, long "
         "enough to be found by the scoring, with commas, and more commas, and yet more text to "
         "pass the minimum length of an article body.</p></main></body></html>",
         "Nested headline", "2020-10-26", "Ana Kovac",
         "Plain text of the story, long enough to be found by the scoring, with commas, and more "
         "commas, and yet more text to pass the minimum length of an article body."},
        {"json-ld wrapped in CDATA, as XHTML writes a script",
         "<html><head><script type=\"application/ld+json\">\n<![CDATA[\n{\"@type\":"
         "\"ReportageNewsArticle\",\"headline\":\"Wrapped headline\",\"datePublished\":"
         "\"2018-12-21T12:55:00Z\",\"author\":[{\"@type\":\"Person\",\"name\":\"Bruno "
         "Rodrigues \"}]}\n]]>\n</script></head><body><main><p>Plain text of the story, long "
         "enough to be found by the scoring, with commas, and more commas, and yet more text to "
         "pass the minimum length of an article body.</p></main></body></html>",
         "Wrapped headline", "2018-12-21", "Bruno Rodrigues",
         "Plain text of the story, long enough to be found by the scoring, with commas, and more "
         "commas, and yet more text to pass the minimum length of an article body."},
        {"a header left unclosed holds the story",
         "<html><head><title>Celtics win</title></head><body><div id=\"header\"><a href=\"/\">"
         "Home</a><div id=\"main\"><h1>Celtics win</h1><div id=\"article_content\"><p>The "
         "Celtics beat the Lakers at home, 139-107, and Kemba Walker won against LeBron James "
         "for the first time in his career, after 29 defeats.</p></div></div></body></html>",
         "Celtics win", "", "",
         "The Celtics beat the Lakers at home, 139-107, and Kemba Walker won against LeBron James "
         "for the first time in his career, after 29 defeats."},
        {"meta author that is a url, rel author used",
         "<html><head><meta name=\"author\" content=\"https://x.example/me\"><meta "
         "property=\"og:title\" content=\"OG title\"></head><body><article><a rel=\"author\" "
         "href=\"/me\">By Sam Roe</a><p>Text of the article that is long enough to be kept as the "
         "body of this page, and then some more words to be safe about the minimum length.</p>"
         "</article></body></html>",
         "OG title", "", "Sam Roe",
         "Text of the article that is long enough to be kept as the body of this page, and then "
         "some more words to be safe about the minimum length."},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto article = read_article(c.html, "inline.html");
        CHECK(article.title == c.title);
        CHECK(iso_or_empty(article.published) == c.date);
        CHECK(article.byline == c.byline);
        CHECK(article.body == c.body);
    }
}

TEST_CASE("html reader: headline chosen by agreement between candidates") {
    const auto page = [](std::string_view head, std::string_view top) {
        return page_with_body(head, top, "");
    };
    const std::pair<std::string, std::string_view> cases[] = {
        // A kicker set inside the <h1> is not part of the headline; the metadata that puts
        // it before the headline with a dash confirms the rest.
        {page("<meta property=\"og:title\" content=\"Olympische Spiele in Paris - Getränke per "
              "Schiff ins Stadtzentrum - Lebensmittelpraxis.de\">",
              "<h1><span class=\"subtitle\">Olympische Spiele in Paris</span> Getränke per Schiff "
              "ins Stadtzentrum</h1>"),
         "Getränke per Schiff ins Stadtzentrum"},
        // One after the headline's first words is a line of the headline.
        {page("", "<h1>Council votes to close the harbour <span class=\"subtitle\">and the ferry "
                  "with it</span></h1>"),
         "Council votes to close the harbour and the ferry with it"},
        {page("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":"
              "\"Kicker Words - Council votes to close the harbour\"}</script>",
              "<h1>Council votes to close the harbour</h1>"),
         "Council votes to close the harbour"},
        // A section's name before the headline in the <h1>, where the metadata has none.
        {page("<meta property=\"og:title\" content=\"St. Louis Park elects a new mayor\">",
              "<h1>Politics | St. Louis Park elects a new mayor</h1>"),
         "St. Louis Park elects a new mayor"},
        // A headline with a colon of its own keeps it.
        {page("<meta property=\"og:title\" content=\"Medienbericht: Lockdown steht vor "
              "Verlängerung\">",
              "<h1>Medienbericht: Lockdown steht vor Verlängerung</h1>"),
         "Medienbericht: Lockdown steht vor Verlängerung"},
        // The page's own headline wins over a different social-card title.
        {page("<meta property=\"og:title\" content=\"Card title for sharing\">"
              "<title>Council votes to close the harbour - Courier</title>",
              "<h1>Council votes to close the harbour</h1>"),
         "Council votes to close the harbour"},
        // A section heading is the first <h1>; the one <title> confirms comes second.
        {page("<title>Ferry resumes after repairs | Courier</title>",
              "<h1>Business Monday</h1><h1>Ferry resumes after repairs</h1>"),
         "Ferry resumes after repairs"},
        // A site logo in an <h1> is not the headline.
        {page("<meta property=\"og:site_name\" content=\"The Courier\"><meta "
              "property=\"og:title\" content=\"Harbour to close for winter\">",
              "<h1>The Courier</h1>"),
         "Harbour to close for winter"},
        // An author's name appended to the social title is cut when the byline names them.
        {page("<meta name=\"author\" content=\"Jane Doe\"><meta property=\"og:title\" "
              "content=\"Map takes unfamiliar shape - Jane Doe\">",
              ""),
         "Map takes unfamiliar shape"},
        // The site's suffix on a social title goes when <title> carries the same one.
        {page("<meta property=\"og:title\" content=\"Bridge reopens to traffic | Tribune Daily\">"
              "<title>Bridge closes again | Tribune Daily</title>",
              ""),
         "Bridge reopens to traffic"},
        // A short <h1> that nothing confirms gives way to the JSON-LD headline.
        {page("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
              "\"headline\":\"Lust for Youth: album review\"}</script>",
              "<h1>Lust for Youth</h1>"),
         "Lust for Youth: album review"},
        // A Japanese <h1> has no spaces, yet reads as a headline of more than four words.
        {page("<meta property=\"og:title\" content=\"投稿された別の見出しです\">",
              "<h1>消費増税の軽減税率を認める</h1>"),
         "消費増税の軽減税率を認める"},
        // A fullwidth bar before the site's name, which <title> shares.
        {page("<meta property=\"og:title\" content=\"電子マネー対応ガシャポンが稼働開始｜ギズモード\">"
              "<title>別の記事の見出しです｜ギズモード</title>",
              ""),
         "電子マネー対応ガシャポンが稼働開始"},
        // Character references left in JSON-LD, which is not HTML, and in a content escaped
        // twice, are decoded.
        {page("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
              "\"headline\":\"Here&#8217;s why the &quot;claims&quot; are false\"}</script>",
              ""),
         "Here\u2019s why the \"claims\" are false"},
        {page("<meta property=\"og:title\" content=\"Australian &amp;#039;megablaze&amp;#039; "
              "brought under control\">",
              ""),
         "Australian 'megablaze' brought under control"},
        // A short <h1> confirmed by a social title with a fullwidth colon and the site's name.
        {page("<meta property=\"og:title\" content=\"新型SSD発売：テック新聞\">",
              "<h1>新型SSD発売</h1><h1>テック新聞からのお知らせです</h1>"),
         "新型SSD発売"},
    };
    for (const auto& [html, title] : cases) {
        CAPTURE(html);
        CHECK(read_article(html, "inline.html").title == title);
    }
}

TEST_CASE("html reader: byline chosen among meta, JSON-LD and markup") {
    const auto page = [](std::string_view head, std::string_view top) {
        return page_with_body(head, "", top);
    };
    const std::pair<std::string, std::string_view> cases[] = {
        // The publisher in meta author is not shown as a byline; the person in article:author is.
        {page("<meta name=\"author\" content=\"Big Media Inc.\"><meta property=\"article:author\" "
              "content=\"Larry Fitz\">",
              "<div class=\"byline\">By Larry Fitz</div>"),
         "Larry Fitz"},
        // The site's name, or the words it opens with, and a domain name the publisher,
        // not a writer: passed over for the writer, or no byline at all.
        {page("<meta property=\"og:site_name\" content=\"LinkNaija | Nigeria's news platform\">"
              "<meta name=\"author\" content=\"LinkNaija\">",
              ""),
         ""},
        {page("<meta property=\"og:site_name\" content=\"The Times of India\">",
              "<div class=\"author\">Times Of India</div>"),
         ""},
        {page("<meta name=\"author\" content=\"CNN.com\">",
              "<div class=\"byline\">By Kate Sullivan, CNN</div>"),
         "Kate Sullivan, CNN"},
        // A writer whose name opens the site's is a writer only when the words are not cut.
        {page("<meta property=\"og:site_name\" content=\"Anna Ude Reports\">"
              "<meta name=\"author\" content=\"Anna U\">",
              ""),
         "Anna U"},
        // A URL in meta author is passed over for the next key.
        {page("<meta property=\"article:author\" content=\"https://x.example/by/ann-lee\"><meta "
              "name=\"byl\" content=\"By Ann Lee and Bo Chan\">",
              "<span class=\"byline-prefix\">By</span><span class=\"last-byline\">Bo Chan</span>"),
         "Ann Lee and Bo Chan"},
        // Other conventions' author meta tags, when the markup shows no byline.
        {page("<meta property=\"og:author\" content=\"Shahien Nasiripour\">", ""),
         "Shahien Nasiripour"},
        {page("<meta name=\"article:author_name\" content=\"Hazel Sheffield\">", ""),
         "Hazel Sheffield"},
        {page("<meta name=\"byline\" content=\"Mike Cason | mcason@al.example\">", ""),
         "Mike Cason"},
        // The page's own spelling of a name a meta value gives surname first.
        {page("<meta name=\"parsely-author\" content=\"Gillman, Steve\">",
              "<span class=\"author-name\">by Steve Gillman</span>"),
         "Steve Gillman"},
        // Contact addresses, "Written by" and a trailing date are not part of the names.
        {page("", "<div class=\"byline\">By Mike Cason | mcason@al.example</div>"), "Mike Cason"},
        {page("", "<div class=\"author\">Written by Mia Lark on 1 June 2019</div>"), "Mia Lark"},
        {page("", "<div class=\"byline\">By Meg Wagner NEW YORK NEWS Dec 16, 2016 at 1:38 pm</div>"),
         "Meg Wagner NEW YORK NEWS"},
        // Other languages' "By", a date or time after the names (spans joined without a
        // space, or set off by a bar), a bare label and a photo credit are not names.
        {page("", "<div class=\"byline\">Por: Agencia Reforma | 17 de Febrero 2020</div>"),
         "Agencia Reforma"},
        {page("", "<span class=\"author\">Von Britta Schultejans, dpa</span>"),
         "Britta Schultejans, dpa"},
        {page("", "<span class=\"author\">Di Stefano</span>"), "Di Stefano"},
        {page("", "<div class=\"byline\">Steven Shepard 10/04/2016 05:07 AM EDT</div>"),
         "Steven Shepard"},
        {page("", "<p class=\"byline\"><span>by</span> <a href=\"/a/ln\">Lucas Nolan</a><span>22 "
                  "Dec 2016</span></p>"),
         "Lucas Nolan"},
        {page("", "<span class=\"author\">\u4f5c\u8005\uff1a</span><span class=\"writer\">Ann "
                  "Lee</span>"),
         "Ann Lee"},
        {page("", "<div class=\"author\">\u0424\u043e\u0442\u043e: \u0410\u043b\u0435\u043a"
                  "\u0441\u0435\u0439 \u041c\u0435\u0440\u0438\u043d\u043e\u0432</div>"),
         ""},
        {page("", "<div class=\"byline\">9:39AM BST 05 Oct 2011</div>"), ""},
        {page("", "<div class=\"byline\"><p>Wednesday, 08 Apr 2020 11:39 PM MYT</p></div>"), ""},
        {page("", "<div class=\"byline\">Ann Lee | Wednesday, 08 Apr 2020</div>"), "Ann Lee"},
        // A section and a date before the lead word and the names; a label awaiting its
        // value, a text with no letter and a contact <link> are no bylines.
        {page("", "<div class=\"created_and_author\">Danmark - 10. marts 2020 kl. 20:00 Af "
                  "Ritzau</div>"),
         "Ritzau"},
        {page("", "<div class=\"author\">Af Ritzau Kontakt redaktionen: desk@example.dk</div>"),
         "Ritzau"},
        {page("", "<div class=\"author\">By Ann Lee: ann@example.com</div>"), "Ann Lee"},
        {page("", "<div class=\"author\">By Ann Lee @annlee</div>"), "Ann Lee"},
        // Social handles between the names separate them; an <address> in the article is
        // its author's, not one in the page's footer.
        {page("", "<div class=\"author\"><span>By </span><div><a>April Roach</a></div><a>@aprilroach28</a>"
                  "<div><a>Daniel O'Mahony</a></div></div>"),
         "April Roach, Daniel O'Mahony"},
        {page("", "<address><strong>Agencia EFE</strong><br><small>04.05.2022</small></address>"),
         "Agencia EFE"},
        {page("", "<footer><address>Daily Ledger, 1 Harbour Street</address></footer>"), ""},
        // A writer's label before one word; a firm, "anonymous" and a heading named for the
        // author's pages are no bylines.
        {page("", "<div class=\"author-display-name\"><small>Autor</small> Redaktion</div>"),
         "Redaktion"},
        {page("<meta name=\"author\" content=\"wegewerk GmbH\">", ""), ""},
        {page("", "<span class=\"author\">larepublica_pe</span>"), ""},
        // An itemprop author typed Organization is the publisher; the agency shown is the
        // byline.
        {page("", "<div itemprop=\"author\" itemscope itemtype=\"https://schema.org/Organization\">"
                  "<meta itemprop=\"name\" content=\"Portal iG\"></div><span class=\"author\">"
                  "Ag\u00eancia O Globo</span>"),
         "Ag\u00eancia O Globo"},
        // A relative time after the names, and the words that led into it.
        {page("", "<div class=\"author-text\">Pi\u0161e: P. Mucovi\u0107 prije 26 minuta</div>"),
         "P. Mucovi\u0107"},
        {page("", "<div class=\"byline\">By Ann Lee 5 hours ago</div>"), "Ann Lee"},
        // A word and a clock before the names; a clock before a time zone is no name.
        {page("", "<div class=\"article-author\">Dnes 9:44 Hana Jakub\u010d\u00edkov\u00e1 "
                  "S\u00e1dl\u00edkov\u00e1</div>"),
         "Hana Jakub\u010d\u00edkov\u00e1 S\u00e1dl\u00edkov\u00e1"},
        {page("", "<div class=\"byline\">Reuters 10:21 AM EDT</div>"), "Reuters"},
        {page("", "<div class=\"td-post-author-name\">Redacci\u00f3n La Raz\u00f3n 2</div>"),
         "Redacci\u00f3n La Raz\u00f3n"},
        {page("", "<div class=\"byline\">Von Britta Schultejans vor 3 Stunden</div>"),
         "Britta Schultejans"},
        // The site's name written without its spaces or its domain, or with a newsroom word.
        {page("<meta property=\"og:site_name\" content=\"Lebensmittelpraxis.de\">"
              "<meta name=\"author\" content=\"Lebensmittel Praxis\">", ""),
         ""},
        {page("<meta property=\"og:site_name\" content=\"rtl.de\">", "<span class=\"author\">RTL "
              "Online</span>"),
         ""},
        // A syndicated story's agency is its byline, though its canonical address is the
        // agency's.
        {page("<link rel=\"canonical\" href=\"http://www.reuters.com/article/x\"><meta "
              "property=\"og:site_name\" content=\"Entrepreneur\"><meta name=\"author\" "
              "content=\"Reuters \">",
              "<a href=\"/author/reuters\" rel=\"author\">Reuters</a>"),
         "Reuters"},
        {page("", "<span class=\"author\">an\u00f3nimo</span>"), ""},
        {page("<meta name=\"author\" content=\"Leonardo Attuch\">",
              "<h1 class=\"header__sectionName\" id=\"ifAuthor\">Bras\u00edlia</h1>"),
         "Leonardo Attuch"},
        // A lead word alone is no byline; the names shown beside it in another element are.
        {page("<meta name=\"author\" content=\"Ann Lee\">",
              "<div class=\"td-author-by\">Von</div><span class=\"author-name\">Ann Lee</span>"),
         "Ann Lee"},
        {page("", "<div class=\"td-author-by\">Por:</div>"), ""},
        // "And" joins names in any case: both of a declared pair are found in the page's text.
        {page("<meta name=\"author\" content=\"Glen Owen And Brendan Carlin\">",
              "<p class=\"byline\">By <a class=\"author\">Brendan Carlin</a> with <a "
              "class=\"author\">Glen Owen</a> in London</p>"),
         "Glen Owen And Brendan Carlin"},
        {page("", "<div class=\"byline\">Updated 9:44 by Ann Lee</div>"), "Ann Lee"},
        {page("<meta property=\"article:author\" content=\"Jeremy Quittner\">",
              "<div class=\"author-signup\">Or sign up using:</div>"),
         "Jeremy Quittner"},
        {page("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":"
              "{\"@type\":\"Person\",\"name\":\"219.79.38.192\"}}</script>",
              ""),
         ""},
        {page("<link rel=\"author\" title=\"Kontakt\" href=\"mailto:desk@example.com\">", ""), ""},
        // A commenter's name is no byline; a "commentary" column's is.
        {page("", "<div id=\"comments\"><div class=\"comment-meta\"><div class=\"comment-author\">"
                  "Claire</div></div></div><p class=\"author\">Michael Pettis</p>"),
         "Michael Pettis"},
        {page("", "<span class=\"commentary-author\">Ann Lee</span>"), "Ann Lee"},
        // A writer-named class is a byline too, in other languages as well; a reporter's
        // name confirms the meta author over a teaser's author.
        {page("", "<span class=\"writer\">Taro Matsumura</span>"), "Taro Matsumura"},
        {page("", "<span class=\"nota-autor\">Ana Ruiz</span>"), "Ana Ruiz"},
        {page("", "<div class=\"article-auteur\">Jean Dupont</div>"), "Jean Dupont"},
        {page("<meta name=\"author\" content=\"Shahien Nasiripour\">",
              "<div class=\"dont_miss_author_name\">Ricky Gervais</div><div "
              "class=\"about_reporter_name\"><a href=\"/r/sn\">Shahien Nasiripour</a></div>"),
         "Shahien Nasiripour"},
        // A <link rel="author"> names the author in its title; it is the page's spelling.
        {page("<meta name=\"parsely-author\" content=\"Gillman, Steve\"><link rel=\"author\" "
              "title=\"Steve Gillman\" href=\"/author/sg/\">",
              ""),
         "Steve Gillman"},
        // A "By" line in markup without byline classes; a teaser's byline is not the article's.
        {page("", "<ul class=\"related\"><li><span>By Other Writer</span></li></ul>"
                  "<div><span>By Smart Shopping Team</span></div>"),
         "Smart Shopping Team"},
        // A @graph's Article names its authors by "@id" only; the Person objects give the names.
        {page("<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"NewsArticle\","
              "\"author\":[{\"@id\":\"https://x.example/#/person/1\"},{\"@id\":"
              "\"https://x.example/#/person/2\"}]},{\"@type\":\"Person\",\"@id\":"
              "\"https://x.example/#/person/1\",\"name\":\"Ann Lee\"},{\"@type\":[\"Person\"],"
              "\"@id\":\"https://x.example/#/person/2\",\"name\":\"Bo Chan\"}]}</script>",
              ""),
         "Ann Lee and Bo Chan"},
        // A JSON-LD name with a character reference in it.
        {page("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":"
              "{\"@type\":\"Person\",\"name\":\"Jos&#xE9; Volta e Pinto\"}}</script>",
              ""),
         "Jos\u00e9 Volta e Pinto"},
        // One author element with a name each for several people.
        {page("", "<div itemprop=\"author\"><span itemprop=\"name\">Paul Wiseman</span><span "
                  "itemprop=\"name\">Fatima Hussein</span></div>"),
         "Paul Wiseman and Fatima Hussein"},
    };
    for (const auto& [html, byline] : cases) {
        CAPTURE(html);
        CHECK(read_article(html, "inline.html").byline == byline);
    }
}

TEST_CASE("html reader: meta content saved as value") {
    const auto article = read_article(
        "<html><head><meta value=\"2016-11-28 16:23:00 -0500\" name=\"article:published_time\">"
        "<meta value=\"Saved title\" property=\"og:title\"></head><body><article><p>Body text of "
        "the article that is long enough to be kept as the body of this page, with commas, and "
        "more.</p></article></body></html>",
        "inline.html");
    CHECK(article.title == "Saved title");
    CHECK(iso_or_empty(article.published) == "2016-11-28");
}

TEST_CASE("html reader: a date in the canonical URL's path when the page states none") {
    const auto article = read_article(
        page_with_body("<link rel=\"canonical\" href=\"https://news.example/2016/11/28/story/\">",
                       "", ""),
        "inline.html");
    CHECK(iso_or_empty(article.published) == "2016-11-28");
}

TEST_CASE("html reader: which of the page's dates is the article's") {
    const std::pair<std::string, std::string_view> cases[] = {
        // The day the page states, whatever its offset: a Tokyo morning is not moved to the
        // previous day's UTC evening, nor a New York evening to the next day.
        {page_with_body("<meta property=\"article:published_time\" "
                        "content=\"2019-04-28T08:00:00+09:00\">", "", ""),
         "2019-04-28"},
        {page_with_body("<meta property=\"article:published_time\" "
                        "content=\"2020-08-15T20:53:24-04:00\">", "", ""),
         "2020-08-15"},
        // A UTC instant is moved to the day the page shows when that is a day away (an
        // Italian midnight stored as the previous UTC evening); a stated offset is kept, and
        // a shown date further away is another date.
        {page_with_body("<meta property=\"datePublished\" content=\"2020-12-05T23:15:00Z\">", "",
                        "<p itemprop=\"datePublished\">06 Dicembre 2020</p>"),
         "2020-12-06"},
        {page_with_body("<meta property=\"article:published_time\" "
                        "content=\"2020-05-02T02:54:29.000Z\">", "",
                        "<time>| 1 de Mayo 2020</time>"),
         "2020-05-01"},
        {page_with_body("<meta property=\"datePublished\" content=\"2020-12-05T23:15:00-05:00\">",
                        "", "<p itemprop=\"datePublished\">06 Dicembre 2020</p>"),
         "2020-12-05"},
        {page_with_body("<meta property=\"datePublished\" content=\"2020-12-05T23:15:00Z\">", "",
                        "<p class=\"date\">07 Dicembre 2020</p>"),
         "2020-12-05"},
        // A UTC instant on a site of a country of one time zone is read on its clock: an
        // Austrian midnight in summer, a Bolivian evening; a generic domain keeps the UTC day.
        {page_with_body("<link rel=\"canonical\" href=\"https://www.nachrichten.at/a/b\">"
                        "<meta property=\"article:published_time\" content=\"2019-10-18T22:04:00Z\">",
                        "", ""),
         "2019-10-19"},
        {page_with_body("<link rel=\"canonical\" href=\"https://eldeber.com.bo/a/b\"><script "
                        "type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":"
                        "\"Wed, 04 May 2022 02:41:00 GMT\"}</script>",
                        "", ""),
         "2022-05-03"},
        {page_with_body("<link rel=\"canonical\" href=\"https://www.example.com/a/b\">"
                        "<meta property=\"article:published_time\" content=\"2019-10-18T22:04:00Z\">",
                        "", ""),
         "2019-10-18"},
        // The day shown beside the article, not a masthead's "today" before it.
        {page_with_body("<meta name=\"date\" content=\"2020-07-18T20:01:31.188Z\">",
                        "<div class=\"masthead\"><span class=\"date\">Sunday, July 19, 2020</span>"
                        "</div>",
                        "<p class=\"byline-date\">July 18, 2020</p>"),
         "2020-07-18"},
        // With no other date on the page, a masthead's date-named box ("today") is still
        // passed over for the article's own: a date-named element beside the article, or a
        // line set apart by <br>s under the headline.
        {page_with_body("", "<div id=\"date-box\">Mon, 25 Dec 2023</div>",
                        "<p class=\"dateline\">Thu, 14 May 2020</p>"),
         "2020-05-14"},
        {"<html><body><div id=\"date-box\">Mon, 25 Dec 2023</div><h1>The American friends</h1>"
         "<div class=\"info\">Max Blumenthal<br><a href=\"https://example.org/\">The Grayzone</a>"
         "<br>Thu, 14 May 2020 17:55 UTC</div><div class=\"article-body\"><p>Body text of the "
         "article that is long enough to be kept as the body of this page, with commas, and then "
         "some more words to be safe about the minimum length.</p></div></body></html>",
         "2020-05-14"},
        {page_with_body("", "<div id=\"date-box\">Mon, 25 Dec 2023</div>", ""), "2023-12-25"},
        // A <time> in a link or a related-stories list dates that other story.
        {page_with_body("", "<div class=\"related-links\"><time datetime=\"2015-01-02\">"
                            "</time></div><a href=\"/x\"><time datetime=\"2015-01-03\"></time></a>",
                        "<div><time datetime=\"2016-12-21\"></time></div>"),
         "2016-12-21"},
        // The publication meta tags of other conventions.
        {page_with_body("<meta name=\"publish_date\" content=\"Sat, 09 Oct 2010 07:15:45 EST\">",
                        "", ""),
         "2010-10-09"},
        {page_with_body("<meta property=\"article:published\" content=\"2018-09-11T08:34:12\">"
                        "<meta name=\"citation_publication_date\" content=\"2018/09/12\">",
                        "", ""),
         "2018-09-11"},
        // A <time> in a link to the page itself (a post's permalink under the page's path, or
        // a fragment) is the page's own; a link to a path that only begins like it is not.
        {page_with_body("<link rel=\"canonical\" href=\"https://forum.example/threads/topic.42/\">",
                        "<a href=\"/threads/topic.421/\"><time datetime=\"2019-01-02\"></time></a>"
                        "<a href=\"/threads/topic.42/post-7\"><time datetime=\"2020-03-18T12:22:42"
                        "-0400\"></time></a>",
                        "<p>Joined May 11, 2017</p>"),
         "2020-03-18"},
        {page_with_body("<link rel=\"canonical\" href=\"https://news.example/a/story\">",
                        "<a href=\"/a/story-two\"><time datetime=\"2019-01-02\"></time></a>"
                        "<a href=\"#top\"><time datetime=\"2020-03-18\"></time></a>",
                        ""),
         "2020-03-18"},
        // A UTC midnight is how a bare day is stored: it is that day, whatever the page shows.
        {page_with_body("<meta property=\"article:published_time\" "
                        "content=\"2016-11-28T00:00:00.000Z\">", "",
                        "<time>November 27, 2016</time>"),
         "2016-11-28"},
        // A lead line of the writer's name, a bar and the date.
        {page_with_body("", "", "<p>Ann Lee | 2020-03-04 16:52:59</p>"), "2020-03-04"},
        // Without any of those, a line of the headline's block that is only a date, not one in
        // a link.
        {page_with_body("", "<h1>Washington Should Tax Capital Inflows</h1><ul><li><div>August "
                            "06, 2019</div></li><li><a href=\"#comments\">Comments (79)</a></li>"
                            "</ul>",
                        ""),
         "2019-08-06"},
        {page_with_body("", "<h1>Washington Should Tax Capital Inflows</h1><a href=\"/older\">"
                            "August 06, 2019</a>",
                        ""),
         ""},
        // Of a header's times the story was published at the earliest, not when updated.
        {page_with_body("", "", "<header>Updated: <time datetime=\"2018-03-06T19:49:32-05:00\">"
                                "</time> Original: <time datetime=\"2016-12-21T18:49:10-05:00\">"
                                "</time></header>"),
         "2016-12-21"},
        // Without metadata or <time>, a date in the byline or a date-named element.
        {page_with_body("", "", "<div class=\"author\">Written by Ann Lee on 1 June 2019 at 08:34 "
                                "PM EDT</div>"),
         "2019-06-01"},
        {page_with_body("", "<ul class=\"teaser-list\"><li class=\"date\">May 1, 2014</li></ul>"
                            "<p class=\"published-date\">December 12, 2016 7:00 AM</p>",
                        ""),
         "2016-12-12"},
    };
    for (const auto& [html, date] : cases) {
        CAPTURE(html);
        CHECK(iso_or_empty(read_article(html, "inline.html").published) == date);
    }
}

TEST_CASE("html reader: a body set as text runs between <br>s outscores a list of paragraphs") {
    const std::string run =
        "The testing firm has spent fourteen years on radio, safety and wireless standards, and its "
        "engineers train every week";
    const auto article = read_article(
        "<html><body><div class=\"list\"><p>News, business, companies and people</p></div><div "
        "class=\"story\">" + run + ".<br><br>" + run + " again.<br><br>" + run +
        " once more.</div></body></html>",
        "inline.html");
    CHECK(article.body.starts_with(run));
    CHECK(article.body.find("business") == std::string::npos);
}

TEST_CASE("html reader: the lead set in its own box just above the body is its first paragraph") {
    const std::string lead =
        "Rescuers found a fifth victim four days after the landslide buried houses in the village.";
    const std::string text =
        "<div class=\"article__body\"><p>The landslide struck the village at night, some 25 "
        "kilometres north-east of the capital, and carried several houses away with it.</p><p>Work "
        "goes on, slowed by unstable ground, bad weather and the few hours of daylight.</p></div>";
    const auto page = [&](std::string_view lead_box) {
        return "<html><body><h1>Five dead after landslide</h1>" + std::string{lead_box} + text +
               "</body></html>";
    };
    CHECK(read_article(page("<div class=\"article__lead\">" + lead + "</div>"), "inline.html")
              .body.starts_with(lead));
    CHECK(read_article(page("<p class=\"standfirst\">" + lead + "</p>"), "inline.html")
              .body.starts_with(lead));
    // An advert's slot is no lead, nor is a box of links to other stories.
    const auto ad = read_article(page("<div class=\"leaderboard\">" + lead + "</div>"), "inline.html");
    CHECK(ad.body.starts_with("The landslide struck"));
    const auto links = read_article(
        page("<div class=\"story-intro\"><a href=\"/other\">" + lead + "</a></div>"), "inline.html");
    CHECK(links.body.starts_with("The landslide struck"));
}

TEST_CASE("html reader: an embedded social post is not the article's text") {
    const auto article = read_article(
        page_with_body("", "", "<blockquote class=\"twitter-tweet\"><p>Highlights from our 4-1 "
                               "win at Villa Park pic.twitter.com/BUPgYtgHaY</p></blockquote>"
                               "<blockquote class=\"instagram-media\"><p>A post shared by the "
                               "club on its account</p></blockquote>"),
        "inline.html");
    CHECK(article.body.starts_with("Body text of the article"));
    CHECK(article.body.find("Villa Park") == std::string::npos);
    CHECK(article.body.find("post shared") == std::string::npos);
}

TEST_CASE("html reader: a related story's card with a body class of its own is not the body") {
    const std::string story =
        "<p>Sudan's leaders met the envoy on Monday, and the talks went on for hours, with "
        "neither side willing to say what had been agreed before the vote next month.</p>";
    const auto card = [](std::string_view wrapper_open, std::string_view wrapper_close) {
        return std::string{wrapper_open} +
               "<a href=\"/2010/11/08/other.html\"><div class=\"story-body\"><h2>U.S. Sweetens "
               "Offer to Take Sudan Off Terrorist List</h2><p>An earlier story about the same "
               "country, its leaders and the list, summarised at length for the reader.</p>"
               "</div></a>" + std::string{wrapper_close};
    };
    for (const auto& [open, close] : {std::pair{"<aside class=\"marginalia\">", "</aside>"},
                                      std::pair{"<div class=\"coverage\">", "</div>"}}) {
        CAPTURE(open);
        const auto html = "<html><head></head><body><div class=\"story-body\">" + story +
                          story + "</div><footer>" + card(open, close) + "</footer></body></html>";
        const auto article = read_article(html, "inline.html");
        CHECK(article.body.starts_with("Sudan's leaders met the envoy"));
        CHECK(article.body.find("Sweetens") == std::string::npos);
    }
    // Only the card has the body class: the page's own text is still found.
    const auto html = "<html><head></head><body><article>" + story + story + story +
                      "</article>" + card("<aside>", "</aside>") + "</body></html>";
    const auto article = read_article(html, "inline.html");
    CHECK(article.body.starts_with("Sudan's leaders met the envoy"));
    CHECK(article.body.find("Sweetens") == std::string::npos);
}

TEST_CASE("html reader: labels the page's boxes left in the text are not the article's") {
    const std::string text =
        "<p>Water authorities ordered rationing in three provinces on Tuesday, as reservoirs "
        "fell to their lowest level since records began and farmers were told to expect less.</p>"
        "<p>The government said it would spend more on desalination plants over the next five "
        "years, and the opposition said the money came too late for this summer's harvest.</p>";
    const auto body_of = [](const std::string& inner) {
        return read_article("<html><head></head><body><article>" + inner + "</article></body></html>",
                            "inline.html")
            .body;
    };
    // Short lines after the last sentence, and a lone label whose links are gone.
    const auto tail = body_of(text + "<p>Veja Também:</p><p>Temas Relacionados</p><p>TE PUEDE "
                                     "INTERESAR</p><p>Share your thoughts and debate the big issues</p>");
    CHECK(tail.ends_with("for this summer's harvest."));
    const auto middle = body_of("<p>Opening words of the article, long enough to be its text and "
                                "to be kept as such by every rule of the reader, with a comma, and "
                                "more words after it, and then a few more to pass the length.</p>"
                                "<p>Mehr zum Thema:</p>" + text);
    CHECK(middle.find("Mehr zum Thema") == std::string::npos);
    // A dateline set apart before the text, the article's own short last line when it ends a
    // sentence, and a closing credit in brackets stay.
    const auto kept = body_of("<p>Washington/ New Delhi:</p>" + text +
                              "<p>He said no.</p><p>(Reporting by Ann Lee)</p>");
    CHECK(kept.starts_with("Washington/ New Delhi:"));
    CHECK(kept.ends_with("He said no.\n\n(Reporting by Ann Lee)"));
    // A drop capital set apart from its word, and a button in another language.
    const auto capital = body_of("<p>SEGUIR</p><div><span class=\"drop\">T</span><p>urkey and "
                                 "Poland have been removed from the list of travel corridors, the "
                                 "transport secretary said on Thursday evening.</p></div>" + text);
    CHECK(capital.starts_with("Turkey and Poland have been removed"));
}

TEST_CASE("html reader: a story whose text a script loads is read from its description") {
    const std::string head =
        "<meta property=\"og:description\" content=\"Novos testes indicam que o Presidente ja "
        "nao apresenta o indice de replicacao activa do virus, diz o medico.\"><link "
        "rel=\"canonical\" href=\"https://news.example/2020/10/11/live/\"><title>Live: "
        "Covid-19</title>";
    const std::string body = "<body><h1>Live: Covid-19</h1><div id=\"live\"></div></body>";
    const auto article = read_article("<html><head><meta property=\"og:type\" content=\"article\">" +
                                          head + "</head>" + body + "</html>",
                                      "inline.html");
    CHECK(article.body.starts_with("Novos testes indicam"));
    CHECK(iso_or_empty(article.published) == "2020-10-11");
    // Without og:type article the page is no story: it stays rejected.
    const auto other = read_one("<html><head>" + head + "</head>" + body + "</html>", "inline.html");
    REQUIRE(std::holds_alternative<RecordProblem>(other));
    CHECK(std::get<RecordProblem>(other).reason == "no article text found");
}

TEST_CASE("html reader: problems") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"", "empty page"},
        {"<html><body><nav><a href=/>Home</a></nav><footer>\u00a9 2020</footer></body></html>",
         "no article text found"},
        {"<html><head><meta charset=\"utf-8\"></head><body><p>Bad \xFF byte in a page that says it "
         "is UTF-8.</p></body></html>",
         "invalid UTF-8 at byte 54"},
    };
    for (auto [html, reason] : cases) {
        CAPTURE(html);
        const auto record = read_one(html, "inline.html");
        REQUIRE(std::holds_alternative<RecordProblem>(record));
        CHECK(std::get<RecordProblem>(record).reason == reason);
        CHECK(std::get<RecordProblem>(record).where.path == "inline.html");
    }
    const auto bad = read_one(read_bytes(corpus_dir() / "bad" / "no-article-text.html"), "bad");
    REQUIRE(std::holds_alternative<RecordProblem>(bad));
    CHECK(std::get<RecordProblem>(bad).reason == "no article text found");
}

TEST_CASE("html reader: undeclared latin-1 is read as windows-1252") {
    const std::string html =
        "<html><body><article><p>Caf\xe9 prices rose \x96 sharply \x93this\x94 year, and the "
        "owners of the caf\xe9s said the rise was the biggest in a decade of trading.</p><p>More "
        "text follows so that the page has enough article text to be read.</p></article></body>"
        "</html>";
    const auto article = read_article(html, "latin.html");
    CHECK(article.body.starts_with("Caf\u00e9 prices rose \u2013 sharply \u201cthis\u201d year"));
}

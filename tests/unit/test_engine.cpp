// Unit tests: the search engine over a tiny index built from inline articles.
#include "common/error.hpp"
#include "common/index_open.hpp"
#include "searcher/engine.hpp"
#include "article_builder.hpp"
#include "temp_dir.hpp"
#include "test_index.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace {

using morgue::Article;
using morgue::Date;
using morgue::search::Engine;
using morgue::search::QueryMode;
using morgue::search::SearchRequest;

using morgue::test::make_article;

std::vector<Article> fixture_articles() {
    std::vector<Article> articles;
    articles.push_back(make_article("cocoa-1", "Bahia cocoa review",
        "Showers continued throughout the week in the Bahia cocoa zone. Cocoa farmers expect "
        "a good temporao harvest, and cocoa exporters are buying.",
        Date{1987, 2, 26}, "Reuters", {"cocoa"}, {"brazil"}));
    articles.push_back(make_article("sugar-2", "Sugar output rises",
        "Sugar production in Brazil rose sharply this season, traders said. Some cocoa too.",
        Date{1987, 3, 2}, "Reuters", {"sugar"}, {"brazil"}));
    articles.push_back(make_article("islands-3", "Leaders meet in Nagato over islands",
        "Territorial disputes over the island chain remain unresolved after the summit.",
        Date{2016, 12, 15}, "New York Times", {}, {"japan"}, "Jane Doe"));
    articles.push_back(make_article("undated-4", "Market notes",
        "Cocoa and coffee prices were steady in quiet trade. Territorial dispute aside.",
        std::nullopt, "Wire Desk", {"cocoa"}));
    articles.push_back(make_article("quote-5", "Odd <characters> & quotes",
        "The \"cocoa\" board & its <members> met on Tuesday.", Date{1990, 1, 1}, "Reuters"));
    return articles;
}

/// A fresh index with the fixture articles, removed with the returned TempDir.
morgue::test::TempDir build_index(morgue::PhraseMode mode = morgue::PhraseMode::stemmed) {
    morgue::test::TempDir dir;
    morgue::test::TestIndexOptions options;
    options.phrase_mode = mode;
    morgue::test::write_test_index(dir / "index", fixture_articles(), options);
    return dir;
}

std::vector<std::string> ids(Engine& engine, std::string query, Xapian::doccount limit = 10) {
    SearchRequest request;
    request.query = std::move(query);
    request.limit = limit;
    std::vector<std::string> result;
    for (const auto& hit : engine.search(request).hits) result.push_back(hit.id);
    return result;
}

using Ids = std::vector<std::string>;

std::string fmt_ids(const Ids& ids) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : " ") + id;
    return out;
}

}  // namespace

TEST_CASE("engine finds articles in the expected order") {
    const auto dir = build_index();
    Engine engine(morgue::open_index(dir / "index"));
    const std::pair<std::string_view, Ids> cases[] = {
        // ranked: the cocoa review repeats "cocoa" and has it in its title
        {"cocoa", {"cocoa-1", "quote-5", "undated-4", "sugar-2"}},
        {"cocoa AND brazil", {"sugar-2"}},
        {"cocoa NOT sugar", {"cocoa-1", "quote-5", "undated-4"}},
        {"sugar OR coffee", {"sugar-2", "undated-4"}},
        {"cocoa XOR coffee", {"cocoa-1", "quote-5", "sugar-2"}},
        // stemming: "islands" finds "island", "disputes" finds "dispute"
        {"islands", {"islands-3"}},
        {"\"territorial disputes\"", {"undated-4", "islands-3"}},
        {"\"summit territorial\"", {}},
        // fields
        {"title:cocoa", {"cocoa-1"}},
        {"source:\"new YORK times\"", {"islands-3"}},
        {"place:japan", {"islands-3"}},
        {"byline:\"jane doe\"", {"islands-3"}},
        {"byline:doe", {"islands-3"}},
        {"id:sugar-2", {"sugar-2"}},
        {"year:1987 cocoa", {"cocoa-1", "sugar-2"}},
        // pure filters: newest first, undated last
        {"topic:cocoa", {"cocoa-1", "undated-4"}},
        {"source:reuters", {"quote-5", "sugar-2", "cocoa-1"}},
        {"-cocoa", {"islands-3"}},
        {"NOT source:reuters", {"islands-3", "undated-4"}},
        // the undated article is found by words
        {"coffee", {"undated-4"}},
    };
    for (const auto& [query, expected] : cases) {
        CAPTURE(query);
        const auto got = ids(engine, std::string{query});
        CAPTURE(fmt_ids(got));
        CHECK(got == expected);
    }
}

TEST_CASE("result page fields") {
    const auto dir = build_index();
    Engine engine(morgue::open_index(dir / "index"));
    SearchRequest request;
    request.query = "islands";
    const auto page = engine.search(request);
    CHECK(page.query == "islands");
    CHECK(page.mode == QueryMode::ranked);
    CHECK(page.total == 1);
    CHECK(page.total_exact);
    REQUIRE(page.hits.size() == 1);
    const auto& hit = page.hits[0];
    CHECK(hit.rank == 1);
    CHECK(hit.id == "islands-3");
    CHECK(hit.title == "Leaders meet in Nagato over islands");
    CHECK(hit.source == "New York Times");
    REQUIRE(hit.date);
    CHECK(hit.date->iso() == "2016-12-15");
    CHECK(hit.score > 0);
    CHECK(morgue::search::join_snippet(hit.snippet, "[", "]") ==
          "Territorial disputes over the [island] chain remain unresolved after the summit.");

    request.query = "topic:cocoa";
    const auto filtered = engine.search(request);
    CHECK(filtered.mode == QueryMode::boolean);
    REQUIRE(filtered.hits.size() == 2);
    CHECK(filtered.hits[0].score == 0);
    CHECK_FALSE(filtered.hits[1].date);
}

TEST_CASE("snippets highlight stemmed forms and phrases, unescaped") {
    const auto dir = build_index();
    Engine engine(morgue::open_index(dir / "index"));
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"disputes", "Territorial [disputes] over"},
        {"\"territorial disputes\"", "[Territorial] [disputes] over"},
        {"title:islands", "over the [island] chain"},
    };
    for (const auto& [query, expected] : cases) {
        CAPTURE(query);
        SearchRequest request;
        request.query = std::string{query};
        const auto page = engine.search(request);
        std::string snippet;
        for (const auto& hit : page.hits)
            if (hit.id == "islands-3") snippet = morgue::search::join_snippet(hit.snippet, "[", "]");
        CAPTURE(snippet);
        CHECK(snippet.find(expected) != std::string::npos);
    }
    SearchRequest request;
    request.query = "board";
    const auto page = engine.search(request);
    REQUIRE(page.hits.size() == 1);
    CHECK(morgue::search::join_snippet(page.hits[0].snippet, "[", "]") ==
          "The \"cocoa\" [board] & its <members> met on Tuesday.");
}

TEST_CASE("offset and limit page through the results") {
    const auto dir = build_index();
    Engine engine(morgue::open_index(dir / "index"));
    SearchRequest request;
    request.query = "cocoa";
    request.offset = 1;
    request.limit = 2;
    const auto page = engine.search(request);
    CHECK(page.total == 4);
    REQUIRE(page.hits.size() == 2);
    CHECK(page.hits[0].rank == 2);
    CHECK(page.hits[0].id == "quote-5");
}

TEST_CASE("exact phrase mode matches phrases as written") {
    const auto dir = build_index(morgue::PhraseMode::exact);
    Engine engine(morgue::open_index(dir / "index"));
    CHECK(ids(engine, "\"territorial disputes\"") == Ids{"islands-3"});
    CHECK(ids(engine, "islands") == Ids{"islands-3"});
}

TEST_CASE("bad queries are QueryErrors") {
    const auto dir = build_index();
    Engine engine(morgue::open_index(dir / "index"));
    for (std::string_view query : {"(cocoa", "\"cocoa", "cocoa AND", ""}) {
        CAPTURE(query);
        SearchRequest request;
        request.query = std::string{query};
        CHECK_THROWS_AS(engine.search(request), morgue::QueryError);
    }
}

TEST_CASE("index statistics") {
    const auto dir = build_index();
    Engine engine(morgue::open_index(dir / "index"));
    const auto stats = engine.stats(2);
    CHECK(stats.documents == 5);
    CHECK(stats.undated == 1);
    REQUIRE(stats.first_date);
    REQUIRE(stats.last_date);
    CHECK(stats.first_date->iso() == "1987-02-26");
    CHECK(stats.last_date->iso() == "2016-12-15");
    CHECK(stats.source_count == 3);
    REQUIRE(stats.sources.size() == 2);
    CHECK(stats.sources[0].source == "reuters");
    CHECK(stats.sources[0].documents == 3);
    CHECK(stats.analysis.language == "english");
}

TEST_CASE("a missing index is an IndexError naming it") {
    morgue::test::TempDir dir;
    CHECK_THROWS_AS(morgue::open_index(dir / "nowhere"), morgue::IndexError);
}

TEST_CASE("wire copies fold over the ranking as the matcher would fold them") {
    morgue::test::TempDir dir;
    {
        auto articles = fixture_articles();
        auto copy = fixture_articles().front();
        for (const auto* id : {"cocoa-1-copy", "cocoa-1-again"}) {
            copy.id = id;
            articles.push_back(copy);
        }
        morgue::test::write_test_index(dir / "index", articles);
    }
    auto index = morgue::open_index(dir / "index");
    const auto keys = morgue::search::read_copy_keys(index.db);
    CHECK(keys.size() == 3);
    Engine engine(std::move(index));
    SearchRequest request;
    request.query = "cocoa";
    const auto folded = engine.search(request);
    request.collapse = false;
    const auto all = engine.search(request);
    CHECK(all.total == 6);
    CHECK(folded.total == 4);
    CHECK(folded.total_exact);
    REQUIRE(folded.hits.size() == 4);
    CHECK(folded.hits[0].id == all.hits[0].id);
    CHECK(folded.hits[0].collapsed == 2);
    CHECK(folded.hits[1].rank == 2);
    CHECK(folded.hits[1].id == all.hits[3].id);
    CHECK(folded.hits[1].score == all.hits[3].score);
}

TEST_CASE("an engine sees a later commit, and the stamp says when there was one") {
    morgue::test::TempDir dir;
    morgue::test::write_test_index(dir / "index", {fixture_articles().front()});
    Engine engine(morgue::open_index(dir / "index"));
    const auto before = morgue::read_index_stamp(engine.index());
    REQUIRE(before);
    CHECK(before == morgue::read_index_stamp(engine.index()));
    CHECK(ids(engine, "cocoa") == Ids{"cocoa-1"});
    morgue::test::write_test_index(dir / "index", {fixture_articles()[1]});
    CHECK_FALSE(before == morgue::read_index_stamp(engine.index()));
    CHECK(ids(engine, "cocoa").size() == 2);
}

TEST_CASE("did you mean corrects words of the text and keeps the rest as typed") {
    const auto dir = build_index();
    Engine engine(morgue::open_index(dir / "index"));
    const auto suggestion = [&](std::string query) {
        SearchRequest request;
        request.query = std::move(query);
        return engine.search(request).suggestion;
    };
    CHECK(suggestion("cocao") == "cocoa");
    CHECK(suggestion("cocoa") == "");
    // Operators, field names, labels and dates stay; free words, phrases and title: words
    // are corrected where they stand.
    CHECK(suggestion("title:cocao AND source:reuters") == "title:cocoa AND source:reuters");
    CHECK(suggestion("\"bahia cocao\" OR sugar") == "\"bahia cocoa\" OR sugar");
    CHECK(suggestion("+cocao -sugar date:1987") == "+cocoa -sugar date:1987");
    CHECK(suggestion("cocao topic:cocoa") == "cocoa topic:cocoa");
}

TEST_CASE("proximity ranks an article whose query words stand together above one where they are apart") {
    morgue::test::TempDir dir;
    // The same words, the same lengths: plain BM25 scores the two alike.
    morgue::test::write_test_index(dir / "index", {
        make_article("apart", "Report", "Interest grew among farmers and traders across the "
                     "region while bankers cut rates.", Date{1987, 3, 1}, "Reuters"),
        make_article("together", "Report", "Farmers and traders across the region grew wary "
                     "while bankers cut interest rates.", Date{1987, 3, 2}, "Reuters"),
    });
    Engine engine(morgue::open_index(dir / "index"));
    SearchRequest request;
    request.query = "interest rates";
    const auto plain = engine.search(request);
    REQUIRE(plain.hits.size() == 2);
    CHECK(plain.hits[0].score == doctest::Approx(plain.hits[1].score));
    request.proximity = {0.1, 8};
    const auto near = engine.search(request);
    REQUIRE(near.hits.size() == 2);
    CHECK(near.hits[0].id == "together");
    CHECK(near.hits[0].score > plain.hits[0].score);
    CHECK(near.hits[1].score == doctest::Approx(plain.hits[1].score));  // no bonus beyond the window
    request.proximity = {0.1, 20};  // a window wide enough for both
    const auto wide = engine.search(request);
    REQUIRE(wide.hits.size() == 2);
    CHECK(wide.hits[0].score == doctest::Approx(wide.hits[1].score));
    request.date_from = "19870302";  // the bonus keeps the query's filters
    const auto dated = engine.search(request);
    REQUIRE(dated.hits.size() == 1);
    CHECK(dated.hits[0].id == "together");
}

TEST_CASE("feedback adds the words of the best matches: an article without the query's word is found") {
    morgue::test::TempDir dir;
    morgue::test::write_test_index(dir / "index", {
        make_article("f1", "Cocoa harvest", "Cocoa farmers in Bahia expect a temporao harvest.",
                     Date{1987, 2, 26}, "Reuters"),
        make_article("f2", "Bahia rains", "Bahia farmers welcome the temporao rains.",
                     Date{1987, 2, 27}, "Reuters"),
        make_article("f3", "Oil prices", "Crude oil prices fell in quiet trade.", Date{1987, 2, 28},
                     "Reuters"),
    });
    Engine engine(morgue::open_index(dir / "index"));
    SearchRequest request;
    request.query = "cocoa";
    const auto plain = engine.search(request);
    REQUIRE(plain.hits.size() == 1);
    CHECK(plain.hits[0].id == "f1");
    request.feedback = {1, 10, 0.5};
    const auto fed = engine.search(request);
    REQUIRE(fed.hits.size() == 2);
    CHECK(fed.hits[0].id == "f1");  // the query's own word still counts most
    CHECK(fed.hits[1].id == "f2");  // shares "bahia", "farmers", "temporao" with f1
    CHECK(fed.hits[1].score < fed.hits[0].score);
    request.date_to = "19870226";  // expansion words keep the query's filters
    const auto dated = engine.search(request);
    REQUIRE(dated.hits.size() == 1);
    CHECK(dated.hits[0].id == "f1");
}

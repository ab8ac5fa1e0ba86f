// Unit tests: the prompt loop over string streams, completion, and the timeline.
#include "common/index_open.hpp"
#include "searcher/engine.hpp"
#include "searcher/prompt.hpp"
#include "searcher/render/timeline.hpp"
#include "searcher/timeline.hpp"
#include "article_builder.hpp"
#include "temp_dir.hpp"
#include "test_index.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace morgue::search;
using morgue::Article;
using morgue::Date;

using morgue::test::make_article;

std::vector<Article> fixture_articles() {
    return {
        make_article("c1", "Bahia cocoa review", "Showers in the Bahia cocoa zone helped the harvest.",
                Date{1987, 2, 26}, "Reuters", {"cocoa"}),
        make_article("c2", "Cocoa exports", "Ghana cocoa exports rose; cocoa buyers were active.",
                Date{1987, 3, 2}, "Reuters", {"cocoa"}),
        make_article("c3", "Cocoa prices fall", "Cocoa prices fell in London as supplies grew.",
                Date{1990, 6, 1}, "Financial Times", {"cocoa", "prices"}),
        make_article("c4", "Cocoa farmers", "A long report on cocoa farmers.\nSecond paragraph.\nThird.",
                Date{2016, 12, 15}, "New York Times"),
        make_article("s5", "Sugar output rises", "Sugar production in Brazil rose sharply.",
                std::nullopt, "Wire Desk", {"sugar"}),
    };
}

void write_articles(const std::string& path, const std::vector<Article>& articles) {
    morgue::test::write_test_index(path, articles);
}

struct Fixture {
    morgue::test::TempDir dir;
    std::string path = dir / "index";
    Fixture() { write_articles(path, fixture_articles()); }
};

struct Session {
    std::string out;
    std::string err;
    int status = -1;
};

Session run_lines(const std::string& index, const std::string& input, PromptSettings settings = {}) {
    Engine engine(morgue::open_index(index));
    std::istringstream in(input);
    StreamLineSource lines(in);
    std::ostringstream out;
    std::ostringstream err;
    settings.version = "test";
    Session session;
    session.status = run_prompt(engine, lines, out, err, std::move(settings));
    session.out = out.str();
    session.err = err.str();
    return session;
}

PromptSettings small_pages(Xapian::doccount limit = 2) {
    PromptSettings settings;
    settings.request.limit = limit;
    return settings;
}

std::size_t count(const std::string& text, std::string_view what) {
    std::size_t n = 0;
    for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
    return n;
}

/// Lines from a list, running a callback before handing out line `at` (0-based).
class ScriptedLines final : public LineSource {
public:
    ScriptedLines(std::vector<std::string> lines, std::size_t at, std::function<void()> before)
        : m_lines(std::move(lines)), m_at(at), m_before(std::move(before)) {}
    std::optional<std::string> read_line(std::string_view) override {
        if (m_next >= m_lines.size()) return std::nullopt;
        if (m_next == m_at) m_before();
        return m_lines[m_next++];
    }
    void remember(const std::string&) override {}
    std::vector<std::string> history() const override { return {}; }

private:
    std::vector<std::string> m_lines;
    std::size_t m_at;
    std::function<void()> m_before;
    std::size_t m_next = 0;
};

}  // namespace

TEST_CASE("prompt: banner, then end of input leaves with status 0") {
    Fixture f;
    const auto s = run_lines(f.path, "");
    CHECK(s.status == 0);
    CHECK(s.out.find("5 articles · 1987-02-26 to 2016-12-15 · english") != std::string::npos);
    CHECK(s.out.find(":help for commands, Ctrl-D to quit") != std::string::npos);
    CHECK(s.err.empty());
}

TEST_CASE("prompt: a query shows the timeline and results; :next and :prev page") {
    Fixture f;
    const auto s = run_lines(f.path, "cocoa\n:next\n:next\n:prev\n:quit\nsugar\n", small_pages());
    CHECK(s.status == 0);
    CHECK(s.err == "error: no more matches\n");
    CHECK(count(s.out, "4 matches, showing 1-2") == 2);
    CHECK(count(s.out, "4 matches, showing 3-4") == 1);
    CHECK(s.out.find("1987 █") != std::string::npos);
    CHECK(s.out.find("3. ") != std::string::npos);
    // :quit ends the session: the sugar query never runs.
    CHECK(s.out.find("Sugar output") == std::string::npos);
}

TEST_CASE("prompt: paging past either end says so and carries on") {
    Fixture f;
    const auto s = run_lines(f.path, ":next\ncocoa\n:prev\n:next\n:next\n:next\n", small_pages());
    CHECK(s.status == 0);
    CHECK(count(s.err, "error: no results to page through") == 1);
    CHECK(count(s.err, "error: already at the first page") == 1);
    CHECK(count(s.err, "error: no more matches") == 2);
}

TEST_CASE("prompt: bad queries and unknown commands print one line each") {
    Fixture f;
    const auto s = run_lines(f.path, "title:(oil\n:frobnicate\n:limit zero\n:sort sideways\ncocoa\n");
    CHECK(s.status == 0);
    std::istringstream err(s.err);
    std::vector<std::string> lines;
    for (std::string line; std::getline(err, line);) lines.push_back(line);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].starts_with("error: query"));
    CHECK(lines[1] == "error: unknown command ':frobnicate' (:help lists them)");
    CHECK(lines[2].starts_with("error: :limit wants a number"));
    CHECK(lines[3].starts_with("error: unknown sort order 'sideways'"));
    CHECK(s.out.find("4 matches") != std::string::npos);
}

TEST_CASE("prompt: :open shows the whole article, :like finds similar ones") {
    Fixture f;
    const auto s = run_lines(f.path, "farmers\n:open 1\n:open 9\ncocoa\n:like 1\n");
    CHECK(s.out.find("Second paragraph.\nThird.\n") != std::string::npos);
    CHECK(s.out.find("id        c4") != std::string::npos);
    CHECK(s.err.find("error: no hit '9' on this page (hits 1-1)") != std::string::npos);
    CHECK(count(s.err, "\n") == 1);  // only the :open 9 problem
    CHECK(count(s.out, "showing") == 3);
}

TEST_CASE("prompt: :open takes the number shown on the page, or the position on it") {
    Fixture f;
    const auto s = run_lines(f.path, ":sort oldest\ncocoa\n:next\n:open 3\n:open 2\n", small_pages());
    // Oldest first: c1, c2 | c3, c4. Hit 3 is c3; position 2 of the second page is c4.
    const auto c3 = s.out.find("id        c3");
    const auto c4 = s.out.find("id        c4");
    CHECK(c3 != std::string::npos);
    CHECK(c4 != std::string::npos);
    CHECK(c3 < c4);
}

TEST_CASE("prompt: long articles go through the pager") {
    Fixture f;
    auto settings = small_pages();
    std::string paged;
    settings.screen_size = [] { return ScreenSize{3, 80}; };
    settings.pager = [&](const std::string& text) {
        paged = text;
        return true;
    };
    const auto s = run_lines(f.path, "farmers\n:open 1\n", settings);
    CHECK(paged.find("Second paragraph.") != std::string::npos);
    CHECK(s.out.find("Second paragraph.\nThird.") == std::string::npos);
}

TEST_CASE("prompt: settings commands") {
    Fixture f;
    const auto s = run_lines(f.path,
                             ":limit 1\n:sort newest\ncocoa\n:json on\ncocoa\n:json off\n"
                             ":timeline off\n:facets on\ncocoa\n:stats\n:help\n:history\n");
    CHECK(s.err.empty());
    CHECK(s.out.find("limit: 1\n") != std::string::npos);
    CHECK(s.out.find("sort: newest\n") != std::string::npos);
    CHECK(s.out.find("4 matches, showing 1-1, newest first") != std::string::npos);
    CHECK(s.out.find("{\"query\":\"cocoa\"") != std::string::npos);
    CHECK(s.out.find("timeline: off\n") != std::string::npos);
    CHECK(s.out.find("facets: on\n") != std::string::npos);
    CHECK(count(s.out, "█") == 1);  // only the first text page had a timeline
    CHECK(s.out.find("\nsource\n") != std::string::npos);
    CHECK(s.out.find("articles   5") != std::string::npos);
    CHECK(s.out.find(":open N") != std::string::npos);
    CHECK(s.out.find(" 1  :limit 1\n") != std::string::npos);
    CHECK(s.out.find("12  :history\n") != std::string::npos);
}

TEST_CASE("prompt: each query sees articles committed since the last one") {
    Fixture f;
    Engine engine(morgue::open_index(f.path));
    ScriptedLines lines({"zebra", "zebra"}, 1, [&] {
        write_articles(f.path, {make_article("z1", "Zebra crossing", "A zebra crossing opened.",
                                        Date{2020, 1, 1}, "Local")});
    });
    std::ostringstream out;
    std::ostringstream err;
    CHECK(run_prompt(engine, lines, out, err, {}) == 0);
    CHECK(err.str().empty());
    CHECK(out.str().find("no matches") != std::string::npos);
    CHECK(out.str().find("Zebra crossing") != std::string::npos);
}

TEST_CASE("completion") {
    const CompletionValues values{{"financial times", "new york times", "reuters"},
                                  {"cocoa", "coffee", "sugar"}};
    struct Case {
        std::string_view line;
        std::vector<std::string> expected;
        std::size_t word_start;
    };
    const Case cases[] = {
        {"tit", {"title:"}, 0},
        {"cocoa -so", {"-source:"}, 6},
        {"(pla", {"place:"}, 1},
        {"source:", {"source:\"financial times\"", "source:\"new york times\"", "source:reuters"}, 0},
        {"oil source:\"new", {"source:\"new york times\""}, 4},
        {"topic:co", {"topic:cocoa", "topic:coffee"}, 0},
        {"+topic:su", {"+topic:sugar"}, 0},
        {":ne", {":next"}, 0},
        {":s", {":sort", ":stats"}, 0},
        {":sort ne", {"newest"}, 6},
        {":json ", {"off", "on"}, 6},
        {"cocoa", {}, 0},
        {"title:x", {}, 0},
        {"", {}, 0},
    };
    for (const auto& c : cases) {
        CAPTURE(c.line);
        const auto got = complete_line(c.line, values);
        CHECK(got.candidates == c.expected);
        CHECK(got.word_start == c.word_start);
    }
    CHECK(common_prefix({"topic:cocoa", "topic:coffee"}) == "topic:co");
    CHECK(common_prefix({"caf\xc3\xa9", "caf\xc3\xa8"}) == "caf");
    CHECK(common_prefix({}).empty());
}

TEST_CASE("completion values come from the index") {
    Fixture f;
    const auto index = morgue::open_index(f.path);
    const auto values = read_completion_values(index);
    CHECK(values.sources ==
          std::vector<std::string>{"financial times", "new york times", "reuters", "wire desk"});
    CHECK(values.topics == std::vector<std::string>{"cocoa", "prices", "sugar"});
}

TEST_CASE("timeline: counting by month over every match") {
    Fixture f;
    const auto index = morgue::open_index(f.path);
    const auto timeline = count_timeline(index.db, Xapian::Query::MatchAll);
    CHECK(timeline.months == std::map<int, Xapian::doccount>{
                                 {198702, 1}, {198703, 1}, {199006, 1}, {201612, 1}});
    CHECK(timeline.undated == 1);

    Engine engine(morgue::open_index(f.path));
    SearchRequest request;
    request.query = "cocoa";
    request.limit = 1;
    CHECK_FALSE(engine.search(request).timeline);
    request.timeline = true;
    const auto page = engine.search(request);
    REQUIRE(page.timeline);
    CHECK(page.timeline->months.size() == 4);
    CHECK(page.timeline->undated == 0);
}

TEST_CASE("timeline drawing") {
    const auto draw = [](std::map<int, Xapian::doccount> months, Xapian::doccount undated = 0,
                         std::size_t max_bars = 60) {
        return render_timeline(Timeline{std::move(months), undated}, max_bars);
    };
    struct Case {
        std::string_view name;
        std::string got;
        std::string_view expected;
    };
    const Case cases[] = {
        {"nothing dated", draw({}, 3), ""},
        {"years with a gap", draw({{198702, 8}, {198805, 1}, {199001, 4}}),
         "1987 █▁ ▄ 1990 · peak 1987 (8)\n"},
        {"undated noted", draw({{198702, 2}, {199001, 1}}, 5),
         "1987 █  ▄ 1990 · peak 1987 (2) · 5 undated\n"},
        {"months across a new year", draw({{198611, 2}, {198702, 8}}),
         "1986-11 ▂  █ 1987-02 · peak 1987-02 (8)\n"},
        {"one month", draw({{201612, 3}}), "2016-12 █ · peak 2016-12 (3)\n"},
        {"several years to a bar", draw({{199001, 1}, {199101, 1}, {199201, 4}, {199301, 4}}, 0, 2),
         "1990 ▂█ 1993 · peak 1992 (4)\n"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        CHECK(c.got == c.expected);
    }
}

// Unit tests: the plain-text article reader and the shared article cleanup it relies on.
#include "common/text.hpp"
#include "indexer/formats/article_text.hpp"
#include "indexer/formats/registry.hpp"

#include "reader_fixtures.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
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

InputContext context(std::string id, std::optional<morgue::Date> fallback = std::nullopt) {
    return InputContext{id, id, fallback};
}

/// The one article a text input gives; fails the test on a problem.
Article read_article(std::string_view content, const InputContext& ctx) {
    auto records = morgue::index::read_records(Format::text, content, ctx);
    REQUIRE(records.size() == 1);
    if (const auto* problem = std::get_if<RecordProblem>(&records.front()))
        FAIL("unexpected problem: " << problem->reason);
    return std::get<Article>(records.front());
}

RecordProblem read_problem(std::string_view content, const InputContext& ctx) {
    auto records = morgue::index::read_records(Format::text, content, ctx);
    REQUIRE(records.size() == 1);
    REQUIRE(std::holds_alternative<RecordProblem>(records.front()));
    return std::get<RecordProblem>(records.front());
}

}  // namespace

TEST_CASE("text reader: the seed article") {
    const auto content = read_bytes(corpus_dir() / "text" / "putin-abe-nagato.txt");
    const auto fallback = morgue::Date{2016, 12, 15};
    const auto article = read_article(content, context("putin-abe-nagato.txt", fallback));
    CHECK(article.id == "putin-abe-nagato.txt");
    CHECK(article.title == "Putin, Abe hold talks on Japan-Russia territorial dispute");
    CHECK(article.dateline == "NAGATO, Japan");
    CHECK(article.published == fallback);
    CHECK(article.body.starts_with("NAGATO, Japan \u2014 Japanese Prime Minister"));
    CHECK(article.body.ends_with("he said."));
    CHECK(article.body.find("fb-pixel") == std::string::npos);
    CHECK(article.body.find("Skip to main content") == std::string::npos);
    CHECK(article.body.find("\n\n\n") == std::string::npos);
    CHECK(article.body.find("\u2018\u2018We had in-depth discussions on a peace treaty,") !=
          std::string::npos);
}

TEST_CASE("text reader: hand-made corpus articles") {
    struct Case {
        std::string_view path;
        std::string_view title;
        std::string_view byline;
        std::string_view dateline;
        std::string_view date;
        std::string_view body_start;
        std::string_view absent;
    };
    const Case cases[] = {
        {"text/2016/12/15/fed-raises-rates.txt",
         "Fed raises interest rates for the first time this year", "Maria Alvarez",
         "WASHINGTON", "2016-12-15", "WASHINGTON \u2014 The Federal Reserve raised",
         "newsletter"},
        {"text/oil-opec-crlf.txt", "Oil prices climb after OPEC output deal holds",
         "Ahmed Farouk and Lena Brandt", "LONDON", "2016-12-15",
         "LONDON, Dec 15 (Reuters) - Oil prices rose", "All rights reserved"},
        {"text/quake-chile-wire.txt",
         "Strong earthquake shakes southern Chile, no major damage reported",
         "JANE DOE and JOHN ROE, Associated Press", "SANTIAGO, Chile", "2016-12-25",
         "SANTIAGO, Chile (AP) \u2014 A powerful earthquake", "may not be published"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.path);
        // The ingest layer derives the fallback date from a dated path.
        const auto fallback = morgue::parse_date_in_path(c.path);
        const auto article =
            read_article(read_bytes(corpus_dir() / std::string{c.path}), context(std::string{c.path}, fallback));
        CHECK(article.title == c.title);
        CHECK(article.byline == c.byline);
        CHECK(article.dateline == c.dateline);
        REQUIRE(article.published.has_value());
        CHECK(article.published->iso() == c.date);
        CHECK(article.body.starts_with(c.body_start));
        CHECK(article.body.find(c.absent) == std::string::npos);
        CHECK(article.body.find('\r') == std::string::npos);
        CHECK(article.body.find("Advertisement") == std::string::npos);
        CHECK(article.body.find("AP Photo") == std::string::npos);
    }
}

TEST_CASE("text reader: inline articles") {
    struct Case {
        std::string_view input;
        std::string_view title;
        std::string_view byline;
        std::string_view dateline;
        std::string_view date;  // "" = the fallback (none here)
        std::string_view body;
    };
    const Case cases[] = {
        {"Headline here\n\nNEW YORK - Stocks rose on Monday.\n", "Headline here", "", "NEW YORK",
         "", "NEW YORK - Stocks rose on Monday."},
        {"Skip to main content\nShare\nTweet\n\nA title\nBy Jane Doe\n\nBody one.\n\nBody two.\n",
         "A title", "Jane Doe", "", "", "Body one.\n\nBody two."},
        {"Title\n\nUpdated Dec 16, 2016\nPublished December 15, 2016\n\nText.\n", "Title", "", "",
         "2016-12-15", "Text."},
        {"Title\n\nwrapped line one\nwrapped line two\n\n\n\nnext   paragraph\n", "Title", "", "",
         "", "wrapped line one wrapped line two\n\nnext paragraph"},
        {"Title\n\nBy the end of the day the talks had gone nowhere, officials said.\n", "Title", "",
         "", "", "By the end of the day the talks had gone nowhere, officials said."},
        {"This is a long first paragraph without any headline at all, written as a sentence that "
         "goes on well past the length of a headline, as some scraped files do when the page had "
         "no title.\n",
         "", "", "", "",
         "This is a long first paragraph without any headline at all, written as a sentence that "
         "goes on well past the length of a headline, as some scraped files do when the page had "
         "no title."},
        {"\xEF\xBB\xBFT\xC3\xADtulo\n\nS\xC3\xA3o Paulo \xE2\x80\x94 \xE2\x80\x9CQuoted\xE2\x80\x9D text.\n",
         "T\xC3\xADtulo", "", "", "", "S\xC3\xA3o Paulo \xE2\x80\x94 \xE2\x80\x9CQuoted\xE2\x80\x9D text."},
    };
    for (const auto& c : cases) {
        CAPTURE(c.input);
        const auto article = read_article(c.input, context("inline.txt"));
        CHECK(article.title == c.title);
        CHECK(article.byline == c.byline);
        CHECK(article.dateline == c.dateline);
        CHECK((article.published ? article.published->iso() : std::string{}) == c.date);
        CHECK(article.body == c.body);
    }
}

TEST_CASE("text reader: problems") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"", "empty article"},
        {"  \n\t\n\n", "empty article"},
        {"fb-pixel Skip to main content\n\nAdvertisement\n", "empty article"},
        {"Title\n\nGood line\nbad \xFF byte\n", "invalid UTF-8 at byte 21"},
        {"\xC3\x28", "invalid UTF-8 at byte 0"},
    };
    for (auto [input, reason] : cases) {
        CAPTURE(input);
        const auto problem = read_problem(input, context("inline.txt"));
        CHECK(problem.reason == reason);
        CHECK(problem.where.path == "inline.txt");
    }
    CHECK(read_problem("Title\n\nGood line\nbad \xFF byte\n", context("x")).where.line == 4);
}

TEST_CASE("text reader: bad corpus files") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"bad/invalid-utf8.txt", "invalid UTF-8 at byte 95"},
        {"bad/empty-article.txt", "empty article"},
    };
    for (auto [path, reason] : cases) {
        CAPTURE(path);
        const auto problem = read_problem(read_bytes(corpus_dir() / std::string{path}),
                                          context(std::string{path}));
        CHECK(problem.reason == reason);
    }
}

TEST_CASE("datelines") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"NAGATO, Japan \u2014 Japanese Prime Minister Shinzo Abe said", "NAGATO, Japan"},
        {"WASHINGTON (AP) \u2014 The Senate voted on Tuesday", "WASHINGTON"},
        {"LONDON, Dec 15 (Reuters) - Oil prices rose on Thursday", "LONDON"},
        {"NEW YORK - Stocks rose on Monday as investors", "NEW YORK"},
        {"BEIJING, Dec. 15 (Xinhua) -- China's economy grew", "BEIJING"},
        {"SAN JUAN, Puerto Rico \u2013 The governor said", "SAN JUAN, Puerto Rico"},
        {"WILKES-BARRE, Pa. (AP) \u2014 A judge ruled", "WILKES-BARRE, Pa."},
        {"Kyiv (Reuters) - Ukraine said on Friday", "Kyiv"},
        {"NEW DELHI: The government on Monday announced", "NEW DELHI"},
        {"UNITED NATIONS, Dec 15 (Reuters) - The Security Council", "UNITED NATIONS"},
        {"S\u00c3O PAULO \u2014 Brazil's central bank", "S\u00c3O PAULO"},
        {"The minister said on Friday - in a statement - that talks failed.", ""},
        {"Abe (right) \u2014 smiling \u2014 shook hands.", ""},
        {"UPDATE \u2014 The story has been corrected.", ""},
        {"NATO said on Friday that it would send more troops. Officials - speaking", ""},
        {"In Tokyo, Japan \u2014 officials said", ""},
        {"The U.S. economy grew 3 percent.", ""},
    };
    for (auto [paragraph, place] : cases) {
        CAPTURE(paragraph);
        CHECK(morgue::index::parse_dateline(paragraph).value_or("") == place);
    }
}

TEST_CASE("bylines") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"By Jane Doe", "Jane Doe"},
        {"BY JANE DOE", "JANE DOE"},
        {"By JANE DOE and JOHN ROE, Associated Press", "JANE DOE and JOHN ROE, Associated Press"},
        {"By Jane Doe | Reuters", "Jane Doe | Reuters"},
        {"By Jane Doe Published Dec 15, 2016", "Jane Doe"},
        {"By  Ludwig van  Beethoven ", "Ludwig van Beethoven"},
        {"By the end of the day, talks had collapsed.", ""},
        {"By contrast, Russia wants them run under its law.", ""},
        {"Byron Smith said", ""},
        {"by", ""},
    };
    for (auto [line, names] : cases) {
        CAPTURE(line);
        CHECK(morgue::index::parse_byline(line).value_or("") == names);
    }
}

TEST_CASE("date lines") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"December 15, 2016", "2016-12-15"},
        {"Published 10:02 AM EST Dec 15, 2016", "2016-12-15"},
        {"Updated: 2016-12-16T09:30:00Z", "2016-12-16"},
        {"Thursday 15 December 2016", "2016-12-15"},
        {"Dec. 15, 2016 | 10:02 a.m.", "2016-12-15"},
        {"December 15, 2016 was the day the two leaders finally met in Nagato.", ""},
        {"Abe said the talks on December 15, 2016 went well.", ""},
        {"Putin, Abe hold talks", ""},
    };
    for (auto [line, date] : cases) {
        CAPTURE(line);
        const auto parsed = morgue::index::parse_date_line(line);
        CHECK((parsed ? parsed->iso() : std::string{}) == date);
    }
}

TEST_CASE("junk lines") {
    const std::pair<std::string_view, bool> cases[] = {
        {"fb-pixel Skip to main content", true},
        {"Skip to main content", true},
        {"Advertisement", true},
        {"ADVERTISEMENT", true},
        {"Sponsored", true},
        {"Share this article", true},
        {"Share | Tweet | Email | Print", true},
        {"Facebook Twitter LinkedIn WhatsApp", true},
        {"Comments (12)", true},
        {"Sign up for our newsletter", true},
        {"Get the latest headlines delivered to your inbox", true},
        {"Read more: Putin arrives in Japan", true},
        {"Related: Abe's gamble on Russia", true},
        {"Click here to subscribe", true},
        {"Follow Jane Doe on Twitter: @janedoe", true},
        {"Copyright 2016 The Associated Press. All rights reserved.", true},
        {"\u00a9 2016 Morgue News Ltd", true},
        {"This material may not be published, broadcast, rewritten or redistributed.", true},
        {"We use cookies to improve your experience. By continuing to use the site you agree to "
         "our cookie policy.",
         true},
        {"(AP Photo/Eugene Hoshiko)", true},
        {"Abe greets Putin in Nagato. (AP Photo/Eugene Hoshiko)", true},
        {"Story continues below advertisement", true},
        {"Putin, Abe hold talks on Japan-Russia territorial dispute", false},
        {"Share prices fell sharply in Tokyo.", false},
        {"Abe invited Putin even though the G-7 nations still have sanctions on Russia.", false},
        {"The company said it would follow the rules on advertising to children.", false},
        {"Click", false},
        {"78,000", false},
        {"  ", true},
    };
    for (auto [line, junk] : cases) {
        CAPTURE(line);
        CHECK(morgue::index::is_junk_line(line) == junk);
    }
}

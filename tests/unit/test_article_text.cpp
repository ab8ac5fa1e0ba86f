// Unit tests: scraped-article cleanup (assemble_article) and its line tests' edge cases.
#include "indexer/formats/article_text.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace morgue;
using namespace morgue::index;

namespace {

using Paragraphs = std::vector<std::string>;

std::string iso_or_empty(const std::optional<Date>& date) { return date ? date->iso() : std::string{}; }

/// `n` words ("w1 w2 ...") followed by `ending`.
std::string words(std::size_t n, std::string_view ending = "") {
    std::string out;
    for (std::size_t i = 1; i <= n; ++i) {
        if (!out.empty()) out += ' ';
        out += "w" + std::to_string(i);
    }
    return out + std::string{ending};
}

}  // namespace

TEST_CASE("assemble: paragraphs are whitespace-collapsed and joined by one blank line") {
    const auto parts =
        assemble_article({"  First   paragraph\nwraps here. ", "", " \t ", "Second one here."}, "");
    CHECK(parts.body == "First paragraph wraps here.\n\nSecond one here.");
    CHECK(parts.byline.empty());
    CHECK(parts.dateline.empty());
    CHECK_FALSE(parts.published);
}

TEST_CASE("assemble: page junk is dropped wherever it sits") {
    const Paragraphs paragraphs = {
        "Skip to main content", "Advertisement", "Oil prices rose on Monday.", "Share | Tweet",
        "Traders cited the cold weather.", "(AP Photo/Eugene Hoshiko)",
        "Copyright 2016 The Associated Press. All rights reserved."};
    CHECK(assemble_article(paragraphs, "").body ==
          "Oil prices rose on Monday.\n\nTraders cited the cold weather.");
}

TEST_CASE("assemble: a repeat of the title is dropped, whatever its case and spacing") {
    const Paragraphs paragraphs = {"PUTIN,  Abe hold TALKS", "Putin, Abe hold talks in Nagato.",
                                   "The leaders met."};
    CHECK(assemble_article(paragraphs, "Putin, Abe hold talks").body ==
          "Putin, Abe hold talks in Nagato.\n\nThe leaders met.");
    // Without a title nothing counts as its repeat.
    CHECK(assemble_article(paragraphs, "").body.starts_with("PUTIN, Abe hold TALKS\n\n"));
}

TEST_CASE("assemble: a paragraph repeated right after itself is kept once") {
    // The second "Prices fell." follows the first once the advertisement between them is gone.
    const Paragraphs paragraphs = {"Prices rose.", "Prices  rose.", "Prices fell.", "Advertisement",
                                   "Prices fell.", "Prices rose."};
    CHECK(assemble_article(paragraphs, "").body ==
          "Prices rose.\n\nPrices fell.\n\nPrices rose.");
}

TEST_CASE("assemble: a byline in the lead leaves the body; the dateline stays in it") {
    const auto parts = assemble_article(
        {"By Jane Doe", "NAGATO, Japan \u2014 Abe met Putin on Thursday.", "They talked."}, "");
    CHECK(parts.byline == "Jane Doe");
    CHECK(parts.dateline == "NAGATO, Japan");
    CHECK(parts.body == "NAGATO, Japan \u2014 Abe met Putin on Thursday.\n\nThey talked.");
}

TEST_CASE("assemble: a role line right under the byline goes with it, elsewhere it stays") {
    const auto with_role =
        assemble_article({"By Jane Doe", "Associated Press", "The talks ended without a deal."}, "");
    CHECK(with_role.byline == "Jane Doe");
    CHECK(with_role.body == "The talks ended without a deal.");

    const auto alone = assemble_article({"Staff Writer", "The talks ended."}, "");
    CHECK(alone.byline.empty());
    CHECK(alone.body == "Staff Writer\n\nThe talks ended.");
}

TEST_CASE("assemble: the first byline is kept; later ones in the lead still leave the body") {
    const auto parts = assemble_article({"By Jane Doe", "By John Roe", "The talks ended."}, "");
    CHECK(parts.byline == "Jane Doe");
    CHECK(parts.body == "The talks ended.");
}

TEST_CASE("assemble: a date line in the lead dates the article, a published date beating an update") {
    struct Case {
        std::string_view name;
        Paragraphs paragraphs;
        std::string_view date;
    };
    const Case cases[] = {
        {"update first", {"Updated December 16, 2016", "Published December 15, 2016", "Text of the story."},
         "2016-12-15"},
        {"published first", {"Published December 15, 2016", "Updated December 16, 2016", "Text of the story."},
         "2016-12-15"},
        {"only an update", {"Last updated: Dec. 16, 2016", "Text of the story."}, "2016-12-16"},
        {"two published dates", {"December 14, 2016", "December 15, 2016", "Text of the story."},
         "2016-12-14"},
        {"after a standfirst and a byline",
         {"A short standfirst.", "By Jane Doe", "Thursday 15 December 2016", "Text of the story."},
         "2016-12-15"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto parts = assemble_article(c.paragraphs, "");
        CHECK(iso_or_empty(parts.published) == c.date);
        CHECK(parts.body.ends_with("Text of the story."));
        CHECK(parts.body.find("2016") == std::string::npos);
    }
}

TEST_CASE("assemble: bylines and date lines past the first five paragraphs stay in the body") {
    const Paragraphs paragraphs = {"Paragraph one of the story.", "Paragraph two of the story.",
                                   "Paragraph three of the story.", "Paragraph four of the story.",
                                   "Paragraph five of the story.", "By Jane Doe",
                                   "December 15, 2016"};
    const auto parts = assemble_article(paragraphs, "");
    CHECK(parts.byline.empty());
    CHECK_FALSE(parts.published);
    CHECK(parts.body.ends_with("Paragraph five of the story.\n\nBy Jane Doe\n\nDecember 15, 2016"));
}

TEST_CASE("assemble: the dateline is looked for in the first paragraph or after a short standfirst") {
    const std::string dateline = "WASHINGTON (AP) \u2014 The Senate voted on Tuesday.";
    const std::string long_lead =
        "Abe invited Putin to his home town even though the G-7 nations still have sanctions on "
        "Russia, and the two leaders spent the evening at a hot spring resort where they talked "
        "about the islands, the fishing rights and the joint projects both sides want to start.";
    REQUIRE(long_lead.size() > 200);
    CHECK(assemble_article({"A short standfirst.", dateline}, "").dateline == "WASHINGTON");
    CHECK(assemble_article({long_lead, dateline}, "").dateline.empty());
    CHECK(assemble_article({"Short one.", "Short two.", dateline}, "").dateline.empty());
    CHECK(parse_dateline(dateline) == "WASHINGTON");
}

TEST_CASE("assemble: an article of nothing but junk comes back empty") {
    const auto parts = assemble_article(
        {"fb-pixel", "Skip to content", "Advertisement", "Sign up for our newsletter", ""}, "Title");
    CHECK(parts.body.empty());
    CHECK(parts.byline.empty());
    CHECK(parts.dateline.empty());
    CHECK_FALSE(parts.published);
    CHECK(assemble_article({}, "").body.empty());
}

TEST_CASE("headlines: short lines with letters, not long sentences") {
    const std::pair<std::string, bool> cases[] = {
        {"Putin, Abe hold talks", true},
        {"  Talks  ", true},
        {"Abe", true},
        {"Ab", false},
        {"2016", false},
        {"12:30 -- 14:00", false},
        {std::string(250, 'a'), true},
        {std::string(251, 'a'), false},
        {words(40), true},
        {words(41), false},
        {words(20, "."), true},
        {words(21, "."), false},
        {words(21), true},
    };
    for (const auto& [line, headline] : cases) {
        CAPTURE(line);
        CHECK(looks_like_headline(line) == headline);
    }
}

TEST_CASE("update lines: updated or modified, not published") {
    const std::pair<std::string_view, bool> cases[] = {
        {"Updated 10:02 AM EST", true},
        {"Last updated: Dec 16", true},
        {"  MODIFIED Dec 15", true},
        {"Last modified 2016-12-16", true},
        {"Published Dec 15, 2016", false},
        {"The plan was updated on Friday", false},
        {"", false},
    };
    for (auto [line, update] : cases) {
        CAPTURE(line);
        CHECK(is_update_line(line) == update);
    }
}

TEST_CASE("datelines: what is not one, and a weekday in place of a date") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"LONDON, Thursday (Reuters) - Oil prices rose", "LONDON"},
        {"NEW YORK -", ""},
        {"Washington \u2014 Officials said on Friday", ""},
        {"WASHINGTON (AP): The Senate voted", ""},
        {"PARIS (local paper) \u2014 The mayor said", ""},
        {"TOKYO, Japan, Honshu, Asia \u2014 A quake hit", ""},
        {"ROUTE 66 \u2014 The old road", ""},
    };
    for (auto [paragraph, place] : cases) {
        CAPTURE(paragraph);
        CHECK(parse_dateline(paragraph).value_or("") == place);
    }
}

TEST_CASE("bylines: roles, dates and joining words") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"By Jane Doe, Staff Writer", "Jane Doe, Staff Writer"},
        {"By Jane Doe \u2022 December 15, 2016", "Jane Doe"},
        {"By Jane Doe on December 15, 2016", "Jane Doe"},
        {"By Jane Doe and John Roe:", "Jane Doe and John Roe"},
        {"By Mar\u00eda de la Cruz", "Mar\u00eda de la Cruz"},
        {"By \u00c1lvaro Uribe", "\u00c1lvaro Uribe"},
        {"By jane doe", ""},
        {"By Jane Doe, who covered the talks.", ""},
        {"By Friday, Russia agreed.", ""},
        {"By Tuesday Abe agreed.", ""},
        {"By March 3 the talks had ended.", ""},
        {"By Noon Reuters Had Word", ""},
        {"By May Smith", "May Smith"},
        {"By The Associated Press", "The Associated Press"},
        // Other languages' word for "by"; their sentences that open with it are no bylines.
        {"Por Agencia EFE", "Agencia EFE"},
        {"Par Stefan H\u00e4ne, Sylvain Besson", "Stefan H\u00e4ne, Sylvain Besson"},
        {"Von Mittwoch an gilt die neue Regel.", ""},
        {"Por qu\u00e9 el gobierno no habl\u00f3", ""},
    };
    for (auto [line, names] : cases) {
        CAPTURE(line);
        CHECK(parse_byline(line).value_or("") == names);
    }
}

TEST_CASE("date lines: times, zones and one extra word are allowed; a bad day is not a date") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"Dec 15, 2016 12:00 GMT", "2016-12-15"},
        {"Posted on Thursday, 15 December 2016 at 10:02", "2016-12-15"},
        {"2016-12-15 | Reuters", "2016-12-15"},
        // A writer's name or a section before a bar, then the date.
        {"Ann Lee | Dec 15, 2016", "2016-12-15"},
        {"\uc774\uc6a9\ubbfc \uae30\uc790 | 2020-03-04 16:52:59", "2020-03-04"},
        {"Sales rose on the news | Dec 15, 2016", ""},
        {"Thursday", ""},
        {"Updated 2016-12-32", ""},
        {"Sales rose 5% on December 15, 2016", ""},
    };
    for (auto [line, date] : cases) {
        CAPTURE(line);
        CHECK(iso_or_empty(parse_date_line(line)) == date);
    }
}

TEST_CASE("junk lines: buttons, credits and notices; long paragraphs that mention them are text") {
    const std::string long_mention =
        "The newsletter, first printed in 1950, reached two thousand readers in the town before "
        "the war and was revived by volunteers in the years after it closed, the mayor said.";
    REQUIRE(long_mention.size() > 160);
    const std::pair<std::string, bool> cases[] = {
        {"Share on Facebook \u2022 Share on Twitter", true},
        {"Listen to this article 5 min read", true},
        {"Photo: Reuters", true},
        {"Abe greets Putin. (Photo by Jane Doe/Getty Images)", true},
        {"Putin (right) met Abe (left)", false},
        {long_mention, false},
        {"Sign up for the newsletter here.", true},
        // A reporter's address alone closes a wire story; with words around it, it is text.
        {"kokobj@yna.co.kr", true},
        {"kokobj@yna.co.kr (END)", true},
        {"\ucd5c\uc724\ud638 \uae30\uc790 uknow@donga.com", false},
        {"Email: david.zurawik@baltsun.com; Twitter: @davidzurawik.", false},
        {"@davidzurawik", false},
    };
    for (const auto& [line, junk] : cases) {
        CAPTURE(line);
        CHECK(is_junk_line(line) == junk);
    }
}

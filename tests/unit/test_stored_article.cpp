// Unit tests: the stored article layout round-trips every field and rejects damage.
#include "common/error.hpp"
#include "common/stored_article.hpp"

#include <doctest/doctest.h>

using namespace morgue;

TEST_CASE("stored article round-trips") {
    Article a;
    a.id = "reuters/12793";
    a.title = "Putin, Abe hold talks";
    a.body = std::string(100000, 'x') + "\n\nend";
    a.published = Date{2016, 12, 15};
    a.source = "Associated Press";
    a.byline = "By Jane Doe";
    a.url = "https://example.org/a";
    a.dateline = "NAGATO, Japan";
    a.places = {"japan", "russia"};
    a.topics = {"diplomacy"};
    const auto b = decode_stored_article(encode_stored_article(a));
    CHECK(b.id == a.id);
    CHECK(b.title == a.title);
    CHECK(b.body == a.body);
    CHECK(b.published == a.published);
    CHECK(b.source == a.source);
    CHECK(b.byline == a.byline);
    CHECK(b.url == a.url);
    CHECK(b.dateline == a.dateline);
    CHECK(b.places == a.places);
    CHECK(b.topics == a.topics);
}

TEST_CASE("undated article stays undated") {
    Article a;
    a.id = "x";
    CHECK_FALSE(decode_stored_article(encode_stored_article(a)).published);
}

TEST_CASE("damaged data is an error, not a crash") {
    Article a;
    a.id = "x";
    a.body = "some body text";
    const auto data = encode_stored_article(a);
    CHECK_THROWS_AS(decode_stored_article(""), Error);
    CHECK_THROWS_AS(decode_stored_article("garbage"), Error);
    CHECK_THROWS_AS(decode_stored_article(data.substr(0, data.size() - 3)), Error);
}

TEST_CASE("the summary reads a hit's fields without the rest") {
    Article a;
    a.id = "reuters/12793";
    a.title = "Putin, Abe hold talks";
    a.body = "Body text.";
    a.published = Date{2016, 12, 15};
    a.source = "Associated Press";
    a.byline = "By Jane Doe";
    a.places = {"japan", "russia"};
    a.topics = {"diplomacy"};
    const auto data = encode_stored_article(a);
    const auto s = decode_stored_summary(data, true);
    CHECK(s.id == a.id);
    CHECK(s.title == a.title);
    CHECK(s.published == "20161215");
    CHECK(s.source == a.source);
    CHECK(s.body == a.body);
    CHECK(decode_stored_summary(data, false).body.empty());
    CHECK_THROWS_AS(decode_stored_summary("garbage", false), Error);
    CHECK_THROWS_AS(decode_stored_summary(data.substr(0, data.size() - 3), true), Error);
}

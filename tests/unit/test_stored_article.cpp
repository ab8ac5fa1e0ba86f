// Unit tests: the stored article layout round-trips every field and rejects damage.
#include "common/error.hpp"
#include "common/schema.hpp"
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
    const auto encoded = encode_stored_article(a);
    // The body is apart from the fields, and compressed.
    CHECK(encoded.data.find("xxxx") == std::string::npos);
    CHECK(encoded.body.size() < 1000);
    const auto b = decode_stored_article(encoded.data, encoded.body);
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
    const auto encoded = encode_stored_article(a);
    CHECK_FALSE(decode_stored_article(encoded.data, encoded.body).published);
}

TEST_CASE("damaged data is an error, not a crash") {
    Article a;
    a.id = "x";
    a.body = "some body text";
    a.topics = {"markets"};
    const auto [data, body] = encode_stored_article(a);
    CHECK_THROWS_AS(decode_stored_article("", body), Error);
    CHECK_THROWS_AS(decode_stored_article("garbage", body), Error);
    CHECK_THROWS_AS(decode_stored_article(data.substr(0, data.size() - 3), body), Error);
    CHECK_THROWS_AS(decode_stored_body("?" + body.substr(1)), Error);

    a.body = std::string(5000, 'y');
    const auto long_body = encode_stored_article(a).body;
    CHECK(long_body.size() < 200);
    CHECK(decode_stored_body(long_body) == a.body);
    for (const std::size_t keep : {std::size_t{1}, std::size_t{5}, long_body.size() - 1}) {
        CAPTURE(keep);
        CHECK_THROWS_AS(decode_stored_body(long_body.substr(0, keep)), Error);
    }
    auto flipped = long_body;
    flipped[flipped.size() / 2] ^= 0x55;
    // Damage zstd cannot notice may decode to other text, but never crashes or overruns.
    std::size_t decoded = 0;
    try {
        decoded = decode_stored_body(flipped).size();
    } catch (const Error&) {
    }
    CHECK(decoded <= a.body.size());
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
    const auto data = encode_stored_article(a).data;
    const auto s = decode_stored_summary(data);
    CHECK(s.id == a.id);
    CHECK(s.title == a.title);
    CHECK(s.published == "20161215");
    CHECK(s.source == a.source);
    CHECK_THROWS_AS(decode_stored_summary("garbage"), Error);
    CHECK_THROWS_AS(decode_stored_summary(data.substr(0, 5)), Error);
}

TEST_CASE("a document keeps the fields in its data and the body in its slot") {
    Article a;
    a.id = "42";
    a.title = "Cocoa prices rise";
    a.body = "Cocoa prices rose sharply in Abidjan on Monday, traders said. " + std::string(300, 'z');
    Xapian::Document doc;
    store_article(a, doc);
    CHECK(doc.get_data().find("Abidjan") == std::string::npos);
    CHECK_FALSE(doc.get_value(schema::body_slot).empty());
    const auto b = load_article(doc);
    CHECK(b.title == a.title);
    CHECK(b.body == a.body);

    a.body.clear();
    Xapian::Document empty_body;
    store_article(a, empty_body);
    CHECK(empty_body.get_value(schema::body_slot).empty());
    CHECK(load_article(empty_body).body.empty());
}

// Unit tests: the terms, positions, values and stored data DocumentBuilder gives a document.
#include "common/schema.hpp"
#include "common/stored_article.hpp"
#include "common/terms.hpp"
#include "common/text.hpp"
#include "indexer/document_builder.hpp"

#include "article_builder.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <map>
#include <set>
#include <string>
#include <vector>

using namespace morgue;
using namespace morgue::index;

namespace {

std::set<std::string> terms_of(const Xapian::Document& doc) {
    return {doc.termlist_begin(), doc.termlist_end()};
}

/// The terms of `doc` that start with `prefix`.
std::set<std::string> terms_with(const Xapian::Document& doc, std::string_view prefix) {
    std::set<std::string> out;
    for (const auto& term : terms_of(doc))
        if (term.starts_with(prefix)) out.insert(term);
    return out;
}

/// The positions of `term` in `doc`; empty when the term is missing or has none.
std::vector<Xapian::termpos> positions_of(const Xapian::Document& doc, const std::string& term) {
    auto it = doc.termlist_begin();
    it.skip_to(term);
    if (it == doc.termlist_end() || *it != term) return {};
    return {it.positionlist_begin(), it.positionlist_end()};
}

/// The wdf of `term` in `doc`, or -1 when the document lacks it.
long wdf_of(const Xapian::Document& doc, const std::string& term) {
    auto it = doc.termlist_begin();
    it.skip_to(term);
    if (it == doc.termlist_end() || *it != term) return -1;
    return static_cast<long>(it.get_wdf());
}

/// How many of the documents in a one-document in-memory database match `query`.
Xapian::doccount matches(const Xapian::Document& doc, const Xapian::Query& query) {
    Xapian::WritableDatabase db(std::string{}, Xapian::DB_BACKEND_INMEMORY);
    db.add_document(doc);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    return enquire.get_mset(0, 10).size();
}

Xapian::Query phrase(const std::vector<std::string>& terms) {
    return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end());
}

/// Every word of `db`'s spelling table with its frequency.
std::map<std::string, Xapian::doccount> spellings_of(const Xapian::Database& db) {
    std::map<std::string, Xapian::doccount> out;
    for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) out[*it] = it.get_termfreq();
    return out;
}

Article body_only(std::string body) {
    Article a;
    a.id = "b1";
    a.body = std::move(body);
    return a;
}

/// `n` copies of "é" (two bytes each in UTF-8).
std::string e_acute(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += "\xC3\xA9";
    return out;
}

}  // namespace

TEST_CASE("document builder: the id term is the id prefix and the id exactly as written") {
    DocumentBuilder builder(AnalysisConfig{});
    auto a = body_only("text");
    a.id = "Reuters/12793 B";
    const auto doc = builder.build(a);
    CHECK(terms_with(doc, schema::id_prefix) == std::set<std::string>{"QReuters/12793 B"});
    CHECK(wdf_of(doc, "QReuters/12793 B") == 0);
    CHECK(positions_of(doc, "QReuters/12793 B").empty());
}

TEST_CASE("document builder: an id too long for a term gives one id term within the limit") {
    DocumentBuilder builder(AnalysisConfig{});
    auto a = body_only("text");
    a.id = std::string(300, 'x');
    const auto ids = terms_with(builder.build(a), schema::id_prefix);
    REQUIRE(ids.size() == 1);
    CHECK(*ids.begin() == id_term(a.id));
    CHECK(ids.begin()->size() <= max_term_bytes);
    CHECK(ids.begin()->starts_with("Q" + std::string(200, 'x')));

    auto b = a;
    b.id += "y";
    CHECK(terms_with(builder.build(b), schema::id_prefix) != ids);
}

TEST_CASE("document builder: title words go under the title prefix and into the text") {
    DocumentBuilder builder(AnalysisConfig{});
    auto a = body_only("Rains helped.");
    a.title = "Cocoa harvests";
    const auto doc = builder.build(a);
    CHECK(terms_with(doc, schema::title_prefix) == std::set<std::string>{"Scocoa", "Sharvest"});
    CHECK(wdf_of(doc, "cocoa") == static_cast<long>(schema::title_wdf));
    CHECK(wdf_of(doc, "harvest") == static_cast<long>(schema::title_wdf));
    CHECK(wdf_of(doc, "rain") == 1);
    // Body words are not title words.
    CHECK(wdf_of(doc, "Srain") == -1);

    a.title.clear();
    CHECK(terms_with(builder.build(a), schema::title_prefix).empty());
}

TEST_CASE("document builder: body words carry positions, so a phrase matches in order only") {
    DocumentBuilder builder(AnalysisConfig{});
    const auto doc = builder.build(body_only("The central bank raised rates."));
    const auto central = positions_of(doc, "central");
    const auto bank = positions_of(doc, "bank");
    REQUIRE(central.size() == 1);
    REQUIRE(bank.size() == 1);
    CHECK(bank[0] == central[0] + 1);
    CHECK(matches(doc, phrase({"central", "bank"})) == 1);
    CHECK(matches(doc, phrase({"bank", "central"})) == 0);
    CHECK(matches(doc, phrase({"central", "rais"})) == 0);
}

TEST_CASE("document builder: a phrase does not run from the title into the body") {
    DocumentBuilder builder(AnalysisConfig{});
    auto a = body_only("bank raised rates");
    a.title = "Central";
    const auto doc = builder.build(a);
    CHECK(matches(doc, phrase({"central", "bank"})) == 0);
    CHECK(matches(doc, phrase({"bank", "rais", "rate"})) == 1);
    // The title's own phrase works under its prefix and in the text.
    a.title = "Central bank";
    a.body = "Rates rose.";
    const auto titled = builder.build(a);
    CHECK(matches(titled, phrase({"Scentral", "Sbank"})) == 1);
    CHECK(matches(titled, phrase({"central", "bank"})) == 1);
    CHECK(matches(titled, phrase({"bank", "rate"})) == 0);
}

TEST_CASE("document builder: stemmed phrase mode keeps positions on stems and makes no Z terms") {
    DocumentBuilder builder(AnalysisConfig{});
    const auto doc = builder.build(body_only("Territorial disputes"));
    CHECK(positions_of(doc, "territori").size() == 1);
    CHECK(positions_of(doc, "disput").size() == 1);
    CHECK(wdf_of(doc, "disputes") == -1);
    CHECK(terms_with(doc, "Z").empty());
}

TEST_CASE("document builder: exact phrase mode keeps the words as written and adds Z stems") {
    AnalysisConfig cfg;
    cfg.phrase_mode = PhraseMode::exact;
    DocumentBuilder builder(cfg);
    auto a = body_only("Territorial disputes 1987");
    a.title = "Disputes";
    const auto doc = builder.build(a);
    CHECK(positions_of(doc, "disputes").size() == 2);  // once from the title, once from the body
    CHECK(wdf_of(doc, "Zdisput") == static_cast<long>(schema::title_wdf) + 1);
    CHECK(wdf_of(doc, "Zterritori") == 1);
    CHECK(wdf_of(doc, "Sdisputes") == 1);
    CHECK(wdf_of(doc, "ZSdisput") == 1);
    CHECK(matches(doc, phrase({"territorial", "disputes"})) == 1);
    CHECK(matches(doc, phrase({"territorial", "dispute"})) == 0);
    // Xapian stems only words that start with a letter.
    CHECK(wdf_of(doc, "1987") == 1);
    CHECK(wdf_of(doc, "Z1987") == -1);
}

TEST_CASE("document builder: language none indexes the words unstemmed") {
    AnalysisConfig cfg;
    cfg.language = "none";
    DocumentBuilder builder(cfg);
    const auto doc = builder.build(body_only("Territorial disputes"));
    CHECK(positions_of(doc, "territorial").size() == 1);
    CHECK(positions_of(doc, "disputes").size() == 1);
    CHECK(wdf_of(doc, "disput") == -1);
    CHECK(terms_with(doc, "Z").empty());
}

TEST_CASE("document builder: words longer than the longest word are left out") {
    AnalysisConfig cfg;
    cfg.language = "none";
    DocumentBuilder builder(cfg);
    const std::string longest(max_word_bytes, 'k');
    const std::string too_long(max_word_bytes + 1, 'l');
    const auto doc = builder.build(body_only("short " + longest + " " + too_long + " end"));
    CHECK(wdf_of(doc, longest) == 1);
    CHECK(wdf_of(doc, too_long) == -1);
    CHECK(wdf_of(doc, "end") == 1);
}

TEST_CASE("document builder: labels become normalised boolean terms under their prefixes") {
    DocumentBuilder builder(AnalysisConfig{});
    const auto a = test::make_article("l1", "", "text", std::nullopt, "The  New York\tTIMES",
                                      {"Crude Oil", "   ", "GRAIN"}, {"West Germany", ""});
    const auto doc = builder.build(a);
    CHECK(terms_with(doc, schema::source_prefix) == std::set<std::string>{"XSthe new york times"});
    CHECK(terms_with(doc, schema::topic_prefix) == std::set<std::string>{"Kcrude oil", "Kgrain"});
    CHECK(terms_with(doc, schema::place_prefix) == std::set<std::string>{"XPwest germany"});
    for (const auto& term : {"XSthe new york times", "Kcrude oil", "XPwest germany"}) {
        CAPTURE(term);
        CHECK(wdf_of(doc, term) == 0);
        CHECK(positions_of(doc, term).empty());
    }
    CHECK(doc.get_value(schema::source_slot) == "the new york times");
    CHECK(doc.get_value(schema::source_slot) == label_value(schema::source_prefix, a.source));

    const auto unsourced = builder.build(body_only("text"));
    CHECK(terms_with(unsourced, schema::source_prefix).empty());
    CHECK(unsourced.get_value(schema::source_slot).empty());
}

TEST_CASE("document builder: a dateline gives the whole place and each of its parts") {
    DocumentBuilder builder(AnalysisConfig{});
    auto a = body_only("text");
    a.dateline = "SAN JUAN, Puerto Rico";
    CHECK(terms_with(builder.build(a), schema::place_prefix) ==
          std::set<std::string>{"XPsan juan, puerto rico", "XPsan juan", "XPpuerto rico"});
    a.dateline = "WASHINGTON";
    a.places = {"usa"};
    CHECK(terms_with(builder.build(a), schema::place_prefix) ==
          std::set<std::string>{"XPwashington", "XPusa"});
}

TEST_CASE("document builder: a byline gives each name and each word of a name") {
    DocumentBuilder builder(AnalysisConfig{});
    auto a = body_only("text");
    a.byline = "By Jane Doe and John Q. Roe, Associated Press";
    CHECK(terms_with(builder.build(a), schema::byline_prefix) ==
          std::set<std::string>{"Ajane doe", "Ajane", "Adoe", "Ajohn q. roe", "Ajohn", "Aroe",
                                "Aassociated press", "Aassociated", "Apress"});
    a.byline = "Ana Lima & Bo Wu; Cy Ng / Di Ho";
    CHECK(terms_with(builder.build(a), schema::byline_prefix) ==
          std::set<std::string>{"Aana lima", "Aana", "Alima", "Abo wu", "Abo", "Awu", "Acy ng",
                                "Acy", "Ang", "Adi ho", "Adi", "Aho"});
    // "and" inside a name is not a separator.
    a.byline = "Sandra Anderson";
    CHECK(terms_with(builder.build(a), schema::byline_prefix) ==
          std::set<std::string>{"Asandra anderson", "Asandra", "Aanderson"});
}

TEST_CASE("document builder: a dated article gets year, month and day terms and date values") {
    DocumentBuilder builder(AnalysisConfig{});
    auto a = body_only("text");
    a.published = Date{1987, 2, 6};
    const auto doc = builder.build(a);
    CHECK(terms_with(doc, schema::year_prefix) == std::set<std::string>{"Y1987"});
    CHECK(terms_with(doc, schema::month_prefix) == std::set<std::string>{"M198702"});
    CHECK(terms_with(doc, schema::day_prefix) == std::set<std::string>{"D19870206"});
    CHECK(wdf_of(doc, std::string{schema::has_date_term}) == 0);
    CHECK(doc.get_value(schema::date_slot) == "19870206");
    CHECK(doc.get_value(schema::year_slot) == "1987");

    a.published.reset();
    const auto undated = builder.build(a);
    for (const auto prefix : {schema::year_prefix, schema::month_prefix, schema::day_prefix}) {
        CAPTURE(prefix);
        CHECK(terms_with(undated, prefix).empty());
    }
    CHECK(wdf_of(undated, std::string{schema::has_date_term}) == -1);
    CHECK(undated.get_value(schema::date_slot).empty());
    CHECK(undated.get_value(schema::year_slot).empty());
}

TEST_CASE("document builder: long labels are cut to fit a term at a whole character") {
    DocumentBuilder builder(AnalysisConfig{});
    // 300 bytes of two-byte characters: "K" leaves 244 bytes (122 characters); "XS" leaves
    // 243, cut back to 242 so as not to split a character.
    const auto label = e_acute(150);
    auto a = body_only("text");
    a.topics = {label};
    a.source = label;
    const auto doc = builder.build(a);
    CHECK(terms_with(doc, schema::topic_prefix) == std::set<std::string>{"K" + e_acute(122)});
    CHECK(terms_with(doc, schema::source_prefix) == std::set<std::string>{"XS" + e_acute(121)});
    CHECK(doc.get_value(schema::source_slot) == e_acute(121));
    CHECK(label_term(schema::topic_prefix, label) == "K" + e_acute(122));
    for (const auto& term : terms_of(doc)) {
        CAPTURE(term);
        CHECK(term.size() <= max_term_bytes);
        CHECK(is_valid_utf8(term));
    }
}

TEST_CASE("document builder: the stored article round-trips and the duplicate key is set") {
    DocumentBuilder builder(AnalysisConfig{});
    auto a = test::make_article("rt-1", "Putin, Abe hold talks",
                                "NAGATO, Japan \xE2\x80\x94 The leaders met.\n\nSecond paragraph.",
                                Date{2016, 12, 15}, "Associated Press", {"diplomacy"},
                                {"japan", "russia"}, "By Jane Doe");
    a.url = "https://example.org/a";
    a.dateline = "NAGATO, Japan";
    const auto doc = builder.build(a);
    const auto back = load_article(doc);
    CHECK(back.id == a.id);
    CHECK(back.title == a.title);
    CHECK(back.body == a.body);
    CHECK(back.published == a.published);
    CHECK(back.source == a.source);
    CHECK(back.byline == a.byline);
    CHECK(back.url == a.url);
    CHECK(back.dateline == a.dateline);
    CHECK(back.topics == a.topics);
    CHECK(back.places == a.places);
    CHECK(doc.get_value(schema::dupkey_slot) == duplicate_key(a));
    CHECK_FALSE(duplicate_key(a).empty());

    // Too little text to tell copies apart: no key.
    const auto short_doc = builder.build(test::make_article("s", "Hi", "ok", std::nullopt, ""));
    CHECK(short_doc.get_value(schema::dupkey_slot).empty());
}

TEST_CASE("document builder: counted spelling adds what direct spelling adds") {
    test::TempDir dir;
    Article a = test::make_article("sp", "Harbour ferry", "The harbour ferry sails at dawn, 1987.",
                                   std::nullopt, "Port News");
    Xapian::WritableDatabase direct(dir / "direct", Xapian::DB_CREATE);
    Xapian::WritableDatabase counted(dir / "counted", Xapian::DB_CREATE);
    Xapian::WritableDatabase uncached(dir / "uncached", Xapian::DB_CREATE);
    DocumentBuilder direct_builder(AnalysisConfig{});
    DocumentBuilder counting_builder(AnalysisConfig{});
    DocumentBuilder uncached_builder(AnalysisConfig{}, false);
    direct_builder.build(a, &direct);
    counting_builder.build(a, &counted, true);
    uncached_builder.build(a, &uncached, true);
    direct.commit();
    counted.commit();
    CHECK(spellings_of(counted).empty());  // counted until add_counted_spelling()
    counting_builder.add_counted_spelling(counted);
    uncached_builder.add_counted_spelling(uncached);
    counted.commit();
    uncached.commit();

    const auto expected = spellings_of(direct);
    CHECK(expected.at("harbour") == 2);  // the title's words once (unprefixed), the body's once
    CHECK(expected.at("dawn") == 1);
    CHECK(expected.count("port") == 0);  // labels are not words of the text
    CHECK(spellings_of(counted) == expected);
    CHECK(spellings_of(uncached) == expected);  // counting works without the stem cache too

    // The counts were handed over: a second call adds nothing more.
    counting_builder.add_counted_spelling(counted);
    counted.commit();
    CHECK(spellings_of(counted) == expected);
}

TEST_CASE("document builder: without a stemmer, spelling is added at once even when counting") {
    test::TempDir dir;
    AnalysisConfig cfg;
    cfg.language = "none";
    Xapian::WritableDatabase db(dir / "db", Xapian::DB_CREATE);
    DocumentBuilder builder(cfg);
    builder.build(body_only("harbour ferry harbour"), &db, true);
    db.commit();
    const auto words = spellings_of(db);
    CHECK(words.at("harbour") == 2);
    CHECK(words.at("ferry") == 1);
}

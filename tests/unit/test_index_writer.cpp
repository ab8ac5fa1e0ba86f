// Unit tests: documents carry the schema's terms and values; writes replace by id; batches commit.
#include "common/error.hpp"
#include "common/index_layout.hpp"
#include "common/index_open.hpp"
#include "common/terms.hpp"
#include "common/schema.hpp"
#include "common/stored_article.hpp"
#include "indexer/document_builder.hpp"
#include "indexer/index_writer.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <set>

using namespace morgue;
using namespace morgue::index;

namespace {

Article seed_like() {
    Article a;
    a.id = "2016/12/15/putin.txt";
    a.title = "Putin, Abe hold talks on Japan-Russia territorial dispute";
    a.body = "NAGATO, Japan — The dispute over four islands seized by the former Soviet Union.";
    a.published = Date{2016, 12, 15};
    a.source = "Associated Press";
    a.byline = "By Jane Doe and John Roe";
    a.dateline = "NAGATO, Japan";
    a.places = {"japan"};
    a.topics = {"Diplomacy"};
    return a;
}

std::set<std::string> terms_of(const Xapian::Document& doc) {
    return {doc.termlist_begin(), doc.termlist_end()};
}

}  // namespace

TEST_CASE("a document carries every schema term and value") {
    DocumentBuilder builder(AnalysisConfig{});
    const auto doc = builder.build(seed_like());
    const auto terms = terms_of(doc);
    const std::string expected[] = {
        "Q2016/12/15/putin.txt", "XSassociated press", "Kdiplomacy", "XPjapan", "XPnagato",
        "XPnagato, japan", "Ajane doe", "Ajohn roe", "Adoe", "Y2016", "M201612", "D20161215",
        "XHASDATE", "Sterritori", "territori", "island", "disput"};
    for (const auto& term : expected) {
        CAPTURE(term);
        CHECK(terms.count(term) == 1);
    }
    CHECK(doc.get_value(schema::date_slot) == "20161215");
    CHECK(doc.get_value(schema::year_slot) == "2016");
    CHECK(doc.get_value(schema::source_slot) == "associated press");
    CHECK(doc.get_value(schema::dupkey_slot).size() == 16);
    CHECK(load_article(doc).title == seed_like().title);
}

TEST_CASE("title words weigh more than body words") {
    DocumentBuilder builder(AnalysisConfig{});
    Article a;
    a.id = "t";
    a.title = "cocoa";
    a.body = "coffee";
    const auto doc = builder.build(a);
    auto wdf = [&](const std::string& term) {
        auto it = doc.termlist_begin();
        it.skip_to(term);
        return it != doc.termlist_end() && *it == term ? it.get_wdf() : 0u;
    };
    CHECK(wdf("cocoa") == schema::title_wdf);
    CHECK(wdf("coffe") == 1);
    CHECK(wdf("Scocoa") == 1);
}

TEST_CASE("an undated article has no date terms or value") {
    DocumentBuilder builder(AnalysisConfig{});
    auto a = seed_like();
    a.published.reset();
    const auto doc = builder.build(a);
    CHECK(doc.get_value(schema::date_slot).empty());
    CHECK(terms_of(doc).count(std::string{schema::has_date_term}) == 0);
}

TEST_CASE("id terms stay within Xapian's limit and unique") {
    const std::string long_a(400, 'a');
    const auto long_b = long_a + "b";
    CHECK(id_term(long_a).size() <= 245);
    CHECK(id_term(long_a) != id_term(long_b));
    CHECK(id_term("short") == "Qshort");
}

TEST_CASE("duplicate key: same story, same key; different story, different key") {
    Article a;
    a.title = "BAHIA COCOA REVIEW";
    a.body = "Showers continued throughout the week in the Bahia cocoa zone.";
    Article b = a;
    b.body = "Showers  continued throughout the week\nin the Bahia cocoa zone.";
    Article c = a;
    c.title = "BAHIA COFFEE REVIEW";
    CHECK(duplicate_key(a) == duplicate_key(b));
    CHECK(duplicate_key(a) != duplicate_key(c));
    CHECK(duplicate_key(Article{}).empty());
}

TEST_CASE("duplicate key: folds only the lead, the same for any text after it") {
    // Fixed values: keys already stored in indexes must not change. The title mixes upper-case
    // non-ASCII letters, a letter whose lower case is longer in UTF-8 and an invalid byte.
    Article a;
    a.title = "\xC3\x89T\xC3\x89 \xC4\xB0STANBUL \xFF caf\xC3\xA9";
    a.body = std::string(291, 'x') + "\xC3\x89\xC3\x89\xC3\x89\xC3\x89\xC3\x89\xC3\x89";
    CHECK(duplicate_key(a) == "c29c2a0ac03e5fb8");
    a.body += std::string(5000, 'y');
    CHECK(duplicate_key(a) == "c29c2a0ac03e5fb8");
}

TEST_CASE("re-writing an id replaces, and commits are whole") {
    test::TempDir dir;
    WriterOptions options;
    options.path = dir / "idx";
    {
        IndexWriter writer(options);
        CHECK(writer.write(seed_like()) == WriteOutcome::added);
        auto again = seed_like();
        again.title = "Changed title";
        CHECK(writer.write(again) == WriteOutcome::replaced);
        Article other;
        other.id = "other";
        other.body = "text";
        CHECK(writer.write(other) == WriteOutcome::added);
        CHECK(writer.uncommitted() == 3);
        CHECK(writer.commit() == 3);
    }
    const auto index = open_index(dir / "idx");
    CHECK(index.db.get_doccount() == 2);
    Xapian::Enquire enquire(index.db);
    enquire.set_query(Xapian::Query("Q" + seed_like().id));
    const auto mset = enquire.get_mset(0, 10);
    REQUIRE(mset.size() == 1);
    CHECK(load_article(mset.begin().get_document()).title == "Changed title");
}

TEST_CASE("nothing uncommitted survives a writer that was not committed") {
    test::TempDir dir;
    WriterOptions options;
    options.path = dir / "idx";
    {
        IndexWriter writer(options);
        writer.write(seed_like());
    }
    CHECK(open_index(dir / "idx").db.get_doccount() == 0);
}

TEST_CASE("a second writer is refused with a clear message") {
    test::TempDir dir;
    WriterOptions options;
    options.path = dir / "idx";
    IndexWriter first(options);
    CHECK_THROWS_WITH_AS(IndexWriter{options}, doctest::Contains("locked by another writer"),
                         IndexError);
}

TEST_CASE("another language on an existing index is refused") {
    test::TempDir dir;
    WriterOptions options;
    options.path = dir / "idx";
    { IndexWriter writer(options); }
    options.analysis.language = "german";
    CHECK_THROWS_WITH_AS(IndexWriter{options}, doctest::Contains("english"), IndexError);
}

namespace {

Article numbered(int n, const std::string& title = "Harbour ferry") {
    Article a;
    a.id = "a" + std::to_string(n);
    a.title = title;
    a.body = "The harbour ferry sails at dawn.";
    return a;
}

std::string title_of(const Xapian::Database& db, const std::string& id) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(id_term(id)));
    const auto mset = enquire.get_mset(0, 10);
    REQUIRE(mset.size() == 1);
    return load_article(mset.begin().get_document()).title;
}

/// Options for an index at DIR/idx whose new shards are built as segments of `articles`.
WriterOptions segment_options(const test::TempDir& dir, std::size_t articles) {
    WriterOptions options;
    options.path = dir / "idx";
    options.segment_articles = articles;
    return options;
}

/// The index at `path` holds `count` articles, a1 among them with `a1_title`.
void check_holds(const std::string& path, Xapian::doccount count, const std::string& a1_title) {
    const auto index = open_index(path);
    CHECK(index.db.get_doccount() == count);
    CHECK(title_of(index.db, "a1") == a1_title);
}

bool has_segment_dirs(const std::string& dir) {
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.path().filename().string().starts_with("seg-")) return true;
    return false;
}

}  // namespace

TEST_CASE("a new shard is built as segments, each searchable once sealed, one database at the end") {
    test::TempDir dir;
    const auto options = segment_options(dir, 2);
    IndexWriter writer(options);
    for (int n = 1; n <= 5; ++n) writer.write(numbered(n));
    CHECK(has_segment_stub(options.path));
    CHECK(writer.uncommitted() == 1);  // two segments of 2 sealed, the fifth article open
    CHECK(open_index(options.path).db.get_doccount() == 4);
    writer.finish();
    CHECK_FALSE(has_segment_stub(options.path));
    CHECK(std::filesystem::exists(std::filesystem::path(options.path) / "iamglass"));
    CHECK_FALSE(has_segment_dirs(options.path));
    CHECK(open_index(options.path).db.get_doccount() == 5);
}

TEST_CASE("an id written again after its segment was sealed keeps only the new copy") {
    test::TempDir dir;
    const auto options = segment_options(dir, 2);
    IndexWriter writer(options);
    CHECK(writer.write(numbered(1)) == WriteOutcome::added);
    CHECK(writer.write(numbered(2)) == WriteOutcome::added);  // seals segment 1
    CHECK(writer.write(numbered(1, "Second take")) == WriteOutcome::replaced);
    CHECK(writer.write(numbered(3)) == WriteOutcome::added);  // seals segment 2, deletes a1 from 1
    check_holds(options.path, 3, "Second take");
    writer.finish();
    check_holds(options.path, 3, "Second take");
}

TEST_CASE("the next writer merges a dead run's segments, the last copy of an id winning") {
    test::TempDir dir;
    const auto options = segment_options(dir, 2);
    {
        IndexWriter writer(options);  // dropped without finish(), as a killed run is
        writer.write(numbered(1));
        writer.write(numbered(2));
        writer.write(numbered(3));  // unsealed: never listed, removed
    }
    REQUIRE(has_segment_stub(options.path));
    // What a run killed between sealing a replacement and deleting the replaced copy leaves:
    // a1 in two listed segments.
    const auto shard = std::filesystem::path(options.path);
    {
        Xapian::WritableDatabase later((shard / "seg-5").string(), Xapian::DB_CREATE);
        DocumentBuilder builder(options.analysis);
        later.add_document(builder.build(numbered(1, "Second take")));
        later.commit();
    }
    write_segment_stub(options.path, {"seg-0", "seg-1", "seg-5"});
    std::filesystem::create_directories(shard / "seg-9");  // an unlisted leftover
    CHECK(open_index(options.path).db.get_doccount() == 3);
    {
        IndexWriter writer(options);
        CHECK_FALSE(has_segment_stub(options.path));
        CHECK_FALSE(has_segment_dirs(options.path));
        CHECK(writer.write(numbered(2)) == WriteOutcome::replaced);
        writer.finish();
    }
    check_holds(options.path, 2, "Second take");
}

TEST_CASE("--segment-articles 0 writes into the shard directly") {
    test::TempDir dir;
    const auto options = segment_options(dir, 0);
    IndexWriter writer(options);
    writer.write(numbered(1));
    CHECK_FALSE(has_segment_stub(options.path));
    CHECK(std::filesystem::exists(std::filesystem::path(options.path) / "iamglass"));
    writer.finish();
    CHECK(open_index(options.path).db.get_doccount() == 1);
}

namespace {

/// How often `word` was added to `db`'s spelling table (0 when it is not there).
Xapian::doccount spelling_frequency(const Xapian::Database& db, const std::string& word) {
    auto it = db.spellings_begin();
    it.skip_to(word);
    return it != db.spellings_end() && *it == word ? it.get_termfreq() : 0;
}

}  // namespace

TEST_CASE("a shard built as segments keeps one spelling table, seen with each sealed segment") {
    test::TempDir dir;
    const auto options = segment_options(dir, 2);
    IndexWriter writer(options);
    writer.write(numbered(1));
    writer.write(numbered(2));  // sealed: its words are in segment 0's spelling table
    {
        const auto index = open_index(options.path);
        CHECK(index.db.get_spelling_suggestion("harbuor") == "harbour");
        const Xapian::Database first((std::filesystem::path(options.path) / "seg-0").string());
        CHECK(spelling_frequency(first, "harbour") == 4);  // title and body, twice
    }
    writer.write(numbered(3));
    writer.finish();
    const auto index = open_index(options.path);
    CHECK(index.db.get_spelling_suggestion("harbuor") == "harbour");
    CHECK(spelling_frequency(index.db, "harbour") == 6);
}

TEST_CASE("spelling words new to a segmented run are in at each seal, every count by the end") {
    // One article a segment: 20 seals, more than the seals between two writes of the held-back
    // counts. Each article has a word of its own and one they all share.
    test::TempDir dir;
    const auto options = segment_options(dir, 1);
    IndexWriter writer(options);
    const auto seg0 = (std::filesystem::path(options.path) / "seg-0").string();
    const auto own_word = [](int i) { return std::string("quay") + static_cast<char>('a' + i); };
    for (int i = 0; i < 20; ++i) {
        Article a;
        a.id = fmt::format("s{}", i);
        a.title = "Harbour notes";
        a.body = "The harbour " + own_word(i) + " opens.";
        writer.write(a);
        writer.commit();
        const Xapian::Database spelling(seg0);
        CAPTURE(i);
        CHECK(spelling_frequency(spelling, own_word(i)) == 1);
        const auto shared = spelling_frequency(spelling, "harbour");
        CHECK(shared >= 2);
        CHECK(shared <= 2 * static_cast<Xapian::doccount>(i + 1));
    }
    writer.finish();
    const auto index = open_index(options.path);
    CHECK(spelling_frequency(index.db, "harbour") == 40);
    CHECK(spelling_frequency(index.db, "notes") == 20);
    for (int i = 0; i < 20; ++i) CHECK(spelling_frequency(index.db, own_word(i)) == 1);
}

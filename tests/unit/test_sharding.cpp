// Unit tests: shard placement, sharded writes and re-writes, per-shard metadata, rankings over
// shards (wildcards too), compaction into one database, the stem cache and batched spelling data.
#include "common/error.hpp"
#include "common/index_layout.hpp"
#include "common/index_meta.hpp"
#include "common/index_open.hpp"
#include "common/schema.hpp"
#include "indexer/compact.hpp"
#include "indexer/index_writer.hpp"
#include "searcher/query/parse.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

using namespace morgue;
using namespace morgue::index;

namespace {

const char* const words[] = {"cocoa",  "coffee", "prices", "harvest", "brazil", "ghana",
                             "talks",  "quota",  "export", "markets", "rains",  "growers",
                             "strike", "ports",  "buyers", "sellers", "crop",   "bank"};

/// Article `n`: a few words picked by `n`, so rankings have ties and differences.
Article article(int n) {
    Article a;
    a.id = "story-" + std::to_string(n);
    a.title = std::string{words[n % 18]} + " " + words[(n * 7) % 18];
    for (int i = 0; i < 5 + n % 9; ++i) a.body += std::string{words[(n * 3 + i * i) % 18]} + " ";
    a.source = n % 2 ? "Reuters" : "AP";
    return a;
}

WriterOptions options_for(const std::string& path, std::size_t shards) {
    WriterOptions options;
    options.path = path;
    options.shards = shards;
    return options;
}

/// Words sharing beginnings, from common to rare, so that a wildcard expands to several
/// words whose frequencies differ from shard to shard.
const char* const bank_words[] = {"bank",     "banks",     "banker",     "bankers",  "banking",
                                  "bankrupt", "bankruptcy", "banknotes", "bankroll", "banquet",
                                  "banner",   "band",      "bands",      "bandit",   "bans",
                                  "banana",   "bananas",   "bandwidth"};

/// Article `n` with a date in 1987 and some of bank_words, each a few times or not at all.
/// Each word is more common in one of three shards than in the others, so the shards order
/// the words by frequency differently (Xapian pairs a synonym's words in that order).
Article dated_article(int n) {
    auto a = article(n);
    a.published = Date{1987, 1 + n % 4, 1 + n % 28};
    const auto home = shard_for_id(a.id, 3);
    const auto pick = static_cast<unsigned>(n) * 2654435761u;  // Knuth's multiplicative hash
    for (unsigned k = 0; k < std::size(bank_words); ++k) {
        const unsigned per_mille = (k % 3 == home ? 60u : 10u) + 5u * k;
        if ((pick + k * 40503u) % 1000u < per_mille)
            for (unsigned r = 0; r <= (pick + k) % 3; ++r)
                a.body += std::string{bank_words[k]} + " ";
    }
    return a;
}

void write_all(const std::string& path, std::size_t shards, int count, bool threads,
               const std::function<Article(int)>& make = article) {
    IndexWriter writer(options_for(path, shards));
    if (threads) {
        writer.start();
        for (int n = 0; n < count; ++n) writer.submit(make(n));
        writer.finish();
    } else {
        for (int n = 0; n < count; ++n) writer.write(make(n));
        writer.finish();
    }
}

std::vector<std::pair<std::string, double>> ranked(const Xapian::Database& db,
                                                   const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
    enquire.set_query(query);
    std::vector<std::pair<std::string, double>> hits;
    const auto mset = enquire.get_mset(0, 1000);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        std::string id;
        for (auto t = it.get_document().termlist_begin(); t != it.get_document().termlist_end(); ++t)
            if ((*t).starts_with("Q")) id = (*t).substr(1);
        hits.emplace_back(id, it.get_weight());
    }
    return hits;
}

std::vector<std::pair<std::string, double>> ranked(const Xapian::Database& db, const std::string& a,
                                                   const std::string& b) {
    return ranked(db, Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(a), Xapian::Query(b)));
}

/// The same hits with the same scores (to 1e-9) in the same order, but for ties.
void check_same_ranking(const std::vector<std::pair<std::string, double>>& x,
                        const std::vector<std::pair<std::string, double>>& y) {
    REQUIRE(x.size() == y.size());
    CHECK(!x.empty());
    // Equal scores may come in another order: compare by id.
    std::map<std::string, double> by_id(y.begin(), y.end());
    for (std::size_t i = 0; i < x.size(); ++i) {
        CAPTURE(x[i].first);
        REQUIRE(by_id.count(x[i].first) == 1);
        CHECK(std::abs(by_id[x[i].first] - x[i].second) < 1e-9);
        CHECK(std::abs(x[i].second - y[i].second) < 1e-9);
    }
}

}  // namespace

TEST_CASE("placement is stable and spreads ids over the shards") {
    CHECK(shard_for_id("anything", 1) == 0);
    CHECK(shard_for_id("", 3) == shard_for_id("", 3));
    // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c: fixed by the definition, not by this build.
    CHECK(shard_for_id("a", 7) == 0xaf63dc4c8601ec8cULL % 7);
    std::map<std::size_t, int> per_shard;
    for (int n = 0; n < 3000; ++n) ++per_shard[shard_for_id("id-" + std::to_string(n), 3)];
    REQUIRE(per_shard.size() == 3);
    for (const auto& [shard, count] : per_shard) {
        CAPTURE(shard);
        CHECK(count > 800);
    }
}

TEST_CASE("a sharded index: stub, shard directories, articles where placement puts them") {
    test::TempDir dir;
    const auto path = dir / "idx";
    write_all(path, 3, 60, true);
    CHECK(has_stub(path));
    const auto stub = read_stub(path);
    REQUIRE(stub.size() == 3);
    for (std::size_t k = 0; k < 3; ++k) {
        CAPTURE(k);
        CHECK(stub[k].kind == "auto");
        const Xapian::Database shard(stub[k].location);
        CHECK(shard.get_metadata(std::string{schema::meta_schema_version}) ==
              std::to_string(schema::version));
        CHECK(shard.get_metadata(std::string{schema::meta_language}) == "english");
        CHECK(shard.get_metadata(std::string{schema::meta_shard_count}) == "3");
        CHECK(shard.get_metadata(std::string{schema::meta_shard}) == std::to_string(k));
        for (auto it = shard.allterms_begin("Q"); it != shard.allterms_end("Q"); ++it)
            CHECK(shard_for_id((*it).substr(1), 3) == k);
    }
    // Xapian itself opens the directory as all its shards, through the stub.
    CHECK(Xapian::Database(path).get_doccount() == 60);
    CHECK(open_index(path).db.get_doccount() == 60);
}

TEST_CASE("re-indexing keeps the recorded shard count and replaces in place") {
    test::TempDir dir;
    const auto path = dir / "idx";
    write_all(path, 3, 40, false);
    std::vector<Xapian::doccount> before;
    for (const auto& e : read_stub(path)) before.push_back(Xapian::Database(e.location).get_doccount());
    {
        IndexWriter writer(options_for(path, 5));
        CHECK(writer.shard_count() == 3);
        writer.start();
        for (int n = 0; n < 40; n += 2) {
            auto a = article(n);
            a.title = "changed";
            writer.submit(std::move(a));
        }
        writer.finish();
        CHECK(writer.replaced() == 20);
        CHECK(writer.added() == 0);
    }
    std::vector<Xapian::doccount> after;
    for (const auto& e : read_stub(path)) after.push_back(Xapian::Database(e.location).get_doccount());
    CHECK(before == after);
    const auto index = open_index(path);
    CHECK(index.db.get_doccount() == 40);
    CHECK(index.db.get_termfreq("Schang") == 20);
}

TEST_CASE("one shard is a plain database and stays one") {
    test::TempDir dir;
    const auto path = dir / "idx";
    write_all(path, 1, 10, true);
    CHECK(!has_stub(path));
    CHECK(std::filesystem::exists(std::filesystem::path(path) / "iamglass"));
    IndexWriter writer(options_for(path, 4));
    CHECK(writer.shard_count() == 1);
}

TEST_CASE("an id repeated in the input of a new index is replaced, not duplicated") {
    test::TempDir dir;
    const auto path = dir / "idx";
    IndexWriter writer(options_for(path, 2));
    CHECK(writer.write(article(1)) == WriteOutcome::added);
    CHECK(writer.write(article(1)) == WriteOutcome::replaced);
    writer.finish();
    CHECK(open_index(path).db.get_doccount() == 1);
}

TEST_CASE("the same query over one database and over shards ranks alike") {
    test::TempDir dir;
    write_all(dir / "one", 1, 200, true);
    write_all(dir / "three", 3, 200, true);
    const auto one = open_index(dir / "one");
    const auto three = open_index(dir / "three");
    const std::pair<const char*, const char*> queries[] = {
        {"cocoa", "brazil"}, {"Scoffe", "quota"}, {"bank", "rain"}, {"strike", "port"}};
    for (const auto& [a, b] : queries) {
        CAPTURE(a);
        check_same_ranking(ranked(one.db, a, b), ranked(three.db, a, b));
    }
}

TEST_CASE("a wildcard query over one database and over shards ranks alike") {
    // Xapian 1.4 expands a wildcard shard by shard and weighs its words by one shard's
    // frequencies; the query builder expands it over all shards at once.
    test::TempDir dir;
    write_all(dir / "one", 1, 1000, true, dated_article);
    const auto one = open_index(dir / "one");
    const std::string_view queries[] = {
        "bank*",                      // alone
        "ban*",                       // many words
        "bankr*",                     // three words
        "bankruptc*",                 // one word
        "bank* date:1987-03",         // with a date filter
        "bank* AND cocoa",            // inside AND
        "+ban* -bankrupt* prices",    // required and excluded
        "cocoa OR banq* OR title:co*",
        "bank* nosuchword*",          // a wildcard that matches nothing
    };
    for (const std::size_t shards : {2, 3, 5}) {
        CAPTURE(shards);
        const auto path = dir / ("shards-" + std::to_string(shards));
        write_all(path, shards, 1000, true, dated_article);
        const auto sharded = open_index(path);
        auto one_builder = search::make_search_parser(one);
        auto sharded_builder = search::make_search_parser(sharded);
        for (const auto text : queries) {
            CAPTURE(text);
            check_same_ranking(ranked(one.db, search::parse_user_query(text, one_builder)),
                               ranked(sharded.db, search::parse_user_query(text, sharded_builder)));
        }
    }
}

TEST_CASE("a shard of another language is refused by name") {
    test::TempDir dir;
    const auto path = dir / "idx";
    write_all(path, 2, 10, false);
    const auto shard1 = (std::filesystem::path(path) / shard_dir_name(1)).string();
    {
        Xapian::WritableDatabase db(shard1, Xapian::DB_OPEN);
        db.set_metadata(std::string{schema::meta_language}, "german");
        db.commit();
    }
    CHECK_THROWS_WITH_AS(open_index(path), doctest::Contains("shard-1"), IndexError);
    CHECK_THROWS_WITH_AS(IndexWriter{options_for(path, 2)}, doctest::Contains("german"), IndexError);
}

TEST_CASE("a second writer on a sharded index is refused at once") {
    test::TempDir dir;
    const auto path = dir / "idx";
    IndexWriter first(options_for(path, 3));
    CHECK_THROWS_WITH_AS(IndexWriter{options_for(path, 3)}, doctest::Contains("locked by another writer"),
                         IndexError);
}

TEST_CASE("spelling data counted per batch equals the term generator's") {
    test::TempDir dir;
    auto options = options_for(dir / "batched", 1);
    options.batch_articles = 7;  // counts taken at several commits
    auto unbatched = options_for(dir / "unbatched", 1);
    unbatched.batch_spelling = false;
    for (const auto& o : {options, unbatched}) {
        IndexWriter writer(o);
        for (int n = 0; n < 50; ++n) writer.write(article(n));
        auto odd = article(99);
        odd.body = "Prices of 1,260 tonnes rose in the U.S. and in caf\xc3\xa9s, said al-Qaeda";
        writer.write(odd);
        writer.finish();
    }
    const Xapian::Database a(dir / "batched");
    const Xapian::Database b(dir / "unbatched");
    std::vector<std::pair<std::string, Xapian::doccount>> x, y;
    for (auto it = a.spellings_begin(); it != a.spellings_end(); ++it) x.emplace_back(*it, it.get_termfreq());
    for (auto it = b.spellings_begin(); it != b.spellings_end(); ++it) y.emplace_back(*it, it.get_termfreq());
    CHECK(!x.empty());
    CHECK(x == y);
    CHECK(a.get_spelling_suggestion("cocao") == "cocoa");
}

TEST_CASE("compacting three shards makes one database that later runs update in place") {
    test::TempDir dir;
    const auto path = dir / "idx";
    write_all(path, 3, 60, false);
    const auto before = ranked(open_index(path).db, "cocoa", "coffee");
    CHECK(compact_temp_dir(path + "/") == path + ".compact-tmp");
    std::filesystem::create_directories(compact_temp_dir(path));  // a leftover of a crash

    const auto report = compact_index(path, false);
    CHECK(report.databases == 3);
    CHECK(report.documents == 60);
    CHECK(report.bytes_before > 0);
    CHECK(report.bytes_after > 0);
    CHECK_FALSE(has_stub(path));
    CHECK(std::filesystem::exists(std::filesystem::path(path) / "iamglass"));
    CHECK_FALSE(std::filesystem::exists(compact_temp_dir(path)));

    const auto index = open_index(path);
    CHECK(index.db.get_doccount() == 60);
    CHECK(read_shard_count(index.db) == 1);
    CHECK(index.db.get_metadata(std::string{schema::meta_language}) == "english");
    const auto after = ranked(index.db, "cocoa", "coffee");
    REQUIRE(after.size() == before.size());
    std::map<std::string, double> scores(before.begin(), before.end());
    for (const auto& [id, score] : after) CHECK(std::fabs(scores[id] - score) < 1e-9);

    write_all(path, 3, 70, false);
    CHECK(open_index(path).db.get_doccount() == 70);
    CHECK_FALSE(has_stub(path));
}

TEST_CASE("compacting needs the writer lock") {
    test::TempDir dir;
    const auto path = dir / "idx";
    write_all(path, 2, 10, false);
    IndexWriter holder(options_for(path, 2));
    CHECK_THROWS_WITH_AS(compact_index(path, false), doctest::Contains("locked by another writer"),
                         IndexError);
}

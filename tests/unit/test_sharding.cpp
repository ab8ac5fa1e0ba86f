// Unit tests: shard placement, sharded writes and re-writes, per-shard metadata, rankings over
// shards, compaction into one database, the stem cache and batched spelling data.
#include "common/error.hpp"
#include "common/index_layout.hpp"
#include "common/index_meta.hpp"
#include "common/index_open.hpp"
#include "common/schema.hpp"
#include "indexer/compact.hpp"
#include "indexer/index_writer.hpp"
#include "sharded_index.hpp"
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
using namespace morgue::test;
using namespace morgue::index;

namespace {

WriterOptions options_for(const std::string& path, std::size_t shards) {
    WriterOptions options;
    options.path = path;
    options.shards = shards;
    return options;
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

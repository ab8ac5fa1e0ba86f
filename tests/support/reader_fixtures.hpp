// Helpers shared by the reader unit tests: record accessors and reading corpus files.
#pragma once

#include "indexer/formats/registry.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace morgue::test {

/// The article in `record`; fails the test (with the problem's reason) when it is a problem.
inline const Article& as_article(const index::ParsedRecord& record) {
    if (const auto* problem = std::get_if<index::RecordProblem>(&record)) FAIL_CHECK(problem->reason);
    REQUIRE(std::holds_alternative<Article>(record));
    return std::get<Article>(record);
}

/// The problem in `record`; fails the test when it is an article.
inline const index::RecordProblem& as_problem(const index::ParsedRecord& record) {
    REQUIRE(std::holds_alternative<index::RecordProblem>(record));
    return std::get<index::RecordProblem>(record);
}

/// "2016-12-15", or "" for no date: dates in table tests.
inline std::string iso_or_empty(const std::optional<Date>& date) {
    return date ? date->iso() : std::string{};
}

/// Labels joined with "|": lists in table tests.
inline std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : "|") + item;
    return out;
}

/// The fields a reader's table test expects of one article; dates as iso_or_empty() gives
/// them, topics as joined() gives them.
struct ExpectedArticle {
    std::string_view id, url, title, date, source, byline, topics, body;
};

/// Checks every field of `expected` against `article`, one CHECK each.
inline void check_article(const Article& article, const ExpectedArticle& expected) {
    CHECK(article.id == expected.id);
    CHECK(article.url == expected.url);
    CHECK(article.title == expected.title);
    CHECK(iso_or_empty(article.published) == expected.date);
    CHECK(article.source == expected.source);
    CHECK(article.byline == expected.byline);
    CHECK(joined(article.topics) == expected.topics);
    CHECK(article.body == expected.body);
}

/// The fields a reader's table test expects of one dated article; topics and places joined.
struct ExpectedFields {
    std::string_view id, title, byline, dateline, date, source, topics, places, body;
};

/// Checks every field of `article` against `expected`.
inline void check_fields(const Article& article, const ExpectedFields& expected) {
    CHECK(article.id == expected.id);
    CHECK(article.title == expected.title);
    CHECK(article.byline == expected.byline);
    CHECK(article.dateline == expected.dateline);
    REQUIRE(article.published);
    CHECK(article.published->iso() == expected.date);
    CHECK(article.source == expected.source);
    CHECK(joined(article.topics) == expected.topics);
    CHECK(joined(article.places) == expected.places);
    CHECK(article.body == expected.body);
}

/// The repository's corpus/ directory (meson passes it as MORGUE_CORPUS).
inline std::filesystem::path corpus_dir() {
    const char* dir = std::getenv("MORGUE_CORPUS");
    REQUIRE_MESSAGE((dir != nullptr && std::filesystem::is_directory(dir)),
                    "MORGUE_CORPUS must name the corpus/ directory");
    return dir;
}

/// The bytes of a file.
inline std::string read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in, "cannot open " << path.string());
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

/// Every record `format`'s reader finds in a file (gzip-decoded as in ingest); the byte
/// source's error, if any, goes to `error`.
inline std::vector<index::ParsedRecord> read_file_records(index::Format format,
                                                          const std::filesystem::path& path,
                                                          const index::InputContext& ctx,
                                                          std::string* error = nullptr) {
    auto source = index::open_byte_source(path.string());
    std::vector<index::ParsedRecord> records;
    index::reader_for(format).read(*source, ctx, [&](index::ParsedRecord&& record) {
        records.push_back(std::move(record));
        return true;
    });
    if (error != nullptr) *error = source->error().value_or("");
    return records;
}

}  // namespace morgue::test

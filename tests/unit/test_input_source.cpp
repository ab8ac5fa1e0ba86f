// Unit tests: byte sources (plain, gzip, concatenated and truncated gzip) and the line reader.
#include "indexer/input_source.hpp"

#include "common/error.hpp"

#include "temp_dir.hpp"
#include "gzip_bytes.hpp"

#include <doctest/doctest.h>

#include <zlib.h>

#include <fstream>
#include <string>
#include <string_view>
#include <vector>

using namespace morgue::index;
using morgue::test::gzip;

namespace {

std::vector<std::string> lines_of(ByteSource& source) {
    LineReader reader(source);
    std::vector<std::string> lines;
    std::string line;
    while (reader.next(line)) {
        lines.push_back(line);
        CHECK(reader.line_number() == lines.size());
    }
    return lines;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("line reader: line ends") {
    const std::pair<std::string_view, Lines> cases[] = {
        {"a\nb\n", {"a", "b"}},
        {"a\nb", {"a", "b"}},
        {"a\r\nb\r\n", {"a", "b"}},
        {"a\r\n\r\nb", {"a", "", "b"}},
        {"", {}},
        {"\n", {""}},
        {"only\r", {"only"}},
        {"mid\rline\n", {"mid\rline"}},
    };
    for (const auto& [input, expected] : cases) {
        CAPTURE(input);
        auto plain = memory_byte_source(std::string{input});
        CHECK(lines_of(*plain) == expected);
        auto zipped = memory_byte_source(gzip(input));
        CHECK(lines_of(*zipped) == expected);
        CHECK_FALSE(zipped->error());
    }
}

TEST_CASE("line reader: lines longer than 64 KiB come back whole") {
    const std::string long_line(300 * 1024 + 7, 'x');
    const std::string input = "short\n" + long_line + "\n" + long_line + "y";
    for (const bool zipped : {false, true}) {
        CAPTURE(zipped);
        auto source = memory_byte_source(zipped ? gzip(input) : input);
        const auto lines = lines_of(*source);
        REQUIRE(lines.size() == 3);
        CHECK(lines[0] == "short");
        CHECK(lines[1] == long_line);
        CHECK(lines[2] == long_line + "y");
    }
}

TEST_CASE("gzip: concatenated members read as one stream") {
    auto source = memory_byte_source(gzip("one\ntw") + gzip("o\nthree\n") + gzip(""));
    CHECK(lines_of(*source) == Lines{"one", "two", "three"});
    CHECK_FALSE(source->error());
}

TEST_CASE("gzip: truncated data sets error() and keeps the lines before the cut") {
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "line " + std::to_string(i) + " of a longer archive\n";
    const auto full = gzip(text);
    auto source = memory_byte_source(full.substr(0, full.size() / 2));
    const auto lines = lines_of(*source);
    REQUIRE(source->error());
    CHECK(*source->error() == "truncated gzip data");
    REQUIRE(lines.size() > 10);
    // Every line but the last (which the cut may have split) is whole.
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        CAPTURE(i);
        CHECK(lines[i] == "line " + std::to_string(i) + " of a longer archive");
    }
    CHECK(lines.size() < 2000);
}

TEST_CASE("gzip: corrupt data sets error()") {
    auto data = gzip(std::string(10000, 'a'));
    data[data.size() / 2] = static_cast<char>(data[data.size() / 2] ^ 0x55);
    data[12] = static_cast<char>(data[12] ^ 0x55);
    auto source = memory_byte_source(data);
    read_all(*source);
    REQUIRE(source->error());
    CHECK(source->error()->starts_with("corrupt gzip data"));
}

TEST_CASE("files: plain and gzip by magic, not by name; missing file throws") {
    const morgue::test::TempDir dir;
    {
        std::ofstream(dir / "plain.gz", std::ios::binary) << "not\ncompressed\n";
        std::ofstream(dir / "zipped.txt", std::ios::binary) << gzip("was\ncompressed\n");
    }
    auto plain = open_byte_source(dir / "plain.gz");
    CHECK(lines_of(*plain) == Lines{"not", "compressed"});
    auto zipped = open_byte_source(dir / "zipped.txt");
    CHECK(lines_of(*zipped) == Lines{"was", "compressed"});
    CHECK(zipped->raw_bytes_read() > 0);
    CHECK_THROWS_AS(open_byte_source(dir / "missing.jsonl"), morgue::InputError);
}

TEST_CASE("read_all and line_at") {
    auto source = memory_byte_source("0123456789");
    bool truncated = false;
    CHECK(read_all(*source, 4, &truncated) == "0123");
    CHECK(truncated);
    const std::pair<std::size_t, std::size_t> cases[] = {{0, 1}, {2, 1}, {3, 2}, {6, 3}, {99, 3}};
    for (auto [offset, line] : cases) {
        CAPTURE(offset);
        CHECK(line_at("ab\ncd\nef", offset) == line);
    }
}

// Unit tests: UTF-8 checks, Latin-1 repair, label normalisation.
#include "common/text.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>

using namespace morgue;

TEST_CASE("UTF-8 validity") {
    const std::pair<std::string_view, std::size_t> cases[] = {
        {"plain ascii", std::string_view::npos},
        {"caf\xC3\xA9", std::string_view::npos},
        {"\xE2\x80\x94 dash", std::string_view::npos},
        {"emoji \xF0\x9F\x93\xB0", std::string_view::npos},
        {"latin1 caf\xE9", 10},
        {"overlong \xC0\xAF", 9},
        {"surrogate \xED\xA0\x80", 10},
        {"cut \xE2\x80", 4},
        {"past max \xF4\x90\x80\x80", 9},
    };
    for (const auto& [input, expected] : cases) {
        CAPTURE(input);
        CHECK(find_invalid_utf8(input) == expected);
        CHECK(is_valid_utf8(input) == (expected == std::string_view::npos));
    }
}

TEST_CASE("Latin-1 and Windows-1252 become UTF-8") {
    CHECK(latin1_to_utf8("caf\xE9") == "caf\xC3\xA9");
    CHECK(latin1_to_utf8("\x93quoted\x94") == "\xE2\x80\x9Cquoted\xE2\x80\x9D");
    CHECK(latin1_to_utf8("ascii") == "ascii");
    CHECK(is_valid_utf8(latin1_to_utf8("\x80\x81\xFF")));
}

TEST_CASE("labels normalise the same way at index and query time") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"New York Times", "new york times"},
        {"  New   York\tTimes \n", "new york times"},
        {"\xC2\xA0Reuters\xC2\xA0", "reuters"},
        {"\xC3\x89LYS\xC3\x89" "E", "\xC3\xA9lys\xC3\xA9" "e"},
        {"el-salvador", "el-salvador"},
        {"", ""},
    };
    for (const auto& [input, expected] : cases) {
        CAPTURE(input);
        CHECK(normalize_label(input, 200) == expected);
    }
}

TEST_CASE("normalize_label cuts at a whole character") {
    const std::string text = "\xC3\xA9\xC3\xA9\xC3\xA9";  // three 2-byte characters
    CHECK(normalize_label(text, 5) == "\xC3\xA9\xC3\xA9");
    CHECK(is_valid_utf8(normalize_label(text, 5)));
}

TEST_CASE("whitespace") {
    CHECK(trim("  a b  ") == "a b");
    CHECK(trim("\xC2\xA0x\xC2\xA0") == "x");
    CHECK(trim("") == "");
    CHECK(collapse_whitespace(" a \n\n b\t") == "a b");
    CHECK(collapse_whitespace("\xC2\xA0 x\xE3\x80\x80y ") == "x y");
    CHECK(collapse_whitespace(" \n ") == "");
    CHECK(squeeze_whitespace(" a \n\n b\t") == " a b ");
    CHECK(squeeze_whitespace("caf\xC3\xA9\xC2\xA0\n bar") == "caf\xC3\xA9 bar");
    CHECK(squeeze_whitespace("") == "");
}

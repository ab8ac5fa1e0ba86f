// Unit tests: remote shard addresses, tcp://HOST:PORT and a stub's HOST:PORT.
#include "common/error.hpp"
#include "common/index_open.hpp"
#include "common/remote_address.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace morgue;
using morgue::test::TempDir;

TEST_CASE("tcp locations") {
    const std::pair<std::string_view, RemoteAddress> cases[] = {
        {"tcp://127.0.0.1:4321", {"127.0.0.1", 4321}},
        {"tcp://search-2.internal:80/", {"search-2.internal", 80}},
        {"tcp://[::1]:65535", {"::1", 65535}},
        {"tcp://h:1", {"h", 1}},
    };
    for (const auto& [input, expected] : cases) {
        CAPTURE(input);
        CHECK(is_tcp_location(input));
        CHECK(parse_tcp_location(input) == expected);
    }
    CHECK(parse_tcp_location("tcp://127.0.0.1:4321").name() == "tcp://127.0.0.1:4321");
    CHECK(parse_tcp_location("tcp://[::1]:7").name() == "tcp://[::1]:7");
    CHECK_FALSE(is_tcp_location("archive.morgue"));
    CHECK_FALSE(is_tcp_location("tcp:/x:1"));
}

TEST_CASE("bad tcp locations") {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"tcp://127.0.0.1", "no port"},
        {"tcp://:4321", "no host"},
        {"tcp://host:0", "from 1 to 65535"},
        {"tcp://host:65536", "from 1 to 65535"},
        {"tcp://host:12x", "from 1 to 65535"},
        {"tcp://host:", "from 1 to 65535"},
        {"tcp://::1:4321", "brackets"},
        {"archive.morgue", "not a tcp://HOST:PORT address"},
    };
    for (const auto& [input, expected] : cases) {
        CAPTURE(input);
        CHECK_THROWS_WITH_AS(parse_tcp_location(input), doctest::Contains(std::string{expected}.c_str()),
                             UsageError);
    }
}

TEST_CASE("stub remote lines are listed with their names") {
    TempDir dir;
    const std::filesystem::path index = dir / "idx";
    std::filesystem::create_directories(index);
    std::ofstream(index / "XAPIANDB") << "# two remote shards and a program\n"
                                         "remote 127.0.0.1:4321\n"
                                         "remote [::1]:4322\n"
                                         "auto shard-2\n"
                                         "remote :xapian-progsrv shard-3\n";
    const auto shards = list_shards({index.string(), "tcp://10.0.0.7:9000"});
    REQUIRE(shards.size() == 5);
    CHECK(shards[0].name == "tcp://127.0.0.1:4321");
    CHECK(shards[0].remote());
    CHECK(shards[0].listed_with == 4);
    CHECK(shards[1].address == RemoteAddress{"::1", 4322});
    CHECK_FALSE(shards[2].remote());
    CHECK(shards[2].path == (index / "shard-2").string());
    CHECK(shards[3].program == "xapian-progsrv");
    CHECK(shards[3].args == "shard-3");
    CHECK(shards[4].name == "tcp://10.0.0.7:9000");
    CHECK(shards[4].listed_with == 0);

    std::ofstream(index / "XAPIANDB") << "remote 127.0.0.1\n";
    CHECK_THROWS_WITH_AS(list_shards({index.string()}), doctest::Contains("XAPIANDB"), IndexError);
    std::ofstream(index / "XAPIANDB") << "inmemory\nremote x:1\n";
    CHECK_THROWS_AS(list_shards({index.string()}), IndexError);
}

TEST_CASE("an unreachable remote shard is named, or left out with allow_partial") {
    // Port 1 on the loopback interface: nothing listens there, so the connection is refused.
    OpenOptions options;
    options.connect_timeout_ms = 2000;
    CHECK_THROWS_WITH_AS(open_index("tcp://127.0.0.1:1", options),
                         doctest::Contains("tcp://127.0.0.1:1"), IndexError);
    options.allow_partial = true;
    CHECK_THROWS_WITH_AS(open_index("tcp://127.0.0.1:1", options),
                         doctest::Contains("no shard answered"), IndexError);
}

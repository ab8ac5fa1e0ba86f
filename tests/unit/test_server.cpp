// Unit tests: the server's engine pool (a bounded wait, then 503), the API's routes, parameters
// and errors without a socket, the token comparison and the loopback test.
#include "server/api.hpp"
#include "server/engine_pool.hpp"
#include "server/http_server.hpp"
#include "article_builder.hpp"
#include "temp_dir.hpp"
#include "test_index.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using namespace morgue;
using namespace morgue::serve;
using namespace std::chrono_literals;

namespace {

struct Fixture {
    test::TempDir dir;
    std::string path = dir / "index";
    std::unique_ptr<EnginePool> engines;

    explicit Fixture(std::size_t engine_count = 1, std::size_t waiting = 0) {
        test::write_test_index(path, {
            test::make_article("c1", "Cocoa review", "Cocoa farmers in Bahia expect rain.",
                               Date{1987, 2, 26}, "Reuters", {"cocoa"}),
            test::make_article("c2", "Cocoa exports", "Cocoa exports rose in March.",
                               Date{1987, 3, 2}, "AP", {"cocoa"}),
        });
        engines = std::make_unique<EnginePool>(engine_count, waiting, [this] {
            return std::make_unique<search::Engine>(open_index(path));
        });
    }
};

ApiRequest get(std::string path, std::multimap<std::string, std::string> params = {}) {
    ApiRequest request;
    request.method = "GET";
    request.path = std::move(path);
    request.params = std::move(params);
    return request;
}

bool has_header(const ApiResponse& response, std::string_view name, std::string_view value) {
    for (const auto& [n, v] : response.headers)
        if (n == name && v == value) return true;
    return false;
}

}  // namespace

TEST_CASE("the pool lends each engine once, and refuses at once when nobody may wait") {
    Fixture f(1, 0);
    auto first = f.engines->acquire(10ms);
    REQUIRE(first);
    const auto start = std::chrono::steady_clock::now();
    CHECK_FALSE(f.engines->acquire(500ms));
    CHECK(std::chrono::steady_clock::now() - start < 400ms);  // refused without waiting
    first.reset();
    CHECK(f.engines->acquire(10ms));
}

TEST_CASE("a waiting request gets the engine another gives back, or gives up after its wait") {
    Fixture f(1, 1);
    auto held = f.engines->acquire(10ms);
    REQUIRE(held);
    CHECK_FALSE(f.engines->acquire(30ms));  // waited, nothing came back
    std::thread giver([&] {
        std::this_thread::sleep_for(50ms);
        held.reset();
    });
    CHECK(f.engines->acquire(5s));
    giver.join();
}

TEST_CASE("busy: every engine lent and the line full is 503 with Retry-After") {
    Fixture f(1, 0);
    ApiSettings settings;
    settings.engine_wait = 10ms;
    Api api(*f.engines, settings);
    auto held = f.engines->acquire(10ms);
    const auto busy = api.handle(get("/api/search", {{"q", "cocoa"}}));
    CHECK(busy.status == 503);
    CHECK(has_header(busy, "Retry-After", "1"));
    CHECK(busy.body.find("\"status\":503") != std::string::npos);
    held.reset();
    const auto fine = api.handle(get("/api/search", {{"q", "cocoa"}}));
    CHECK(fine.status == 200);
    REQUIRE(fine.hits);
    CHECK(*fine.hits == 2);
}

TEST_CASE("parameters are checked and named") {
    Fixture f;
    Api api(*f.engines, {});
    const auto status = [&](std::multimap<std::string, std::string> params) {
        return api.handle(get("/api/search", std::move(params))).status;
    };
    CHECK(status({{"q", "cocoa"}, {"limit", "1"}, {"offset", "1"}, {"sort", "oldest"}}) == 200);
    CHECK(status({{"q", "cocoa"}, {"from", "1987-03"}, {"facets", ""}}) == 200);
    CHECK(status({{"q", "cocoa"}, {"limit", "1001"}}) == 400);
    CHECK(status({{"q", "cocoa"}, {"limit", "1x"}}) == 400);
    CHECK(status({{"q", "cocoa"}, {"collapse", "perhaps"}}) == 400);
    CHECK(status({{"q", "   "}}) == 400);
    CHECK(status({{"q", std::string(3000, 'a')}}) == 413);
    const auto unknown = api.handle(get("/api/search", {{"q", "cocoa"}, {"lmit", "3"}}));
    CHECK(unknown.status == 400);
    CHECK(unknown.body.find("unknown parameter 'lmit'") != std::string::npos);
    CHECK(unknown.body.find("limit") != std::string::npos);
}

TEST_CASE("errors: the query's column, 404 for an unknown id, 405 naming what is allowed") {
    Fixture f;
    Api api(*f.engines, {});
    const auto bad = api.handle(get("/api/search", {{"q", "cocoa AND (rain"}}));
    CHECK(bad.status == 400);
    CHECK(bad.body.find("\"column\":11") != std::string::npos);
    CHECK(api.handle(get("/api/articles/nothing")).status == 404);
    CHECK(api.handle(get("/api/articles/nothing/like")).status == 404);
    CHECK(api.handle(get("/api/articles/")).status == 404);
    auto post = get("/api/search", {{"q", "cocoa"}});
    post.method = "POST";
    const auto refused = api.handle(post);
    CHECK(refused.status == 405);
    CHECK(has_header(refused, "Allow", "GET, HEAD"));
    CHECK(api.handle(get("/api/articles/c1")).body.find("\"id\":\"c1\"") != std::string::npos);
}

TEST_CASE("a token is needed everywhere but /healthz when one is set") {
    Fixture f;
    ApiSettings settings;
    settings.token = "0123456789abcdef0123";
    Api api(*f.engines, settings);
    auto request = get("/api/stats");
    CHECK(api.handle(request).status == 401);
    request.authorization = "Bearer 0123456789abcdef012";
    CHECK(api.handle(request).status == 401);
    request.authorization = "Basic 0123456789abcdef0123";
    CHECK(api.handle(request).status == 401);
    request.authorization = "Bearer 0123456789abcdef0123";
    CHECK(api.handle(request).status == 200);
    CHECK(api.handle(get("/healthz")).status == 200);
}

TEST_CASE("token comparison and loopback addresses") {
    CHECK(constant_time_equal("secret", "secret"));
    CHECK_FALSE(constant_time_equal("secret", "secreT"));
    CHECK_FALSE(constant_time_equal("secret", "secret2"));
    CHECK_FALSE(constant_time_equal("", "x"));
    CHECK(constant_time_equal("", ""));
    CHECK(is_loopback("127.0.0.1"));
    CHECK(is_loopback("127.1.2.3"));
    CHECK(is_loopback("::1"));
    CHECK(is_loopback("::ffff:127.0.0.1"));
    CHECK_FALSE(is_loopback("10.0.0.1"));
    CHECK_FALSE(is_loopback("::ffff:10.0.0.1"));
    CHECK_FALSE(is_loopback("1270.0.0.1"));
}

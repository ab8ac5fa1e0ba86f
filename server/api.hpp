// The HTTP API as plain functions: a request (method, path, parameters, headers) in, a response
// (status, headers, body) out. No sockets here, so the tests and the fuzzer drive it directly;
// server/http_server puts it on the network.
#pragma once

#include "server/engine_pool.hpp"

#include <xapian.h>

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace morgue::serve {

struct ApiRequest {
    std::string method;  ///< "GET", "HEAD", …
    std::string path;    ///< decoded, without the query string: "/api/search"
    std::multimap<std::string, std::string> params;  ///< decoded query-string parameters
    std::string authorization;  ///< the Authorization header, or empty
    bool from_loopback = true;  ///< the client's address is 127.0.0.0/8 or ::1
};

struct ApiResponse {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    std::optional<Xapian::doccount> hits;  ///< for the access log: hits on the page answered
};

struct ApiSettings {
    std::size_t max_query_bytes = 2048;      ///< a longer q is 413
    Xapian::doccount max_limit = 1000;       ///< limit= above this is 400
    Xapian::doccount max_offset = 100000;    ///< offset= above this is 400
    std::chrono::milliseconds engine_wait{2000};  ///< wait this long for a free engine, then 503
    double time_limit_seconds = 5;           ///< a search stops improving its page after this
    std::string token;                       ///< when set, every request but /healthz needs it
    std::string cors_origin;                 ///< Access-Control-Allow-Origin, when set
    std::string version;                     ///< shown by /api/stats
};

class Api {
public:
    Api(EnginePool& engines, ApiSettings settings);

    /// Answers `request`. Never throws: every failure is a JSON error response
    /// {"error":{"status":…,"message":…[,"column":…]}}.
    ApiResponse handle(const ApiRequest& request);

private:
    ApiResponse route(const ApiRequest& request);
    ApiResponse search(const ApiRequest& request);
    ApiResponse article(const ApiRequest& request, const std::string& id, bool like);
    ApiResponse stats(const ApiRequest& request);
    ApiResponse complete(const ApiRequest& request);
    ApiResponse health();
    bool authorized(const ApiRequest& request) const;

    EnginePool& m_engines;
    ApiSettings m_settings;
};

/// `{"error":{"status":STATUS,"message":MESSAGE[,"column":COLUMN]}}` as a response.
ApiResponse error_response(int status, std::string_view message, std::size_t column = 0);

/// Equal strings, in time that depends on their lengths only (for tokens).
bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

}  // namespace morgue::serve

// The API on the network: cpp-httplib's server, its thread pool and limits, the access log, and
// a clean stop on SIGTERM.
#pragma once

#include "common/remote_address.hpp"
#include "server/api.hpp"

#include <cstddef>
#include <ostream>
#include <string>

namespace morgue::serve {

struct HttpSettings {
    RemoteAddress listen{"127.0.0.1", 8080};
    std::size_t threads = 8;    ///< connection threads
    std::string log_path;       ///< access log file; empty: `err`
    std::string description;    ///< what is served, for the start line
    bool warn_no_token = true;  ///< warn when listening beyond loopback without a token
};

/// Serves `api` until SIGTERM or SIGINT, then stops taking connections, finishes the requests
/// in flight and returns 0; returns 5 (one line on `err`) when the address cannot be bound.
/// Prints one start line and, per request, one access-log line: time, client, method, path and
/// query, status, milliseconds, hits.
int serve_http(Api& api, const HttpSettings& settings, std::ostream& err);

/// True for 127.0.0.0/8, ::1 and ::ffff:127.x.x.x.
bool is_loopback(std::string_view address) noexcept;

}  // namespace morgue::serve

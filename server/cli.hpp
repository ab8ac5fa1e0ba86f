// morgue-serve's command line: options in, a running server out, exit code back.
#pragma once

#include "common/index_open.hpp"
#include "common/remote_address.hpp"
#include "searcher/engine.hpp"
#include "server/api.hpp"

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace morgue::serve {

struct ServeOptions {
    std::vector<std::string> indexes;  ///< --index values (or $MORGUE_INDEX)
    OpenOptions open;                  ///< --connect-timeout, --allow-partial
    search::EngineOptions engine;      ///< --parallel-shards
    RemoteAddress listen{"127.0.0.1", 8080};
    std::size_t threads = 0;           ///< searchers (engines); 0: one per core, at least 2
    std::size_t queue = 64;            ///< requests that may wait for a searcher
    std::string log_path;              ///< --log FILE; empty: stderr
    std::string token_file;            ///< --token-file FILE
    ApiSettings api;
    bool help = false;
    bool version = false;
};

/// Parses argv; `env_index` is $MORGUE_INDEX. Throws UsageError (one line with a hint) for
/// unknown options, bad values or no index.
ServeOptions parse_command_line(int argc, const char* const argv[],
                                const std::optional<std::string>& env_index);

std::string usage_text();

/// Opens the index, listens, and serves until SIGTERM or SIGINT, then finishes the requests in
/// flight and returns 0. Throws IndexError when the index cannot be opened, UsageError for an
/// unreadable token file; returns 5 when the address cannot be listened on.
int run(const ServeOptions& options, std::ostream& err);

}  // namespace morgue::serve

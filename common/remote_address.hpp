// Addresses of remote shards served by xapian-tcpsrv: `tcp://HOST:PORT` and stub `HOST:PORT`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace morgue {

/// Where a remote shard is served.
struct RemoteAddress {
    std::string host;
    unsigned port = 0;

    /// "tcp://HOST:PORT", the name a remote shard goes by in messages (IPv6 hosts in brackets).
    std::string name() const;

    bool operator==(const RemoteAddress&) const = default;
};

/// The scheme that marks a command-line location as remote.
inline constexpr std::string_view tcp_scheme = "tcp://";

/// True when `location` starts with "tcp://".
bool is_tcp_location(std::string_view location) noexcept;

/// Parses "HOST:PORT" (the form of a stub file's `remote` line; an IPv6 host in brackets,
/// `[::1]:4321`). Throws UsageError naming `text` when the host is empty or the port is not a
/// number from 1 to 65535.
RemoteAddress parse_host_port(std::string_view text);

/// Parses "tcp://HOST:PORT" (an optional trailing '/' allowed). Throws UsageError naming
/// `location` when it does not start with "tcp://" or parse_host_port() refuses the rest.
RemoteAddress parse_tcp_location(std::string_view location);

}  // namespace morgue

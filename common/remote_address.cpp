// Parsing and naming the addresses of remote shards.
#include "common/remote_address.hpp"

#include "common/error.hpp"

#include <fmt/format.h>

namespace morgue {

std::string RemoteAddress::name() const {
    const bool ipv6 = host.find(':') != std::string::npos;
    return ipv6 ? fmt::format("{}[{}]:{}", tcp_scheme, host, port)
                : fmt::format("{}{}:{}", tcp_scheme, host, port);
}

bool is_tcp_location(std::string_view location) noexcept {
    return location.starts_with(tcp_scheme);
}

RemoteAddress parse_host_port(std::string_view text) {
    const auto bad = [&](std::string_view why) {
        return UsageError(
            fmt::format("'{}' is not a remote shard address HOST:PORT: {}", text, why));
    };
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) throw bad("no port");
    auto host = text.substr(0, colon);
    const auto port_text = text.substr(colon + 1);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    else if (host.find(':') != std::string_view::npos)
        throw bad("put an IPv6 address in brackets, [::1]:PORT");
    if (host.empty()) throw bad("no host");
    if (port_text.empty() || port_text.size() > 5 ||
        port_text.find_first_not_of("0123456789") != std::string_view::npos)
        throw bad("the port must be a number from 1 to 65535");
    const auto port = std::stoul(std::string{port_text});
    if (port < 1 || port > 65535) throw bad("the port must be a number from 1 to 65535");
    return {std::string{host}, static_cast<unsigned>(port)};
}

RemoteAddress parse_tcp_location(std::string_view location) {
    if (!is_tcp_location(location))
        throw UsageError(fmt::format("'{}' is not a tcp://HOST:PORT address", location));
    auto rest = location.substr(tcp_scheme.size());
    if (rest.ends_with('/')) rest.remove_suffix(1);
    return parse_host_port(rest);
}

}  // namespace morgue

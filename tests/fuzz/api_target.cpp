// libFuzzer target: morgue-serve's request path (Api::handle) on a small index built once. The
// input is "METHOD TARGET" on its first line and an Authorization header on the second; any
// bytes must give a JSON answer (or the page, or 204), never a 500, a crash or an exception.
#include "server/api.hpp"
#include "fuzz_index.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

using namespace morgue;

namespace {

struct Fixture {
    test::FuzzIndex index;  // destroyed after the engines that read it
    serve::EnginePool engines{1, 1, [path = index.path()] {
        return std::make_unique<search::Engine>(open_index(path));
    }};
    serve::Api api{engines, [] {
        serve::ApiSettings settings;
        settings.max_query_bytes = 256;
        return settings;
    }()};
};

int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// Percent-decoding as an HTTP server does it ('+' as a space in the query string).
std::string decode(std::string_view text, bool plus_is_space) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
            out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
            i += 2;
        } else if (plus_is_space && text[i] == '+') {
            out += ' ';
        } else {
            out += text[i];
        }
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Fixture fixture;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto line_end = std::min(input.find('\n'), input.size());
    const auto line = input.substr(0, line_end);
    serve::ApiRequest request;
    const auto space = std::min(line.find(' '), line.size());
    request.method = std::string{line.substr(0, space)};
    const auto target = line.substr(std::min(space + 1, line.size()));
    const auto question = std::min(target.find('?'), target.size());
    request.path = decode(target.substr(0, question), false);
    for (auto rest = target.substr(std::min(question + 1, target.size())); !rest.empty();) {
        const auto amp = std::min(rest.find('&'), rest.size());
        const auto pair = rest.substr(0, amp);
        const auto eq = std::min(pair.find('='), pair.size());
        request.params.emplace(decode(pair.substr(0, eq), true),
                               decode(pair.substr(std::min(eq + 1, pair.size())), true));
        rest.remove_prefix(std::min(amp + 1, rest.size()));
    }
    if (line_end < input.size()) request.authorization = std::string{input.substr(line_end + 1)};

    const auto response = fixture.api.handle(request);
    if (response.status == 500 || response.status < 200 || response.status > 599) std::abort();
    const bool page = response.content_type.starts_with("text/html");
    if (!page && response.status != 204 && (response.body.empty() || response.body.front() != '{'))
        std::abort();
    if (response.status >= 400 &&
        response.body.find("\"status\":" + std::to_string(response.status)) == std::string::npos)
        std::abort();
    return 0;
}

// morgue-serve's options, and the run that opens the engines and starts the HTTP server.
#include "server/cli.hpp"

#include "common/error.hpp"
#include "common/text.hpp"
#include "searcher/cli.hpp"
#include "server/http_server.hpp"

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

namespace morgue::serve {

namespace po = boost::program_options;

namespace {

constexpr std::string_view hint = "(see morgue-serve --help)";

po::options_description option_descriptions() {
    po::options_description desc("Options");
    search::add_index_options(desc);
    desc.add_options()
        ("listen", po::value<std::string>()->value_name("HOST:PORT"),
         "the address to serve on (default 127.0.0.1:8080; [::1]:8080 for IPv6); anything but "
         "loopback also wants --token-file")
        ("threads", po::value<int>()->value_name("N"),
         "searchers, each with its own index handle (default: one per core, at least 2)")
        ("queue", po::value<int>()->value_name("N"),
         "requests that may wait for a free searcher; more are answered 503 (default 64)")
        ("time-limit", po::value<double>()->value_name("SECONDS"),
         "a search stops looking for better matches after this long (default 5)")
        ("max-query-bytes", po::value<int>()->value_name("N"),
         "longest query taken; a longer one is answered 413 (default 2048)")
        ("log", po::value<std::string>()->value_name("FILE"),
         "append the access log to FILE instead of stderr")
        ("cors", po::value<std::string>()->value_name("ORIGIN"),
         "let pages from ORIGIN (or *) call the API from a browser (default: off)")
        ("token-file", po::value<std::string>()->value_name("FILE"),
         "every request but /healthz must carry 'Authorization: Bearer TOKEN', TOKEN being the "
         "first line of FILE")
        ("help,h", po::bool_switch(), "show this help")
        ("version", po::bool_switch(), "show the version");
    return desc;
}

int bounded(const po::variables_map& vm, const char* name, int least, int most, int fallback) {
    if (!vm.count(name)) return fallback;
    const int value = vm[name].as<int>();
    if (value < least || value > most)
        throw UsageError(fmt::format("--{} must be between {} and {}, not {} {}", name, least, most,
                                     value, hint));
    return value;
}

std::string read_token(const std::string& path) {
    std::ifstream in(path);
    std::string token;
    if (!in || !std::getline(in, token))
        throw UsageError(fmt::format("cannot read a token from --token-file {}", path));
    token = std::string{trim(token)};
    if (token.size() < 16)
        throw UsageError(fmt::format("the token in {} is {} characters long; use at least 16 "
                                     "(for example: openssl rand -hex 32)", path, token.size()));
    return token;
}

}  // namespace

std::string usage_text() {
    std::ostringstream text;
    text << "usage: morgue-serve --index DIR [--listen HOST:PORT] [--threads N] [options]\n"
            "\n"
            "Serves a Morgue index over HTTP: a search page at / and a JSON API under /api/\n"
            "(search, articles/ID, articles/ID/like, stats, complete) and /healthz. Read-only.\n"
            "SIGTERM or Ctrl-C finishes the requests in flight, then exits 0.\n"
            "\n"
         << option_descriptions()
         << "\nExit codes: 0 stopped by a signal, 1 usage, 4 index missing or unreadable, 5 cannot "
            "listen on the address.\n";
    return text.str();
}

ServeOptions parse_command_line(int argc, const char* const argv[],
                                const std::optional<std::string>& env_index) {
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(option_descriptions()).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(fmt::format("{} {}", e.what(), hint));
    }
    ServeOptions options;
    options.help = vm["help"].as<bool>();
    options.version = vm["version"].as<bool>();
    if (options.help || options.version) return options;

    auto index = search::read_index_options(vm, env_index, hint);
    options.indexes = std::move(index.locations);
    options.open = index.open;
    options.engine = index.engine;
    if (vm.count("listen")) options.listen = parse_host_port(vm["listen"].as<std::string>());
    const int cores = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
    options.threads = static_cast<std::size_t>(bounded(vm, "threads", 1, 256, cores));
    options.queue = static_cast<std::size_t>(bounded(vm, "queue", 0, 100000, 64));
    options.api.max_query_bytes =
        static_cast<std::size_t>(bounded(vm, "max-query-bytes", 16, 1 << 20, 2048));
    if (vm.count("time-limit")) {
        const auto seconds = vm["time-limit"].as<double>();
        if (!(seconds > 0 && seconds <= 3600))
            throw UsageError(fmt::format("--time-limit must be between 0 and 3600 seconds {}", hint));
        options.api.time_limit_seconds = seconds;
    }
    if (vm.count("log")) options.log_path = vm["log"].as<std::string>();
    if (vm.count("cors")) {
        options.api.cors_origin = vm["cors"].as<std::string>();
        if (options.api.cors_origin.empty() ||
            options.api.cors_origin.find_first_of("\r\n") != std::string::npos)
            throw UsageError(fmt::format("--cors wants an origin such as https://cms.example.org "
                                         "or * {}", hint));
    }
    if (vm.count("token-file")) {
        options.token_file = vm["token-file"].as<std::string>();
        options.api.token = read_token(options.token_file);
    }
    options.api.version = MORGUE_VERSION;
    return options;
}

int run(const ServeOptions& options, std::ostream& err) {
    if (options.help) {
        err.flush();
        fmt::print("{}", usage_text());
        return 0;
    }
    if (options.version) {
        fmt::print("morgue-serve {}\n", MORGUE_VERSION);
        return 0;
    }
    EnginePool engines(options.threads, options.queue, [&] {
        return std::make_unique<search::Engine>(open_index(options.indexes, options.open), options.engine);
    });
    Api api(engines, options.api);
    HttpSettings http;
    http.listen = options.listen;
    // Connections beyond the searchers wait in the HTTP server's own threads for one; more than
    // searchers + queue at once wait for a thread (the kernel's listen backlog).
    http.threads = options.threads + std::max<std::size_t>(options.queue, 1);
    http.log_path = options.log_path;
    http.description = fmt::format("{} with {} searchers", join_names(options.indexes), options.threads);
    http.warn_no_token = options.api.token.empty();
    return serve_http(api, http, err);
}

}  // namespace morgue::serve

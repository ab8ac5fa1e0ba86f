// cpp-httplib glue: every method and path goes to Api::handle; errors of the HTTP layer itself
// (a malformed request line, an over-long URI) get the API's JSON error shape too.
#include "server/http_server.hpp"

#include <httplib.h>

#include <fmt/format.h>
#include <fmt/chrono.h>

#include <pthread.h>
#include <sys/socket.h>
#include <signal.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <mutex>
#include <optional>
#include <thread>

namespace morgue::serve {

namespace {

using Clock = std::chrono::steady_clock;

// Each request is read, answered and logged on one connection thread.
thread_local std::optional<Clock::time_point> request_started;
thread_local std::optional<Xapian::doccount> request_hits;

/// One line a request, whole lines only, from every connection thread.
class AccessLog {
public:
    AccessLog(const std::string& path, std::ostream& err) : m_out(&err) {
        if (path.empty()) return;
        m_file.open(path, std::ios::app);
        if (!m_file)
            throw std::runtime_error(fmt::format("cannot open the access log {}", path));
        m_out = &m_file;
    }

    void write(const std::string& line) {
        const std::lock_guard lock(m_mutex);
        *m_out << line << '\n';
        m_out->flush();
    }

private:
    std::mutex m_mutex;
    std::ofstream m_file;
    std::ostream* m_out;
};

std::string utc_now() {
    const auto now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

/// `text` with bytes that could forge or break a log line (controls, spaces) as %XX.
std::string loggable(std::string_view text, std::size_t most = 500) {
    std::string out;
    for (const char c : text.substr(0, most)) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7f)
            out += fmt::format("%{:02X}", byte);
        else
            out += c;
    }
    if (text.size() > most) out += "…";
    return out;
}

ApiRequest to_api_request(const httplib::Request& req) {
    ApiRequest request;
    request.method = req.method;
    request.path = req.path;
    request.params.insert(req.params.begin(), req.params.end());
    request.authorization = req.get_header_value("Authorization");
    request.from_loopback = is_loopback(req.remote_addr);
    return request;
}

void apply(const ApiResponse& response, httplib::Response& res) {
    res.status = response.status;
    for (const auto& [name, value] : response.headers) res.set_header(name, value);
    if (response.status != 204) res.set_content(response.body, response.content_type);
}

std::string_view reason_of(int status) {
    switch (status) {
    case 400: return "the request could not be read";
    case 404: return "no such path";
    case 413: return "the request is too large";
    case 414: return "the request's address is too long";
    case 431: return "the request's headers are too large";
    default: return "the request could not be served";
    }
}

}  // namespace

bool is_loopback(std::string_view address) noexcept {
    return address.starts_with("127.") || address == "::1" || address.starts_with("::ffff:127.");
}

int serve_http(Api& api, const HttpSettings& settings, std::ostream& err) {
    AccessLog log(settings.log_path, err);

    // SIGTERM and SIGINT are taken by one thread with sigtimedwait(); blocked here, before any
    // other thread starts, so no connection thread is interrupted by them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    sigset_t previous;
    pthread_sigmask(SIG_BLOCK, &stop_signals, &previous);

    httplib::Server server;
    const auto threads = settings.threads;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_keep_alive_timeout(2);
    server.set_keep_alive_max_count(100);
    server.set_read_timeout(10);
    server.set_write_timeout(10);
    server.set_payload_max_length(64 * 1024);
    // The headers and the body go out in two writes: without TCP_NODELAY, Nagle's algorithm
    // holds the body until the client's delayed ACK, 40 ms on Linux, for every answer.
    server.set_tcp_nodelay(true);
    // SO_REUSEADDR, so a restart binds at once; not httplib's default SO_REUSEPORT too, which
    // would let a second server bind the same port and take half the connections.
    server.set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });

    const auto handle = [&api](const httplib::Request& req, httplib::Response& res) {
        const auto response = api.handle(to_api_request(req));
        request_hits = response.hits;
        apply(response, res);
    };
    server.Get(".*", handle);
    server.Post(".*", handle);
    server.Put(".*", handle);
    server.Patch(".*", handle);
    server.Delete(".*", handle);
    server.Options(".*", handle);
    server.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
        request_started = Clock::now();
        request_hits.reset();
        return httplib::Server::HandlerResponse::Unhandled;
    });
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return;
        const auto error = error_response(res.status, reason_of(res.status));
        res.set_content(error.body, error.content_type);
    });
    server.set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                    std::exception_ptr) {
        const auto error = error_response(500, "the request could not be served");
        res.status = 500;
        res.set_content(error.body, error.content_type);
    });
    server.set_logger([&log](const httplib::Request& req, const httplib::Response& res) {
        const auto ms = request_started
            ? fmt::format("{:.1f}", std::chrono::duration<double, std::milli>(Clock::now() -
                                                                              *request_started)
                                        .count())
            : std::string{"-"};
        log.write(fmt::format("{} {} {} {} {} {}ms {}", utc_now(), loggable(req.remote_addr),
                              loggable(req.method, 16), loggable(req.target), res.status, ms,
                              request_hits ? std::to_string(*request_hits) : "-"));
        request_started.reset();
        request_hits.reset();
    });

    const auto address = settings.listen.name().substr(tcp_scheme.size());
    if (!server.bind_to_port(settings.listen.host, static_cast<int>(settings.listen.port))) {
        const int error = errno;
        pthread_sigmask(SIG_SETMASK, &previous, nullptr);
        err << "morgue-serve: error: cannot listen on " << address
            << (error != 0 ? fmt::format(": {}", std::strerror(error)) : std::string{}) << '\n';
        return 5;
    }
    err << "morgue-serve: serving " << settings.description << " at http://" << address << "/\n";
    if (!is_loopback(settings.listen.host) && settings.listen.host != "localhost" &&
        settings.warn_no_token)
        err << "morgue-serve: warning: listening beyond loopback without --token-file: anyone "
               "who can reach "
            << address << " can read the whole archive\n";
    err.flush();

    std::atomic<bool> listening_ended{false};
    std::thread stopper([&] {
        const timespec tick{0, 200'000'000};
        while (!listening_ended) {
            const int signal = sigtimedwait(&stop_signals, nullptr, &tick);
            if (signal == SIGTERM || signal == SIGINT) {
                log.write(fmt::format("{} morgue-serve: {}: finishing the requests in flight",
                                      utc_now(), signal == SIGTERM ? "SIGTERM" : "SIGINT"));
                server.stop();
                return;
            }
        }
    });
    server.listen_after_bind();
    listening_ended = true;
    stopper.join();
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    log.write(fmt::format("{} morgue-serve: stopped", utc_now()));
    return 0;
}

}  // namespace morgue::serve

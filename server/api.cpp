// The HTTP API: routing, parameters, the searcher's JSON renderer, and errors as JSON.
#include "server/api.hpp"

#include "common/error.hpp"
#include "common/index_open.hpp"
#include "common/json_write.hpp"
#include "searcher/prompt.hpp"
#include "searcher/query/parse.hpp"
#include "searcher/render/json.hpp"
#include "server/page.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <exception>
#include <new>
#include <set>
#include <sstream>

namespace morgue::serve {

namespace {

constexpr std::size_t max_completions = 50;

/// A request parameter that cannot be used: the answer is 400 with this message.
class BadParameter : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A request the server will not take in: the answer is `status` with this message.
class Refused : public std::runtime_error {
public:
    Refused(int status, const std::string& message) : std::runtime_error(message), m_status(status) {}
    int status() const noexcept { return m_status; }

private:
    int m_status;
};

/// The parameters of one request, each read at most once; any left unread is an error, so a
/// misspelt parameter is named instead of silently ignored.
class Params {
public:
    explicit Params(const std::multimap<std::string, std::string>& params) : m_params(params) {}

    std::optional<std::string> text(const std::string& name) {
        m_read.insert(name);
        const auto [first, last] = m_params.equal_range(name);
        if (first == last) return std::nullopt;
        if (std::next(first) != last) throw BadParameter(fmt::format("{} is given more than once", name));
        return first->second;
    }

    std::optional<Xapian::doccount> count(const std::string& name, Xapian::doccount most) {
        const auto value = text(name);
        if (!value) return std::nullopt;
        unsigned long long n = 0;
        const auto* end = value->data() + value->size();
        const auto [ptr, ec] = std::from_chars(value->data(), end, n);
        if (value->empty() || ec != std::errc{} || ptr != end || n > most)
            throw BadParameter(fmt::format("{} must be a whole number from 0 to {}, not '{}'", name,
                                           most, *value));
        return static_cast<Xapian::doccount>(n);
    }

    std::optional<bool> flag(const std::string& name) {
        const auto value = text(name);
        if (!value) return std::nullopt;
        static const std::array<std::string_view, 4> yes{"1", "true", "yes", "on"};
        static const std::array<std::string_view, 4> no{"0", "false", "no", "off"};
        if (std::find(yes.begin(), yes.end(), *value) != yes.end()) return true;
        if (std::find(no.begin(), no.end(), *value) != no.end()) return false;
        throw BadParameter(fmt::format("{} must be true or false, not '{}'", name, *value));
    }

    /// Throws BadParameter naming the first parameter nothing read.
    void check_all_read() const {
        for (const auto& [name, value] : m_params)
            if (!m_read.contains(name)) {
                std::string known;
                for (const auto& read : m_read) known += (known.empty() ? "" : ", ") + read;
                throw BadParameter(fmt::format("unknown parameter '{}' (this path takes: {})", name,
                                               known.empty() ? "none" : known));
            }
    }

private:
    const std::multimap<std::string, std::string>& m_params;
    std::set<std::string> m_read;
};

ApiResponse json_response(std::string body, std::optional<Xapian::doccount> hits = {}) {
    ApiResponse response;
    response.body = std::move(body);
    response.hits = hits;
    return response;
}

/// The paging, order, filters and output options /api/search and /like share.
void read_page_options(Params& params, const ApiSettings& settings, search::SearchRequest& request) {
    if (const auto limit = params.count("limit", settings.max_limit)) request.limit = *limit;
    if (const auto offset = params.count("offset", settings.max_offset)) request.offset = *offset;
    try {
        if (const auto sort = params.text("sort")) request.sort = search::parse_sort_order(*sort);
        if (const auto facets = params.text("facets"); facets && !facets->empty())
            request.facets = search::parse_facets(*facets);
    } catch (const UsageError& e) {
        throw BadParameter(e.what());
    }
    for (auto [name, bound] : {std::pair{"from", &request.date_from}, std::pair{"to", &request.date_to}}) {
        const auto value = params.text(name);
        if (!value || value->empty()) continue;
        const auto digits = search::parse_date_bound(*value);
        if (!digits)
            throw BadParameter(fmt::format("{} needs a date YYYY, YYYY-MM or YYYY-MM-DD, not '{}'",
                                           name, *value));
        *bound = *digits;
    }
    if (const auto collapse = params.flag("collapse")) request.collapse = *collapse;
    if (const auto snippets = params.flag("snippets")) request.snippets = *snippets;
    if (const auto timeline = params.flag("timeline")) request.timeline = *timeline;
    request.time_limit_seconds = settings.time_limit_seconds;
}

std::string render(const search::ResultPage& page) {
    std::ostringstream out;
    search::render_json(page, out);
    return out.str();
}

/// `text` no longer than the settings allow, else 413.
const std::string& within_length(const std::string& text, const ApiSettings& settings,
                                 std::string_view what) {
    if (text.size() > settings.max_query_bytes)
        throw Refused(413, fmt::format("{} is {} bytes long; at most {} are taken", what, text.size(),
                                       settings.max_query_bytes));
    return text;
}

}  // namespace

ApiResponse error_response(int status, std::string_view message, std::size_t column) {
    std::string body = fmt::format("{{\"error\":{{\"status\":{},\"message\":", status);
    append_json_string(body, message);
    if (column > 0) body += fmt::format(",\"column\":{}", column);
    body += "}}\n";
    ApiResponse response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

bool constant_time_equal(std::string_view a, std::string_view b) noexcept {
    unsigned char differ = a.size() == b.size() ? 0 : 1;
    const auto n = std::max(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        const auto x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        const auto y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        differ |= static_cast<unsigned char>(x ^ y);
    }
    return differ == 0;
}

Api::Api(EnginePool& engines, ApiSettings settings)
    : m_engines(engines), m_settings(std::move(settings)) {}

ApiResponse Api::handle(const ApiRequest& request) {
    ApiResponse response;
    try {
        response = route(request);
    } catch (const Refused& e) {
        response = error_response(e.status(), e.what());
    } catch (const BadParameter& e) {
        response = error_response(400, e.what());
    } catch (const NotFoundError& e) {
        response = error_response(404, e.what());
    } catch (const QueryError& e) {
        response = error_response(400, e.what(), e.column());
    } catch (const UsageError& e) {
        response = error_response(400, e.what());
    } catch (const IndexError& e) {
        response = error_response(503, e.what());
    } catch (const Xapian::Error& e) {
        response = error_response(503, "index: " + e.get_description());
    } catch (const std::bad_alloc&) {
        response = error_response(503, "out of memory for this request");
    } catch (const std::exception& e) {
        response = error_response(500, e.what());
    }
    if (response.status == 503) response.headers.emplace_back("Retry-After", "1");
    if (!m_settings.cors_origin.empty()) {
        response.headers.emplace_back("Access-Control-Allow-Origin", m_settings.cors_origin);
        response.headers.emplace_back("Vary", "Origin");
    }
    return response;
}

bool Api::authorized(const ApiRequest& request) const {
    if (m_settings.token.empty()) return true;
    constexpr std::string_view scheme = "Bearer ";
    const std::string_view header = request.authorization;
    if (!header.starts_with(scheme)) return false;
    return constant_time_equal(header.substr(scheme.size()), m_settings.token);
}

ApiResponse Api::route(const ApiRequest& request) {
    if (request.method == "OPTIONS" && !m_settings.cors_origin.empty()) {
        ApiResponse response;
        response.status = 204;
        response.headers = {{"Access-Control-Allow-Methods", "GET, HEAD"},
                            {"Access-Control-Allow-Headers", "Authorization"},
                            {"Access-Control-Max-Age", "600"}};
        return response;
    }
    if (request.method != "GET" && request.method != "HEAD") {
        auto response = error_response(405, fmt::format("{} is not served: the API is read-only "
                                                        "(GET)", request.method));
        response.headers.emplace_back("Allow", "GET, HEAD");
        return response;
    }
    const auto& path = request.path;
    if (path == "/healthz") return health();
    if (!authorized(request)) {
        auto response = error_response(401, "a bearer token is needed (Authorization: Bearer …)");
        response.headers.emplace_back("WWW-Authenticate", "Bearer");
        return response;
    }
    if (path == "/" || path == "/index.html") {
        // Any parameters: the page reads its state (q, sort, id…) from the URL itself.
        ApiResponse response;
        response.content_type = "text/html; charset=utf-8";
        response.body = std::string{search_page()};
        response.headers = {
            {"Content-Security-Policy",
             "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
             "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'"},
            {"X-Content-Type-Options", "nosniff"},
            {"Referrer-Policy", "no-referrer"}};
        return response;
    }
    if (path == "/api/search") return search(request);
    if (path == "/api/stats") return stats(request);
    if (path == "/api/complete") return complete(request);
    constexpr std::string_view articles = "/api/articles/";
    constexpr std::string_view like = "/like";
    if (path.starts_with(articles) && path.size() > articles.size()) {
        auto id = path.substr(articles.size());
        const bool is_like = id.size() > like.size() && id.ends_with(like);
        if (is_like) id.resize(id.size() - like.size());
        return article(request, id, is_like);
    }
    return error_response(404, fmt::format("no such path: {} (the API is under /api/: search, "
                                           "articles/ID, articles/ID/like, stats, complete; and "
                                           "/healthz)", path.substr(0, 200)));
}

namespace {

EnginePool::Lease lease(EnginePool& engines, const ApiSettings& settings) {
    auto lease = engines.acquire(settings.engine_wait);
    if (!lease) throw Refused(503, "the server is busy: every searcher is taken; try again shortly");
    return std::move(*lease);
}

}  // namespace

ApiResponse Api::search(const ApiRequest& request) {
    Params params(request.params);
    search::SearchRequest search;
    const auto q = params.text("q");
    if (!q || q->find_first_not_of(" \t\r\n") == std::string::npos)
        throw BadParameter("q is missing: /api/search?q=QUERY");
    search.query = within_length(*q, m_settings, "q");
    read_page_options(params, m_settings, search);
    params.check_all_read();
    auto engine = lease(m_engines, m_settings);
    const auto page = engine.engine().search(search);
    return json_response(render(page), static_cast<Xapian::doccount>(page.hits.size()));
}

ApiResponse Api::article(const ApiRequest& request, const std::string& id, bool like) {
    Params params(request.params);
    within_length(id, m_settings, "the id");
    if (!like) {
        params.check_all_read();
        auto engine = lease(m_engines, m_settings);
        std::ostringstream out;
        search::render_article_json(engine.engine().show(id), out);
        return json_response(out.str(), 1);
    }
    search::SearchRequest search;
    read_page_options(params, m_settings, search);
    params.check_all_read();
    auto engine = lease(m_engines, m_settings);
    const auto page = engine.engine().like(id, search);
    return json_response(render(page), static_cast<Xapian::doccount>(page.hits.size()));
}

ApiResponse Api::stats(const ApiRequest& request) {
    Params params(request.params);
    params.check_all_read();
    auto engine = lease(m_engines, m_settings);
    std::ostringstream out;
    search::render_stats_json(engine.engine().stats(100), out);
    return json_response(out.str());
}

ApiResponse Api::complete(const ApiRequest& request) {
    Params params(request.params);
    const auto prefix = params.text("prefix").value_or("");
    within_length(prefix, m_settings, "prefix");
    params.check_all_read();
    auto engine = lease(m_engines, m_settings);
    const auto values = search::read_completion_values(engine.engine().index());
    const auto completion = search::complete_line(prefix, values);
    std::string body = "{\"prefix\":";
    append_json_string(body, prefix);
    body += fmt::format(",\"word_start\":{},\"candidates\":[", completion.word_start);
    const auto shown = std::min(completion.candidates.size(), max_completions);
    for (std::size_t i = 0; i < shown; ++i) {
        if (i > 0) body += ',';
        append_json_string(body, completion.candidates[i]);
    }
    body += fmt::format("],\"more\":{}}}\n", completion.candidates.size() > shown ? "true" : "false");
    return json_response(std::move(body), static_cast<Xapian::doccount>(shown));
}

ApiResponse Api::health() {
    auto engine = lease(m_engines, m_settings);
    const auto& index = engine.engine().index();
    auto missing = index.missing;
    for (auto& name : unreachable_shards(index))
        if (std::find(missing.begin(), missing.end(), name) == missing.end())
            missing.push_back(std::move(name));
    std::string body = fmt::format("{{\"status\":\"{}\",\"shards\":{},\"missing_shards\":[",
                                   missing.empty() ? "ok" : "degraded", index.shards.size());
    for (std::size_t i = 0; i < missing.size(); ++i) {
        if (i > 0) body += ',';
        append_json_string(body, missing[i]);
    }
    body += "]}\n";
    auto response = json_response(std::move(body));
    if (!missing.empty()) response.status = 503;
    return response;
}

}  // namespace morgue::serve

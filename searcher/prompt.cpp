// The interactive prompt's loop: queries, paging, :commands, completion; all I/O on streams.
#include "searcher/prompt.hpp"

#include "common/error.hpp"
#include "common/fields.hpp"
#include "common/exit_code.hpp"
#include "common/schema.hpp"
#include "common/text.hpp"
#include "searcher/facets.hpp"
#include "searcher/render/json.hpp"
#include "searcher/render/timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <future>
#include <memory>
#include <sstream>
#include <utility>

namespace morgue::search {

namespace {

/// The prompt's :commands: the one table that :help, the dispatch and Tab completion read.
enum class Command { next, prev, open, like, sort, limit, facets, json, timeline, stats, history,
                     help, quit };

/// What Tab completion offers after a command's name.
enum class CommandArgument { none, hit, count, sort_order, on_off };

struct CommandInfo {
    Command command;
    std::string_view name;     ///< as typed and completed: ":open"
    std::string_view aliases;  ///< other spellings, space-separated: ":o"
    std::string_view usage;    ///< as :help shows it: ":open N"
    std::string_view help;
    CommandArgument argument;
};

constexpr CommandInfo command_table[] = {
    {Command::next, ":next", ":n", ":next", "the next page", CommandArgument::none},
    {Command::prev, ":prev", ":p", ":prev", "the previous page", CommandArgument::none},
    {Command::open, ":open", ":o", ":open N",
     "the whole article of hit N, through a pager when it is long", CommandArgument::hit},
    {Command::like, ":like", "", ":like N", "articles like hit N", CommandArgument::hit},
    {Command::sort, ":sort", "", ":sort ORDER", "relevance, newest or oldest",
     CommandArgument::sort_order},
    {Command::limit, ":limit", "", ":limit N", "hits per page", CommandArgument::count},
    {Command::facets, ":facets", "", ":facets on|off",
     "counts by source, year, topic and place under each page", CommandArgument::on_off},
    {Command::json, ":json", "", ":json on|off", "results as one JSON line per page",
     CommandArgument::on_off},
    {Command::timeline, ":timeline", "", ":timeline on|off",
     "matches per year (or month) above each page", CommandArgument::on_off},
    {Command::stats, ":stats", "", ":stats", "the index's figures", CommandArgument::none},
    {Command::history, ":history", "", ":history", "the lines entered so far",
     CommandArgument::none},
    {Command::help, ":help", ":h :?", ":help", "this list", CommandArgument::none},
    {Command::quit, ":quit", ":q :exit", ":quit",
     "leave (or Ctrl-D); Ctrl-C abandons a line or a running search", CommandArgument::none},
};

/// The command `name` spells (its name or an alias), or none.
const CommandInfo* find_command(std::string_view name) {
    for (const auto& info : command_table) {
        if (info.name == name) return &info;
        for (auto rest = info.aliases; !rest.empty();) {
            const auto space = std::min(rest.find(' '), rest.size());
            if (rest.substr(0, space) == name) return &info;
            rest.remove_prefix(std::min(space + 1, rest.size()));
        }
    }
    return nullptr;
}

std::string help_text() {
    std::string text = fmt::format("  {:<19} {}\n", "QUERY",
                                   "search, in the syntax of one-shot mode (morgue-search --help)");
    for (const auto& info : command_table)
        text += fmt::format("  {:<19} {}{}\n", info.usage, info.help,
                            info.aliases.empty() ? std::string{}
                                                 : fmt::format(" (also {})", info.aliases));
    return text;
}

constexpr Xapian::doccount max_page = 10000;

const std::vector<Facet> all_facets = {Facet::source, Facet::year, Facet::topic, Facet::place};

std::optional<std::size_t> parse_count(std::string_view text) {
    std::size_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end || text.empty()) return std::nullopt;
    return value;
}

/// Rows `text` takes on a screen `columns` wide (UTF-8 characters, long lines wrapping).
std::size_t screen_lines(std::string_view text, std::size_t columns) {
    std::size_t rows = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto end = std::min(text.find('\n', pos), text.size());
        std::size_t chars = 0;
        for (auto i = pos; i < end; ++i)
            if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
        rows += columns == 0 ? 1 : std::max<std::size_t>(1, (chars + columns - 1) / columns);
        pos = end + 1;
    }
    return rows;
}

/// The state of one prompt session.
class Session {
public:
    Session(Engine& engine, LineSource& lines, std::ostream& out, std::ostream& err,
            PromptSettings settings)
        : m_engine(engine), m_lines(lines), m_out(out), m_err(err), m_settings(std::move(settings)) {}

    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
    ~Session() { settle(); }

    int run();

private:
    /// Runs one line; false when the session should end.
    bool dispatch(std::string_view line);
    bool command(std::string_view name, std::string_view arg);
    void search_current();
    void show_page(const ResultPage& page);
    const Hit* find_hit(std::string_view arg);
    void open_hit(std::string_view arg);
    bool switch_setting(std::string_view name, std::string_view arg, bool& setting);
    void problem(std::string_view message) { m_err << "error: " << message << '\n'; }

    /// Runs `work` on the engine. With an interrupt flag the work runs beside the prompt,
    /// which stops waiting for it on Ctrl-C (nullopt); the engine is next used only after
    /// that work has finished (settle()).
    template <typename Work>
    auto call(Work work) -> std::optional<decltype(work())>;
    void settle();

    Engine& m_engine;
    LineSource& m_lines;
    std::ostream& m_out;
    std::ostream& m_err;
    PromptSettings m_settings;
    std::future<void> m_pending;

    bool m_have_query = false;
    std::string m_query;    ///< the query being paged, as typed
    std::string m_like_id;  ///< set instead of m_query for :like
    Xapian::doccount m_offset = 0;
    std::optional<ResultPage> m_page;
};

template <typename Work>
auto Session::call(Work work) -> std::optional<decltype(work())> {
    using Result = decltype(work());
    settle();
    if (m_settings.interrupted == nullptr) return work();
    auto result = std::make_shared<std::optional<Result>>();
    auto task = std::async(std::launch::async, [result, work]() mutable { *result = work(); });
    while (task.wait_for(std::chrono::milliseconds(20)) != std::future_status::ready) {
        if (m_settings.interrupted->load()) {
            m_pending = std::move(task);
            return std::nullopt;
        }
    }
    task.get();  // rethrows what the work threw
    return std::move(*result);
}

void Session::settle() {
    if (!m_pending.valid()) return;
    try {
        m_pending.get();
    } catch (...) {
        // The user abandoned this search; its outcome no longer matters.
    }
}

int Session::run() {
    try {
        const auto stats = call([&engine = m_engine] { return engine.stats(0); });
        if (stats) render_banner(*stats, m_settings.version, m_out);
    } catch (const Error& e) {
        problem(e.what());
    }
    for (;;) {
        m_out.flush();
        m_err.flush();
        const auto line = m_lines.read_line("morgue> ");
        if (!line) break;
        const auto text = trim(*line);
        if (text.empty()) continue;
        m_lines.remember(std::string{text});
        if (m_settings.interrupted) m_settings.interrupted->store(false);
        try {
            if (!dispatch(text)) break;
        } catch (const Error& e) {
            problem(e.what());
        }
    }
    m_out.flush();
    return to_int(ExitCode::ok);
}

bool Session::dispatch(std::string_view line) {
    if (line.front() != ':') {
        m_have_query = true;
        m_query = std::string{line};
        m_like_id.clear();
        m_offset = 0;
        search_current();
        return true;
    }
    const auto space = std::min(line.find_first_of(" \t"), line.size());
    return command(line.substr(0, space), trim(line.substr(space)));
}

bool Session::command(std::string_view name, std::string_view arg) {
    const auto* info = find_command(name);
    if (!info) {
        problem(fmt::format("unknown command '{}' (:help lists them)", name));
        return true;
    }
    switch (info->command) {
    case Command::quit:
        return false;
    case Command::help:
        m_out << help_text();
        break;
    case Command::next: {
        if (!m_page) return problem("no results to page through: type a query first"), true;
        const auto shown = m_page->offset + m_page->hits.size();
        if (m_page->hits.empty() || shown >= m_page->total) return problem("no more matches"), true;
        m_offset = static_cast<Xapian::doccount>(shown);
        search_current();
        break;
    }
    case Command::prev:
        if (!m_page) return problem("no results to page through: type a query first"), true;
        if (m_offset == 0) return problem("already at the first page"), true;
        m_offset = m_offset > m_settings.request.limit ? m_offset - m_settings.request.limit : 0;
        search_current();
        break;
    case Command::open:
        open_hit(arg);
        break;
    case Command::like:
        if (const auto* hit = find_hit(arg)) {
            m_have_query = true;
            m_like_id = hit->id;
            m_query.clear();
            m_offset = 0;
            search_current();
        }
        break;
    case Command::sort:
        m_settings.request.sort = parse_sort_order(arg);
        m_out << "sort: " << to_string(m_settings.request.sort) << '\n';
        if (m_have_query) {
            m_offset = 0;
            search_current();
        }
        break;
    case Command::limit: {
        const auto n = parse_count(arg);
        if (!n || *n == 0 || *n > max_page)
            return problem(fmt::format(":limit wants a number from 1 to {}, not '{}'", max_page,
                                       arg)),
                   true;
        m_settings.request.limit = static_cast<Xapian::doccount>(*n);
        m_out << "limit: " << *n << '\n';
        break;
    }
    case Command::facets: {
        bool on = !m_settings.request.facets.empty();
        if (switch_setting(info->name, arg, on))
            m_settings.request.facets = on ? all_facets : std::vector<Facet>{};
        break;
    }
    case Command::json:
        switch_setting(info->name, arg, m_settings.json);
        break;
    case Command::timeline:
        switch_setting(info->name, arg, m_settings.timeline);
        break;
    case Command::stats:
        if (const auto stats = call([&engine = m_engine] { return engine.stats(10); })) {
            if (m_settings.json)
                render_stats_json(*stats, m_out);
            else
                render_stats_text(*stats, m_out);
        } else {
            m_err << "interrupted\n";
        }
        break;
    case Command::history: {
        const auto lines = m_lines.history();
        const auto width = std::to_string(lines.size()).size();
        for (std::size_t i = 0; i < lines.size(); ++i)
            m_out << fmt::format("{:>{}}  {}\n", i + 1, width, lines[i]);
        break;
    }
    }
    return true;
}

bool Session::switch_setting(std::string_view name, std::string_view arg, bool& setting) {
    if (arg == "on") {
        setting = true;
    } else if (arg == "off") {
        setting = false;
    } else if (arg.empty()) {
        setting = !setting;
    } else {
        problem(fmt::format("{} wants on or off, not '{}'", name, arg));
        return false;
    }
    m_out << name.substr(1) << ": " << (setting ? "on" : "off") << '\n';
    return true;
}

void Session::search_current() {
    auto request = m_settings.request;
    request.query = m_query;
    request.offset = m_offset;
    request.timeline = m_settings.timeline;
    const auto like_id = m_like_id;
    auto page = call([&engine = m_engine, request, like_id] {
        return like_id.empty() ? engine.search(request) : engine.like(like_id, request);
    });
    if (!page) {
        m_err << "interrupted\n";
        return;
    }
    m_page = std::move(*page);
    show_page(*m_page);
}

void Session::show_page(const ResultPage& page) {
    if (m_settings.json) {
        render_json(page, m_out);
        return;
    }
    if (page.timeline) m_out << render_timeline(*page.timeline);
    render_text(page, m_out, m_settings.style);
}

const Hit* Session::find_hit(std::string_view arg) {
    if (!m_page || m_page->hits.empty()) {
        problem("no hits on screen: type a query first");
        return nullptr;
    }
    const auto& hits = m_page->hits;
    const auto n = parse_count(arg);
    if (n) {
        // N as numbered on screen (the rank); else the N-th hit of the page.
        for (const auto& hit : hits)
            if (hit.rank == *n) return &hit;
        if (*n >= 1 && *n <= hits.size()) return &hits[*n - 1];
    }
    problem(fmt::format("no hit '{}' on this page (hits {}-{})", arg, hits.front().rank,
                        hits.back().rank));
    return nullptr;
}

void Session::open_hit(std::string_view arg) {
    const auto* hit = find_hit(arg);
    if (!hit) return;
    const auto article = call([&engine = m_engine, id = hit->id] { return engine.show(id); });
    if (!article) {
        m_err << "interrupted\n";
        return;
    }
    if (m_settings.json) {
        render_article_json(*article, m_out);
        return;
    }
    std::ostringstream text;
    render_article_text(*article, text, m_settings.style);
    const auto screen = m_settings.screen_size ? m_settings.screen_size() : ScreenSize{};
    if (screen.rows > 0 && m_settings.pager &&
        screen_lines(text.str(), screen.columns) >= screen.rows) {
        m_out.flush();
        if (m_settings.pager(text.str())) return;
    }
    m_out << text.str();
}

}  // namespace

std::optional<std::string> StreamLineSource::read_line(std::string_view) {
    std::string line;
    if (!std::getline(m_in, line)) return std::nullopt;
    return line;
}

const std::vector<std::string>& prompt_commands() {
    static const std::vector<std::string> commands = [] {
        std::vector<std::string> names;
        for (const auto& info : command_table) names.emplace_back(info.name);
        std::sort(names.begin(), names.end());
        return names;
    }();
    return commands;
}

const std::vector<std::string>& prompt_fields() {
    static const std::vector<std::string> fields = [] {
        std::vector<std::string> names;
        for (const auto& info : query_fields) names.push_back(std::string{info.name} + ":");
        std::sort(names.begin(), names.end());
        return names;
    }();
    return fields;
}

std::vector<std::string> read_field_values(const OpenIndex& index, std::string_view prefix) {
    std::vector<std::string> values;
    try {
        for_each_label(index.db, prefix, [&](std::string value, Xapian::doccount) {
            values.push_back(std::move(value));
        });
    } catch (const Xapian::Error& e) {
        throw IndexError(index.location, e.get_description());
    }
    return values;
}

CompletionValues read_completion_values(const OpenIndex& index) {
    return {read_field_values(index, schema::source_prefix),
            read_field_values(index, schema::topic_prefix)};
}

std::string common_prefix(const std::vector<std::string>& words) {
    if (words.empty()) return {};
    std::string prefix = words.front();
    for (const auto& word : words) {
        std::size_t n = 0;
        while (n < prefix.size() && n < word.size() && prefix[n] == word[n]) ++n;
        prefix.resize(n);
    }
    // Never end inside a UTF-8 sequence.
    auto end = prefix.size();
    while (end > 0 && (static_cast<unsigned char>(prefix[end - 1]) & 0xC0) == 0x80) --end;
    if (end > 0 && (static_cast<unsigned char>(prefix[end - 1]) & 0x80) != 0) {
        const auto lead = static_cast<unsigned char>(prefix[end - 1]);
        const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        if (prefix.size() - (end - 1) < length) prefix.resize(end - 1);
    }
    return prefix;
}

Completion complete_line(std::string_view before_cursor, const CompletionValues& values) {
    Completion result;
    // The word being completed starts after the last space or '(' outside quotes.
    bool quoted = false;
    for (std::size_t i = 0; i < before_cursor.size(); ++i) {
        const char c = before_cursor[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == ' ' || c == '\t' || c == '('))
            result.word_start = i + 1;
    }
    const auto word = before_cursor.substr(result.word_start);
    const auto first = before_cursor.find_first_not_of(" \t");
    const auto starts_with = [](std::string_view text, std::string_view start) {
        return text.size() >= start.size() && to_lower(text.substr(0, start.size())) == to_lower(start);
    };

    if (first != std::string_view::npos && before_cursor[first] == ':') {
        if (result.word_start <= first) {
            for (const auto& command : prompt_commands())
                if (starts_with(command, word)) result.candidates.push_back(command);
        } else {
            const auto rest = before_cursor.substr(first);
            const auto name = rest.substr(0, std::min(rest.find_first_of(" \t"), rest.size()));
            std::vector<std::string> choices;
            const auto* info = find_command(name);
            const auto argument = info ? info->argument : CommandArgument::none;
            if (argument == CommandArgument::sort_order)
                for (const auto order : sort_order_names()) choices.emplace_back(order);
            else if (argument == CommandArgument::on_off)
                choices = {"on", "off"};
            std::sort(choices.begin(), choices.end());
            for (const auto& choice : choices)
                if (starts_with(choice, word)) result.candidates.push_back(choice);
            result.final = true;
        }
        return result;
    }

    const auto sign_length = !word.empty() && (word[0] == '+' || word[0] == '-') ? 1 : 0;
    const auto sign = word.substr(0, sign_length);
    const auto bare = word.substr(sign_length);
    for (const auto& [field, labels] : {std::pair{std::string_view{"source:"}, &values.sources},
                                        std::pair{std::string_view{"topic:"}, &values.topics}}) {
        if (!starts_with(bare, field)) continue;
        auto typed = bare.substr(field.size());
        if (!typed.empty() && typed.front() == '"') typed.remove_prefix(1);
        for (const auto& label : *labels) {
            if (!starts_with(label, typed)) continue;
            const bool quote = label.find_first_of(" \t") != std::string::npos;
            result.candidates.push_back(fmt::format("{}{}{}{}{}", sign, field, quote ? "\"" : "",
                                                    label, quote ? "\"" : ""));
        }
        result.final = true;
        std::sort(result.candidates.begin(), result.candidates.end());
        return result;
    }
    if (bare.empty() || bare.find(':') != std::string_view::npos) return result;
    for (const auto& field : prompt_fields())
        if (starts_with(field, bare)) result.candidates.push_back(std::string{sign} + field);
    return result;
}

void render_banner(const IndexStats& stats, std::string_view version, std::ostream& out) {
    const auto range = stats.first_date && stats.last_date
        ? fmt::format("{} to {}", stats.first_date->iso(), stats.last_date->iso())
        : std::string{"no dated articles"};
    out << fmt::format("Morgue {}: {} · {} {} · {} · {}\n", version, stats.location,
                       group_thousands(stats.documents), stats.documents == 1 ? "article" : "articles",
                       range, stats.analysis.language);
    out << ":help for commands, Ctrl-D to quit\n";
}

int run_prompt(Engine& engine, LineSource& lines, std::ostream& out, std::ostream& err,
               PromptSettings settings) {
    Session session(engine, lines, out, err, std::move(settings));
    return session.run();
}

}  // namespace morgue::search

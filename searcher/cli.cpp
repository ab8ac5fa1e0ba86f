// Command-line parsing and the one-shot, stats and batch runs of morgue-search.
#include "searcher/cli.hpp"

#include "common/error.hpp"
#include "common/exit_code.hpp"
#include "common/index_open.hpp"
#include "common/text.hpp"
#include "searcher/engine.hpp"
#include "searcher/query/parse.hpp"
#include "searcher/render/json.hpp"
#include "searcher/render/text.hpp"

#include <boost/program_options.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <set>
#include <sstream>
#include <vector>

namespace morgue::search {

namespace po = boost::program_options;

namespace {

constexpr std::string_view hint = "(see morgue-search --help)";
constexpr Xapian::doccount max_limit = 10000;

po::options_description option_descriptions() {
    po::options_description desc("Options");
    desc.add_options()
        ("index", po::value<std::string>()->value_name("DIR"),
         "the index to search (default: $MORGUE_INDEX)")
        ("limit,n", po::value<long long>()->value_name("N"), "show N hits (default 10)")
        ("offset", po::value<long long>()->value_name("N"), "skip the first N hits")
        ("from", po::value<std::string>()->value_name("DATE"),
         "only articles dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD); undated never")
        ("to", po::value<std::string>()->value_name("DATE"),
         "only articles dated on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
        ("json", po::bool_switch(), "one JSON object per query, on one line")
        ("stats", po::bool_switch(), "describe the index instead of searching")
        ("color", po::value<std::string>()->value_name("WHEN"),
         "highlight with ANSI bold: auto (a terminal without NO_COLOR), always, never")
        ("help,h", po::bool_switch(), "show this help")
        ("version", po::bool_switch(), "show the version");
    return desc;
}

bool is_short_option(std::string_view arg) {
    if (arg == "-h" || arg == "-n") return true;
    return arg.size() > 2 && arg.substr(0, 2) == "-n" &&
           arg.find_first_not_of("0123456789", 2) == std::string_view::npos;
}

/// Separates options from query words, so "-cocoa" and "+must" stay query words.
void split_arguments(int argc, const char* const argv[], std::vector<std::string>& options,
                     std::vector<std::string>& words) {
    static const std::set<std::string, std::less<>> takes_value{"--index", "--limit", "--offset",
                                                                "--color", "-n",
                                                                "--from", "--to"};
    bool only_words = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (only_words) {
            words.push_back(arg);
        } else if (arg == "--") {
            only_words = true;
        } else if (arg.rfind("--", 0) == 0 || is_short_option(arg)) {
            options.push_back(arg);
            if (takes_value.contains(arg) && i + 1 < argc) options.emplace_back(argv[++i]);
        } else {
            words.push_back(arg);
        }
    }
}

Xapian::doccount count_option(const po::variables_map& vm, const char* name,
                              Xapian::doccount fallback) {
    if (!vm.count(name)) return fallback;
    const auto value = vm[name].as<long long>();
    if (value < 0 || value > max_limit)
        throw UsageError(fmt::format("--{} must be between 0 and {}, not {} {}", name, max_limit,
                                     value, hint));
    return static_cast<Xapian::doccount>(value);
}

bool color_wanted(const po::variables_map& vm, const Environment& env) {
    const auto when = vm.count("color") ? vm["color"].as<std::string>() : std::string{"auto"};
    if (when == "always") return true;
    if (when == "never") return false;
    if (when == "auto") return env.stdout_is_terminal && !env.no_color;
    throw UsageError(fmt::format("unknown --color value '{}' (choose from: auto, always, never)",
                                 when));
}

void render_page(const SearchOptions& options, const ResultPage& page, std::ostream& out) {
    if (options.json)
        render_json(page, out);
    else
        render_text(page, out, options.color ? TextStyle::terminal() : TextStyle::plain());
}

SearchRequest request_for(const SearchOptions& options, std::string query) {
    SearchRequest request;
    request.query = std::move(query);
    request.limit = options.limit;
    request.offset = options.offset;
    request.date_from = options.date_from;
    request.date_to = options.date_to;
    return request;
}

int run_batch(const SearchOptions& options, Engine& engine, std::istream& in, std::ostream& out,
              std::ostream& err) {
    int queries = 0;
    bool failed = false;
    for (std::string line; std::getline(in, line);) {
        const auto query = trim(line);
        if (query.empty() || query.front() == '#') continue;
        ++queries;
        try {
            const auto page = engine.search(request_for(options, std::string{query}));
            if (!options.json) out << (queries > 1 ? "\n" : "") << "== " << query << " ==\n";
            render_page(options, page, out);
        } catch (const QueryError& e) {
            out.flush();
            err << "morgue-search: error: " << e.what() << '\n';
            failed = true;
        }
    }
    if (queries == 0)
        throw UsageError(fmt::format("no query given: pass QUERY words, or one query per line on "
                                     "stdin {}", hint));
    return to_int(failed ? ExitCode::bad_query : ExitCode::ok);
}

}  // namespace

Environment read_environment() {
    Environment env;
    if (const char* index = std::getenv("MORGUE_INDEX"); index && *index) env.index = index;
    env.no_color = std::getenv("NO_COLOR") != nullptr;
    env.stdout_is_terminal = isatty(STDOUT_FILENO) == 1;
    env.stdin_is_terminal = isatty(STDIN_FILENO) == 1;
    return env;
}

std::string usage_text() {
    std::ostringstream text;
    text << "usage: morgue-search --index DIR [--limit N] [--json] QUERY...\n"
            "       morgue-search --index DIR --stats [--json]\n"
            "       morgue-search --index DIR [--json] < queries.txt   (one query per line)\n"
            "\n"
            "Searches a Morgue index and prints the best matches with highlighted snippets.\n"
            "\n"
            "Query syntax:\n"
            "  cocoa prices             ranked by relevance (BM25), best first\n"
            "  \"central bank\"           phrase\n"
            "  +cocoa -brazil           must contain / must not contain\n"
            "  (a OR b) AND c NOT d     boolean operators, upper case; also XOR\n"
            "  a NEAR b  a ADJ/3 b      within 10 (or n) words; ADJ keeps the order\n"
            "  export*                  words starting with 'export'\n"
            "  title:cocoa              a word in the title\n"
            "  source:reuters21578  topic:cocoa  place:japan  byline:\"jane doe\"\n"
            "  year:1987  id:1          filters; a query of filters only lists the newest first\n"
            "  date:2016-12  date:2016-12-01..2016-12-31  date:..1990   dates (undated never match)\n"
            "\n"
         << option_descriptions()
         << "\nExit codes: 0 ok, 1 usage, 3 bad query, 4 index missing or unreadable.\n";
    return text.str();
}

SearchOptions parse_command_line(int argc, const char* const argv[], const Environment& env) {
    std::vector<std::string> option_args;
    std::vector<std::string> words;
    split_arguments(argc, argv, option_args, words);

    po::variables_map vm;
    try {
        po::store(po::command_line_parser(option_args).options(option_descriptions()).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(fmt::format("{} {}", e.what(), hint));
    }

    SearchOptions options;
    options.help = vm["help"].as<bool>();
    options.version = vm["version"].as<bool>();
    if (options.help || options.version) return options;

    options.json = vm["json"].as<bool>();
    options.stats = vm["stats"].as<bool>();
    options.limit = count_option(vm, "limit", options.limit);
    options.offset = count_option(vm, "offset", options.offset);
    for (auto [name, bound] : {std::pair{"from", &options.date_from}, std::pair{"to", &options.date_to}}) {
        if (!vm.count(name)) continue;
        const auto digits = parse_date_bound(vm[name].as<std::string>());
        if (!digits)
            throw UsageError(fmt::format("--{} needs a date YYYY, YYYY-MM or YYYY-MM-DD, not '{}' {}",
                                         name, vm[name].as<std::string>(), hint));
        *bound = *digits;
    }
    options.color = color_wanted(vm, env);
    if (vm.count("index"))
        options.index = vm["index"].as<std::string>();
    else if (env.index)
        options.index = *env.index;
    else
        throw UsageError(fmt::format("no index given: use --index DIR or set MORGUE_INDEX {}", hint));
    if (options.index.empty()) throw UsageError(fmt::format("--index needs a directory {}", hint));

    for (const auto& word : words) {
        if (!options.query.empty()) options.query += ' ';
        options.query += word;
    }
    if (options.stats && !options.query.empty())
        throw UsageError(fmt::format("--stats takes no query {}", hint));
    if (!options.stats && options.query.empty()) {
        if (env.stdin_is_terminal)
            throw UsageError(fmt::format("no query given {}", hint));
        options.batch = true;
    }
    return options;
}

int run(const SearchOptions& options, std::istream& in, std::ostream& out, std::ostream& err) {
    if (options.help) {
        out << usage_text();
        return to_int(ExitCode::ok);
    }
    if (options.version) {
        out << "morgue-search " << MORGUE_VERSION << '\n';
        return to_int(ExitCode::ok);
    }
    Engine engine(open_index(options.index));
    if (options.stats) {
        const auto stats = engine.stats(options.json ? 100 : 10);
        if (options.json)
            render_stats_json(stats, out);
        else
            render_stats_text(stats, out);
        return to_int(ExitCode::ok);
    }
    if (options.batch) return run_batch(options, engine, in, out, err);
    render_page(options, engine.search(request_for(options, options.query)), out);
    return to_int(ExitCode::ok);
}

}  // namespace morgue::search

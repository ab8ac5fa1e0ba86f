// Command-line parsing and the one-shot, stats and batch runs of morgue-search.
#include "searcher/cli.hpp"

#include "common/error.hpp"
#include "common/fields.hpp"
#include "common/exit_code.hpp"
#include "common/index_open.hpp"
#include "common/json_write.hpp"
#include "common/text.hpp"
#include "searcher/bench.hpp"
#include "searcher/engine.hpp"
#include "searcher/eval.hpp"
#include "searcher/line_editor.hpp"
#include "searcher/query/parse.hpp"
#include "searcher/render/json.hpp"
#include "searcher/render/text.hpp"
#include "searcher/render/timeline.hpp"
#include "searcher/render/trec.hpp"

#include <boost/program_options.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <tuple>
#include <vector>

namespace morgue::search {

namespace po = boost::program_options;

namespace {

constexpr std::string_view hint = "(see morgue-search --help)";
constexpr Xapian::doccount max_limit = 10000;

}  // namespace

void add_index_options(po::options_description& desc) {
    desc.add_options()
        ("index", po::value<std::vector<std::string>>()->value_name("DIR"),
         "the index to search (default: $MORGUE_INDEX); a directory or a shard served by "
         "xapian-tcpsrv, tcp://HOST:PORT; repeat to search several as one")
        ("connect-timeout", po::value<double>()->value_name("SECONDS"),
         "wait at most this long for a remote shard to accept a connection (default 5)")
        ("allow-partial", po::bool_switch(),
         "when a shard does not answer, search the others and name it (on stderr, and as "
         "missing_shards in JSON)")
        ("parallel-shards", po::value<std::string>()->value_name("WHEN"),
         "match the shards of a local index at once, a thread each: auto (default: indexes of "
         "50,000 articles or more), always, never");
}

IndexChoice read_index_options(const po::variables_map& vm, const std::optional<std::string>& env_index,
                               std::string_view hint) {
    IndexChoice choice;
    if (vm.count("index"))
        choice.locations = vm["index"].as<std::vector<std::string>>();
    else if (env_index)
        choice.locations = {*env_index};
    else
        throw UsageError(fmt::format("no index given: use --index DIR or set MORGUE_INDEX {}", hint));
    for (const auto& index : choice.locations) {
        if (index.empty()) throw UsageError(fmt::format("--index needs a directory {}", hint));
        if (is_tcp_location(index)) parse_tcp_location(index);  // a bad address is a usage error
    }
    choice.open.allow_partial = vm["allow-partial"].as<bool>();
    if (vm.count("parallel-shards")) {
        try {
            choice.engine.parallel = parse_parallel_shards(vm["parallel-shards"].as<std::string>());
        } catch (const UsageError& e) {
            throw UsageError(fmt::format("{} {}", e.what(), hint));
        }
    }
    if (vm.count("connect-timeout")) {
        const auto seconds = vm["connect-timeout"].as<double>();
        if (!(seconds > 0 && seconds <= 3600))
            throw UsageError(fmt::format("--connect-timeout must be between 0 and 3600 seconds {}",
                                         hint));
        choice.open.connect_timeout_ms = static_cast<unsigned>(seconds * 1000 + 0.5);
        if (choice.open.connect_timeout_ms == 0) choice.open.connect_timeout_ms = 1;
    }
    return choice;
}

po::options_description option_descriptions() {
    po::options_description desc("Options");
    add_index_options(desc);
    desc.add_options()
        ("limit,n", po::value<long long>()->value_name("N"), "show N hits (default 10)")
        ("offset", po::value<long long>()->value_name("N"), "skip the first N hits")
        ("sort", po::value<std::string>()->value_name("ORDER"),
         "relevance (default; equal scores newest first), newest, oldest")
        ("from", po::value<std::string>()->value_name("DATE"),
         "only articles dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD); undated never")
        ("to", po::value<std::string>()->value_name("DATE"),
         "only articles dated on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
        ("facets", po::value<std::string>()->value_name("LIST"),
         "count matches by source,year,topic,place (any of them, comma-separated)")
        ("no-collapse", po::bool_switch(), "show every wire copy of a story as its own hit")
        ("no-snippets", po::bool_switch(), "no snippets (faster)")
        ("like", po::value<std::string>()->value_name("ID"), "articles similar to article ID")
        ("show", po::value<std::string>()->value_name("ID"), "print the whole stored article ID")
        ("json", po::bool_switch(), "one JSON object per query, on one line")
        ("timeline", po::bool_switch(),
         "matches per year (or month) as a bar chart above the results (with --json: per month)")
        ("trec", po::value<std::string>()->value_name("TAG"),
         "TREC run lines: QID Q0 DOCID RANK SCORE TAG (batch: 'QID<TAB>query' lines)")
        ("eval", po::bool_switch(), "score --topics against --qrels: MAP, nDCG@10, P@10, "
         "recall@1000 (--limit = depth, default 1000)")
        ("topics", po::value<std::string>()->value_name("FILE"),
         "eval topics: 'QID<TAB>text' lines or JSON Lines {\"id\",\"text\"}")
        ("qrels", po::value<std::string>()->value_name("FILE"), "eval judgments, TREC qrels")
        ("run", po::value<std::string>()->value_name("FILE"), "eval: also write the TREC run")
        ("compare-run", po::value<std::string>()->value_name("FILE"),
         "eval: score this TREC run (another engine's) beside Morgue's, with the paired "
         "randomisation test's p")
        ("per-query", po::bool_switch(), "eval: a line per topic; bench: a TSV line per query")
        ("bench", po::value<std::string>()->value_name("FILE"),
         "time the queries of FILE (lines 'query', 'kind<TAB>query', 'qid<TAB>kind<TAB>query', "
         "or JSON Lines {\"query\",\"tags\"}); the result options above apply")
        ("warmup", po::value<int>()->value_name("N"), "bench: untimed passes first (default 1)")
        ("repeat", po::value<int>()->value_name("N"),
         "bench: timed passes; each query's latency is its median (default 5)")
        ("threads", po::value<int>()->value_name("N"),
         "bench: N concurrent searchers, one index handle each (default 1)")
        ("bench-json", po::value<std::string>()->value_name("FILE"),
         "bench: also write the report as JSON to FILE (same as --bench ... --json FILE)")
        ("bm25", po::value<std::string>()->value_name("K1,B[,MIN[,K3]]"),
         "BM25 parameters k1, b, min_normlen and k3 (default 2.0,0.6,0.3,1)")
        ("feedback", po::value<std::string>()->value_name("DOCS[,TERMS[,WEIGHT]]"),
         "pseudo-relevance feedback: add the TERMS (20) most telling words of the best DOCS "
         "matches, weighted up to WEIGHT (0.3) of the query's own; 0 turns it off (default: "
         "off, but 10,25,0.3 for --eval topics)")
        ("proximity", po::value<std::string>()->value_name("WEIGHT[,WINDOW]"),
         "term proximity: consecutive query words within WINDOW (8) positions of each other, "
         "in either order, also count, scaled by WEIGHT (words one apart: half); 0 turns it "
         "off (default: off, but 0.1,8 for --eval topics)")
        ("no-stopwords", po::bool_switch(), "keep common words (the, of, …) in ranked queries")
        ("stats", po::bool_switch(), "describe the index instead of searching")
        ("color", po::value<std::string>()->value_name("WHEN"),
         "highlight with ANSI bold: auto (a terminal without NO_COLOR), always, never")
        ("help,h", po::bool_switch(), "show this help")
        ("version", po::bool_switch(), "show the version");
    return desc;
}

namespace {

/// The option `arg` names ("--limit", "--lim" as Boost's prefix guessing takes it, "-n"), or
/// none: a word that only looks like an option ("-cocoa", "--") names none.
const po::option_description* find_option(const po::options_description& desc,
                                          std::string_view arg) {
    std::string name;
    if (arg.starts_with("--"))
        name = arg.substr(2);
    else if (arg.size() == 2 && arg[0] == '-')
        name = arg;  // Boost keeps short names with their dash
    else
        return nullptr;
    if (name.empty() || name.find('=') != std::string::npos) return nullptr;
    try {
        return desc.find_nothrow(name, /*approx=*/true);
    } catch (const po::error&) {
        return nullptr;  // ambiguous: Boost names the candidates when it parses the options
    }
}

bool takes_value(const po::option_description& option) {
    return option.semantic()->max_tokens() > 0;
}

/// "-n5": a short option that takes a value, with a number attached ("-news" stays a word).
bool is_short_with_value(const po::options_description& desc, std::string_view arg) {
    if (arg.size() <= 2 || arg[0] != '-' || arg.find_first_not_of("0123456789", 2) != arg.npos)
        return false;
    const auto* option = find_option(desc, arg.substr(0, 2));
    return option && takes_value(*option);
}

}  // namespace

void split_arguments(const po::options_description& desc, int argc, const char* const argv[],
                     std::vector<std::string>& options, std::vector<std::string>& words) {
    // With --bench, "--json FILE" names the JSON report (there are no query words to confuse).
    bool bench = false;
    for (int i = 1; i < argc; ++i)
        if (std::string_view{argv[i]} == "--bench" || std::string_view{argv[i]}.starts_with("--bench="))
            bench = true;
    bool only_words = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto* option = find_option(desc, arg);
        if (only_words) {
            words.push_back(arg);
        } else if (arg == "--") {
            only_words = true;
        } else if (bench && arg == "--json" && i + 1 < argc && argv[i + 1][0] != '-') {
            options.emplace_back("--bench-json");
            options.emplace_back(argv[++i]);
        } else if (bench && arg.starts_with("--json=")) {
            options.push_back("--bench-json=" + arg.substr(7));
        } else if (option) {
            options.push_back(arg);
            if (takes_value(*option) && i + 1 < argc) options.emplace_back(argv[++i]);
        } else if (arg.starts_with("--") || is_short_with_value(desc, arg)) {
            options.push_back(arg);  // "--limit=5", "-n5"; or an unknown option Boost will name
        } else {
            words.push_back(arg);
        }
    }
}

namespace {

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

TextStyle text_style(const SearchOptions& options) {
    return options.color ? TextStyle::terminal() : TextStyle::plain();
}

void render_page(const SearchOptions& options, const ResultPage& page, std::ostream& out,
                 std::string_view qid = "1") {
    if (!options.trec_tag.empty())
        render_trec(page, qid, options.trec_tag, out);
    else if (options.json)
        render_json(page, out);
    else {
        if (page.timeline) out << render_timeline(*page.timeline);
        render_text(page, out, text_style(options));
    }
}

SearchRequest request_for(const SearchOptions& options, std::string query) {
    SearchRequest request;
    request.query = std::move(query);
    request.limit = options.limit;
    request.offset = options.offset;
    request.sort = options.sort;
    request.facets = options.facets;
    request.collapse = options.collapse;
    // Run lines have no snippets and no suggestion to show.
    request.snippets = options.snippets && options.trec_tag.empty();
    request.suggest = options.trec_tag.empty();
    request.bm25 = options.bm25;
    request.feedback = options.feedback;
    request.proximity = options.proximity;
    request.stop_words = options.stop_words;
    request.date_from = options.date_from;
    request.date_to = options.date_to;
    request.timeline = options.timeline && options.trec_tag.empty();
    return request;
}

/// "2.5,0.9": one to `most` non-negative numbers, comma-separated; UsageError naming `option`
/// and its `form` otherwise.
std::vector<double> parse_number_list(const std::string& text, std::string_view option,
                                      std::string_view form, std::size_t most) {
    std::vector<double> values;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const auto comma = std::min(text.find(',', pos), text.size());
        const auto item = text.substr(pos, comma - pos);
        pos = comma + 1;
        char* end = nullptr;
        const double value = std::strtod(item.c_str(), &end);
        if (values.size() == most || item.empty() || end != item.c_str() + item.size() ||
            !(value >= 0) || !std::isfinite(value))
            throw UsageError(fmt::format("{} wants {} as non-negative numbers, not '{}' {}", option,
                                         form, text, hint));
        values.push_back(value);
    }
    return values;
}

Bm25Params parse_bm25(const std::string& text) {
    const auto values = parse_number_list(text, "--bm25", "K1,B[,MIN_NORMLEN[,K3]]", 4);
    Bm25Params params;
    double* targets[] = {&params.k1, &params.b, &params.min_normlen, &params.k3};
    for (std::size_t i = 0; i < values.size(); ++i) *targets[i] = values[i];
    if (values.size() < 2 || params.b > 1)
        throw UsageError(fmt::format("--bm25 wants K1,B[,MIN_NORMLEN[,K3]] with B at most 1, not "
                                     "'{}' {}", text, hint));
    return params;
}

Proximity parse_proximity(const std::string& text) {
    const auto values = parse_number_list(text, "--proximity", "WEIGHT[,WINDOW]", 2);
    Proximity proximity;
    proximity.weight = values[0];
    if (values.size() > 1) {
        if (values[1] < 2 || values[1] > 1000 || values[1] != static_cast<double>(static_cast<int>(values[1])))
            throw UsageError("--proximity wants a whole WINDOW between 2 and 1000 positions");
        proximity.window = static_cast<Xapian::termpos>(values[1]);
    }
    if (proximity.weight < 0 || proximity.weight > 10)
        throw UsageError("--proximity wants a WEIGHT between 0 and 10");
    return proximity;
}

Feedback parse_feedback(const std::string& text) {
    const auto values = parse_number_list(text, "--feedback", "DOCS[,TERMS[,WEIGHT]]", 3);
    Feedback feedback;
    if (values[0] > 1000 || values[0] != std::floor(values[0]) ||
        (values.size() > 1 && (values[1] < 1 || values[1] > 1000 || values[1] != std::floor(values[1]))))
        throw UsageError(fmt::format("--feedback wants whole numbers DOCS (0-1000) and TERMS "
                                     "(1-1000), not '{}' {}", text, hint));
    feedback.documents = static_cast<Xapian::doccount>(values[0]);
    if (values.size() > 1) feedback.terms = static_cast<Xapian::termcount>(values[1]);
    if (values.size() > 2) feedback.weight = values[2];
    return feedback;
}

int run_eval(const SearchOptions& options, Engine& engine, std::ostream& out, std::ostream& err) {
    const auto topics = read_topics(options.topics);
    const auto qrels = read_qrels(options.qrels);
    std::ofstream run_out;
    if (!options.run_file.empty()) {
        run_out.open(options.run_file);
        if (!run_out) throw InputError({options.run_file, 0, {}}, "cannot write the run file");
    }
    const std::string tag = options.trec_tag.empty() ? "morgue" : options.trec_tag;
    Run run;
    for (const auto& topic : topics) {
        auto request = request_for(options, topic.text);
        request.plain_words = true;
        request.snippets = false;
        request.suggest = false;
        request.collapse = false;  // judged collections judge every copy on its own
        request.facets.clear();
        request.offset = 0;
        request.check_at_least = 0;
        auto& entries = run[topic.id];
        try {
            const auto page = engine.search(request);
            for (const auto& hit : page.hits) {
                // Score what the run file says, so trec_eval and this agree to the digit.
                const auto score = std::stod(format_run_score(hit.score));
                entries.push_back({hit.id, score});
                if (run_out) run_out << run_line(topic.id, hit.id, hit.rank, hit.score, tag);
            }
        } catch (const QueryError& e) {
            // A topic with no searchable words retrieves nothing; it still counts as judged.
            err << "morgue-search: topic " << topic.id << ": " << e.what() << '\n';
        }
    }
    if (run_out) {
        run_out.close();
        if (!run_out) throw InputError({options.run_file, 0, {}}, "cannot write the run file");
    }
    const auto summary = evaluate(qrels, run);
    std::optional<Comparison> comparison;
    if (!options.compare_run.empty())
        comparison = compare_runs(qrels, summary, read_run(options.compare_run), options.compare_run);
    const auto* compared = comparison ? &*comparison : nullptr;
    if (options.json)
        render_eval_json(summary, options.per_query, out, compared);
    else
        render_eval_text(summary, options.per_query, out, compared);
    return to_int(ExitCode::ok);
}

int run_bench_mode(const SearchOptions& options, std::ostream& out, std::ostream& err) {
    const auto queries = read_bench_queries(options.bench);
    auto base = request_for(options, {});
    // Timed like the peer engines: parse, match, the page's hits (and snippets when on); not
    // "did you mean" (an interactive aid) and not the rendering.
    base.suggest = false;
    const BenchOptions bench{options.warmup, options.repeat, options.threads};
    const auto report = run_bench(queries, bench, base, [&] {
        return std::make_unique<Engine>(open_index(options.indexes, options.open), options.engine);
    });
    if (options.json && options.bench_json.empty()) {
        render_bench_json(report, out);
    } else {
        if (options.per_query) render_bench_tsv(report, out);
        if (options.per_query) out << '\n';
        render_bench_text(report, out);
    }
    if (!options.bench_json.empty()) {
        std::ofstream json_out(options.bench_json);
        if (json_out) render_bench_json(report, json_out);
        if (!json_out) throw InputError({options.bench_json, 0, {}}, "cannot write the JSON report");
    }
    for (const auto& q : report.per_query)
        if (!q.error.empty())
            err << "morgue-search: bench: query " << q.qid << " (" << q.query << "): " << q.error
                << '\n';
    return to_int(ExitCode::ok);
}

int run_batch(const SearchOptions& options, Engine& engine, std::istream& in, std::ostream& out,
              std::ostream& err) {
    int queries = 0;
    std::size_t line_number = 0;
    bool failed = false;
    for (std::string line; std::getline(in, line);) {
        ++line_number;
        auto query = trim(line);
        if (query.empty() || query.front() == '#') continue;
        ++queries;
        // TREC runs name each query: "QID<TAB>query", else its number in the batch.
        auto qid = std::to_string(queries);
        if (const auto tab = query.find('\t');
            !options.trec_tag.empty() && tab != std::string_view::npos) {
            qid = std::string{trim(query.substr(0, tab))};
            query = trim(query.substr(tab + 1));
        }
        try {
            const auto page = engine.search(request_for(options, std::string{query}));
            if (!options.json && options.trec_tag.empty())
                out << (queries > 1 ? "\n" : "") << "== " << query << " ==\n";
            render_page(options, page, out, qid);
        } catch (const QueryError& e) {
            // Scripts zip queries and answers: with --json a failed query still gives its line.
            std::string_view reason = e.what();
            if (reason.starts_with("query: ")) reason.remove_prefix(7);
            if (options.json && options.trec_tag.empty()) {
                std::string json = "{\"query\":";
                append_json_string(json, query);
                json += ",\"error\":{\"message\":";
                append_json_string(json, reason);
                if (e.column() > 0) json += fmt::format(",\"column\":{}", e.column());
                out << json << "}}\n";
            }
            out.flush();
            err << fmt::format("morgue-search: line {}: query '{}': {}\n", line_number, query, reason);
            failed = true;
        }
    }
    if (queries == 0)
        throw UsageError(fmt::format("no query given: pass QUERY words, or one query per line on "
                                     "stdin {}", hint));
    return to_int(failed ? ExitCode::bad_query : ExitCode::ok);
}

/// Every mode but --bench, on an open engine.
int run_with(const SearchOptions& options, Engine& engine, std::istream& in, std::ostream& out,
             std::ostream& err) {
    if (options.stats) {
        const auto stats = engine.stats(options.json ? 100 : 10);
        if (options.json)
            render_stats_json(stats, out);
        else
            render_stats_text(stats, out);
        return to_int(ExitCode::ok);
    }
    if (options.eval) return run_eval(options, engine, out, err);
    if (!options.show.empty()) {
        const auto article = engine.show(options.show);
        if (options.json)
            render_article_json(article, out);
        else
            render_article_text(article, out, text_style(options));
        return to_int(ExitCode::ok);
    }
    if (!options.like.empty()) {
        render_page(options, engine.like(options.like, request_for(options, {})), out);
        return to_int(ExitCode::ok);
    }
    if (options.batch) return run_batch(options, engine, in, out, err);
    if (options.prompt) {
        PromptSettings settings;
        settings.request = request_for(options, {});
        settings.json = options.json;
        settings.style = text_style(options);
        settings.version = MORGUE_VERSION;
        return run_terminal_prompt(engine, std::move(settings), out, err);
    }
    render_page(options, engine.search(request_for(options, options.query)), out);
    return to_int(ExitCode::ok);
}

/// One stderr line naming the shards left out (--allow-partial), at open or mid-run.
void warn_missing(const Engine& engine, std::ostream& err) {
    const auto& missing = engine.index().missing;
    if (missing.empty()) return;
    err << "morgue-search: warning: " << (missing.size() == 1 ? "shard " : "shards ")
        << join_names(missing)
        << " did not answer; results are from the other "
        << (engine.index().shards.size() - missing.size()) << " of "
        << engine.index().shards.size() << " shards\n";
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
    text << "usage: morgue-search --index DIR [--limit N] [--offset N] [--sort ORDER] "
            "[--facets LIST] [--json | --trec TAG] QUERY...\n"
            "       morgue-search --index DIR --like ID | --show ID [--json]\n"
            "       morgue-search --index DIR --eval --topics FILE --qrels FILE [--per-query] "
            "[--run FILE] [--compare-run FILE]\n"
            "       morgue-search --index DIR --stats [--json]\n"
            "       morgue-search --index DIR --bench FILE [--warmup N] [--repeat N] [--threads N] "
            "[--per-query] [--json [FILE]]\n"
            "       morgue-search --index DIR [--json] < queries.txt   (one query per line)\n"
            "       morgue-search --index DIR   (on a terminal: the interactive prompt)\n"
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
            "\n"
            "Fields (all but title: are filters: they restrict without ranking, and a query of\n"
            "filters only lists the newest first; undated articles never match date:):\n";
    for (const auto& field : query_fields)
        text << fmt::format("  {:<30} {}\n", field.example, field.help);
    text << "\n"
         << option_descriptions()
         << "\nExit codes: 0 ok, 1 usage, 3 bad query, 4 index missing or unreadable.\n";
    return text.str();
}

SearchOptions parse_command_line(int argc, const char* const argv[], const Environment& env) {
    std::vector<std::string> option_args;
    std::vector<std::string> words;
    split_arguments(option_descriptions(), argc, argv, option_args, words);

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
    options.timeline = vm["timeline"].as<bool>();
    options.stats = vm["stats"].as<bool>();
    options.limit_given = vm.count("limit") > 0;
    options.limit = count_option(vm, "limit", options.limit);
    const auto text_option = [&](const char* name) {
        return vm.count(name) ? vm[name].as<std::string>() : std::string{};
    };
    if (vm.count("sort")) options.sort = parse_sort_order(vm["sort"].as<std::string>());
    if (vm.count("facets")) options.facets = parse_facets(vm["facets"].as<std::string>());
    if (vm.count("bm25")) options.bm25 = parse_bm25(vm["bm25"].as<std::string>());
    options.collapse = !vm["no-collapse"].as<bool>();
    options.snippets = !vm["no-snippets"].as<bool>();
    options.stop_words = !vm["no-stopwords"].as<bool>();
    options.like = text_option("like");
    for (auto [name, bound] : {std::pair{"from", &options.date_from}, std::pair{"to", &options.date_to}}) {
        if (!vm.count(name)) continue;
        const auto digits = parse_date_bound(vm[name].as<std::string>());
        if (!digits)
            throw UsageError(fmt::format("--{} needs a date YYYY, YYYY-MM or YYYY-MM-DD, not '{}' {}",
                                         name, vm[name].as<std::string>(), hint));
        *bound = *digits;
    }
    options.show = text_option("show");
    options.trec_tag = text_option("trec");
    options.eval = vm["eval"].as<bool>();
    if (vm.count("feedback"))
        options.feedback = parse_feedback(vm["feedback"].as<std::string>());
    else if (options.eval)
        options.feedback = topic_feedback;
    if (vm.count("proximity"))
        options.proximity = parse_proximity(vm["proximity"].as<std::string>());
    else if (options.eval)
        options.proximity = topic_proximity;
    options.topics = text_option("topics");
    options.qrels = text_option("qrels");
    options.run_file = text_option("run");
    options.compare_run = text_option("compare-run");
    options.per_query = vm["per-query"].as<bool>();
    options.bench = text_option("bench");
    options.bench_json = text_option("bench-json");
    for (auto [name, target, least] : {std::tuple{"warmup", &options.warmup, 0},
                                       std::tuple{"repeat", &options.repeat, 1},
                                       std::tuple{"threads", &options.threads, 1}}) {
        if (!vm.count(name)) continue;
        if (options.bench.empty())
            throw UsageError(fmt::format("--{} goes with --bench {}", name, hint));
        *target = vm[name].as<int>();
        if (*target < least || *target > 10000)
            throw UsageError(fmt::format("--{} must be between {} and 10000 {}", name, least, hint));
    }
    if (!options.bench_json.empty() && options.bench.empty())
        throw UsageError(fmt::format("--bench-json goes with --bench {}", hint));
    if (vm.count("bench") && options.bench.empty())
        throw UsageError(fmt::format("--bench needs a query file {}", hint));
    if (vm.count("trec") && options.trec_tag.empty())
        throw UsageError(fmt::format("--trec needs a run tag {}", hint));
    if (options.eval && (options.topics.empty() || options.qrels.empty()))
        throw UsageError(fmt::format("--eval needs --topics FILE and --qrels FILE {}", hint));
    if (!options.eval && (!options.topics.empty() || !options.qrels.empty() ||
                          !options.run_file.empty() || !options.compare_run.empty() ||
                          (options.per_query && options.bench.empty())))
        throw UsageError(fmt::format("--topics, --qrels, --run, --compare-run and --per-query go "
                                     "with --eval {}",
                                     hint));
    if ((vm.count("like") && options.like.empty()) || (vm.count("show") && options.show.empty()))
        throw UsageError(fmt::format("--like and --show need an article id {}", hint));
    const int modes = int{options.stats} + int{options.eval} + int{!options.like.empty()} +
                      int{!options.show.empty()} + int{!options.bench.empty()};
    if (modes > 1)
        throw UsageError(fmt::format("choose one of --stats, --eval, --like, --show, --bench {}",
                                     hint));
    if (options.eval && !options.limit_given) options.limit = 1000;
    options.offset = count_option(vm, "offset", options.offset);
    options.color = color_wanted(vm, env);
    auto index = read_index_options(vm, env.index, hint);
    options.indexes = std::move(index.locations);
    options.open = index.open;
    options.engine = index.engine;

    for (const auto& word : words) {
        if (!options.query.empty()) options.query += ' ';
        options.query += word;
    }
    if (options.stats && !options.query.empty())
        throw UsageError(fmt::format("--stats takes no query {}", hint));
    if (modes > 0 && !options.stats && !options.query.empty())
        throw UsageError(fmt::format("--eval, --like, --show and --bench take no query {}", hint));
    if (modes == 0 && options.query.empty()) {
        if (env.stdin_is_terminal)
            options.prompt = true;
        else
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
    // Bench opens one engine per searcher thread itself.
    if (!options.bench.empty()) return run_bench_mode(options, out, err);
    Engine engine(open_index(options.indexes, options.open), options.engine);
    const auto code = run_with(options, engine, in, out, err);
    warn_missing(engine, err);
    return code;
}

}  // namespace morgue::search

// The search engine: the sequence of a search (refresh, parse, match, fold copies, count
// facets, make hits, suggest), "more like this", statistics, and the retries around them.
#include "searcher/engine.hpp"

#include "common/analysis.hpp"
#include "common/error.hpp"
#include "common/index_layout.hpp"
#include "common/schema.hpp"
#include "common/stem_cache.hpp"
#include "common/stored_article.hpp"
#include "common/terms.hpp"
#include "common/text.hpp"
#include "searcher/query/parse.hpp"
#include "searcher/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <utility>

namespace morgue::search {

namespace {

/// Terms a "more like this" query is built from.
constexpr Xapian::termcount like_terms = 25;

/// Distinct words the snippet stemmer remembers (a few MB) before it starts afresh.
constexpr std::size_t snippet_stem_cache_entries = 100000;

/// Counts the documents the matcher looked at, before collapsing.
class SeenSpy : public Xapian::MatchSpy {
public:
    void operator()(const Xapian::Document&, double) override { ++m_seen; }
    Xapian::doccount seen() const noexcept { return m_seen; }

private:
    Xapian::doccount m_seen = 0;
};

/// Accepts only the unprefixed words of the text, for relevance feedback, and not the stop
/// words (as stemmed) given: they would match nearly every article.
class TextTermDecider : public Xapian::ExpandDecider {
public:
    explicit TextTermDecider(const std::set<std::string>* stop_stems = nullptr)
        : m_stop_stems(stop_stems) {}

    bool operator()(const std::string& term) const override {
        return is_text_term(term) && term.size() > 1 &&
               (m_stop_stems == nullptr || !m_stop_stems->contains(term));
    }

private:
    const std::set<std::string>* m_stop_stems;
};

/// `term` weighted as the query builder weighs terms: by the collection's statistics when
/// `stats` is given.
Xapian::Query weighted_term(const CollectionStats* stats, const std::string& term) {
    return stats ? stats->term(term) : Xapian::Query(term);
}

/// OP_NEAR of `a` and `b` within `window`, weighted by its two words (weighted_by_terms()).
Xapian::Query near_pair(const CollectionStats* stats, const std::string& a, const std::string& b,
                        Xapian::termpos window) {
    const Xapian::Query both[] = {Xapian::Query(a), Xapian::Query(b)};
    const Xapian::Query near(Xapian::Query::OP_NEAR, std::begin(both), std::end(both), window);
    return weighted_by_terms(near, {weighted_term(stats, a), weighted_term(stats, b)});
}

/// Natural-language text as plain lower-case words: no operators, fields or quotes survive.
std::string plain_words(std::string_view text) {
    std::string out;
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        const unsigned ch = *it;
        if (Xapian::Unicode::is_wordchar(ch)) {
            Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(ch));
        } else if (!out.empty() && out.back() != ' ') {
            out.push_back(' ');
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

/// A remote shard stopped answering during a search; Engine::failover() decides what follows.
struct ShardLost {
    std::string message;
};

/// Times `work` runs on a freshly reopened database before a writer that keeps committing
/// underneath it makes the search fail.
constexpr int max_attempts = 8;

/// Runs `work`, retrying on a reopened database when a writer commits underneath, and turns
/// Xapian errors into Morgue errors.
template <typename Work, typename Reopen>
auto with_retry(const OpenIndex& index, const std::string& query, Work&& work, Reopen&& reopen) {
    for (int attempt = 1;; ++attempt) {
        try {
            return work();
        } catch (const Xapian::DatabaseModifiedError& e) {
            if (attempt >= max_attempts)
                throw IndexError(index.location, "index keeps changing: " + e.get_msg());
            try {
                reopen();
            } catch (const Xapian::Error& reopen_error) {
                throw IndexError(index.location, reopen_error.get_description());
            }
        } catch (const Xapian::WildcardError& e) {
            throw QueryError(query, e.get_msg() + " (make the wildcard longer)");
        } catch (const Xapian::UnimplementedError& e) {
            throw QueryError(query, "not supported: " + e.get_msg());
        } catch (const Xapian::QueryParserError& e) {
            throw QueryError(query, e.get_msg());
        } catch (const Xapian::NetworkError& e) {
            throw ShardLost{e.get_msg()};
        } catch (const Xapian::Error& e) {
            throw IndexError(index.location, e.get_description());
        }
    }
}

/// `query` with request.proximity's bonus for consecutive free-text words near each other.
Xapian::Query with_proximity(const SearchRequest& request, const Xapian::Query& query,
                             const CollectionStats* stats) {
    if (request.proximity.weight <= 0) return query;
    // The free-text words in the order typed (Xapian lists a query's terms by position).
    std::vector<std::string> words;
    for (auto it = query.get_terms_begin(); it != query.get_terms_end(); ++it)
        if (is_text_term(*it)) words.push_back(*it);
    std::vector<Xapian::Query> pairs;
    for (std::size_t i = 1; i < words.size(); ++i) {
        if (words[i] == words[i - 1]) continue;
        pairs.push_back(near_pair(stats, words[i - 1], words[i], request.proximity.window));
        // Words one apart ("interest [of] rates", a stop word dropped between them) count
        // half as much: on the five judged collections they add 0.3-0.9 % MAP.
        if (i >= 2 && words[i - 2] != words[i]) {
            pairs.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                               near_pair(stats, words[i - 2], words[i], request.proximity.window),
                               0.5);
        }
    }
    if (pairs.empty()) return query;
    const Xapian::Query near(Xapian::Query::OP_OR, pairs.begin(), pairs.end());
    return Xapian::Query(Xapian::Query::OP_OR, query,
                         with_date_bounds(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, near,
                                                        request.proximity.weight),
                                          request.date_from, request.date_to));
}

}  // namespace

template <typename Work>
auto Engine::failover(Work&& work) {
    for (;;) {
        try {
            return work();
        } catch (const ShardLost& lost) {
            // Which shard failed is not in Xapian's error: ask each remote one again.
            const auto dead = unreachable_shards(m_index);
            if (dead.empty())
                throw IndexError(m_index.location, "remote shard failed: " + lost.message);
            if (!m_index.options.allow_partial)
                throw IndexError(join_names(dead), "shard stopped answering: " + lost.message +
                                                 " (--allow-partial searches the others)");
            m_index = reopen_without(m_index, dead);
            open_shards();
            m_seen_stamp.reset();
            m_copy_keys.reset();
        }
    }
}

namespace {

/// Snippets stem the words of every hit's body that may be query words: a stemmer that
/// remembers answers most of them from its cache.
Xapian::Stem caching(Xapian::Stem stemmer) {
    if (stemmer.is_none()) return stemmer;
    return Xapian::Stem(new CachingStem(std::move(stemmer), snippet_stem_cache_entries));
}

}  // namespace

ParallelShards parse_parallel_shards(std::string_view text) {
    if (text == "auto") return ParallelShards::automatic;
    if (text == "always") return ParallelShards::always;
    if (text == "never") return ParallelShards::never;
    throw UsageError(fmt::format("--parallel-shards takes auto, always or never, not '{}'", text));
}

Engine::Engine(OpenIndex index, EngineOptions options)
    : m_index(std::move(index)),
      m_options(options),
      m_parser(m_index.analysis),
      m_stemmer(caching(make_stemmer(m_index.analysis))) {
    open_shards();
    for (const auto word : english_stop_words()) m_stopper.add(std::string{word});
    if (m_index.analysis.language == "english")
        for (const auto word : english_stop_words()) m_stop_stems.insert(m_stemmer(std::string{word}));
}

Engine::ParsedQuery Engine::parse(const SearchRequest& request) {
    ParsedQuery parsed;
    parsed.text = request.plain_words ? plain_words(request.query) : request.query;
    parsed.tree = parse_query_tree(parsed.text);
    if (request.stop_words && m_index.analysis.language == "english")
        m_parser.set_stopper(&m_stopper);
    else
        m_parser.set_stopper(nullptr);
    auto query = build_user_query(parsed.text, parsed.tree, m_parser);
    m_parser.set_stopper(nullptr);
    parsed.query = with_date_bounds(query, request.date_from, request.date_to);
    if (request.date_from.empty() && request.date_to.empty())
        parsed.plain_union = m_parser.plain_union();
    parsed.term_factors = m_parser.term_factors();
    return parsed;
}

void Engine::refresh() {
    // The stamp is read before reopening: a commit landing in between changes it again, so
    // the next search reopens once more rather than missing it.
    auto stamp = read_index_stamp(m_index);
    if (stamp && m_seen_stamp && *stamp == *m_seen_stamp) return;
    reopen_index();
    m_seen_stamp = std::move(stamp);
}

void Engine::reopen_index() {
    if (m_index.has_remote()) {
        m_index.db.reopen();
    } else {
        // Opened afresh, not reopen(): Xapian's reopen() keeps the databases a stub listed when
        // it was opened, and a shard built as segments lists a new one with each seal (and
        // becomes one database at the end of the run).
        m_index = reopen_without(m_index, {});
        open_shards();
    }
    m_seen_stamp.reset();
    m_copy_keys.reset();
}

void Engine::open_shards() {
    m_shard_dbs.clear();
    const auto& shards = m_index.shards;
    const bool wanted =
        m_options.parallel == ParallelShards::always ||
        (m_options.parallel == ParallelShards::automatic &&
         m_index.db.get_doccount() >= parallel_min_articles);
    // Local shards, each one database (not a list of segments being written), so that a shard's
    // document ids map onto the index's as Xapian interleaves them.
    const bool apart =
        wanted && shards.size() > 1 && m_index.missing.empty() &&
        std::all_of(shards.begin(), shards.end(), [](const ShardSource& shard) {
            std::error_code ec;
            return !shard.remote() &&
                   std::filesystem::exists(std::filesystem::path(shard.path) / glass_version_file, ec);
        });
    if (apart) {
        // The index searched as one is made of the same handles, so both see one revision.
        Xapian::Database whole;
        for (const auto& shard : shards) {
            m_shard_dbs.emplace_back(shard.path);
            whole.add_database(m_shard_dbs.back());
        }
        m_index.db = whole;
        if (!m_pool || m_pool->tasks() != m_shard_dbs.size()) {
            m_pool = std::make_unique<ShardPool>(m_shard_dbs.size());
            m_shard_stemmers.assign(1, m_stemmer);
            for (std::size_t k = 1; k < m_shard_dbs.size(); ++k)
                m_shard_stemmers.push_back(caching(make_stemmer(m_index.analysis)));
        }
    }
    m_shard_lengths.assign(m_shard_dbs.size(), nullptr);
    m_parser = make_search_parser(m_index, !m_shard_dbs.empty());
}

std::unique_ptr<Xapian::Weight> Engine::ranking_weight(const SearchRequest& request) const {
    const auto& p = request.bm25;
    if (const auto* stats = m_parser.collection())
        return std::make_unique<CollectionBm25Weight>(p, stats->documents(),
                                                      stats->average_length());
    return std::make_unique<Xapian::BM25Weight>(p.k1, 0, p.k3, p.b, p.min_normlen);
}

RankedList Engine::match_shards_apart(const Xapian::Query& query, const Xapian::Weight& weight,
                                      const SearchRequest& request, const ParsedQuery* built,
                                      Xapian::doccount window, Xapian::doccount check,
                                      bool ties_by_date) {
    // Everything a shard's thread touches is its own: Xapian's handles count references
    // without atomics, so each shard gets its own copy of the query tree and its own Enquire,
    // made here, before the threads start.
    const auto serialised = query.serialise();
    // The builder's weighted words, on a shard that is one database: weighed with the shard's
    // document lengths in memory, read the first time a query needs them. A plain union is
    // matched by its words (UnionSource, which skips what cannot reach the page); in any other
    // query each weighted word becomes a TermSource under Xapian's own operators.
    const auto* stats = m_parser.collection();
    std::optional<Bm25Arithmetic> arithmetic;
    if (built && stats && !built->term_factors.empty())
        arithmetic.emplace(request.bm25, stats->documents(), stats->average_length());
    std::vector<Xapian::Enquire> enquires;
    for (std::size_t k = 0; k < m_shard_dbs.size(); ++k) {
        auto shard_query = k == 0 ? query : Xapian::Query::unserialise(serialised);
        if (arithmetic && m_shard_dbs[k].size() == 1) {
            auto& lengths = m_shard_lengths[k];
            if (!lengths) lengths = read_document_lengths(m_shard_dbs[k]);
            if (!built->plain_union.empty())
                shard_query = Xapian::Query(
                    (new UnionSource(built->plain_union, *arithmetic, lengths))->release());
            else
                shard_query = with_term_sources(
                    shard_query, built->term_factors, [&](const std::string& term, double factor) {
                        return new TermSource(term, factor, *arithmetic, lengths);
                    });
        }
        auto& enquire = enquires.emplace_back(m_shard_dbs[k]);
        enquire.set_query(shard_query);
        enquire.set_weighting_scheme(weight);
        if (request.time_limit_seconds > 0) enquire.set_time_limit(request.time_limit_seconds);
        if (ties_by_date) enquire.set_sort_by_relevance_then_value(schema::date_slot, true);
    }
    std::vector<Xapian::MSet> msets(m_shard_dbs.size());
    m_pool->run([&](std::size_t k) { msets[k] = enquires[k].get_mset(0, window, check); });
    return RankedList(std::move(msets), window, ties_by_date);
}

const CopyKeys& Engine::copy_keys() {
    if (!m_copy_keys) m_copy_keys = read_copy_keys(m_index.db);
    return *m_copy_keys;
}

ResultPage Engine::search(const SearchRequest& request) {
    return failover([&] { return search_once(request); });
}

ResultPage Engine::search_once(const SearchRequest& request) {
    // Each search sees the latest commit: whole batches, never a writer's uncommitted work.
    const auto reopen = [this] { reopen_index(); };
    with_retry(m_index, request.query, [&] { refresh(); }, reopen);
    const auto parsed = with_retry(m_index, request.query, [&] { return parse(request); }, reopen);
    const auto& query = parsed.query;
    const auto mode = has_relevance(query) ? QueryMode::ranked : QueryMode::boolean;
    const auto near =
        mode == QueryMode::ranked ? with_proximity(request, query, m_parser.collection()) : query;
    const auto searched = request.feedback.documents > 0 && mode == QueryMode::ranked
        ? with_retry(m_index, request.query, [&] { return expand(request, near); }, reopen)
        : near;
    // The query as built, not changed by proximity pairs or feedback: a union may be matched
    // by its words.
    const bool as_built = request.proximity.weight <= 0 && request.feedback.documents == 0;
    auto page = with_retry(m_index, request.query,
                           [&] { return run(request, searched, mode, as_built ? &parsed : nullptr); },
                           reopen);
    // Remote shards answer spelling requests with nothing, silently: no suggestion rather
    // than one from the local shards' words only.
    if (request.suggest && mode == QueryMode::ranked && !m_index.has_remote())
        page.suggestion = with_retry(m_index, request.query,
                                     [&] {
                                         return suggest_spelling(parsed.text, parsed.tree, query,
                                                                 m_index.db, m_stemmer);
                                     }, reopen);
    return page;
}

Xapian::Query Engine::expand(const SearchRequest& request, const Xapian::Query& query) {
    Xapian::Enquire enquire(m_index.db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(*ranking_weight(request));
    const auto top = enquire.get_mset(0, request.feedback.documents);
    if (top.empty()) return query;
    Xapian::RSet rset;
    for (auto it = top.begin(); it != top.end(); ++it) rset.add_document(*it);
    const TextTermDecider decider(request.stop_words ? &m_stop_stems : nullptr);
    const auto eset = enquire.get_eset(request.feedback.terms, rset, &decider);
    if (eset.empty()) return query;
    const double most = eset.begin().get_weight();
    std::vector<Xapian::Query> terms;
    for (auto it = eset.begin(); it != eset.end(); ++it)
        terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                           weighted_term(m_parser.collection(), *it),
                           request.feedback.weight * it.get_weight() / most);
    const Xapian::Query expansion(Xapian::Query::OP_OR, terms.begin(), terms.end());
    return Xapian::Query(Xapian::Query::OP_OR, query,
                         with_date_bounds(expansion, request.date_from, request.date_to));
}

Xapian::docid Engine::find_article(const std::string& id) {
    const auto term = id_term(id);
    auto it = m_index.db.postlist_begin(term);
    if (it == m_index.db.postlist_end(term))
        throw NotFoundError(id, fmt::format("no article with id '{}'", id));
    return *it;
}

Article Engine::show(const std::string& id) {
    const auto reopen = [this] { reopen_index(); };
    return failover([&] {
        with_retry(m_index, id, [&] { refresh(); }, reopen);
        return with_retry(m_index, id, [&] {
            return load_article(m_index.db.get_document(find_article(id)));
        }, reopen);
    });
}

ResultPage Engine::like(const std::string& id, const SearchRequest& request) {
    const auto reopen = [this] { reopen_index(); };
    return failover([&] {
        with_retry(m_index, id, [&] { refresh(); }, reopen);
        return with_retry(m_index, id, [&] { return like_once(id, request); }, reopen);
    });
}

ResultPage Engine::like_once(const std::string& id, const SearchRequest& request) {
    const auto docid = find_article(id);
    Xapian::RSet rset;
    rset.add_document(docid);
    Xapian::Enquire enquire(m_index.db);
    const TextTermDecider decider;
    const auto eset = enquire.get_eset(like_terms, rset, &decider);
    std::vector<Xapian::Query> terms;
    for (auto it = eset.begin(); it != eset.end(); ++it)
        terms.push_back(weighted_term(m_parser.collection(), *it));
    const Xapian::Query similar(Xapian::Query::OP_OR, terms.begin(), terms.end());
    const Xapian::Query query(Xapian::Query::OP_AND_NOT, similar,
                              Xapian::Query(id_term(id)));
    auto page = run(request, query, QueryMode::ranked);
    page.query = "like:" + id;
    return page;
}

namespace {

/// Sets the weighting and the order of `request` on `enquire`. Relevance order with ties
/// newest first is left to fold_copies() when it folds (it reads dates only for the page's
/// tied hits; the matcher would read one per candidate it keeps, about 13 % of
/// reuters-news-200's time).
void set_order(Xapian::Enquire& enquire, const SearchRequest& request, QueryMode mode,
               const Xapian::Weight& ranked, bool ties_folded_here,
               Xapian::KeyMaker& oldest_first) {
    if (mode == QueryMode::ranked) {
        enquire.set_weighting_scheme(ranked);
    } else {
        enquire.set_weighting_scheme(Xapian::BoolWeight());
    }
    if (request.sort == SortOrder::newest) {
        enquire.set_sort_by_value_then_relevance(schema::date_slot, true);
    } else if (request.sort == SortOrder::oldest) {
        enquire.set_sort_by_key_then_relevance(&oldest_first, false);
    } else if (mode == QueryMode::boolean) {
        // Pure filters carry no relevance: newest first.
        enquire.set_sort_by_value(schema::date_slot, true);
    } else if (!ties_folded_here) {
        enquire.set_sort_by_relevance_then_value(schema::date_slot, true);
    }
}

}  // namespace

ResultPage Engine::run(const SearchRequest& request, const Xapian::Query& query, QueryMode mode,
                       const ParsedQuery* built) {
    Xapian::Enquire enquire(m_index.db);
    enquire.set_query(query);
    if (request.time_limit_seconds > 0) enquire.set_time_limit(request.time_limit_seconds);
    // Facets need every match counted, and an order other than relevance first makes the
    // matcher read every match anyway (no weight bound lets it skip one). Then copies are
    // folded in the matcher, over all matches, and the total is exact at little extra cost.
    // Otherwise the top of the plain ranking is folded (fold_copies()), which leaves the
    // matcher free to skip what cannot reach the page.
    const bool reads_every_match = !request.facets.empty() || mode == QueryMode::boolean ||
                                   request.sort != SortOrder::relevance;
    // Remote shards: the copy keys would have to come over the wire first, so fold there.
    const bool remote = m_index.has_remote();
    const bool fold_in_matcher = request.collapse && (reads_every_match || remote);
    if (fold_in_matcher) enquire.set_collapse_key(schema::dupkey_slot);
    const bool fold_here = request.collapse && !fold_in_matcher;
    // Undated articles have no value, which sorts lowest; the key maker puts them last when
    // sorting oldest first too.
    Xapian::MultiValueKeyMaker oldest_first;
    oldest_first.add_value(schema::date_slot, false, "\xff");
    const auto weight = ranking_weight(request);
    set_order(enquire, request, mode, *weight, fold_here, oldest_first);
    // A ranked match in relevance order over local shards: each shard matched on its own
    // thread (the weights carry the collection's statistics, so the scores are the same).
    const bool apart = searches_shards_apart() && mode == QueryMode::ranked && !reads_every_match;

    const Xapian::doccount exact_up_to = request.check_at_least + request.offset + request.limit;
    const Xapian::doccount check =
        reads_every_match ? std::max(exact_up_to, m_index.db.get_doccount()) : exact_up_to;
    FacetCounter facets(request.facets, remote);
    facets.attach(enquire);

    ResultPage page;
    page.query = request.query;
    page.mode = mode;
    page.sort = request.sort;
    page.collapse = request.collapse;
    page.offset = request.offset;
    page.missing_shards = m_index.missing;
    FoldedPage folded;
    const FetchRanking fetch = [&](Xapian::doccount window, Xapian::doccount at_least,
                                   bool ties_by_date) {
        if (apart)
            return match_shards_apart(query, *weight, request, built, window, at_least,
                                      ties_by_date);
        if (ties_by_date) enquire.set_sort_by_relevance_then_value(schema::date_slot, true);
        return RankedList(enquire.get_mset(0, window, at_least));
    };
    if (fold_here) {
        folded = fold_copies(fetch, copy_keys(), request.offset, request.limit, check,
                             exact_up_to);
    } else if (apart) {
        // Ties newest first, as set_order() asks of the matcher.
        folded.ranked = fetch(request.offset + request.limit, check, true);
        const auto& ranked = folded.ranked;
        folded.total = ranked.matches_estimated();
        folded.total_exact = ranked.matches_lower_bound() == ranked.matches_upper_bound();
        for (auto i = request.offset; i < ranked.size(); ++i) folded.entries.push_back({i, 0});
    } else {
        // With collapsing, Xapian leaves the bounds apart even when it saw every match; it only
        // stops looking early after `check` documents, so fewer means the count is complete.
        // Remote shards run only Xapian's own spies: there a value counter's total counts them.
        SeenSpy seen;
        Xapian::ValueCountMatchSpy remote_seen(schema::year_slot);
        if (fold_in_matcher)
            enquire.add_matchspy(remote ? static_cast<Xapian::MatchSpy*>(&remote_seen) : &seen);
        const auto mset = enquire.get_mset(request.offset, request.limit, check);
        const auto seen_count = remote ? remote_seen.get_total() : seen.seen();
        folded.total = mset.get_matches_estimated();
        folded.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
        if (fold_in_matcher && !folded.total_exact && seen_count < check) {
            folded.total = mset.get_matches_lower_bound();
            folded.total_exact = true;
        }
        for (Xapian::doccount i = 0; i < mset.size(); ++i)
            folded.entries.push_back({i, fold_in_matcher ? mset[i].get_collapse_count() : 0});
        folded.ranked = RankedList(mset);
    }
    page.total = folded.total;
    page.total_exact = folded.total_exact;
    page.facets = facets.counts(m_index.db, query, request.facet_values);
    if (request.timeline) page.timeline = count_timeline(m_index.db, query);
    page.hits = make_hits(request, query, mode, folded);
    return page;
}

std::vector<Hit> Engine::make_hits(const SearchRequest& request, const Xapian::Query& query,
                                   QueryMode mode, FoldedPage& folded) {
    // Pure filters have no words to centre a snippet on: show the lead instead.
    const bool centred = request.snippets && !folded.entries.empty() && mode == QueryMode::ranked;
    const auto snippet_maker = [&](const Xapian::Stem& stemmer) {
        std::optional<SnippetMaker> snippets;
        if (centred) {
            snippets.emplace(query, stemmer, m_index.analysis.language);
            if (!snippets->has_words()) snippets.reset();
        }
        return snippets;
    };
    std::vector<Hit> hits(folded.entries.size());
    const auto shards = folded.ranked.match_sets();
    if (shards > 1 && shards == m_shard_stemmers.size()) {
        // Matched apart: each shard's thread reads its own hits' documents and makes their
        // snippets (a shard's Xapian objects stay on its thread, as in the match).
        std::vector<std::optional<SnippetMaker>> makers;
        for (const auto& stemmer : m_shard_stemmers) makers.push_back(snippet_maker(stemmer));
        m_pool->run([&](std::size_t k) {
            for (std::size_t n = 0; n < hits.size(); ++n)
                if (folded.ranked.match_set(folded.entries[n].index) == k)
                    hits[n] = make_hit(request, mode, folded, n, makers[k] ? &*makers[k] : nullptr);
        });
        return hits;
    }
    auto snippets = snippet_maker(m_stemmer);
    // Remote shards send the page's documents in one exchange instead of one per hit.
    if (m_index.has_remote()) folded.ranked.fetch();
    for (std::size_t n = 0; n < hits.size(); ++n)
        hits[n] = make_hit(request, mode, folded, n, snippets ? &*snippets : nullptr);
    return hits;
}

Hit Engine::make_hit(const SearchRequest& request, QueryMode mode, const FoldedPage& folded,
                     std::size_t n, SnippetMaker* snippets) const {
    const auto index = folded.entries[n].index;
    const auto document = folded.ranked.document(index);
    const auto data = document.get_data();  // the summary's fields point into it
    const auto article = decode_stored_summary(data);
    Hit hit;
    hit.rank = request.offset + static_cast<Xapian::doccount>(n) + 1;
    hit.id = article.id;
    hit.score = mode == QueryMode::ranked ? folded.ranked.weight(index) : 0.0;
    hit.title = article.title;
    hit.date = parse_compact_date(article.published);
    hit.source = article.source;
    hit.collapsed = folded.entries[n].copies;
    if (request.snippets) {
        const auto body = decode_stored_body(document.get_value(schema::body_slot));
        hit.snippet = snippets ? snippets->make(body, request.snippet_bytes)
                               : lead_snippet(body, request.snippet_bytes);
    }
    return hit;
}

IndexStats Engine::stats(std::size_t top_sources) {
    const auto reopen = [this] { reopen_index(); };
    return failover([&] {
        with_retry(m_index, {}, [&] { refresh(); }, reopen);
        return with_retry(m_index, {}, [&] { return read_stats(top_sources); }, reopen);
    });
}

IndexStats Engine::read_stats(std::size_t top_sources) {
    const auto& db = m_index.db;
    IndexStats stats;
    stats.location = m_index.location;
    stats.analysis = m_index.analysis;
    stats.documents = db.get_doccount();
    const auto dated = db.get_termfreq(std::string{schema::has_date_term});
    stats.undated = stats.documents > dated ? stats.documents - dated : 0;
    if (dated > 0) {
        stats.first_date = parse_compact_date(db.get_value_lower_bound(schema::date_slot));
        stats.last_date = parse_compact_date(db.get_value_upper_bound(schema::date_slot));
    }
    for_each_label(db, schema::source_prefix, [&](std::string source, Xapian::doccount articles) {
        stats.sources.push_back({std::move(source), articles});
    });
    stats.source_count = stats.sources.size();
    std::stable_sort(stats.sources.begin(), stats.sources.end(),
                     [](const auto& a, const auto& b) { return a.documents > b.documents; });
    if (stats.sources.size() > top_sources) stats.sources.resize(top_sources);
    return stats;
}

}  // namespace morgue::search

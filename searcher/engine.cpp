// The search engine: BM25 or date-ordered boolean matching, sort orders, wire-copy collapse,
// facets, "more like this", spelling suggestions, hits with snippets, statistics.
#include "searcher/engine.hpp"

#include "common/error.hpp"
#include "common/schema.hpp"
#include "common/stem_cache.hpp"
#include "common/stored_article.hpp"
#include "common/text.hpp"
#include "searcher/query/parse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>
#include <memory>
#include <utility>

namespace morgue::search {

namespace {

/// Lucene's English stop set: left out of ranked queries (not of phrases, and not of a query
/// made only of them), which measured better on the judged collections (README, "Ranking").
constexpr std::string_view stop_words[] = {
    "a",    "an",    "and",  "are",   "as",    "at",   "be",    "but",  "by",
    "for",  "if",    "in",   "into",  "is",    "it",   "no",    "not",  "of",
    "on",   "or",    "such", "that",  "the",   "their", "then", "there", "these",
    "they", "this",  "to",   "was",   "will",  "with"};

/// Terms a "more like this" query is built from.
constexpr Xapian::termcount like_terms = 25;

/// Distinct words the snippet stemmer remembers (a few MB) before it starts afresh.
constexpr std::size_t snippet_stem_cache_entries = 100000;

constexpr std::pair<SortOrder, std::string_view> sort_names[] = {
    {SortOrder::relevance, "relevance"}, {SortOrder::newest, "newest"}, {SortOrder::oldest, "oldest"}};

constexpr std::pair<Facet, std::string_view> facet_names[] = {
    {Facet::source, "source"}, {Facet::year, "year"}, {Facet::topic, "topic"}, {Facet::place, "place"}};

bool is_prefix_char(char c) { return c >= 'A' && c <= 'Z'; }

/// Counts the labels of a multi-valued boolean field (topic, place) by reading the prefixed
/// terms from each matching document's termlist.
class TermPrefixSpy : public Xapian::MatchSpy {
public:
    explicit TermPrefixSpy(std::string_view prefix) : m_prefix(prefix) {}

    void operator()(const Xapian::Document& doc, double) override {
        auto it = doc.termlist_begin();
        it.skip_to(m_prefix);
        for (const auto end = doc.termlist_end(); it != end; ++it) {
            const std::string term = *it;
            if (term.compare(0, m_prefix.size(), m_prefix) != 0) break;
            // "K" must not count "KX…" terms of some longer prefix.
            if (term.size() == m_prefix.size() || is_prefix_char(term[m_prefix.size()])) continue;
            ++m_counts[term.substr(m_prefix.size())];
        }
    }

    const std::map<std::string, Xapian::doccount>& counts() const noexcept { return m_counts; }

private:
    std::string m_prefix;
    std::map<std::string, Xapian::doccount> m_counts;
};

/// Counts the documents the matcher looked at, before collapsing.
class SeenSpy : public Xapian::MatchSpy {
public:
    void operator()(const Xapian::Document&, double) override { ++m_seen; }
    Xapian::doccount seen() const noexcept { return m_seen; }

private:
    Xapian::doccount m_seen = 0;
};

/// One hit of a page: its place in the MSet and the wire copies folded into it.
struct PageEntry {
    Xapian::doccount index = 0;
    Xapian::doccount copies = 0;
};

struct FoldedPage {
    Xapian::MSet mset;
    std::vector<PageEntry> entries;
    Xapian::doccount total = 0;
    bool total_exact = false;
};

/// Positions 0 .. size-1 of `mset`.
std::vector<Xapian::doccount> in_rank_order(const Xapian::MSet& mset) {
    std::vector<Xapian::doccount> order(mset.size());
    for (Xapian::doccount i = 0; i < order.size(); ++i) order[i] = i;
    return order;
}

/// Positions of `mset` (ranked by relevance alone, ties in document order) with each run of
/// equal weights put newest first, undated last, as set_sort_by_relevance_then_value() orders
/// them; dates are read only for tied hits.
std::vector<Xapian::doccount> ties_newest_first(const Xapian::MSet& mset) {
    auto order = in_rank_order(mset);
    for (Xapian::doccount start = 0; start < order.size();) {
        auto end = start + 1;
        while (end < order.size() && mset[end].get_weight() == mset[start].get_weight()) ++end;
        if (end - start > 1) {
            std::vector<std::pair<std::string, Xapian::doccount>> dated;
            for (auto i = start; i < end; ++i)
                dated.emplace_back(mset[i].get_document().get_value(schema::date_slot), i);
            std::stable_sort(dated.begin(), dated.end(),
                             [](const auto& a, const auto& b) { return a.first > b.first; });
            for (auto i = start; i < end; ++i) order[i] = dated[i - start].second;
        }
        start = end;
    }
    return order;
}

/// The first position of `mset` whose weight equals its last hit's. `mset` is not empty.
Xapian::doccount tied_with_last(const Xapian::MSet& mset) {
    auto first = mset.size() - 1;
    while (first > 0 && mset[first - 1].get_weight() == mset[first].get_weight()) --first;
    return first;
}

/// Hits ranked beyond the page looked at for copies of the page's hits, at least.
constexpr Xapian::doccount fold_margin = 20;

/// The page at `offset`, `limit` with wire copies folded as Enquire::set_collapse_key() would
/// fold them: the best-ranked article of each duplicate key stands for the rest, in the order
/// of the plain ranking. Only the top of that ranking is read (the page and a margin, more
/// when copies crowd it), so copies are counted in it: exactly when every match fits, else
/// as a lower bound, and the total is then an estimate. A match set of at most `exact_up_to`
/// is read whole, so its total is exact.
FoldedPage fold_copies(Xapian::Enquire& enquire, const CopyKeys& copy_keys,
                       Xapian::doccount offset, Xapian::doccount limit, Xapian::doccount check,
                       Xapian::doccount exact_up_to) {
    const auto wanted = offset + limit;
    auto window = wanted + std::max(wanted, fold_margin);
    bool read_whole = false;
    bool ties_in_matcher = false;
    while (true) {
        auto mset = enquire.get_mset(0, window, std::max(check, window));
        const auto matches = mset.get_matches_estimated();
        const bool counted = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
        const bool all_here = counted && mset.size() >= matches;
        if (!all_here && counted && matches <= exact_up_to && !read_whole) {
            window = matches;
            read_whole = true;
            continue;
        }
        const auto order = ties_in_matcher ? in_rank_order(mset) : ties_newest_first(mset);
        FoldedPage page;
        std::unordered_map<std::string_view, std::size_t> kept_for_key;
        std::vector<PageEntry> kept;
        Xapian::doccount copies = 0;
        Xapian::doccount last_used = 0;  // position in `order` of the page's last hit
        for (Xapian::doccount pos = 0; pos < order.size(); ++pos) {
            const auto i = order[pos];
            if (kept.size() < wanted) last_used = pos;
            // An article whose key no other shares has nothing to fold with.
            if (const auto key = copy_keys.find(*mset[i]); key != copy_keys.end()) {
                const auto [found, fresh] = kept_for_key.try_emplace(key->second, kept.size());
                if (!fresh) {
                    ++kept[found->second].copies;
                    ++copies;
                    continue;
                }
            }
            kept.push_back({i, 0});
        }
        if (!all_here && kept.size() < wanted && mset.size() >= window) {
            window *= 2;
            continue;
        }
        if (!all_here && !ties_in_matcher && !mset.empty() && tied_with_last(mset) <= last_used) {
            // The page's tail ties with hits beyond the window, whose dates are unknown here:
            // let the matcher break the ties over all matches.
            enquire.set_sort_by_relevance_then_value(schema::date_slot, true);
            ties_in_matcher = true;
            continue;
        }
        page.total_exact = all_here;
        page.total = all_here ? static_cast<Xapian::doccount>(kept.size())
                              : std::max(static_cast<Xapian::doccount>(kept.size()),
                                         matches > copies ? matches - copies : 0);
        if (kept.size() > offset)
            page.entries.assign(kept.begin() + offset,
                                kept.begin() + std::min<std::size_t>(kept.size(), wanted));
        page.mset = std::move(mset);
        return page;
    }
}

/// The `most` largest counts, ties by value (years: newest first).
std::vector<FacetValue> top_values(std::vector<FacetValue> values, std::size_t most, bool newest) {
    std::stable_sort(values.begin(), values.end(), [&](const auto& a, const auto& b) {
        if (a.count != b.count) return a.count > b.count;
        return newest ? a.value > b.value : a.value < b.value;
    });
    if (values.size() > most) values.resize(most);
    return values;
}

/// Accepts only the unprefixed words of the text, for relevance feedback.
class TextTermDecider : public Xapian::ExpandDecider {
public:
    bool operator()(const std::string& term) const override {
        return !term.empty() && !is_prefix_char(term[0]) && term.size() > 1;
    }
};

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

/// Topic or place labels counted over every match of `query`, one counting pass per label in
/// the index: the way for remote shards, which run only the match spies Xapian itself
/// defines (TermPrefixSpy is ours).
std::vector<FacetValue> count_labels(const Xapian::Database& db, const Xapian::Query& query,
                                     std::string_view prefix) {
    std::vector<FacetValue> values;
    const std::string p{prefix};
    for (auto it = db.allterms_begin(p); it != db.allterms_end(p); ++it) {
        const std::string term = *it;
        if (term.size() == p.size() || is_prefix_char(term[p.size()])) continue;
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(term)));
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        const auto mset = enquire.get_mset(0, 0, db.get_doccount());
        if (const auto count = mset.get_matches_estimated(); count > 0)
            values.push_back({term.substr(p.size()), count});
    }
    return values;
}

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

}  // namespace

CopyKeys read_copy_keys(const Xapian::Database& db) {
    // One pass over the key slot's value stream, in document order; empty keys are not
    // stored, and never collapse.
    std::unordered_map<std::string, Xapian::docid> first_with_key;
    CopyKeys copies;
    const auto end = db.valuestream_end(schema::dupkey_slot);
    for (auto it = db.valuestream_begin(schema::dupkey_slot); it != end; ++it) {
        const auto [first, fresh] = first_with_key.try_emplace(*it, it.get_docid());
        if (fresh) continue;
        copies.emplace(first->second, first->first);
        copies.emplace(it.get_docid(), first->first);
    }
    return copies;
}

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
            m_parser = make_search_parser(m_index);
            m_seen_stamp.reset();
            m_copy_keys.reset();
        }
    }
}

std::string_view to_string(QueryMode mode) noexcept {
    return mode == QueryMode::ranked ? "ranked" : "boolean";
}

std::string_view to_string(SortOrder order) noexcept {
    for (auto [value, name] : sort_names)
        if (value == order) return name;
    return "relevance";
}

SortOrder parse_sort_order(std::string_view text) {
    for (auto [value, name] : sort_names)
        if (name == text) return value;
    throw UsageError(fmt::format("unknown sort order '{}' (choose from: relevance, newest, oldest)",
                                 text));
}

std::string_view to_string(Facet facet) noexcept {
    for (auto [value, name] : facet_names)
        if (value == facet) return name;
    return "source";
}

std::vector<Facet> parse_facets(std::string_view list) {
    std::vector<Facet> facets;
    std::size_t pos = 0;
    while (pos <= list.size()) {
        const auto comma = std::min(list.find(',', pos), list.size());
        const auto name = trim(list.substr(pos, comma - pos));
        pos = comma + 1;
        if (name.empty()) continue;
        const auto* found = std::find_if(std::begin(facet_names), std::end(facet_names),
                                         [&](const auto& entry) { return entry.second == name; });
        if (found == std::end(facet_names))
            throw UsageError(fmt::format("unknown facet '{}' (choose from: source, year, topic, "
                                         "place)", name));
        if (std::find(facets.begin(), facets.end(), found->first) == facets.end())
            facets.push_back(found->first);
    }
    return facets;
}

namespace {

/// Snippets stem the words of every hit's body that may be query words: a stemmer that
/// remembers answers most of them from its cache.
Xapian::Stem caching(Xapian::Stem stemmer) {
    if (stemmer.is_none()) return stemmer;
    return Xapian::Stem(new CachingStem(std::move(stemmer), snippet_stem_cache_entries));
}

}  // namespace

Engine::Engine(OpenIndex index)
    : m_index(std::move(index)),
      m_parser(make_search_parser(m_index)),
      m_stemmer(caching(make_stemmer(m_index.analysis))) {
    for (auto word : stop_words) m_stopper.add(std::string{word});
}

Xapian::Query Engine::parse(const SearchRequest& request) {
    const auto text = request.plain_words ? plain_words(request.query) : request.query;
    if (request.stop_words && m_index.analysis.language == "english")
        m_parser.set_stopper(&m_stopper);
    else
        m_parser.set_stopper(nullptr);
    auto query = parse_user_query(text, m_parser);
    m_parser.set_stopper(nullptr);
    query = with_date_bounds(query, request.date_from, request.date_to);
    return query;
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
        m_parser = make_search_parser(m_index);
    }
    m_seen_stamp.reset();
    m_copy_keys.reset();
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
    const auto query = with_retry(m_index, request.query, [&] { return parse(request); }, reopen);
    const auto mode = has_relevance(query) ? QueryMode::ranked : QueryMode::boolean;
    auto page =
        with_retry(m_index, request.query, [&] { return run(request, query, mode); }, reopen);
    // Remote shards answer spelling requests with nothing, silently: no suggestion rather
    // than one from the local shards' words only.
    if (request.suggest && mode == QueryMode::ranked && !m_index.has_remote())
        page.suggestion = with_retry(m_index, request.query,
                                     [&] { return suggest(request.query, query); }, reopen);
    return page;
}

Xapian::docid Engine::find_article(const std::string& id) {
    const auto term = std::string{schema::id_prefix} + id;
    auto it = m_index.db.postlist_begin(term);
    if (it == m_index.db.postlist_end(term))
        throw QueryError(id, fmt::format("no article with id '{}'", id));
    return *it;
}

Article Engine::show(const std::string& id) {
    const auto reopen = [this] { reopen_index(); };
    return failover([&] {
        return with_retry(m_index, id, [&] {
            return load_article(m_index.db.get_document(find_article(id)));
        }, reopen);
    });
}

ResultPage Engine::like(const std::string& id, const SearchRequest& request) {
    const auto reopen = [this] { reopen_index(); };
    return failover([&] {
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
    for (auto it = eset.begin(); it != eset.end(); ++it) terms.emplace_back(*it);
    const Xapian::Query similar(Xapian::Query::OP_OR, terms.begin(), terms.end());
    const Xapian::Query query(Xapian::Query::OP_AND_NOT, similar,
                              Xapian::Query(std::string{schema::id_prefix} + id));
    auto page = run(request, query, QueryMode::ranked);
    page.query = "like:" + id;
    return page;
}

std::string Engine::suggest(const std::string& text, const Xapian::Query& query) {
    // Cheap unless some word of the query is missing from the index.
    bool missing = false;
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
        const std::string term = *it;
        if (!term.empty() && !is_prefix_char(term[0]) && m_index.db.get_termfreq(term) == 0) {
            missing = true;
            break;
        }
    }
    if (!missing) return {};
    // Replace each unknown word as typed, keeping operators, quotes and fields.
    std::string out;
    bool changed = false;
    std::size_t pos = 0;
    const auto is_word_byte = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80);
    };
    while (pos < text.size()) {
        if (!is_word_byte(text[pos])) {
            out.push_back(text[pos++]);
            continue;
        }
        auto end = pos;
        while (end < text.size() && is_word_byte(text[end])) ++end;
        const auto word = text.substr(pos, end - pos);
        pos = end;
        const bool field_name = pos < text.size() && text[pos] == ':';
        const bool field_value = !out.empty() && out.back() == ':' &&
                                 !out.ends_with("title:");
        const auto lower = to_lower(word);
        const bool operator_word = word == "AND" || word == "OR" || word == "NOT" ||
                                   word == "XOR" || word.starts_with("NEAR") || word.starts_with("ADJ");
        if (field_name || field_value || operator_word || m_index.db.get_termfreq(lower) > 0 ||
            m_index.db.get_termfreq(m_stemmer(lower)) > 0) {
            out += word;
            continue;
        }
        const auto better = m_index.db.get_spelling_suggestion(lower);
        if (better.empty()) {
            out += word;
        } else {
            out += better;
            changed = true;
        }
    }
    return changed ? out : std::string{};
}

ResultPage Engine::run(const SearchRequest& request, const Xapian::Query& query, QueryMode mode) {
    Xapian::Enquire enquire(m_index.db);
    enquire.set_query(query);
    if (mode == QueryMode::ranked) {
        const auto& p = request.bm25;
        enquire.set_weighting_scheme(Xapian::BM25Weight(p.k1, 0, 1, p.b, p.min_normlen));
    } else {
        enquire.set_weighting_scheme(Xapian::BoolWeight());
    }
    // Undated articles have no value, which sorts lowest; the key maker puts them last when
    // sorting oldest first too.
    Xapian::MultiValueKeyMaker oldest_first;
    oldest_first.add_value(schema::date_slot, false, "\xff");
    if (request.sort == SortOrder::newest) {
        enquire.set_sort_by_value_then_relevance(schema::date_slot, true);
    } else if (request.sort == SortOrder::oldest) {
        enquire.set_sort_by_key_then_relevance(&oldest_first, false);
    } else if (mode == QueryMode::ranked) {
        // Relevance, ties newest first; fold_copies() breaks the ties itself (below).
    } else {
        // Pure filters carry no relevance: newest first.
        enquire.set_sort_by_value(schema::date_slot, true);
    }
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
    // Breaking ties in the matcher costs every query a value read per candidate it keeps
    // (about 13 % of reuters-news-200's time); fold_copies() reads dates only for the tied
    // hits of the page it looks at.
    if (mode == QueryMode::ranked && request.sort == SortOrder::relevance && !fold_here)
        enquire.set_sort_by_relevance_then_value(schema::date_slot, true);

    const Xapian::doccount exact_up_to = request.check_at_least + request.offset + request.limit;
    const Xapian::doccount check =
        reads_every_match ? std::max(exact_up_to, m_index.db.get_doccount()) : exact_up_to;
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> value_spies;
    std::vector<std::unique_ptr<TermPrefixSpy>> term_spies;
    for (const auto facet : request.facets) {
        if (facet == Facet::source || facet == Facet::year) {
            value_spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(
                facet == Facet::source ? schema::source_slot : schema::year_slot));
            enquire.add_matchspy(value_spies.back().get());
        } else if (!remote) {
            term_spies.push_back(std::make_unique<TermPrefixSpy>(
                facet == Facet::topic ? schema::topic_prefix : schema::place_prefix));
            enquire.add_matchspy(term_spies.back().get());
        }
    }

    ResultPage page;
    page.query = request.query;
    page.mode = mode;
    page.sort = request.sort;
    page.collapse = request.collapse;
    page.offset = request.offset;
    page.missing_shards = m_index.missing;
    Xapian::MSet mset;
    std::vector<PageEntry> entries;
    if (fold_here) {
        auto folded = fold_copies(enquire, copy_keys(), request.offset, request.limit, check,
                                  exact_up_to);
        mset = std::move(folded.mset);
        entries = std::move(folded.entries);
        page.total = folded.total;
        page.total_exact = folded.total_exact;
    } else {
        // With collapsing, Xapian leaves the bounds apart even when it saw every match; it only
        // stops looking early after `check` documents, so fewer means the count is complete.
        // Remote shards run only Xapian's own spies: there a value counter's total counts them.
        SeenSpy seen;
        Xapian::ValueCountMatchSpy remote_seen(schema::year_slot);
        if (fold_in_matcher)
            enquire.add_matchspy(remote ? static_cast<Xapian::MatchSpy*>(&remote_seen) : &seen);
        mset = enquire.get_mset(request.offset, request.limit, check);
        const auto seen_count = remote ? remote_seen.get_total() : seen.seen();
        page.total = mset.get_matches_estimated();
        page.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
        if (fold_in_matcher && !page.total_exact && seen_count < check) {
            page.total = mset.get_matches_lower_bound();
            page.total_exact = true;
        }
        for (Xapian::doccount i = 0; i < mset.size(); ++i)
            entries.push_back({i, fold_in_matcher ? mset[i].get_collapse_count() : 0});
    }

    std::size_t value_index = 0;
    std::size_t term_index = 0;
    for (const auto facet : request.facets) {
        FacetCounts counts{facet, {}};
        if (facet == Facet::source || facet == Facet::year) {
            const auto& spy = *value_spies[value_index++];
            for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
                counts.values.push_back({*it, it.get_termfreq()});
        } else if (remote) {
            counts.values = count_labels(m_index.db, query,
                                         facet == Facet::topic ? schema::topic_prefix
                                                               : schema::place_prefix);
        } else {
            for (const auto& [value, count] : term_spies[term_index++]->counts())
                counts.values.push_back({value, count});
        }
        counts.values = top_values(std::move(counts.values), request.facet_values,
                                   facet == Facet::year);
        page.facets.push_back(std::move(counts));
    }
    if (request.timeline) page.timeline = count_timeline(m_index.db, query);

    // Pure filters have no words to centre a snippet on: show the lead instead.
    std::optional<SnippetMaker> snippets;
    if (request.snippets && !entries.empty() && mode == QueryMode::ranked) {
        snippets.emplace(query, m_stemmer, m_index.analysis.language);
        if (!snippets->has_words()) snippets.reset();
    }

    // Remote shards send the page's documents in one exchange instead of one per hit.
    if (remote) mset.fetch();
    for (std::size_t n = 0; n < entries.size(); ++n) {
        const auto it = mset[entries[n].index];
        const auto document = it.get_document();
        const auto data = document.get_data();
        const auto article = decode_stored_summary(data);
        Hit hit;
        hit.rank = request.offset + static_cast<Xapian::doccount>(n) + 1;
        hit.id = article.id;
        hit.score = mode == QueryMode::ranked ? it.get_weight() : 0.0;
        hit.title = article.title;
        hit.date = parse_compact_date(article.published);
        hit.source = article.source;
        hit.collapsed = entries[n].copies;
        if (request.snippets) {
            const auto body = decode_stored_body(document.get_value(schema::body_slot));
            hit.snippet = snippets ? snippets->make(body, request.snippet_bytes)
                                   : lead_snippet(body, request.snippet_bytes);
        }
        page.hits.push_back(std::move(hit));
    }
    return page;
}

IndexStats Engine::stats(std::size_t top_sources) {
    return failover([&] {
        return with_retry(m_index, {}, [&] { return read_stats(top_sources); },
                          [this] { reopen_index(); });
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
    const std::string prefix{schema::source_prefix};
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
        const std::string term = *it;
        // "XS" must not swallow a longer prefix that happens to start with it.
        if (term.size() > prefix.size() && term[prefix.size()] >= 'A' &&
            term[prefix.size()] <= 'Z')
            continue;
        stats.sources.push_back({term.substr(prefix.size()), it.get_termfreq()});
    }
    stats.source_count = stats.sources.size();
    std::stable_sort(stats.sources.begin(), stats.sources.end(),
                     [](const auto& a, const auto& b) { return a.documents > b.documents; });
    if (stats.sources.size() > top_sources) stats.sources.resize(top_sources);
    return stats;
}

}  // namespace morgue::search

// The search engine: BM25 or date-ordered boolean matching, hits with snippets, statistics.
#include "searcher/engine.hpp"

#include "common/error.hpp"
#include "common/schema.hpp"
#include "common/stored_article.hpp"
#include "common/text.hpp"
#include "searcher/query/parse.hpp"

#include <algorithm>
#include <utility>

namespace morgue::search {

namespace {

/// Lucene's defaults, which measured slightly better than Xapian's on judged collections.
constexpr double bm25_k1 = 1.2;
constexpr double bm25_b = 0.75;

constexpr std::string_view omit_marker = "…";

/// Times `work` runs on a freshly reopened database before a writer that keeps committing
/// underneath it makes the search fail.
constexpr int max_attempts = 8;

/// Runs `work`, retrying on a reopened database when a writer commits underneath, and turns
/// Xapian errors into Morgue errors.
template <typename Work>
auto with_retry(OpenIndex& index, const std::string& query, Work&& work) {
    for (int attempt = 1;; ++attempt) {
        try {
            return work();
        } catch (const Xapian::DatabaseModifiedError& e) {
            if (attempt >= max_attempts)
                throw IndexError(index.location, "index keeps changing: " + e.get_msg());
            try {
                index.db.reopen();
            } catch (const Xapian::Error& reopen_error) {
                throw IndexError(index.location, reopen_error.get_description());
            }
        } catch (const Xapian::WildcardError& e) {
            throw QueryError(query, e.get_msg() + " (make the wildcard longer)");
        } catch (const Xapian::UnimplementedError& e) {
            throw QueryError(query, "not supported: " + e.get_msg());
        } catch (const Xapian::QueryParserError& e) {
            throw QueryError(query, e.get_msg());
        } catch (const Xapian::Error& e) {
            throw IndexError(index.location, e.get_description());
        }
    }
}

}  // namespace

std::string_view to_string(QueryMode mode) noexcept {
    return mode == QueryMode::ranked ? "ranked" : "boolean";
}

Engine::Engine(OpenIndex index)
    : m_index(std::move(index)),
      m_parser(make_search_parser(m_index)),
      m_stemmer(make_stemmer(m_index.analysis)) {}

ResultPage Engine::search(const SearchRequest& request) {
    // Each search sees the latest commit: whole batches, never a writer's uncommitted work.
    with_retry(m_index, request.query, [&] { return m_index.db.reopen(); });
    const auto query = with_retry(m_index, request.query,
                                  [&] {
        return with_date_bounds(parse_user_query(request.query, m_parser), request.date_from,
                                request.date_to);
    });
    const auto mode = has_relevance(query) ? QueryMode::ranked : QueryMode::boolean;
    return with_retry(m_index, request.query, [&] { return run(request, query, mode); });
}

ResultPage Engine::run(const SearchRequest& request, const Xapian::Query& query, QueryMode mode) {
    Xapian::Enquire enquire(m_index.db);
    enquire.set_query(query);
    if (mode == QueryMode::ranked) {
        enquire.set_weighting_scheme(Xapian::BM25Weight(bm25_k1, 0, 1, bm25_b, 0.5));
    } else {
        // Pure filters carry no relevance: newest first. Undated articles have no value,
        // which sorts lowest, so they come last.
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        enquire.set_sort_by_value(schema::date_slot, true);
    }
    const auto mset = enquire.get_mset(request.offset, request.limit,
                                       request.check_at_least + request.offset + request.limit);

    // Pure filters have no words to centre a snippet on: show the lead instead.
    const auto snippet_query = build_snippet_query(query);
    const bool highlight = mode == QueryMode::ranked && !snippet_query.empty();
    Xapian::Enquire snippet_enquire(m_index.db);
    snippet_enquire.set_query(snippet_query);
    const auto snippet_mset = snippet_enquire.get_mset(0, 0);
    // No SNIPPET_BACKGROUND_MODEL: it looks up the frequency of every word of every body in
    // the index (about 4 ms a hit on Reuters, 80% of a query's time); no SNIPPET_EXHAUSTIVE:
    // stopping at a good-enough passage halves what remains.
    const unsigned snippet_flags = 0;

    ResultPage page;
    page.query = request.query;
    page.mode = mode;
    page.offset = request.offset;
    page.total = mset.get_matches_estimated();
    page.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        const auto article = decode_stored_article(it.get_document().get_data());
        Hit hit;
        hit.rank = it.get_rank() + 1;
        hit.id = article.id;
        hit.score = mode == QueryMode::ranked ? it.get_weight() : 0.0;
        hit.title = article.title;
        hit.date = article.published;
        hit.source = article.source;
        // Line breaks and indentation in stored bodies would only waste snippet length.
        const auto body = collapse_whitespace(article.body);
        hit.snippet = highlight
            ? parse_snippet_markup(snippet_mset.snippet(body, request.snippet_bytes, m_stemmer,
                                                        snippet_flags, "<b>", "</b>",
                                                        std::string{omit_marker}))
            : lead_snippet(body, request.snippet_bytes);
        page.hits.push_back(std::move(hit));
    }
    return page;
}

IndexStats Engine::stats(std::size_t top_sources) {
    return with_retry(m_index, {}, [&] { return read_stats(top_sources); });
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

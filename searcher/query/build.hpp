// QueryTree -> Xapian::Query: terms from the shared analysis, filters, dates, proximity.
#pragma once

#include "common/analysis.hpp"
#include "common/index_open.hpp"
#include "searcher/collection_weight.hpp"
#include "searcher/query/tree.hpp"

#include <xapian.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace morgue::search {

/// Most words a wildcard may expand to; beyond it the query fails with a QueryError at run time.
inline constexpr Xapian::termcount max_wildcard_expansion = 500;

/// NEAR and ADJ without /n: within this many positions, as in Xapian.
inline constexpr unsigned default_near_distance = 10;

/// Turns QueryTrees into Xapian queries with the index's analysis settings. Words go through
/// the indexer's own TermGenerator (TermAnalyser). Phrases use the positional terms: stems in
/// stemmed phrase mode, exact word forms in exact mode; free words and NEAR/ADJ use stems in
/// both. Reuse one builder; not thread-safe.
class QueryBuilder {
public:
    /// Without a database, wildcards stay Xapian's OP_WILDCARD, expanded and capped when the
    /// query runs; over shards Xapian then weighs them by one shard's word frequencies.
    explicit QueryBuilder(const AnalysisConfig& cfg);
    /// Wildcards are expanded against `db` (shards combined) as they are built, so a wildcard
    /// ranks alike on one database and on the same articles as shards. With
    /// `collection_weights`, every weighted term and synonym carries its idf over `db`
    /// (CollectionStats), for CollectionBm25Weight.
    QueryBuilder(const AnalysisConfig& cfg, const Xapian::Database& db,
                 bool collection_weights = false);

    /// The statistics terms are weighted by; null when queries are for Xapian's own BM25.
    const CollectionStats* collection() const noexcept {
        return m_stats ? &*m_stats : nullptr;
    }

    /// Words the stopper accepts are left out of ranked free text (not of phrases, +words,
    /// NEAR/ADJ, or a group made only of them). nullptr: keep every word. Not owned.
    void set_stopper(const Xapian::Stopper* stopper) noexcept { m_stopper = stopper; }

    /// The Xapian query for `tree`; empty when it has no searchable words. `text` is the query
    /// as typed, for errors. Throws QueryError with a column for items Xapian cannot combine
    /// (NEAR over a several-word name) and for a wildcard matching more than
    /// max_wildcard_expansion words.
    Xapian::Query build(const QueryNode& tree, std::string_view text);

    /// When the query build() made last is, with collection weights, a plain union (OP_OR of
    /// words, or one word, each OP_SCALE_WEIGHT by CollectionStats::term_factor(), no word
    /// twice): its words and factors, which UnionSource matches faster. Otherwise empty.
    const std::vector<WeightedTerm>& plain_union() const noexcept { return m_plain_union; }
    /// The factor of each word the query build() made last weighted (OP_SCALE_WEIGHT by
    /// CollectionStats::term_factor()), with collection weights; empty otherwise.
    const std::map<std::string, double>& term_factors() const noexcept { return m_term_factors; }

private:
    Xapian::Query build_node(const QueryNode& node);
    Xapian::Query build_group(const QueryNode& node);
    Xapian::Query build_proximity(const QueryNode& node);
    Xapian::Query build_wildcard(const QueryNode& node);
    bool is_stop_word(const QueryNode& node);
    /// The weighted term `term` at the next query position.
    Xapian::Query next_term(const std::string& term);
    /// `op` (OP_PHRASE or OP_NEAR) over `terms` at the next query positions, within `window`.
    Xapian::Query positional(Xapian::Query::op op, const std::vector<std::string>& terms,
                             Xapian::termcount window);
    /// plain_union() of `query`, built from m_term_factors.
    std::vector<WeightedTerm> find_plain_union(const Xapian::Query& query) const;

    TermAnalyser m_analyser;
    std::optional<Xapian::Database> m_db;
    std::optional<CollectionStats> m_stats;
    const Xapian::Stopper* m_stopper = nullptr;
    Xapian::termpos m_qpos = 0;
    std::string_view m_text;
    /// The factor of each term next_term() weighted in this build, with collection weights.
    std::map<std::string, double> m_term_factors;
    std::vector<WeightedTerm> m_plain_union;
};

/// The date filter for bounds in parse_date_bound() form (empty = open); MatchAll when both are
/// empty. A single year, month or day is its boolean term; a range is a value range on
/// schema::date_slot. Undated articles never match.
Xapian::Query build_date_filter(std::string_view from, std::string_view to);

/// `query` restricted to dates within `from`..`to` (parse_date_bound() form, empty = open);
/// `query` itself when both are empty.
Xapian::Query with_date_bounds(const Xapian::Query& query, std::string_view from,
                               std::string_view to);

/// True when some term of `query` carries relevance weight; false for pure filters
/// (`topic:cocoa`, `year:1987 NOT place:usa`, `-cocoa`), which have no meaningful ranking.
bool has_relevance(const Xapian::Query& query);

}  // namespace morgue::search

// Building Xapian queries from QueryTrees with the index's own analysis.
#include "searcher/query/build.hpp"

#include "common/error.hpp"
#include "common/schema.hpp"
#include "common/terms.hpp"
#include "common/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace morgue::search {

namespace {

using Q = Xapian::Query;

Q combine(Q::op op, std::vector<Q>& parts) {
    std::erase_if(parts, [](const Q& q) { return q.empty(); });
    if (parts.empty()) return {};
    if (parts.size() == 1) return parts.front();
    return Q(op, parts.begin(), parts.end());
}

/// Filters carry no relevance: boolean fields and dates, and groups made only of them.
bool is_filter(const QueryNode& node) {
    switch (node.kind) {
        case NodeKind::label:
        case NodeKind::date:
            return true;
        case NodeKind::and_not:
            return is_filter(node.children.front());
        case NodeKind::group:
        case NodeKind::and_op:
        case NodeKind::or_op:
        case NodeKind::xor_op:
            for (const auto& child : node.children)
                if (child.sign != Sign::must_not && !is_filter(child)) return false;
            return true;
        default:
            return false;
    }
}

/// The boolean query of a label or date item.
Q filter_leaf(const QueryNode& node) {
    if (node.kind == NodeKind::date) return build_date_filter(node.from, node.to);
    // The indexer's own term rules (common/terms.hpp): ids exactly as written, labels
    // normalised and cut as they were indexed.
    const auto id = trim(node.text);
    const auto term = node.field != Field::id ? label_term(prefix_of(node.field), node.text)
                      : id.empty()            ? std::string{}
                                              : id_term(id);
    if (term.empty()) return {};
    return Q(term);
}

/// Lowest and highest YYYYMMDD a bound of 4, 6 or 8 digits stands for.
std::string lowest_day(std::string_view bound) {
    return std::string{bound} + std::string{"0101"}.substr(bound.size() - 4);
}

std::string highest_day(std::string_view bound) {
    return std::string{bound} + std::string{"1231"}.substr(bound.size() - 4);
}

/// A word of a wildcard with the number of articles it is in, all shards together.
struct WildcardWord {
    std::string term;
    Xapian::doccount articles = 0;
};

/// `words` as one OP_SYNONYM made of two-way synonyms. Xapian estimates a synonym's
/// frequency two subqueries at a time, rounding each step
/// (OrPostList::get_termfreq_est_using_stats), and pairs the subqueries of a flat synonym by
/// each shard's own frequencies, so a flat synonym can weigh a little differently on each
/// shard. With two subqueries at every node the pairing is the query's, the same everywhere.
/// Pairs are made as Xapian makes them, the two rarest first (a Huffman tree), but by the
/// frequencies over all shards: common words stay near the root, where matching visits them
/// cheaply. `docs` is the number of articles in the index. The second of the pair is the
/// estimate of the articles the synonym matches.
std::pair<Q, double> synonym_tree(const std::vector<WildcardWord>& words, Xapian::doccount docs) {
    struct Part {
        double articles;
        // Ties go to the older part: the shape follows from the words and their frequencies
        // alone, so one database and the same articles as shards build the same tree.
        std::size_t order;
        Q query;
    };
    // A min-heap: the rarest part comes first.
    const auto commoner = [](const Part& a, const Part& b) {
        return a.articles != b.articles ? a.articles > b.articles : a.order > b.order;
    };
    std::vector<Part> heap;
    for (const auto& w : words)
        heap.push_back({static_cast<double>(w.articles), heap.size(), Q(w.term)});
    std::make_heap(heap.begin(), heap.end(), commoner);
    auto order = heap.size();
    while (heap.size() > 1) {
        std::pop_heap(heap.begin(), heap.end(), commoner);
        auto rarest = std::move(heap.back());
        heap.pop_back();
        std::pop_heap(heap.begin(), heap.end(), commoner);
        auto& next = heap.back();
        // Xapian's estimate for an OR of independent words, rounded as it rounds each step.
        next.articles = std::floor(next.articles + rarest.articles -
                                   next.articles * rarest.articles / docs + 0.5);
        next.order = order++;
        next.query = Q(Q::OP_SYNONYM, next.query, rarest.query);
        std::push_heap(heap.begin(), heap.end(), commoner);
    }
    return {heap.front().query, heap.front().articles};
}

}  // namespace

QueryBuilder::QueryBuilder(const AnalysisConfig& cfg) : m_analyser(cfg) {}

QueryBuilder::QueryBuilder(const AnalysisConfig& cfg, const Xapian::Database& db,
                           bool collection_weights)
    : m_analyser(cfg), m_db(db) {
    if (collection_weights) m_stats.emplace(db);
}

Xapian::Query QueryBuilder::next_term(const std::string& term) {
    ++m_qpos;
    if (!m_stats) return Q(term, 1, m_qpos);
    const double factor = m_stats->term_factor(term);
    m_term_factors[term] = factor;
    return weighted_term(term, factor, m_qpos);
}

std::vector<WeightedTerm> QueryBuilder::find_plain_union(const Xapian::Query& query) const {
    if (!m_stats || query.empty()) return {};
    std::vector<Q> words;
    if (query.get_type() == Q::OP_OR) {
        for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
            words.push_back(query.get_subquery(i));
    } else {
        words.push_back(query);
    }
    std::vector<WeightedTerm> terms;
    for (const auto& word : words) {
        auto weighted = weighted_word(word, m_term_factors);
        if (!weighted) return {};
        for (const auto& seen : terms)
            if (seen.term == weighted->term) return {};
        terms.push_back(std::move(*weighted));
    }
    return terms;
}

Xapian::Query QueryBuilder::positional(Q::op op, const std::vector<std::string>& terms,
                                       Xapian::termcount window) {
    std::vector<Q> parts;
    for (const auto& term : terms)
        parts.emplace_back(term, m_stats ? m_stats->positional_wqf(term) : 1, ++m_qpos);
    return Q(op, parts.begin(), parts.end(), window);
}

Xapian::Query QueryBuilder::build(const QueryNode& tree, std::string_view text) {
    m_qpos = 0;
    m_text = text;
    m_term_factors.clear();
    m_plain_union.clear();
    auto query = build_node(tree);
    m_plain_union = find_plain_union(query);
    return query;
}

bool QueryBuilder::is_stop_word(const QueryNode& node) {
    if (m_stopper == nullptr || node.kind != NodeKind::word || node.sign != Sign::none)
        return false;
    const auto words = m_analyser.analyse(node.text);
    return words.size() == 1 && (*m_stopper)(words.front().word);
}

Xapian::Query QueryBuilder::build_node(const QueryNode& node) {
    switch (node.kind) {
        case NodeKind::word: {
            const auto words = m_analyser.analyse(node.text, prefix_of(node.field));
            if (words.empty()) return {};
            if (words.size() == 1) return next_term(words.front().ranked);
            // "Japan-Russia", "COVID-19": the parts, adjacent, as the indexer saw them.
            std::vector<std::string> parts;
            for (const auto& w : words) parts.push_back(w.exact);
            return positional(Q::OP_PHRASE, parts, parts.size());
        }
        case NodeKind::phrase: {
            const auto words = m_analyser.analyse(node.text, prefix_of(node.field));
            if (words.size() <= 1) return words.empty() ? Q() : next_term(words.front().exact);
            std::vector<std::string> parts;
            for (const auto& w : words) parts.push_back(w.exact);
            return positional(Q::OP_PHRASE, parts, parts.size());
        }
        case NodeKind::wildcard:
            return build_wildcard(node);
        case NodeKind::label:
        case NodeKind::date: {
            // Alone or under an operator a filter still has no weight, as with the QueryParser.
            auto filter = filter_leaf(node);
            return filter.empty() ? filter : Q(Q::OP_SCALE_WEIGHT, filter, 0.0);
        }
        case NodeKind::all:
            return Q::MatchAll;
        case NodeKind::group:
            return build_group(node);
        case NodeKind::and_op:
        case NodeKind::or_op: {
            std::vector<Q> parts;
            for (const auto& child : node.children) parts.push_back(build_node(child));
            return combine(node.kind == NodeKind::and_op ? Q::OP_AND : Q::OP_OR, parts);
        }
        case NodeKind::xor_op: {
            // a XOR b as (a OR b) AND_NOT (a AND b): the same matches and weights, and it
            // avoids a crash in Xapian 1.4.22's OP_XOR over several shards when no
            // subquery carries weight (`place:usa XOR year:1987`).
            Q result;
            for (const auto& child : node.children) {
                auto part = build_node(child);
                if (part.empty()) continue;
                result = result.empty() ? part
                                        : Q(Q::OP_AND_NOT, Q(Q::OP_OR, result, part),
                                            Q(Q::OP_AND, result, part));
            }
            return result;
        }
        case NodeKind::and_not: {
            auto left = build_node(node.children.at(0));
            auto right = build_node(node.children.at(1));
            if (left.empty() || right.empty()) return left;
            return Q(Q::OP_AND_NOT, left, right);
        }
        case NodeKind::near:
        case NodeKind::adj:
            return build_proximity(node);
    }
    return {};
}

Xapian::Query QueryBuilder::build_wildcard(const QueryNode& node) {
    const auto prefix = std::string{prefix_of(node.field)} + to_lower(node.text);
    const auto wildcard = Q(Q::OP_WILDCARD, prefix, max_wildcard_expansion,
                            Q::WILDCARD_LIMIT_ERROR, Q::OP_SYNONYM);
    if (!m_db) return wildcard;
    // Expanded here, over all shards at once, rather than by Xapian: Xapian 1.4 expands
    // OP_WILDCARD in each shard on its own and takes each word's frequency from the first
    // shard that has it (LocalSubMatch::open_post_list), so over shards a wildcard weighed as
    // if its words were rarer than they are. Words named in the query have their frequencies
    // summed over every shard before matching. Xapian's limit also counts per shard; count
    // over all of them, and stop at the limit so a broad wildcard costs little.
    std::vector<WildcardWord> words;
    const auto end = m_db->allterms_end(prefix);
    for (auto it = m_db->allterms_begin(prefix); it != end; ++it) {
        if (words.size() == max_wildcard_expansion)
            throw QueryError(std::string{m_text},
                             fmt::format("'{}*' at column {} matches more than {} words: make "
                                         "it longer",
                                         node.text, node.column, max_wildcard_expansion),
                             node.column);
        words.push_back({*it, it.get_termfreq()});
    }
    // No words: the wildcard itself still matches nothing, where an empty query would drop
    // out of an AND.
    if (words.empty()) return wildcard;
    const auto [synonym, articles] = synonym_tree(words, m_db->get_doccount());
    return m_stats ? m_stats->weighted(synonym, articles) : synonym;
}

Xapian::Query QueryBuilder::build_proximity(const QueryNode& node) {
    std::vector<std::string> parts;
    for (const auto& child : node.children) {
        const auto words = m_analyser.analyse(child.text, prefix_of(child.field));
        if (words.size() != 1)
            throw QueryError(std::string{m_text},
                             fmt::format("'{}' at column {} is {}: {} needs single words",
                                         child.text, child.column,
                                         words.empty() ? "not a word" : "several words",
                                         node.kind == NodeKind::near ? "NEAR" : "ADJ"),
                             child.column);
        // Stems carry positions in both phrase modes, so proximity follows stems.
        parts.push_back(words.front().ranked);
    }
    const auto window = static_cast<Xapian::termcount>(parts.size() + node.distance - 1);
    return positional(node.kind == NodeKind::near ? Q::OP_NEAR : Q::OP_PHRASE, parts, window);
}

Xapian::Query QueryBuilder::build_group(const QueryNode& node) {
    std::vector<Q> must;
    std::vector<Q> must_not;
    std::vector<Q> maybe;
    std::vector<bool> maybe_stopped;
    // Filters on the same field are alternatives, different fields all apply (Xapian's rule).
    std::map<Field, std::vector<Q>> field_filters;
    std::vector<Q> other_filters;
    for (const auto& child : node.children) {
        if (child.sign == Sign::must_not) {
            must_not.push_back(build_node(child));
        } else if (is_filter(child)) {
            if (child.kind == NodeKind::label || child.kind == NodeKind::date)
                field_filters[child.field].push_back(filter_leaf(child));
            else
                other_filters.push_back(build_node(child));
        } else if (child.sign == Sign::must) {
            must.push_back(build_node(child));
        } else {
            maybe_stopped.push_back(is_stop_word(child));
            maybe.push_back(build_node(child));
        }
    }
    // Stop words leave ranked text only when something else remains to rank by.
    bool any_kept = false;
    for (std::size_t i = 0; i < maybe.size(); ++i)
        if (!maybe_stopped[i] && !maybe[i].empty()) any_kept = true;
    if (any_kept || !must.empty())
        for (std::size_t i = 0; i < maybe.size(); ++i)
            if (maybe_stopped[i]) maybe[i] = Q();

    std::vector<Q> filters;
    for (auto& [field, alternatives] : field_filters) filters.push_back(combine(Q::OP_OR, alternatives));
    for (auto& filter : other_filters) filters.push_back(filter);
    const auto filter = combine(Q::OP_AND, filters);

    auto scored = combine(Q::OP_AND, must);
    if (auto optional = combine(Q::OP_OR, maybe); !optional.empty())
        scored = scored.empty() ? optional : Q(Q::OP_AND_MAYBE, scored, optional);

    Q query;
    if (!scored.empty())
        query = filter.empty() ? scored : Q(Q::OP_FILTER, scored, filter);
    else if (!filter.empty())
        query = Q(Q::OP_SCALE_WEIGHT, filter, 0.0);
    const auto excluded = combine(Q::OP_OR, must_not);
    if (excluded.empty()) return query;
    if (query.empty()) query = Q::MatchAll;
    return Q(Q::OP_AND_NOT, query, excluded);
}

Xapian::Query build_date_filter(std::string_view from, std::string_view to) {
    if (from.empty() && to.empty()) return Q::MatchAll;
    if (from == to) {
        // One year, month or day: its boolean term is cheaper than a value range.
        const auto prefix = from.size() == 4   ? schema::year_prefix
                            : from.size() == 6 ? schema::month_prefix
                                               : schema::day_prefix;
        return Q(std::string{prefix} + std::string{from});
    }
    if (to.empty()) return Q(Q::OP_VALUE_GE, schema::date_slot, lowest_day(from));
    if (from.empty()) return Q(Q::OP_VALUE_LE, schema::date_slot, highest_day(to));
    return Q(Q::OP_VALUE_RANGE, schema::date_slot, lowest_day(from), highest_day(to));
}

Xapian::Query with_date_bounds(const Xapian::Query& query, std::string_view from,
                               std::string_view to) {
    if (from.empty() && to.empty()) return query;
    return Q(Q::OP_FILTER, query, build_date_filter(from, to));
}

bool has_relevance(const Xapian::Query& query) {
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM:
            return true;
        case Xapian::Query::LEAF_MATCH_ALL:
        case Xapian::Query::LEAF_MATCH_NOTHING:
        case Xapian::Query::OP_VALUE_RANGE:
        case Xapian::Query::OP_VALUE_GE:
        case Xapian::Query::OP_VALUE_LE:
            return false;
        case Xapian::Query::OP_SCALE_WEIGHT:
            // Filters are wrapped as "0 * filter"; check the factor rather than assume it.
            return query.get_description().rfind("Query(0 * ", 0) != 0 &&
                   has_relevance(query.get_subquery(0));
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_AND_NOT:
            return has_relevance(query.get_subquery(0));
        default:
            for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
                if (has_relevance(query.get_subquery(i))) return true;
            return query.get_num_subqueries() == 0;
    }
}

}  // namespace morgue::search

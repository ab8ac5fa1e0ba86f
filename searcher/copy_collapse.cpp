// Folding wire copies on the top of the ranking.
#include "searcher/copy_collapse.hpp"

#include "common/schema.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

namespace morgue::search {

namespace {

/// Positions 0 .. size-1 of `mset`.
std::vector<Xapian::doccount> in_rank_order(const RankedList& mset) {
    std::vector<Xapian::doccount> order(mset.size());
    for (Xapian::doccount i = 0; i < order.size(); ++i) order[i] = i;
    return order;
}

/// Positions of `mset` (ranked by relevance alone, ties in document order) with each run of
/// equal weights put newest first, undated last, as set_sort_by_relevance_then_value() orders
/// them; dates are read only for tied hits.
std::vector<Xapian::doccount> ties_newest_first(const RankedList& mset) {
    auto order = in_rank_order(mset);
    for (Xapian::doccount start = 0; start < order.size();) {
        auto end = start + 1;
        while (end < order.size() && mset.weight(end) == mset.weight(start)) ++end;
        if (end - start > 1) {
            std::vector<std::pair<std::string, Xapian::doccount>> dated;
            for (auto i = start; i < end; ++i)
                dated.emplace_back(mset.document(i).get_value(schema::date_slot), i);
            std::stable_sort(dated.begin(), dated.end(),
                             [](const auto& a, const auto& b) { return a.first > b.first; });
            for (auto i = start; i < end; ++i) order[i] = dated[i - start].second;
        }
        start = end;
    }
    return order;
}

/// The first position of `mset` whose weight equals its last hit's. `mset` is not empty.
Xapian::doccount tied_with_last(const RankedList& mset) {
    auto first = mset.size() - 1;
    while (first > 0 && mset.weight(first - 1) == mset.weight(first)) --first;
    return first;
}

/// Hits ranked beyond the page looked at for copies of the page's hits, at least.
constexpr Xapian::doccount fold_margin = 20;

}  // namespace

RankedList::RankedList(Xapian::MSet mset)
    : m_estimated(mset.get_matches_estimated()),
      m_lower(mset.get_matches_lower_bound()),
      m_upper(mset.get_matches_upper_bound()) {
    m_msets.push_back(std::move(mset));
}

RankedList::RankedList(std::vector<Xapian::MSet> shards, Xapian::doccount size,
                       bool ties_by_date)
    : m_msets(std::move(shards)) {
    for (std::uint32_t k = 0; k < m_msets.size(); ++k) {
        const auto& mset = m_msets[k];
        m_estimated += mset.get_matches_estimated();
        m_lower += mset.get_matches_lower_bound();
        m_upper += mset.get_matches_upper_bound();
        for (Xapian::doccount i = 0; i < mset.size(); ++i) m_order.emplace_back(k, i);
    }
    const auto n = static_cast<Xapian::docid>(m_msets.size());
    const auto global = [&](const std::pair<std::uint32_t, Xapian::doccount>& hit) {
        return (*m_msets[hit.first][hit.second] - 1) * n + hit.first + 1;
    };
    const auto better = [&](const auto& a, const auto& b) {
        const auto x = m_msets[a.first][a.second];
        const auto y = m_msets[b.first][b.second];
        if (x.get_weight() != y.get_weight()) return x.get_weight() > y.get_weight();
        if (ties_by_date) {
            // The sort key is the date slot's value; an undated article's is empty, last.
            const auto kx = x.get_sort_key();
            const auto ky = y.get_sort_key();
            if (kx != ky) return kx > ky;
        }
        return global(a) < global(b);
    };
    const auto keep = std::min<std::size_t>(size, m_order.size());
    std::partial_sort(m_order.begin(), m_order.begin() + keep, m_order.end(), better);
    m_order.resize(keep);
}

Xapian::doccount RankedList::size() const noexcept {
    if (m_msets.size() == 1) return m_msets.front().size();
    return static_cast<Xapian::doccount>(m_order.size());
}

std::size_t RankedList::match_set(Xapian::doccount i) const {
    return m_msets.size() == 1 ? 0 : m_order.at(i).first;
}

Xapian::MSetIterator RankedList::at(Xapian::doccount i) const {
    if (m_msets.size() == 1) return m_msets.front()[i];
    const auto [k, pos] = m_order.at(i);
    return m_msets[k][pos];
}

Xapian::docid RankedList::docid(Xapian::doccount i) const {
    if (m_msets.size() == 1) return *m_msets.front()[i];
    const auto [k, pos] = m_order.at(i);
    return (*m_msets[k][pos] - 1) * static_cast<Xapian::docid>(m_msets.size()) + k + 1;
}

double RankedList::weight(Xapian::doccount i) const { return at(i).get_weight(); }

Xapian::Document RankedList::document(Xapian::doccount i) const { return at(i).get_document(); }

void RankedList::fetch() const {
    for (const auto& mset : m_msets) mset.fetch();
}

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

/// The page at `offset`, `limit` with wire copies folded as Enquire::set_collapse_key() would
/// fold them: the best-ranked article of each duplicate key stands for the rest, in the order
/// of the plain ranking. Only the top of that ranking is read (the page and a margin, more
/// when copies crowd it), so copies are counted in it: exactly when every match fits, else
/// as a lower bound, and the total is then an estimate. A match set of at most `exact_up_to`
/// is read whole, so its total is exact.
FoldedPage fold_copies(const FetchRanking& fetch, const CopyKeys& copy_keys,
                       Xapian::doccount offset, Xapian::doccount limit, Xapian::doccount check,
                       Xapian::doccount exact_up_to) {
    const auto wanted = offset + limit;
    auto window = wanted + std::max(wanted, fold_margin);
    bool read_whole = false;
    bool ties_in_matcher = false;
    while (true) {
        auto mset = fetch(window, std::max(check, window), ties_in_matcher);
        const auto matches = mset.matches_estimated();
        const bool counted = mset.matches_lower_bound() == mset.matches_upper_bound();
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
            if (const auto key = copy_keys.find(mset.docid(i)); key != copy_keys.end()) {
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
        page.ranked = std::move(mset);
        return page;
    }
}

}  // namespace morgue::search

// Folding wire copies on the top of the ranking.
#include "searcher/copy_collapse.hpp"

#include "common/schema.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

namespace morgue::search {

namespace {

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

}  // namespace morgue::search

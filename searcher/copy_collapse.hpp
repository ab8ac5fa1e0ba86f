// Wire copies: articles sharing a duplicate key (schema::dupkey_slot) folded into one hit,
// on the top of the ranking as Xapian's collapse would fold them over all matches.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace morgue::search {

/// The duplicate key (schema::dupkey_slot) of every article that shares it with another, by
/// document id: all that folding wire copies needs, since a key no other article has never
/// folds.
using CopyKeys = std::unordered_map<Xapian::docid, std::string>;

/// Reads the copy keys of `db` (a pass over the key values). Throws Xapian::Error.
CopyKeys read_copy_keys(const Xapian::Database& db);

/// The top of a ranking: one match set, or the match sets of shards searched apart, merged as
/// one database's match would order them (weight, then the date when ties are so broken, then
/// document id).
class RankedList {
public:
    RankedList() = default;
    /// The hits of one match set over the whole index.
    explicit RankedList(Xapian::MSet mset);
    /// The best `size` hits of `shards`, the match sets of the index's shards in order (each
    /// shard a single database, so that a shard's document d is d' = (d - 1) * shards + k + 1
    /// of the whole index). `ties_by_date`: each match set sorted equal weights by the date
    /// slot, newest first, and the merge does too.
    RankedList(std::vector<Xapian::MSet> shards, Xapian::doccount size, bool ties_by_date);

    Xapian::doccount size() const noexcept;
    bool empty() const noexcept { return size() == 0; }
    /// How many match sets it merges (1 for one match over the whole index).
    std::size_t match_sets() const noexcept { return m_msets.size(); }
    /// Which match set hit `i` comes from: its shard, when it merges the shards'.
    std::size_t match_set(Xapian::doccount i) const;
    Xapian::docid docid(Xapian::doccount i) const;  ///< of the whole index
    double weight(Xapian::doccount i) const;
    Xapian::Document document(Xapian::doccount i) const;
    /// The whole match's size: estimated, and its bounds.
    Xapian::doccount matches_estimated() const noexcept { return m_estimated; }
    Xapian::doccount matches_lower_bound() const noexcept { return m_lower; }
    Xapian::doccount matches_upper_bound() const noexcept { return m_upper; }
    /// Fetches the hits' documents in one exchange (remote shards).
    void fetch() const;

private:
    Xapian::MSetIterator at(Xapian::doccount i) const;

    std::vector<Xapian::MSet> m_msets;
    /// With several match sets: (match set, position in it) of each hit, best first.
    std::vector<std::pair<std::uint32_t, Xapian::doccount>> m_order;
    Xapian::doccount m_estimated = 0;
    Xapian::doccount m_lower = 0;
    Xapian::doccount m_upper = 0;
};

/// The best `window` hits of a match, each match set checking at least `check` documents;
/// `ties_by_date`: equal weights newest first (else in document order).
using FetchRanking =
    std::function<RankedList(Xapian::doccount window, Xapian::doccount check, bool ties_by_date)>;

/// One hit of a page: its place in the ranked list and the wire copies folded into it.
struct PageEntry {
    Xapian::doccount index = 0;
    Xapian::doccount copies = 0;
};

/// A page of hits with the copies folded, and the total of the whole folded list.
struct FoldedPage {
    RankedList ranked;
    std::vector<PageEntry> entries;
    Xapian::doccount total = 0;
    bool total_exact = false;
};

/// The page at `offset`, `limit` with wire copies folded as Enquire::set_collapse_key() would
/// fold them: the best-ranked article of each duplicate key stands for the rest, in the order
/// of the plain ranking. Only the top of that ranking is read (the page and a margin, more
/// when copies crowd it), so copies are counted in it: exactly when every match fits, else
/// as a lower bound, and the total is then an estimate. A match set of at most `exact_up_to`
/// is read whole, so its total is exact.
FoldedPage fold_copies(const FetchRanking& fetch, const CopyKeys& copy_keys,
                       Xapian::doccount offset, Xapian::doccount limit, Xapian::doccount check,
                       Xapian::doccount exact_up_to);

}  // namespace morgue::search

// Wire copies: articles sharing a duplicate key (schema::dupkey_slot) folded into one hit,
// on the top of the ranking as Xapian's collapse would fold them over all matches.
#pragma once

#include <xapian.h>

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

/// One hit of a page: its place in the MSet and the wire copies folded into it.
struct PageEntry {
    Xapian::doccount index = 0;
    Xapian::doccount copies = 0;
};

/// A page of hits with the copies folded, and the total of the whole folded list.
struct FoldedPage {
    Xapian::MSet mset;
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
FoldedPage fold_copies(Xapian::Enquire& enquire, const CopyKeys& copy_keys,
                       Xapian::doccount offset, Xapian::doccount limit, Xapian::doccount check,
                       Xapian::doccount exact_up_to);

}  // namespace morgue::search

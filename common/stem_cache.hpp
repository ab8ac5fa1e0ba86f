// A stemmer that remembers: each distinct word is stemmed by Snowball once per stemmer object.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace morgue {

/// Wraps a stemmer and caches its answers. News text repeats a small vocabulary, so most words
/// are answered from the cache. It can also count the words it is asked about: a
/// TermGenerator stems every word it indexes (except with STEM_SOME, which skips words
/// starting with a digit, and STEM_NONE), the very words FLAG_SPELLING would add to the
/// spelling table one call at a time. A word's count lives in its cache entry, so counting
/// costs no lookup of its own. Not thread-safe: one per TermGenerator. Use as
/// `Xapian::Stem(new CachingStem(stemmer))` (the Stem takes ownership).
///
/// The cache is an open-addressed table of 8-byte slots over a vector of entries in the order
/// the words were first seen: a lookup reads one slot and one entry, and the frequent words,
/// seen first, share a few hot cache lines. (A std::unordered_map walked a bucket chain with
/// a division per node and cost 10 % of the indexer's time.)
class CachingStem : public Xapian::StemImplementation {
public:
    /// `max_entries` bounds memory: the cache is emptied when it reaches it (0: no cache).
    explicit CachingStem(Xapian::Stem inner, std::size_t max_entries = 200000);

    std::string operator()(const std::string& word) override;
    std::string get_description() const override;

    /// Whether the words stemmed from now on are counted.
    void set_counting(bool on) noexcept { m_counting = on; }

    /// Calls `add(word, count)` for the words counted since the last call (a word may come
    /// more than once, its counts then add up), then forgets the counts.
    void take_counts(const std::function<void(const std::string&, Xapian::termcount)>& add);

private:
    struct Entry {
        std::string word;
        std::string stem;
        Xapian::termcount count = 0;  ///< occurrences counted since the last take_counts()
    };
    using WordCounts = std::unordered_map<std::string, Xapian::termcount>;

    /// The entry for `word`, stemming and adding it if it is new.
    Entry& find_or_add(const std::string& word);
    /// Puts the entry at `index`, whose word's hash is `hash`, in the first free slot of its
    /// probe sequence.
    void place(std::uint64_t hash, std::size_t index);
    /// Doubles the slot table and places every entry again.
    void grow_slots();
    /// Empties the cache, keeping the counts of its counted words.
    void evict_all();

    Xapian::Stem m_inner;
    std::size_t m_max_entries;
    /// A slot is 0 when empty, else the high 32 bits of the word's hash above the entry's
    /// index + 1; the table is a power of two in size and at most half full.
    std::vector<std::uint64_t> m_slots;
    std::vector<Entry> m_entries;
    bool m_counting = false;
    std::vector<std::uint32_t> m_counted;  ///< indexes of entries whose count is above zero
    WordCounts m_uncached_counts;  ///< counts of words no longer (or never) in the cache
};

}  // namespace morgue

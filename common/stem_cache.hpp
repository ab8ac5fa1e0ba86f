// A stemmer that remembers: each distinct word is stemmed by Snowball once per stemmer object.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>

namespace morgue {

/// Occurrences of each word, for the spelling table.
using WordCounts = std::unordered_map<std::string, Xapian::termcount>;

/// Wraps a stemmer and caches its answers. News text repeats a small vocabulary, so most words
/// are answered from the cache. It can also count the words it is asked about: a
/// TermGenerator stems every word it indexes (except with STEM_SOME, which skips words
/// starting with a digit, and STEM_NONE), the very words FLAG_SPELLING would add to the
/// spelling table one call at a time. Not thread-safe: one per TermGenerator. Use as
/// `Xapian::Stem(new CachingStem(stemmer))` (the Stem takes ownership).
class CachingStem : public Xapian::StemImplementation {
public:
    /// `max_entries` bounds memory: the cache is emptied when it reaches it (0: no cache).
    explicit CachingStem(Xapian::Stem inner, std::size_t max_entries = 200000);

    std::string operator()(const std::string& word) override;
    std::string get_description() const override;

    /// Counts every word stemmed from now on into `counts` (nullptr: stop counting).
    void count_words_into(WordCounts* counts) noexcept { m_counts = counts; }

private:
    Xapian::Stem m_inner;
    std::unordered_map<std::string, std::string> m_cache;
    std::size_t m_max_entries;
    WordCounts* m_counts = nullptr;
};

}  // namespace morgue

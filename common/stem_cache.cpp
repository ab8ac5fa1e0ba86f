// The caching stemmer.
#include "common/stem_cache.hpp"

#include <algorithm>
#include <string_view>

namespace morgue {

namespace {

constexpr std::size_t initial_slots = 1 << 14;

/// The bits of a slot that hold the high half of its word's hash.
constexpr std::uint64_t tag_mask = 0xFFFFFFFF00000000ULL;

std::uint64_t hash_of(const std::string& word) noexcept {
    return std::hash<std::string_view>{}(word);
}

std::uint64_t slot_value(std::uint64_t hash, std::size_t index) noexcept {
    return (hash & tag_mask) | (index + 1);
}

std::size_t slot_index(std::uint64_t slot) noexcept { return (slot & 0xFFFFFFFFULL) - 1; }

}  // namespace

CachingStem::CachingStem(Xapian::Stem inner, std::size_t max_entries)
    : m_inner(std::move(inner)), m_max_entries(std::min<std::size_t>(max_entries, 0x7FFFFFFF)) {
    if (m_max_entries != 0) m_slots.assign(initial_slots, 0);
}

std::string CachingStem::operator()(const std::string& word) {
    if (m_max_entries == 0) {
        if (m_counting) ++m_uncached_counts[word];
        return m_inner(word);
    }
    auto& entry = find_or_add(word);
    if (m_counting && entry.count++ == 0)
        m_counted.push_back(static_cast<std::uint32_t>(&entry - m_entries.data()));
    return entry.stem;
}

CachingStem::Entry& CachingStem::find_or_add(const std::string& word) {
    const auto hash = hash_of(word);
    const auto tag = hash & tag_mask;
    const auto mask = m_slots.size() - 1;
    for (auto i = hash & mask;; i = (i + 1) & mask) {
        const auto slot = m_slots[i];
        if (slot == 0) break;
        if ((slot & tag_mask) == tag) {
            auto& entry = m_entries[slot_index(slot)];
            if (entry.word == word) return entry;
        }
    }
    if (m_entries.size() >= m_max_entries) evict_all();
    if (2 * (m_entries.size() + 1) > m_slots.size()) grow_slots();
    m_entries.push_back(Entry{word, m_inner(word)});
    place(hash, m_entries.size() - 1);
    return m_entries.back();
}

void CachingStem::place(std::uint64_t hash, std::size_t index) {
    const auto mask = m_slots.size() - 1;
    auto i = hash & mask;
    while (m_slots[i] != 0) i = (i + 1) & mask;
    m_slots[i] = slot_value(hash, index);
}

void CachingStem::grow_slots() {
    m_slots.assign(m_slots.size() * 2, 0);
    for (std::size_t index = 0; index < m_entries.size(); ++index)
        place(hash_of(m_entries[index].word), index);
}

void CachingStem::evict_all() {
    for (const auto index : m_counted) {
        const auto& entry = m_entries[index];
        m_uncached_counts[entry.word] += entry.count;
    }
    m_counted.clear();
    m_entries.clear();
    std::fill(m_slots.begin(), m_slots.end(), 0);
}

void CachingStem::take_counts(const std::function<void(const std::string&, Xapian::termcount)>& add) {
    for (const auto index : m_counted) {
        auto& entry = m_entries[index];
        add(entry.word, entry.count);
        entry.count = 0;
    }
    m_counted.clear();
    for (const auto& [word, count] : m_uncached_counts) add(word, count);
    m_uncached_counts.clear();
}

std::string CachingStem::get_description() const { return "caching " + m_inner.get_description(); }

}  // namespace morgue

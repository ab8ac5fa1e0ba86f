// The caching stemmer.
#include "common/stem_cache.hpp"

#include <algorithm>

namespace morgue {

CachingStem::CachingStem(Xapian::Stem inner, std::size_t max_entries)
    : m_inner(std::move(inner)), m_max_entries(max_entries) {
    m_cache.reserve(std::min<std::size_t>(max_entries, 65536));
}

std::string CachingStem::operator()(const std::string& word) {
    if (m_max_entries == 0) {
        if (m_counting) ++m_uncached_counts[word];
        return m_inner(word);
    }
    auto it = m_cache.find(word);
    if (it == m_cache.end()) {
        if (m_cache.size() >= m_max_entries) evict_all();
        it = m_cache.emplace(word, Entry{m_inner(word)}).first;
    }
    // Nodes of an unordered_map keep their address until erased: m_counted may point at them.
    if (m_counting && it->second.count++ == 0) m_counted.push_back(&*it);
    return it->second.stem;
}

void CachingStem::evict_all() {
    for (auto* entry : m_counted) m_uncached_counts[entry->first] += entry->second.count;
    m_counted.clear();
    m_cache.clear();
}

void CachingStem::take_counts(const std::function<void(const std::string&, Xapian::termcount)>& add) {
    for (auto* entry : m_counted) {
        add(entry->first, entry->second.count);
        entry->second.count = 0;
    }
    m_counted.clear();
    for (const auto& [word, count] : m_uncached_counts) add(word, count);
    m_uncached_counts.clear();
}

std::string CachingStem::get_description() const { return "caching " + m_inner.get_description(); }

}  // namespace morgue

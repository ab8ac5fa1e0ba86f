// The caching stemmer.
#include "common/stem_cache.hpp"

#include <algorithm>

namespace morgue {

CachingStem::CachingStem(Xapian::Stem inner, std::size_t max_entries)
    : m_inner(std::move(inner)), m_max_entries(max_entries) {
    m_cache.reserve(std::min<std::size_t>(max_entries, 65536));
}

std::string CachingStem::operator()(const std::string& word) {
    if (m_counts != nullptr) ++(*m_counts)[word];
    if (m_max_entries == 0) return m_inner(word);
    if (const auto it = m_cache.find(word); it != m_cache.end()) return it->second;
    if (m_cache.size() >= m_max_entries) m_cache.clear();
    auto stem = m_inner(word);
    m_cache.emplace(word, stem);
    return stem;
}

std::string CachingStem::get_description() const { return "caching " + m_inner.get_description(); }

}  // namespace morgue

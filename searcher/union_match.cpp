// Free-text unions matched with the documents' lengths in memory (WAND over Xapian's postings).
#include "searcher/union_match.hpp"

#include <algorithm>
#include <numeric>

namespace morgue::search {

namespace {

/// A document is skipped only when its words' bounds fall short of the weight needed by more
/// than rounding could explain: a sum of bounds and a sum of weights are added up in different
/// orders.
constexpr double bound_margin = 1 + 1e-9;

}  // namespace

UnionSource::UnionSource(std::vector<WeightedTerm> terms, const Bm25Arithmetic& arithmetic,
                         std::shared_ptr<const DocumentLengths> lengths)
    : m_terms(std::move(terms)), m_arithmetic(arithmetic), m_lengths(std::move(lengths)) {}

UnionSource* UnionSource::clone() const {
    return new UnionSource(m_terms, m_arithmetic, m_lengths);
}

std::string UnionSource::get_description() const {
    std::string words;
    for (const auto& t : m_terms) words += (words.empty() ? "" : " ") + t.term;
    return "UnionSource(" + words + ")";
}

void UnionSource::init(const Xapian::Database& db) {
    if (!m_lengths || m_lengths->size() != db.get_lastdocid() + 1)
        throw Xapian::InvalidArgumentError("UnionSource: the lengths are another database's");
    m_words.clear();
    m_tree.clear();
    double bound = 0;
    for (const auto& t : m_terms) {
        Word& word = m_words.emplace_back();
        word.it = db.postlist_begin(t.term);
        word.end = db.postlist_end(t.term);
        word.at = word.it == word.end ? 0 : *word.it;
        word.term_weight = m_arithmetic.term_weight(t.factor, 1);
        word.bound = m_arithmetic.max_part(word.term_weight, db.get_wdf_upper_bound(t.term),
                                           db.get_doclength_lower_bound());
        bound += word.bound;
        const auto frequency = db.get_termfreq(t.term);
        m_tree.push_back({-1, -1, frequency, frequency, frequency});
    }
    build_tree(db.get_doccount());
    set_maxweight(bound);
    m_order.resize(m_words.size());
    std::iota(m_order.begin(), m_order.end(), 0);
    m_has.assign(m_tree.size(), 0);
    m_sum.assign(m_tree.size(), 0);
    m_current = 0;
    m_weight = 0;
    m_started = false;
    m_at_end = m_words.empty();
}

void UnionSource::build_tree(Xapian::doccount documents) {
    // As Xapian's OrContext::postlist(): a heap of the postlists by ascending frequency
    // estimate; the rarest is taken off as the right branch, the next rarest is the left one,
    // and their OrPostList takes the left one's place, until one is left. Each sum is left +
    // right, so the weights are added up as Xapian adds them.
    const auto by_frequency = [this](int a, int b) {
        return m_tree[a].estimate > m_tree[b].estimate;
    };
    std::vector<int> heap(m_tree.size());
    std::iota(heap.begin(), heap.end(), 0);
    if (heap.size() <= 1) return;
    std::make_heap(heap.begin(), heap.end(), by_frequency);
    while (true) {
        const int right = heap.front();
        std::pop_heap(heap.begin(), heap.end(), by_frequency);
        heap.pop_back();
        const int left = heap.front();
        Node sum{left, right, 0, 0, 0};
        const auto& l = m_tree[left];
        const auto& r = m_tree[right];
        // OrPostList's estimates: independence for the estimate, the bounds as they must be.
        if (documents != 0) {
            const double lest = l.estimate;
            const double rest = r.estimate;
            sum.estimate = static_cast<Xapian::doccount>(lest + rest - (lest * rest / documents) + 0.5);
        }
        sum.minimum = std::max(l.minimum, r.minimum);
        sum.maximum = std::min(l.maximum + r.maximum, documents);
        m_tree.push_back(sum);
        const int made = static_cast<int>(m_tree.size()) - 1;
        if (heap.size() == 1) return;
        std::pop_heap(heap.begin(), heap.end(), by_frequency);
        heap.back() = made;
        std::push_heap(heap.begin(), heap.end(), by_frequency);
    }
}

Xapian::doccount UnionSource::get_termfreq_min() const {
    return m_tree.empty() ? 0 : m_tree.back().minimum;
}

Xapian::doccount UnionSource::get_termfreq_est() const {
    return m_tree.empty() ? 0 : m_tree.back().estimate;
}

Xapian::doccount UnionSource::get_termfreq_max() const {
    return m_tree.empty() ? 0 : m_tree.back().maximum;
}

void UnionSource::move_to(Word& word, Xapian::docid did) {
    word.it.skip_to(did);
    if (word.it != word.end) {
        word.at = *word.it;
        return;
    }
    word.at = 0;
    // The word has no more: what is left can weigh less.
    double bound = 0;
    for (const auto& w : m_words)
        if (w.at != 0) bound += w.bound;
    set_maxweight(bound);
}

double UnionSource::weight_at(Xapian::docid did) {
    const auto length = (*m_lengths)[did];
    const std::size_t words = m_words.size();
    for (std::size_t i = 0; i < words; ++i) {
        m_has[i] = m_words[i].at == did;
        if (m_has[i])
            m_sum[i] = m_arithmetic.part(m_words[i].term_weight, m_words[i].it.get_wdf(), length);
    }
    for (std::size_t i = words; i < m_tree.size(); ++i) {
        const auto l = static_cast<std::size_t>(m_tree[i].left);
        const auto r = static_cast<std::size_t>(m_tree[i].right);
        m_has[i] = m_has[l] || m_has[r];
        m_sum[i] = m_has[l] && m_has[r] ? m_sum[l] + m_sum[r] : m_has[l] ? m_sum[l] : m_sum[r];
    }
    return m_sum.back();
}

void UnionSource::find(Xapian::docid from, double min_wt) {
    for (auto& word : m_words)
        if (word.at != 0 && word.at < from) move_to(word, from);
    while (true) {
        // The words by the document each is at; those with no more last.
        std::sort(m_order.begin(), m_order.end(), [this](std::size_t a, std::size_t b) {
            const auto x = m_words[a].at;
            const auto y = m_words[b].at;
            return x != 0 && (y == 0 || x < y);
        });
        // The pivot: the first document the words up to it could lift to min_wt.
        double bound = 0;
        std::size_t pivot = m_order.size();
        for (std::size_t i = 0; i < m_order.size(); ++i) {
            const auto& word = m_words[m_order[i]];
            if (word.at == 0) break;
            bound += word.bound;
            if (bound * bound_margin >= min_wt) {
                pivot = i;
                break;
            }
        }
        if (pivot == m_order.size()) {
            m_at_end = true;
            return;
        }
        const auto did = m_words[m_order[pivot]].at;
        if (m_words[m_order.front()].at == did) {
            // Every word before the pivot is at the document: weigh it.
            const double weight = weight_at(did);
            if (weight >= min_wt) {
                m_current = did;
                m_weight = weight;
                return;
            }
            for (auto& word : m_words)
                if (word.at == did) move_to(word, did + 1);
            continue;
        }
        // No document before the pivot's can reach min_wt.
        for (std::size_t i = 0; i < pivot; ++i) {
            auto& word = m_words[m_order[i]];
            if (word.at < did) move_to(word, did);
        }
    }
}

void UnionSource::next(double min_wt) {
    find(m_started ? m_current + 1 : 1, min_wt);
    m_started = true;
}

void UnionSource::skip_to(Xapian::docid did, double min_wt) {
    if (m_started && did <= m_current) return;
    find(did, min_wt);
    m_started = true;
}

}  // namespace morgue::search

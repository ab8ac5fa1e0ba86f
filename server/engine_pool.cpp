// The server's engines and the bounded wait for one.
#include "server/engine_pool.hpp"

namespace morgue::serve {

EnginePool::EnginePool(std::size_t engines, std::size_t waiting_limit, const Factory& make)
    : m_size(engines), m_waiting_limit(waiting_limit) {
    for (std::size_t i = 0; i < engines; ++i) m_idle.push_back(make());
}

EnginePool::Lease::~Lease() {
    if (m_engine) m_pool->give_back(std::move(m_engine));
}

std::optional<EnginePool::Lease> EnginePool::acquire(std::chrono::milliseconds wait) {
    std::unique_lock lock(m_mutex);
    if (m_idle.empty()) {
        if (m_waiting >= m_waiting_limit) return std::nullopt;
        ++m_waiting;
        const bool got = m_returned.wait_for(lock, wait, [this] { return !m_idle.empty(); });
        --m_waiting;
        if (!got) return std::nullopt;
    }
    auto engine = std::move(m_idle.back());
    m_idle.pop_back();
    return Lease(*this, std::move(engine));
}

void EnginePool::give_back(std::unique_ptr<search::Engine> engine) {
    {
        const std::lock_guard lock(m_mutex);
        m_idle.push_back(std::move(engine));
    }
    m_returned.notify_one();
}

}  // namespace morgue::serve

// Engines for the server's workers: one per worker (Xapian handles are not thread-safe), and a
// bounded line of requests waiting for one, so overload is refused at once instead of queued.
#pragma once

#include "searcher/engine.hpp"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace morgue::serve {

class EnginePool {
public:
    using Factory = std::function<std::unique_ptr<search::Engine>()>;

    /// Opens `engines` engines with `make` now (so a bad index fails at start); at most
    /// `waiting_limit` requests may wait for one at a time.
    EnginePool(std::size_t engines, std::size_t waiting_limit, const Factory& make);

    EnginePool(const EnginePool&) = delete;
    EnginePool& operator=(const EnginePool&) = delete;

    /// An engine lent to one request; it goes back to the pool when the lease ends.
    class Lease {
    public:
        Lease(EnginePool& pool, std::unique_ptr<search::Engine> engine)
            : m_pool(&pool), m_engine(std::move(engine)) {}
        Lease(Lease&& other) noexcept = default;
        Lease& operator=(Lease&&) = delete;
        Lease(const Lease&) = delete;
        ~Lease();
        search::Engine& engine() noexcept { return *m_engine; }

    private:
        EnginePool* m_pool;
        std::unique_ptr<search::Engine> m_engine;
    };

    /// An engine, or nullopt when `waiting_limit` requests already wait or none comes free
    /// within `wait` (the caller answers 503).
    std::optional<Lease> acquire(std::chrono::milliseconds wait);

    std::size_t size() const noexcept { return m_size; }

private:
    void give_back(std::unique_ptr<search::Engine> engine);

    std::mutex m_mutex;
    std::condition_variable m_returned;
    std::vector<std::unique_ptr<search::Engine>> m_idle;
    std::size_t m_size = 0;
    std::size_t m_waiting = 0;
    std::size_t m_waiting_limit = 0;
};

}  // namespace morgue::serve

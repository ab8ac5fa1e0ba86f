// The threads of a search over shards.
#include "searcher/shard_pool.hpp"

namespace morgue::search {

namespace {

/// Polls `ready` for up to ShardPool::poll_before_sleep; true when it held.
template <typename Ready>
bool poll(Ready&& ready) {
    const auto until = std::chrono::steady_clock::now() + ShardPool::poll_before_sleep;
    for (unsigned n = 0;; ++n) {
        if (ready()) return true;
        if (n % 64 == 63) {
            if (std::chrono::steady_clock::now() >= until) return false;
            std::this_thread::yield();
        }
    }
}

}  // namespace

ShardPool::ShardPool(std::size_t tasks) : m_errors(tasks == 0 ? 1 : tasks) {
    for (std::size_t i = 1; i < m_errors.size(); ++i) m_threads.emplace_back([this, i] { serve(i); });
}

ShardPool::~ShardPool() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (auto& thread : m_threads) thread.join();
}

void ShardPool::serve(std::size_t index) {
    std::size_t seen = 0;
    for (;;) {
        const std::function<void(std::size_t)>* task = nullptr;
        poll([&] { return m_stopping || m_round != seen; });
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stopping || m_round != seen; });
            if (m_stopping) return;
            seen = m_round;
            task = m_task;
        }
        std::exception_ptr error;
        try {
            (*task)(index);
        } catch (...) {
            error = std::current_exception();
        }
        {
            std::lock_guard lock(m_mutex);
            m_errors[index] = error;
            if (--m_pending == 0) m_done.notify_one();
        }
    }
}

void ShardPool::run(const std::function<void(std::size_t)>& task) {
    {
        std::lock_guard lock(m_mutex);
        m_task = &task;
        m_pending = m_threads.size();
        ++m_round;
    }
    m_wake.notify_all();
    try {
        task(0);
        m_errors[0] = nullptr;
    } catch (...) {
        m_errors[0] = std::current_exception();
    }
    poll([&] { return m_pending == 0; });
    std::unique_lock lock(m_mutex);
    m_done.wait(lock, [&] { return m_pending == 0; });
    for (const auto& error : m_errors)
        if (error) std::rethrow_exception(error);
}

}  // namespace morgue::search

// Threads that run one task per shard of a search at once.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace morgue::search {

/// A fixed set of threads for the tasks of one search at a time. Each task must touch only its
/// own shard's Xapian objects (Xapian objects are not safe to share between threads).
class ShardPool {
public:
    /// A pool that runs up to `tasks` tasks at once: the caller's thread and `tasks - 1` others.
    explicit ShardPool(std::size_t tasks);
    ~ShardPool();
    ShardPool(const ShardPool&) = delete;
    ShardPool& operator=(const ShardPool&) = delete;

    std::size_t tasks() const noexcept { return m_threads.size() + 1; }

    /// Runs task(0) .. task(tasks() - 1), task(0) on the calling thread, and returns when all
    /// have ended. Rethrows the exception of the first task (in task order) that threw.
    void run(const std::function<void(std::size_t)>& task);

    /// How long a thread polls before it sleeps: a worker after its task (the next search's
    /// match often follows within it), the caller for the workers. Waking a sleeping thread
    /// costs 50-75 µs here, as much as a short query's whole match.
    static constexpr std::chrono::microseconds poll_before_sleep{300};

private:
    void serve(std::size_t index);

    std::vector<std::thread> m_threads;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_done;
    const std::function<void(std::size_t)>* m_task = nullptr;
    /// Counts run() calls: a worker starts once per round. Written under m_mutex, read by
    /// polling threads without it.
    std::atomic<std::size_t> m_round = 0;
    std::atomic<std::size_t> m_pending = 0;  ///< workers of this round not yet finished
    std::vector<std::exception_ptr> m_errors;
    std::atomic<bool> m_stopping = false;
};

}  // namespace morgue::search

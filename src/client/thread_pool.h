// ThreadPool: a fixed set of threads running submitted tasks in FIFO order; the push consumer's
// consume threads. Thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace rmq::client {

class ThreadPool {
 public:
  ThreadPool(size_t threads, std::string name);
  // Shutdown().
  ~ThreadPool();

  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Tasks submitted after Shutdown() are dropped.
  void Submit(std::function<void()> task);
  // Runs the queued tasks to the end, then joins. Idempotent; not from a pool thread.
  void Shutdown();
  size_t size() const { return threads_.size(); }
  size_t queued() const;

 private:
  void Run();

  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> tasks_;  // Guarded by mutex_.
  bool stopped_ = false;                     // Guarded by mutex_.
  std::vector<std::thread> threads_;
};

}  // namespace rmq::client

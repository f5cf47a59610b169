// ThreadPool: a fixed set of threads running submitted tasks in FIFO order; the push consumer's
// consume threads. Idle threads are woken one at a time, each woken thread waking the next
// while tasks are left, so a burst of small tasks is not one futex wake-up and context switch
// per task. Thread-safe.
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
  // Submits several tasks under one lock acquisition and wakes as many threads as they need.
  void SubmitAll(std::vector<std::function<void()>>& tasks);
  // Runs the queued tasks to the end, then joins. Idempotent; not from a pool thread.
  void Shutdown();
  size_t size() const { return threads_.size(); }
  size_t queued() const;

 private:
  void Run();
  // True when the caller should wake one idle thread: there is one, and no other wake-up is
  // already on its way. REQUIRES: mutex_ held.
  bool ClaimWakeLocked();

  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> tasks_;  // Guarded by mutex_.
  bool stopped_ = false;                     // Guarded by mutex_.
  size_t idle_ = 0;                          // threads waiting for a task; guarded by mutex_
  // A thread was notified and has not taken a task yet; further submits leave waking to it
  // (it wakes the next one if work is left). Guarded by mutex_.
  bool waking_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace rmq::client

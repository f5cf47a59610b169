#include "client/thread_pool.h"

#include <pthread.h>

namespace rmq::client {

ThreadPool::ThreadPool(size_t threads, std::string name) {
  if (threads == 0) threads = 1;
  for (size_t i = 0; i < threads; ++i) {
    threads_.emplace_back([this, name, i] {
      std::string thread_name = (name + "-" + std::to_string(i)).substr(0, 15);
      pthread_setname_np(pthread_self(), thread_name.c_str());
      Run();
    });
  }
}

ThreadPool::~ThreadPool() { Shutdown(); }

bool ThreadPool::ClaimWakeLocked() {
  if (idle_ == 0 || waking_) return false;
  waking_ = true;
  return true;
}

void ThreadPool::Submit(std::function<void()> task) {
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    tasks_.push_back(std::move(task));
    wake = ClaimWakeLocked();
  }
  if (wake) cv_.notify_one();
}

void ThreadPool::SubmitAll(std::vector<std::function<void()>>& tasks) {
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    for (auto& task : tasks) tasks_.push_back(std::move(task));
    wake = ClaimWakeLocked();
  }
  if (wake) cv_.notify_one();
}

void ThreadPool::Shutdown() {
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
  }
  cv_.notify_all();
  for (auto& thread : threads_) {
    if (thread.joinable() && thread.get_id() != std::this_thread::get_id()) thread.join();
  }
}

size_t ThreadPool::queued() const {
  std::lock_guard lock(mutex_);
  return tasks_.size();
}

void ThreadPool::Run() {
  for (;;) {
    std::function<void()> task;
    bool wake_next = false;
    {
      std::unique_lock lock(mutex_);
      if (tasks_.empty() && !stopped_) {
        ++idle_;
        do {
          cv_.wait(lock);
          // Whoever comes out of the wait (the notified thread or a spurious wake-up) ends
          // the pending wake-up, so the next submit can wake a thread again.
          waking_ = false;
        } while (tasks_.empty() && !stopped_);
        --idle_;
      }
      if (tasks_.empty()) return;  // stopped, and every queued task has run
      task = std::move(tasks_.front());
      tasks_.pop_front();
      // Chain: a running thread wakes one more while work is left, so parallelism grows as
      // threads actually get a core, not by one futex wake-up per task.
      if (!tasks_.empty()) wake_next = ClaimWakeLocked();
    }
    if (wake_next) cv_.notify_one();
    task();
  }
}

}  // namespace rmq::client

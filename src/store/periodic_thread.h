// PeriodicThread: one std::thread that runs a body every `interval`, or sooner when woken — the
// shape of every store service (flush, group commit, dispatch, cleanup). Owned by the service
// that starts it. Thread-safe: Wakeup may be called from any thread, at any rate.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace rmq::store {

class PeriodicThread {
 public:
  PeriodicThread() = default;
  ~PeriodicThread() { Stop(); }
  PeriodicThread(const PeriodicThread&) = delete;
  PeriodicThread& operator=(const PeriodicThread&) = delete;

  // Runs `body` after each wait of at most `interval`. REQUIRES: not running.
  void Start(std::chrono::milliseconds interval, std::function<void()> body);
  // Ends the current wait early. Cheap when the thread is already awake or woken.
  void Wakeup();
  // Joins the thread; `body` does not run again afterwards. Idempotent.
  void Stop();
  bool running() const { return running_.load(); }

 private:
  std::chrono::milliseconds interval_{0};
  std::function<void()> body_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;  // Guarded by mutex_.
  std::atomic<bool> notified_{false};
  std::atomic<bool> running_{false};
  std::thread thread_;
};

}  // namespace rmq::store

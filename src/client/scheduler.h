// Scheduler: one background thread running delayed and periodic jobs in time order (route
// refresh, heartbeats, rebalance, offset commits, lock renewal). Jobs may block (they make sync
// calls), which only delays later jobs. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace rmq::client {

class Scheduler {
 public:
  explicit Scheduler(std::string name);
  // Stops and joins.
  ~Scheduler();

  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  void Start();
  // Drops pending jobs and joins the thread; a running job finishes first. Idempotent; must not
  // be called from a job.
  void Stop();

  // Runs `job` once after `delay`.
  void Schedule(std::chrono::milliseconds delay, std::function<void()> job);
  // Runs `job` after `initial_delay`, then every `period` until Stop().
  void ScheduleAtFixedRate(std::chrono::milliseconds initial_delay, std::chrono::milliseconds period,
                           std::function<void()> job);

 private:
  void Run();

  std::string name_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::multimap<std::chrono::steady_clock::time_point, std::function<void()>> jobs_;  // Guarded by mutex_.
  bool stopped_ = false;                                                            // Guarded by mutex_.
  bool started_ = false;                                                            // Guarded by mutex_.
  std::thread thread_;
};

}  // namespace rmq::client

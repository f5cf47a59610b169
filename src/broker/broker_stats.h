// BrokerStats: message counters of the running broker (puts and gets since start) and their
// rates over the last sampling period, for GET_BROKER_RUNTIME_INFO (BrokerStatsManager.java,
// much reduced). Owned by BrokerServer. Thread-safe: counters are atomics, samples are taken
// by one background thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>

namespace rmq::broker {

class BrokerStats {
 public:
  void AddPut(int64_t n) { put_nums_.fetch_add(n, std::memory_order_relaxed); }
  void AddGet(int64_t n) { get_nums_.fetch_add(n, std::memory_order_relaxed); }
  int64_t put_nums() const { return put_nums_.load(std::memory_order_relaxed); }
  int64_t get_nums() const { return get_nums_.load(std::memory_order_relaxed); }

  // Records the counters at `now_ms`; rates are computed against the previous sample.
  void Sample(int64_t now_ms);
  double put_tps() const;
  double get_tps() const;

 private:
  std::atomic<int64_t> put_nums_{0};
  std::atomic<int64_t> get_nums_{0};
  mutable std::mutex mutex_;
  int64_t last_ms_ = 0;      // Guarded by mutex_.
  int64_t last_put_ = 0;     // Guarded by mutex_.
  int64_t last_get_ = 0;     // Guarded by mutex_.
  double put_tps_ = 0;       // Guarded by mutex_.
  double get_tps_ = 0;       // Guarded by mutex_.
};

}  // namespace rmq::broker

// LatencyFaultTolerance: the producer's memory of slow or failing brokers, as Java's
// MQFaultStrategy + LatencyFaultToleranceImpl (5.x table): after each send the broker's latency
// maps to a period during which it is avoided. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace rmq::client {

class LatencyFaultTolerance {
 public:
  // As MQFaultStrategy#computeNotAvailableDuration with the 5.x table: latency >= 15000 ms →
  // 30000 ms, >= 5000 → 10000, >= 3000 → 6000, >= 1800 → 5000, >= 550 → 2000, else 0.
  static int64_t NotAvailableDuration(int64_t latency_ms);
  // Latency recorded for a send that failed (network error or timeout).
  static constexpr int64_t kIsolationLatencyMs = 10000;

  // Records a send that took `latency_ms` at `now_ms`; `isolation` marks a failure.
  void UpdateFaultItem(const std::string& broker_name, int64_t latency_ms, bool isolation, int64_t now_ms);
  // False while the broker is within its unavailable period.
  bool IsAvailable(const std::string& broker_name, int64_t now_ms) const;
  void Remove(const std::string& broker_name);
  // The broker whose unavailable period ends first (the least bad one), if any is recorded.
  std::optional<std::string> PickOneAtLeast() const;

 private:
  struct FaultItem {
    int64_t current_latency = 0;
    int64_t start_timestamp = 0;  // available again from this time
  };
  mutable std::mutex mutex_;
  std::map<std::string, FaultItem> items_;  // Guarded by mutex_.
};

}  // namespace rmq::client

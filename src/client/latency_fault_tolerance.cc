#include "client/latency_fault_tolerance.h"

namespace rmq::client {

int64_t LatencyFaultTolerance::NotAvailableDuration(int64_t latency_ms) {
  static constexpr int64_t kLatencyMax[] = {50, 100, 550, 1800, 3000, 5000, 15000};
  static constexpr int64_t kNotAvailable[] = {0, 0, 2000, 5000, 6000, 10000, 30000};
  for (int i = 6; i >= 0; --i) {
    if (latency_ms >= kLatencyMax[i]) return kNotAvailable[i];
  }
  return 0;
}

void LatencyFaultTolerance::UpdateFaultItem(const std::string& broker_name, int64_t latency_ms, bool isolation,
                                            int64_t now_ms) {
  int64_t latency = isolation ? kIsolationLatencyMs : latency_ms;
  int64_t duration = NotAvailableDuration(latency);
  std::lock_guard lock(mutex_);
  FaultItem& item = items_[broker_name];
  item.current_latency = latency;
  item.start_timestamp = now_ms + duration;
}

bool LatencyFaultTolerance::IsAvailable(const std::string& broker_name, int64_t now_ms) const {
  std::lock_guard lock(mutex_);
  auto it = items_.find(broker_name);
  return it == items_.end() || now_ms >= it->second.start_timestamp;
}

void LatencyFaultTolerance::Remove(const std::string& broker_name) {
  std::lock_guard lock(mutex_);
  items_.erase(broker_name);
}

std::optional<std::string> LatencyFaultTolerance::PickOneAtLeast() const {
  std::lock_guard lock(mutex_);
  const std::string* best = nullptr;
  int64_t best_start = 0;
  for (const auto& [name, item] : items_) {
    if (best == nullptr || item.start_timestamp < best_start) {
      best = &name;
      best_start = item.start_timestamp;
    }
  }
  if (best == nullptr) return std::nullopt;
  return *best;
}

}  // namespace rmq::client

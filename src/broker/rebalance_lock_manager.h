// RebalanceLockManager: which client of a consumer group holds which queue, for orderly
// consumers (RebalanceLockManager.java): a lock is granted when the queue is free, expired
// (60 s without renewal) or already held by the same client. Owned by BrokerServer.
// Thread-safe: one mutex guards the table.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "common/message_queue.h"

namespace rmq::broker {

class RebalanceLockManager {
 public:
  static constexpr int64_t kLockMaxLiveTimeMs = 60000;

  // `max_live_ms`: how long a lock lives without renewal (Java's
  // rocketmq.broker.rebalance.lockMaxLiveTime, 60 s); shorter in tests.
  explicit RebalanceLockManager(int64_t max_live_ms = kLockMaxLiveTimeMs) : max_live_ms_(max_live_ms) {}

  // The queues of `queues` now held by `client_id` (newly locked or renewed).
  std::vector<MessageQueue> TryLockBatch(const std::string& group, const std::vector<MessageQueue>& queues,
                                         const std::string& client_id, int64_t now_ms);
  void UnlockBatch(const std::string& group, const std::vector<MessageQueue>& queues, const std::string& client_id);

 private:
  struct LockEntry {
    std::string client_id;
    int64_t last_update_ms = 0;
  };
  const int64_t max_live_ms_;
  std::mutex mutex_;
  std::map<std::string, std::map<MessageQueue, LockEntry>> locks_;  // Guarded by mutex_.
};

}  // namespace rmq::broker

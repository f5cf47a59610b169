#include "broker/rebalance_lock_manager.h"

namespace rmq::broker {

std::vector<MessageQueue> RebalanceLockManager::TryLockBatch(const std::string& group,
                                                             const std::vector<MessageQueue>& queues,
                                                             const std::string& client_id, int64_t now_ms) {
  std::vector<MessageQueue> locked;
  std::lock_guard lock(mutex_);
  auto& table = locks_[group];
  for (const MessageQueue& mq : queues) {
    auto it = table.find(mq);
    if (it == table.end() || it->second.client_id == client_id ||
        now_ms - it->second.last_update_ms > max_live_ms_) {
      table[mq] = LockEntry{client_id, now_ms};
      locked.push_back(mq);
    }
  }
  return locked;
}

void RebalanceLockManager::UnlockBatch(const std::string& group, const std::vector<MessageQueue>& queues,
                                       const std::string& client_id) {
  std::lock_guard lock(mutex_);
  auto group_it = locks_.find(group);
  if (group_it == locks_.end()) return;
  for (const MessageQueue& mq : queues) {
    auto it = group_it->second.find(mq);
    if (it != group_it->second.end() && it->second.client_id == client_id) group_it->second.erase(it);
  }
  if (group_it->second.empty()) locks_.erase(group_it);
}

}  // namespace rmq::broker

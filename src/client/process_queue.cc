#include "client/process_queue.h"

namespace rmq::client {

bool ProcessQueue::PutMessages(std::vector<rocketmq::MQMessageExt> msgs) {
  std::lock_guard lock(mutex_);
  for (auto& msg : msgs) {
    int64_t offset = msg.getQueueOffset();
    auto [it, inserted] = msgs_.emplace(offset, std::move(msg));
    if (inserted) bytes_ += static_cast<int64_t>(it->second.getBody().size());
    if (offset > queue_offset_max_) queue_offset_max_ = offset;
  }
  if (!msgs_.empty() && !consuming_flag_) {
    consuming_flag_ = true;
    return true;
  }
  return false;
}

int64_t ProcessQueue::RemoveMessages(const std::vector<rocketmq::MQMessageExt>& msgs) {
  std::lock_guard lock(mutex_);
  if (queue_offset_max_ < 0) return -1;
  for (const auto& msg : msgs) {
    auto it = msgs_.find(msg.getQueueOffset());
    if (it == msgs_.end()) continue;
    bytes_ -= static_cast<int64_t>(it->second.getBody().size());
    msgs_.erase(it);
  }
  return msgs_.empty() ? queue_offset_max_ + 1 : msgs_.begin()->first;
}

std::vector<rocketmq::MQMessageExt> ProcessQueue::TakeMessages(int n) {
  std::lock_guard lock(mutex_);
  std::vector<rocketmq::MQMessageExt> out;
  while (static_cast<int>(out.size()) < n && !msgs_.empty()) {
    auto node = msgs_.extract(msgs_.begin());
    out.push_back(node.mapped());
    consuming_.insert(std::move(node));
  }
  if (out.empty()) consuming_flag_ = false;
  return out;
}

int64_t ProcessQueue::Commit() {
  std::lock_guard lock(mutex_);
  if (consuming_.empty()) return -1;
  int64_t next = consuming_.rbegin()->first + 1;
  for (const auto& [offset, msg] : consuming_) bytes_ -= static_cast<int64_t>(msg.getBody().size());
  consuming_.clear();
  return next;
}

void ProcessQueue::MakeMessagesToConsumeAgain(const std::vector<rocketmq::MQMessageExt>& msgs) {
  std::lock_guard lock(mutex_);
  for (const auto& msg : msgs) {
    auto it = consuming_.find(msg.getQueueOffset());
    if (it == consuming_.end()) continue;
    auto node = consuming_.extract(it);
    node.mapped().setReconsumeTimes(node.mapped().getReconsumeTimes() + 1);
    msgs_.insert(std::move(node));
  }
}

void ProcessQueue::Clear() {
  std::lock_guard lock(mutex_);
  msgs_.clear();
  consuming_.clear();
  bytes_ = 0;
  queue_offset_max_ = -1;
  consuming_flag_ = false;
}

int64_t ProcessQueue::count() const {
  std::lock_guard lock(mutex_);
  return static_cast<int64_t>(msgs_.size() + consuming_.size());
}

int64_t ProcessQueue::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

int64_t ProcessQueue::min_offset() const {
  std::lock_guard lock(mutex_);
  return msgs_.empty() ? -1 : msgs_.begin()->first;
}

int64_t ProcessQueue::max_offset() const {
  std::lock_guard lock(mutex_);
  return queue_offset_max_;
}

}  // namespace rmq::client

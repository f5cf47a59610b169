#include "client/process_queue.h"

#include <algorithm>

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

void ProcessQueue::PutOffsets(const std::vector<rocketmq::MQMessageExt>& msgs) {
  std::lock_guard lock(mutex_);
  for (const auto& msg : msgs) PutOffsetLocked(msg.getQueueOffset(), static_cast<int64_t>(msg.getBody().size()));
}

void ProcessQueue::PutOffsets(const std::vector<RecordView>& records) {
  std::lock_guard lock(mutex_);
  for (const auto& record : records) PutOffsetLocked(record.queue_offset, static_cast<int64_t>(record.body.size()));
}

void ProcessQueue::PutOffsetLocked(int64_t offset, int64_t size) {
  Tracked entry{offset, size};
  if (tracked_.empty() || entry.offset > tracked_.back().offset) {
    tracked_.push_back(entry);
  } else {
    // Out of order (not seen in practice): keep the deque sorted, ignore a duplicate.
    auto it = std::lower_bound(tracked_.begin(), tracked_.end(), entry.offset,
                               [](const Tracked& t, int64_t o) { return t.offset < o; });
    if (it != tracked_.end() && it->offset == entry.offset) return;
    tracked_.insert(it, entry);
  }
  ++tracked_live_;
  bytes_ += entry.size;
  if (entry.offset > queue_offset_max_) queue_offset_max_ = entry.offset;
}

int64_t ProcessQueue::RemoveOffsets(const int64_t* offsets, size_t n) {
  std::lock_guard lock(mutex_);
  if (queue_offset_max_ < 0) return -1;
  for (size_t i = 0; i < n; ++i) {
    // Pulled offsets are usually consecutive, so the entry is normally at its distance from the
    // front; the binary search is for gaps (filtered records, compacted topics).
    auto it = tracked_.end();
    if (!tracked_.empty() && offsets[i] >= tracked_.front().offset) {
      const uint64_t guess = static_cast<uint64_t>(offsets[i] - tracked_.front().offset);
      if (guess < tracked_.size() && tracked_[guess].offset == offsets[i]) it = tracked_.begin() + static_cast<ptrdiff_t>(guess);
    }
    if (it == tracked_.end()) {
      it = std::lower_bound(tracked_.begin(), tracked_.end(), offsets[i],
                            [](const Tracked& t, int64_t offset) { return t.offset < offset; });
    }
    if (it == tracked_.end() || it->offset != offsets[i] || it->size < 0) continue;
    bytes_ -= it->size;
    it->size = -1;
    --tracked_live_;
  }
  while (!tracked_.empty() && tracked_.front().size < 0) tracked_.pop_front();
  int64_t next = queue_offset_max_ + 1;
  if (!tracked_.empty()) next = tracked_.front().offset;
  if (!msgs_.empty()) next = std::min(next, msgs_.begin()->first);
  return next;
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
  tracked_.clear();
  tracked_live_ = 0;
  bytes_ = 0;
  queue_offset_max_ = -1;
  consuming_flag_ = false;
}

int64_t ProcessQueue::count() const {
  std::lock_guard lock(mutex_);
  return static_cast<int64_t>(msgs_.size() + consuming_.size()) + tracked_live_;
}

int64_t ProcessQueue::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

int64_t ProcessQueue::min_offset() const {
  std::lock_guard lock(mutex_);
  int64_t min = msgs_.empty() ? -1 : msgs_.begin()->first;
  if (!tracked_.empty() && (min < 0 || tracked_.front().offset < min)) min = tracked_.front().offset;
  return min;
}

int64_t ProcessQueue::max_offset() const {
  std::lock_guard lock(mutex_);
  return queue_offset_max_;
}

}  // namespace rmq::client

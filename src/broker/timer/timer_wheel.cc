#include "broker/timer/timer_wheel.h"

#include <algorithm>

namespace rmq::broker::timer {

TimerWheel::TimerWheel() : TimerWheel(Progress{}) {}

TimerWheel::TimerWheel(Progress restored)
    : restored_read_(restored.read_offset),
      next_read_(restored.low_offset),
      low_(restored.low_offset),
      delivered_until_(restored.delivered_until_ms) {}

void TimerWheel::Track(int64_t queue_offset, bool pending) {
  // A gap before `queue_offset` (entries the store skipped) counts as delivered.
  while (next_read_ < queue_offset) {
    done_.push_back(1);
    ++next_read_;
  }
  done_.push_back(pending ? 0 : 1);
  next_read_ = queue_offset + 1;
  while (!done_.empty() && done_.front() == 1) {
    done_.pop_front();
    ++low_;
  }
}

bool TimerWheel::Add(int64_t queue_offset, int64_t commit_log_offset, int64_t out_ms) {
  if (queue_offset < next_read_) return false;  // read twice: ignore
  const bool delivered_before = queue_offset < restored_read_ && out_ms < delivered_until_;
  Track(queue_offset, !delivered_before);
  if (delivered_before) return false;
  slots_[out_ms].entries.push_back(TimerEntry{commit_log_offset, queue_offset});
  ++pending_;
  return true;
}

void TimerWheel::SkipTo(int64_t queue_offset) {
  if (queue_offset <= next_read_) return;
  Track(queue_offset - 1, false);
}

TimerWheel::Slot* TimerWheel::DueSlot(int64_t now_ms, int64_t* out_ms) {
  if (slots_.empty() || slots_.begin()->first > now_ms) return nullptr;
  *out_ms = slots_.begin()->first;
  return &slots_.begin()->second;
}

void TimerWheel::MarkDone(int64_t queue_offset) {
  if (queue_offset < low_ || queue_offset >= next_read_) return;
  uint8_t& state = done_[static_cast<size_t>(queue_offset - low_)];
  if (state == 0) --pending_;
  state = 1;
  while (!done_.empty() && done_.front() == 1) {
    done_.pop_front();
    ++low_;
  }
}

void TimerWheel::FinishSlot(int64_t out_ms) {
  auto it = slots_.find(out_ms);
  if (it != slots_.end()) {
    for (const TimerEntry& e : it->second.entries) MarkDone(e.queue_offset);
    slots_.erase(it);
  }
  delivered_until_ = std::max(delivered_until_, out_ms + 1);
}

TimerWheel::Progress TimerWheel::progress() const {
  Progress p;
  p.low_offset = low_;
  p.read_offset = std::max(next_read_, restored_read_);
  p.delivered_until_ms = delivered_until_;
  return p;
}

}  // namespace rmq::broker::timer

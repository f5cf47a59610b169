// TimerWheel: the pending timer messages (5.x TIMER_DELIVER_MS / TIMER_DELAY_SEC) of the broker,
// bucketed by delivery time (one bucket per timerPrecisionMs slot, ordered), so finding what is
// due costs O(log slots) however many messages wait, plus the bookkeeping that lets a restart
// rebuild it from the timer topic's ConsumeQueue without losing or repeating a delivery.
//
// The persisted Progress {low_offset L, read_offset R, delivered_until_ms T} means: every timer
// queue entry below L is delivered; an entry in [L, R) is delivered iff its delivery time < T;
// entries from R on were never read. It is only a valid snapshot when no pending entry is due
// before T (Consistent()), which holds after every complete delivery pass.
// Plain data structure; not thread-safe (the timer service's thread owns it).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <vector>

namespace rmq::broker::timer {

struct TimerEntry {
  int64_t commit_log_offset = 0;
  int64_t queue_offset = 0;
};

class TimerWheel {
 public:
  struct Progress {
    int64_t low_offset = 0;
    int64_t read_offset = 0;
    int64_t delivered_until_ms = 0;
  };
  struct Slot {
    std::vector<TimerEntry> entries;
    size_t next = 0;  // entries before this one are delivered
  };

  // Restores from a persisted progress; reading restarts at its low_offset.
  TimerWheel();
  explicit TimerWheel(Progress restored);

  // The next timer queue offset to read.
  int64_t next_read_offset() const { return next_read_; }
  // Records queue entry `queue_offset` (>= next_read_offset(); a gap counts as delivered) due at
  // `out_ms`. Returns false when the restored progress says it was delivered already.
  bool Add(int64_t queue_offset, int64_t commit_log_offset, int64_t out_ms);
  // Moves the read position to `queue_offset` without entries (unreadable or removed ones).
  void SkipTo(int64_t queue_offset);

  // The earliest slot, when its time is <= now_ms; its time goes to *out_ms.
  Slot* DueSlot(int64_t now_ms, int64_t* out_ms);
  // An entry of a slot was delivered (or dropped).
  void MarkDone(int64_t queue_offset);
  // The slot at `out_ms` is fully delivered: remove it and move delivered_until past it.
  void FinishSlot(int64_t out_ms);

  // True when nothing pending is due before delivered_until (see the file comment).
  bool Consistent() const { return slots_.empty() || slots_.begin()->first >= delivered_until_; }
  Progress progress() const;
  // Entries waiting (not yet delivered).
  int64_t pending() const { return pending_; }
  // Time of the earliest slot, or -1.
  int64_t earliest_ms() const { return slots_.empty() ? -1 : slots_.begin()->first; }

 private:
  void Track(int64_t queue_offset, bool pending);

  std::map<int64_t, Slot> slots_;  // delivery time -> entries
  int64_t restored_read_ = 0;      // R of the restored progress
  int64_t next_read_ = 0;
  int64_t low_ = 0;                // queue offset of done_.front()
  std::deque<uint8_t> done_;       // per queue offset in [low_, next_read_): 1 = delivered
  int64_t delivered_until_ = 0;
  int64_t pending_ = 0;
};

}  // namespace rmq::broker::timer

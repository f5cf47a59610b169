// ProcessQueue: what a consumer holds for one assigned queue (Java ProcessQueue) — the pulled
// messages not yet consumed, ordered by queue offset (a concurrently consumer keeps just their
// offsets and sizes, its consume tasks holding the messages), the next offset to pull, the orderly
// consumer's broker lock state and its "messages taken but not committed" map. Shared by the
// pull chain and the consume threads through shared_ptr. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <vector>

#include "common/message_codec.h"
#include "rocketmq/MQMessageExt.h"

namespace rmq::client {

class ProcessQueue {
 public:
  // A lock not renewed for this long is treated as lost (REBALANCE_LOCK_MAX_LIVE_TIME).
  static constexpr int64_t kLockMaxLiveMs = 30000;

  // Adds pulled messages; true when an orderly consumer should start a consume task (there
  // are messages and none is running).
  bool PutMessages(std::vector<rocketmq::MQMessageExt> msgs);
  // Concurrently: drops consumed messages; returns the offset to commit (the smallest offset
  // still cached, or one past the largest seen), or -1 when nothing was ever cached.
  int64_t RemoveMessages(const std::vector<rocketmq::MQMessageExt>& msgs);
  // Concurrently: records pulled messages by queue offset and body size only; the consume
  // tasks own the messages. Offsets normally arrive ascending, so this appends.
  void PutOffsets(const std::vector<rocketmq::MQMessageExt>& msgs);
  // The same for records not yet turned into messages (their consume task decodes them).
  void PutOffsets(const std::vector<RecordView>& records);
  // Concurrently: forgets consumed offsets; returns the offset to commit as RemoveMessages does.
  int64_t RemoveOffsets(const int64_t* offsets, size_t n);
  // Orderly: moves up to n messages into the consuming map, lowest offsets first. Empty result
  // ends the consume task (clears the consuming flag).
  std::vector<rocketmq::MQMessageExt> TakeMessages(int n);
  // Orderly: forgets the consuming map; returns the offset to commit, or -1.
  int64_t Commit();
  // Orderly: returns the consuming messages to the cache with reconsumeTimes + 1.
  void MakeMessagesToConsumeAgain(const std::vector<rocketmq::MQMessageExt>& msgs);
  // Clears everything (when the queue is dropped or reset).
  void Clear();

  int64_t count() const;
  int64_t bytes() const;
  int64_t min_offset() const;
  int64_t max_offset() const;

  std::atomic<bool> dropped{false};
  std::atomic<bool> locked{false};
  std::atomic<int64_t> last_lock_ms{0};      // steady clock
  std::atomic<int64_t> last_pull_ms{0};
  std::atomic<int64_t> last_consume_ms{0};
  std::atomic<int64_t> next_offset{0};       // touched by the pull chain only
  std::atomic<int64_t> suggested_broker_id{0};
  std::mutex consume_mutex;                  // orderly: one consume thread per queue

  bool LockExpired(int64_t now_ms) const { return now_ms - last_lock_ms.load() > kLockMaxLiveMs; }

 private:
  mutable std::mutex mutex_;
  std::map<int64_t, rocketmq::MQMessageExt> msgs_;       // Guarded by mutex_.
  std::map<int64_t, rocketmq::MQMessageExt> consuming_;  // Guarded by mutex_.
  // PutOffsets' entries, ascending by offset; a consumed entry (size -1) stays until everything
  // before it is consumed too, so the front is always the smallest unconsumed offset.
  struct Tracked {
    int64_t offset;
    int64_t size;
  };
  // PutOffsets for one entry. REQUIRES: mutex_ held.
  void PutOffsetLocked(int64_t offset, int64_t size);
  std::deque<Tracked> tracked_;                          // Guarded by mutex_.
  int64_t tracked_live_ = 0;                             // Guarded by mutex_.
  int64_t bytes_ = 0;                                    // Guarded by mutex_.
  int64_t queue_offset_max_ = -1;                        // Guarded by mutex_.
  bool consuming_flag_ = false;                          // Guarded by mutex_.
};

}  // namespace rmq::client

// ScheduleMessageService: delivers delay-level messages. One follower per level reads the
// level's queue of SCHEDULE_TOPIC_XXXX (queue = level - 1) in order; an entry is due at its store
// time + the level's delay (the ConsumeQueue tagsCode), and is then re-put on REAL_TOPIC /
// REAL_QID and the level's offset advanced. Offsets persist to config/delayOffset.json
// ({"offsetTable":{level:offset}}, as ScheduleMessageService#encode) every
// flushDelayOffsetInterval and at Stop, so a clean restart neither loses nor repeats a delivery;
// after a crash the deliveries of the last interval are repeated once.
// Owned by BrokerServer; the store must outlive it. One thread; Load/Start/Stop from one thread.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "broker/schedule/parked_message.h"
#include "common/status.h"
#include "store/message_store.h"
#include "store/periodic_thread.h"

namespace rmq::broker::schedule {

class ScheduleMessageService {
 public:
  // `rules` and `store` must outlive the service.
  ScheduleMessageService(store::MessageStore& store, const ScheduleRules& rules, std::string offset_path,
                         int64_t flush_interval_ms);
  ~ScheduleMessageService() { Stop(); }

  // Reads delayOffset.json (or its .bak); offsets are clamped into each queue's [min, max].
  // REQUIRES: the store is loaded.
  Status Load();
  void Start();
  // Joins the thread, then persists. Idempotent.
  void Stop();
  Status Persist();

  // One pass over every level (what the thread runs each tick); returns messages delivered.
  int64_t DeliverDue(int64_t now_ms);
  // Next queue offset to deliver of `level` (1-based).
  int64_t offset(int level) const;
  // The file's JSON.
  std::string Encode() const;

 private:
  // Delivers the due prefix of `level`; returns messages delivered.
  int64_t DeliverLevel(int level, int64_t now_ms);

  store::MessageStore& store_;
  const ScheduleRules& rules_;
  const std::string path_;
  const int64_t flush_interval_ms_;
  mutable std::mutex mutex_;                // guards the tables against Encode from another thread
  std::map<int, int64_t> offsets_;          // Guarded by mutex_. level -> next queue offset
  std::vector<int64_t> next_check_ms_;      // thread-owned: no look before this time, per level
  int64_t last_persist_ms_ = 0;             // thread-owned
  bool dirty_ = false;                      // Guarded by mutex_.
  store::PeriodicThread thread_;
};

}  // namespace rmq::broker::schedule

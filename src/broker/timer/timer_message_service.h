// TimerMessageService: delivers 5.x timer messages. It follows the ConsumeQueue of
// rmq_sys_wheel_timer (queue 0), files each entry in a TimerWheel slot by its TIMER_OUT_MS, and
// when a slot's time comes re-puts its messages on REAL_TOPIC / REAL_QID with TIMER_ENQUEUE_MS and
// TIMER_DEQUEUE_MS added. The wheel's progress persists to config/timerProgress.json every
// timerFlushIntervalMs and at Stop; on start the wheel is rebuilt from the queue (see
// timer_wheel.h), so a clean restart neither loses nor repeats a delivery, and a crash repeats at
// most the deliveries made since the last persist. Owned by BrokerServer; the store must outlive
// it. One thread; Load/Start/Stop from one thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "broker/schedule/parked_message.h"
#include "broker/timer/timer_wheel.h"
#include "common/status.h"
#include "store/message_store.h"
#include "store/periodic_thread.h"

namespace rmq::broker::timer {

class TimerMessageService {
 public:
  // `store` must outlive the service.
  TimerMessageService(store::MessageStore& store, std::string progress_path, int64_t flush_interval_ms);
  ~TimerMessageService() { Stop(); }

  // Reads timerProgress.json (or its .bak); a missing file means "from the start of the queue".
  Status Load();
  void Start();
  // Joins the thread, then persists. Idempotent.
  void Stop();

  // One pass (what the thread runs each tick): read new queue entries into the wheel, then
  // deliver every slot due at `now_ms`. Returns messages delivered.
  int64_t RunOnce(int64_t now_ms);
  Status Persist();

  int64_t pending() const { return pending_.load(std::memory_order_relaxed); }
  static std::string Encode(const TimerWheel::Progress& progress);

 private:
  // Reads at most `budget` entries; false when the queue had no more.
  bool Ingest(int budget);
  int64_t DeliverDue(int64_t now_ms);

  store::MessageStore& store_;
  const std::string path_;
  const int64_t flush_interval_ms_;
  TimerWheel wheel_;  // thread-owned (Load before Start, Persist after Stop)
  int64_t last_persist_ms_ = 0;
  bool dirty_ = false;
  int64_t retry_after_ms_ = 0;  // after a failed re-put
  std::atomic<int64_t> pending_{0};
  store::PeriodicThread thread_;
};

}  // namespace rmq::broker::timer

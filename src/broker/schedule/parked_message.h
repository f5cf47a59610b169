// Parking and unparking scheduled messages: the send-path rewrite of a message that carries a
// delay level (DELAY) or a 5.x delivery time (TIMER_DELIVER_MS / TIMER_DELAY_SEC / TIMER_DELAY_MS)
// onto SCHEDULE_TOPIC_XXXX or rmq_sys_wheel_timer with REAL_TOPIC / REAL_QID kept in its
// properties, and the inverse used by the delivery services. As HookUtils#handleScheduleMessage
// and ScheduleMessageService#messageTimeup. Pure functions over an immutable ScheduleRules;
// thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/message.h"
#include "common/message_codec.h"
#include "common/status.h"
#include "store/delay_level_table.h"
#include "store/message_store.h"

namespace rmq::broker::schedule {

// 5.x timer property names (MessageConst.java).
inline constexpr std::string_view kTimerDeliverMs = "TIMER_DELIVER_MS";
inline constexpr std::string_view kTimerDelaySec = "TIMER_DELAY_SEC";
inline constexpr std::string_view kTimerDelayMs = "TIMER_DELAY_MS";
inline constexpr std::string_view kTimerOutMs = "TIMER_OUT_MS";
inline constexpr std::string_view kTimerEnqueueMs = "TIMER_ENQUEUE_MS";
inline constexpr std::string_view kTimerDequeueMs = "TIMER_DEQUEUE_MS";
// TimerMessageStore.TIMER_TOPIC.
inline constexpr std::string_view kTimerTopic = "rmq_sys_wheel_timer";

// The settings the rewrite depends on, fixed at start-up.
struct ScheduleRules {
  store::DelayLevelTable levels;
  bool timer_wheel_enable = true;
  int64_t timer_max_delay_sec = 259200;
  int64_t timer_precision_ms = 1000;

  // messageDelayLevel must parse (the broker config validated it); falls back to the default.
  static ScheduleRules Make(std::string_view message_delay_level, bool timer_wheel_enable,
                            int64_t timer_max_delay_sec, int64_t timer_precision_ms);
};

// Why a send was refused, as a response code and remark.
struct ParkRefusal {
  int32_t code = 0;
  std::string remark;
};

// What Park did.
enum class Parked { kNo, kDelayLevel, kTimer };

// Rewrites `msg` (topic, queue_id and properties already final for a normal send) when it is to be
// delivered later: a DELAY level > 0 (clamped to the max level) parks it on SCHEDULE_TOPIC_XXXX
// queue level-1 and drops any timer property (the level wins, as upstream); else a timer
// property with a time in the future parks it on rmq_sys_wheel_timer queue 0 with TIMER_OUT_MS =
// the delivery time rounded UP to timerPrecisionMs (upstream rounds down; up never delivers
// early). Only NOT_TYPE and COMMIT transaction types are touched. A refusal (bad number, beyond
// timerMaxDelaySec, timers disabled) leaves `msg` unchanged.
std::optional<ParkRefusal> Park(const ScheduleRules& rules, int64_t now_ms, MessageExt* msg, Parked* parked);
// The same, reading the clock through `now_ms` only when the message carries a timer property:
// the send path calls this for every message, and most have none.
std::optional<ParkRefusal> Park(const ScheduleRules& rules, int64_t (*now_ms)(), MessageExt* msg, Parked* parked);

// The message to put on REAL_TOPIC / REAL_QID for a parked record: body, flag, sysflag, born
// timestamp and host, reconsume times and the properties string copied (so DELAY, REAL_TOPIC and
// REAL_QID stay in the delivered record, as upstream); `extra` properties appended. InvalidArgument
// when REAL_TOPIC or REAL_QID is missing or malformed.
Result<MessageExt> Unpark(const RecordView& parked,
                          const std::vector<std::pair<std::string_view, std::string>>& extra = {});

// Appends `msgs` in order through the store's asynchronous put and waits for all of them.
// Returns how many leading messages were stored (== msgs.size() when all were); the first
// failure's reason goes to `error`.
size_t PutAllAndWait(store::MessageStore& store, std::vector<MessageExt>& msgs, std::string* error);

// Milliseconds since the epoch (the clock of STORETIMESTAMP and TIMER_DELIVER_MS).
int64_t WallNowMs();

// A decimal int64 property value, or nullopt.
std::optional<int64_t> ParseInt64(std::string_view text);

}  // namespace rmq::broker::schedule

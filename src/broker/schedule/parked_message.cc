#include "broker/schedule/parked_message.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <limits>
#include <mutex>

#include "common/message_format.h"
#include "common/message_properties.h"
#include "remoting/response_code.h"

namespace rmq::broker::schedule {
namespace {

constexpr std::string_view kDefaultLevels = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";

void Erase(Properties* props, std::string_view name) {
  props->erase(std::remove_if(props->begin(), props->end(), [&](const auto& kv) { return kv.first == name; }),
               props->end());
}

void Set(Properties* props, std::string_view name, std::string value) {
  for (auto& [k, v] : *props) {
    if (k == name) {
      v = std::move(value);
      return;
    }
  }
  props->emplace_back(std::string(name), std::move(value));
}

// DELAY as the Java client and broker read it (Integer.parseInt; anything else is "no delay").
int DelayLevelOf(std::string_view properties) {
  auto value = FindProperty(properties, property::kDelayTimeLevel);
  if (!value) return 0;
  auto parsed = ParseInt64(*value);
  if (!parsed || *parsed <= 0) return 0;
  return static_cast<int>(std::min<int64_t>(*parsed, std::numeric_limits<int>::max()));
}

ParkRefusal Illegal(std::string remark) { return ParkRefusal{remoting::ResponseCode::kMessageIllegal, std::move(remark)}; }

}  // namespace

int64_t WallNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::optional<int64_t> ParseInt64(std::string_view text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  bool negative = text[0] == '-';
  size_t i = negative ? 1 : 0;
  if (i == text.size()) return std::nullopt;
  int64_t value = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return negative ? -value : value;
}

ScheduleRules ScheduleRules::Make(std::string_view message_delay_level, bool timer_wheel_enable,
                                  int64_t timer_max_delay_sec, int64_t timer_precision_ms) {
  auto levels = store::DelayLevelTable::Parse(message_delay_level);
  ScheduleRules rules{levels.ok() ? std::move(levels).value() : store::DelayLevelTable::Parse(kDefaultLevels).value()};
  rules.timer_wheel_enable = timer_wheel_enable;
  rules.timer_max_delay_sec = timer_max_delay_sec;
  rules.timer_precision_ms = std::max<int64_t>(1, timer_precision_ms);
  return rules;
}

namespace {

// Park's body; `clock()` is called at most once, and only for a message with a timer property.
template <typename Clock>
std::optional<ParkRefusal> ParkWithClock(const ScheduleRules& rules, Clock clock, MessageExt* msg, Parked* parked) {
  *parked = Parked::kNo;
  const int32_t tran = sysflag::TransactionValue(msg->sys_flag);
  if (tran != sysflag::kTransactionNotType && tran != sysflag::kTransactionCommitType) return std::nullopt;
  if (msg->topic == kTimerTopic) return std::nullopt;

  int level = DelayLevelOf(msg->properties);
  if (level > 0) {
    // As HookUtils#transformDelayLevelMessage (and checkIfTimerMessage: the level wins).
    level = std::min(level, rules.levels.max_level());
    Properties props = DecodeProperties(msg->properties);
    Set(&props, property::kDelayTimeLevel, std::to_string(level));
    Erase(&props, kTimerDeliverMs);
    Erase(&props, kTimerDelaySec);
    Erase(&props, kTimerDelayMs);
    Set(&props, property::kRealTopic, msg->topic);
    Set(&props, property::kRealQueueId, std::to_string(msg->queue_id));
    msg->properties = EncodeProperties(props);
    msg->topic = std::string(store::kScheduleTopic);
    msg->queue_id = level - 1;
    *parked = Parked::kDelayLevel;
    return std::nullopt;
  }

  // Cheap exit for the common case: no timer property at all.
  if (msg->properties.find("TIMER_") == std::string::npos) return std::nullopt;
  if (FindProperty(msg->properties, kTimerOutMs)) return std::nullopt;  // already converted once
  auto delay_sec = FindProperty(msg->properties, kTimerDelaySec);
  auto deliver_ms = FindProperty(msg->properties, kTimerDeliverMs);
  auto delay_ms = FindProperty(msg->properties, kTimerDelayMs);
  if (!delay_sec && !deliver_ms && !delay_ms) return std::nullopt;
  const int64_t now_ms = clock();
  if (!rules.timer_wheel_enable) {
    return ParkRefusal{remoting::ResponseCode::kSystemError,
                       "accurate timer message is not enabled, timerWheelEnable is false"};
  }
  // As HookUtils#transformTimerMessage: TIMER_DELAY_SEC first, then TIMER_DELIVER_MS; upstream's
  // broker does not read TIMER_DELAY_MS (its clients convert it), we accept it last.
  int64_t due = 0;
  std::string_view name = delay_sec ? kTimerDelaySec : deliver_ms ? kTimerDeliverMs : kTimerDelayMs;
  std::string_view text = delay_sec ? *delay_sec : deliver_ms ? *deliver_ms : *delay_ms;
  auto value = ParseInt64(text);
  if (!value) {
    return Illegal("timer message illegal: " + std::string(name) + "=" + std::string(text) + " is not a number");
  }
  const int64_t max_delay_ms = rules.timer_max_delay_sec * 1000;
  if (name == kTimerDelaySec) {
    if (*value > max_delay_ms / 1000 + 1) value = max_delay_ms / 1000 + 1;  // no overflow; still refused below
    due = now_ms + *value * 1000;
  } else if (name == kTimerDelayMs) {
    due = now_ms + std::min(*value, max_delay_ms + 1);
  } else {
    due = *value;
  }
  if (due <= now_ms) return std::nullopt;  // due already: an ordinary message
  if (due - now_ms > max_delay_ms) {
    return Illegal("timer message illegal, the delay time should not be bigger than the max delay " +
                   std::to_string(max_delay_ms) + "ms (timerMaxDelaySec " + std::to_string(rules.timer_max_delay_sec) +
                   "); " + std::string(name) + "=" + std::string(text));
  }
  const int64_t p = rules.timer_precision_ms;
  const int64_t out_ms = (due + p - 1) / p * p;
  Properties props = DecodeProperties(msg->properties);
  Set(&props, kTimerOutMs, std::to_string(out_ms));
  Set(&props, property::kRealTopic, msg->topic);
  Set(&props, property::kRealQueueId, std::to_string(msg->queue_id));
  msg->properties = EncodeProperties(props);
  msg->topic = std::string(kTimerTopic);
  msg->queue_id = 0;
  *parked = Parked::kTimer;
  return std::nullopt;
}

}  // namespace

std::optional<ParkRefusal> Park(const ScheduleRules& rules, int64_t now_ms, MessageExt* msg, Parked* parked) {
  return ParkWithClock(rules, [now_ms] { return now_ms; }, msg, parked);
}

std::optional<ParkRefusal> Park(const ScheduleRules& rules, int64_t (*now_ms)(), MessageExt* msg, Parked* parked) {
  return ParkWithClock(rules, now_ms, msg, parked);
}

Result<MessageExt> Unpark(const RecordView& parked, const std::vector<std::pair<std::string_view, std::string>>& extra) {
  auto real_topic = FindProperty(parked.properties, property::kRealTopic);
  auto real_qid = FindProperty(parked.properties, property::kRealQueueId);
  if (!real_topic || real_topic->empty()) return InvalidArgument("parked message without REAL_TOPIC");
  auto qid = real_qid ? ParseInt64(*real_qid) : std::nullopt;
  if (!qid || *qid < 0 || *qid > std::numeric_limits<int32_t>::max()) {
    return InvalidArgument("parked message with a bad REAL_QID");
  }
  MessageExt msg;
  msg.topic = std::string(*real_topic);
  msg.queue_id = static_cast<int32_t>(*qid);
  msg.flag = parked.flag;
  msg.sys_flag = parked.sys_flag & ~(sysflag::kBornHostV6 | sysflag::kStoreHostV6);
  msg.born_timestamp = parked.born_timestamp;
  msg.born_host = parked.born_host;
  msg.reconsume_times = parked.reconsume_times;
  msg.body = std::string(parked.body);
  msg.properties = std::string(parked.properties);
  for (const auto& [name, value] : extra) AppendProperty(&msg.properties, name, value);
  return msg;
}

size_t PutAllAndWait(store::MessageStore& store, std::vector<MessageExt>& msgs, std::string* error) {
  struct Latch {
    std::mutex mutex;
    std::condition_variable cv;
    size_t pending = 0;
    std::vector<char> ok;
    std::string first_error;
  } latch;
  latch.pending = msgs.size();
  latch.ok.assign(msgs.size(), 0);
  for (size_t i = 0; i < msgs.size(); ++i) {
    store.AsyncPutMessage(msgs[i], [&latch, i](store::PutMessageResult result) {
      std::lock_guard lock(latch.mutex);
      // FLUSH_DISK_TIMEOUT: appended, only the durability wait timed out; it will be delivered.
      latch.ok[i] = result.ok() || result.status == store::PutMessageStatus::kFlushDiskTimeout;
      if (!latch.ok[i] && latch.first_error.empty()) {
        latch.first_error = std::string(store::PutMessageStatusName(result.status)) + ": " + result.error;
      }
      if (--latch.pending == 0) latch.cv.notify_all();
    });
  }
  std::unique_lock lock(latch.mutex);
  latch.cv.wait(lock, [&] { return latch.pending == 0; });
  size_t stored = 0;
  while (stored < msgs.size() && latch.ok[stored]) ++stored;
  if (error) *error = latch.first_error;
  return stored;
}

}  // namespace rmq::broker::schedule

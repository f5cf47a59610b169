#include "broker/schedule/schedule_message_service.h"

#include <algorithm>
#include <chrono>

#include "common/atomic_file.h"
#include "common/json_reader.h"
#include "common/json_writer.h"
#include "common/logging.h"

namespace rmq::broker::schedule {
namespace {

// As DELAY_FOR_A_WHILE: how often a level with nothing due is looked at again.
constexpr int64_t kTickMs = 100;
// Messages taken from one level per pass before the next level gets a turn.
constexpr int kMaxPerLevelPass = 4096;


}  // namespace

ScheduleMessageService::ScheduleMessageService(store::MessageStore& store, const ScheduleRules& rules,
                                               std::string offset_path, int64_t flush_interval_ms)
    : store_(store),
      rules_(rules),
      path_(std::move(offset_path)),
      flush_interval_ms_(flush_interval_ms),
      next_check_ms_(static_cast<size_t>(rules.levels.max_level()) + 1, 0) {}

Status ScheduleMessageService::Load() {
  Status main_error;
  std::map<int, int64_t> table;
  auto loaded = LoadWithBackup(
      path_,
      [&table](const std::string& text) -> Status {
        RMQ_ASSIGN_OR_RETURN(nlohmann::json json, ParseLenientJson(text, "delayOffset.json"));
        table.clear();
        if (json.contains("offsetTable") && json["offsetTable"].is_object()) {
          for (const auto& [key, value] : json["offsetTable"].items()) {
            int64_t offset = 0;
            RMQ_RETURN_IF_ERROR(JsonValueToInt(value, key, &offset));
            int level = 0;
            try {
              level = std::stoi(key);
            } catch (const std::exception&) {
              return Corruption("delayOffset.json: level " + key + " is not a number");
            }
            table[level] = offset;
          }
        }
        return Status::Ok();
      },
      &main_error);
  if (!loaded.ok()) return loaded.status();
  auto logger = GetLogger("broker");
  if (*loaded == LoadSource::kBackup) {
    logger->error("{} is unreadable ({}); loaded {}.bak instead", path_, main_error.message(), path_);
  }
  // As ScheduleMessageService#correctDelayOffset: an offset outside the queue is moved into it.
  for (auto& [level, offset] : table) {
    if (level < 1 || level > rules_.levels.max_level()) continue;
    const int64_t min = store_.GetMinOffsetInQueue(store::kScheduleTopic, level - 1);
    const int64_t max = store_.GetMaxOffsetInQueue(store::kScheduleTopic, level - 1);
    int64_t corrected = std::clamp(offset, min, std::max(min, max));
    if (corrected != offset) {
      logger->warn("delay level {} offset {} is outside its queue [{}, {}]; using {}", level, offset, min, max,
                   corrected);
      offset = corrected;
    }
  }
  std::lock_guard lock(mutex_);
  offsets_ = std::move(table);
  return Status::Ok();
}

void ScheduleMessageService::Start() {
  last_persist_ms_ = WallNowMs();
  thread_.Start(std::chrono::milliseconds(kTickMs), [this] {
    const int64_t now = WallNowMs();
    DeliverDue(now);
    if (now - last_persist_ms_ >= flush_interval_ms_) {
      last_persist_ms_ = now;
      bool dirty;
      {
        std::lock_guard lock(mutex_);
        dirty = dirty_;
      }
      if (dirty) (void)Persist();
    }
  });
}

void ScheduleMessageService::Stop() {
  if (!thread_.running()) return;
  thread_.Stop();
  (void)Persist();
}

int64_t ScheduleMessageService::offset(int level) const {
  std::lock_guard lock(mutex_);
  auto it = offsets_.find(level);
  return it == offsets_.end() ? 0 : it->second;
}

std::string ScheduleMessageService::Encode() const {
  JsonWriter w;
  std::lock_guard lock(mutex_);
  w.BeginObject();
  w.Key("offsetTable");
  w.BeginObject();
  for (const auto& [level, offset] : offsets_) {
    w.IntKey(level);
    w.Int(offset);
  }
  w.EndObject();
  w.EndObject();
  return w.Release();
}

Status ScheduleMessageService::Persist() {
  {
    std::lock_guard lock(mutex_);
    dirty_ = false;
  }
  Status s = WriteFileAtomically(path_, Encode());
  if (!s.ok()) {
    GetLogger("broker")->error("persist {} failed: {}", path_, s.message());
    std::lock_guard lock(mutex_);
    dirty_ = true;
  }
  return s;
}

int64_t ScheduleMessageService::DeliverDue(int64_t now_ms) {
  int64_t delivered = 0;
  for (int level = 1; level <= rules_.levels.max_level(); ++level) {
    if (now_ms < next_check_ms_[static_cast<size_t>(level)]) continue;
    delivered += DeliverLevel(level, now_ms);
  }
  return delivered;
}

int64_t ScheduleMessageService::DeliverLevel(int level, int64_t now_ms) {
  const int32_t queue_id = level - 1;
  const int64_t delay = rules_.levels.DelayMs(level);
  int64_t next = offset(level);
  int64_t delivered = 0;
  auto logger = GetLogger("broker");
  std::vector<MessageExt> batch;
  while (delivered < kMaxPerLevelPass) {
    store::GetMessageResult result = store_.GetMessage("", store::kScheduleTopic, queue_id, next, 32);
    if (result.status != store::GetMessageStatus::kFound) {
      // Nothing stored at `next` yet, or the offset fell out of the queue (cleanup): follow the
      // store's suggestion, as the pull path does.
      if (result.status == store::GetMessageStatus::kOffsetTooSmall ||
          result.status == store::GetMessageStatus::kOffsetOverflowBadly ||
          result.status == store::GetMessageStatus::kOffsetFoundNull ||
          result.status == store::GetMessageStatus::kMessageWasRemoving) {
        if (result.next_begin_offset != next) {
          logger->warn("delay level {} offset {} moved to {} ({})", level, next, result.next_begin_offset,
                       store::GetMessageStatusName(result.status));
          next = result.next_begin_offset;
          std::lock_guard lock(mutex_);
          offsets_[level] = next;
          dirty_ = true;
          continue;
        }
      }
      break;
    }
    batch.clear();
    size_t due_count = 0;
    int64_t not_due_at = 0;
    for (size_t i = 0; i < result.messages.size(); ++i) {
      auto view = ParseRecord(result.messages[i].data, false);
      if (!view.ok()) {
        logger->error("delay level {} offset {}: undecodable record skipped: {}", level, result.queue_offsets[i],
                      view.status().message());
        batch.emplace_back();  // placeholder so indexes match; never put
        ++due_count;
        continue;
      }
      // As correctDeliverTimestamp: a time further out than the level's delay means the clock
      // went back; deliver now.
      int64_t deliver_at = view->store_timestamp + delay;
      if (deliver_at > now_ms + delay) deliver_at = now_ms;
      if (deliver_at > now_ms) {
        not_due_at = deliver_at;
        break;
      }
      auto msg = Unpark(*view);
      if (!msg.ok() || msg->topic == "RMQ_SYS_TRANS_HALF_TOPIC") {
        logger->error("delay level {} offset {}: dropped: {}", level, result.queue_offsets[i],
                      msg.ok() ? "REAL_TOPIC is the transaction half topic" : msg.status().message());
        batch.emplace_back();
      } else {
        batch.push_back(std::move(*msg));
      }
      ++due_count;
    }
    // Put the due prefix (placeholders with an empty topic are skipped but counted).
    std::vector<MessageExt> puts;
    std::vector<size_t> index;
    for (size_t i = 0; i < due_count; ++i) {
      if (!batch[i].topic.empty()) {
        index.push_back(i);
        puts.push_back(std::move(batch[i]));
      }
    }
    std::string error;
    size_t stored = PutAllAndWait(store_, puts, &error);
    size_t advanced = due_count;
    if (stored < puts.size()) {
      advanced = index[stored];
      logger->warn("delay level {}: re-put failed ({}); retrying in {} ms", level, error, kTickMs);
    }
    delivered += static_cast<int64_t>(stored);
    if (advanced > 0) {
      next = result.queue_offsets[advanced - 1] + 1;
      std::lock_guard lock(mutex_);
      offsets_[level] = next;
      dirty_ = true;
    }
    if (stored < puts.size()) {
      next_check_ms_[static_cast<size_t>(level)] = now_ms + kTickMs;
      break;
    }
    if (not_due_at > 0) {
      next_check_ms_[static_cast<size_t>(level)] = not_due_at;
      break;
    }
    if (due_count == result.messages.size() && result.next_begin_offset > next) {
      // Entries the store skipped (fillers) count as passed.
      next = result.next_begin_offset;
      std::lock_guard lock(mutex_);
      offsets_[level] = next;
      dirty_ = true;
    }
  }
  if (delivered > 0) SPDLOG_LOGGER_DEBUG(logger, "delay level {}: delivered {} message(s)", level, delivered);
  return delivered;
}

}  // namespace rmq::broker::schedule

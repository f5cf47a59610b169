#include "broker/timer/timer_message_service.h"

#include <algorithm>
#include <chrono>

#include "common/atomic_file.h"
#include "common/json_reader.h"
#include "common/json_writer.h"
#include "common/logging.h"
#include "common/message_properties.h"

namespace rmq::broker::timer {
namespace {

using schedule::kTimerTopic;

// How often the queue is polled and the wheel looked at; bounds the lateness added by the timer.
constexpr int64_t kTickMs = 50;
// Entries read per pass before due slots get delivered (a large backlog must not starve them).
constexpr int kIngestBudget = 50000;
// Messages re-put per store round trip.
constexpr size_t kPutChunk = 512;


}  // namespace

TimerMessageService::TimerMessageService(store::MessageStore& store, std::string progress_path,
                                         int64_t flush_interval_ms)
    : store_(store), path_(std::move(progress_path)), flush_interval_ms_(flush_interval_ms) {}

Status TimerMessageService::Load() {
  Status main_error;
  TimerWheel::Progress progress;
  auto loaded = LoadWithBackup(
      path_,
      [&progress](const std::string& text) -> Status {
        RMQ_ASSIGN_OR_RETURN(nlohmann::json json, ParseLenientJson(text, "timerProgress.json"));
        if (!json.is_object()) return Corruption("timerProgress.json is not an object");
        for (auto [key, field] : {std::pair{"lowOffset", &progress.low_offset},
                                  std::pair{"readOffset", &progress.read_offset},
                                  std::pair{"deliveredUntilMs", &progress.delivered_until_ms}}) {
          if (!json.contains(key)) return Corruption(std::string("timerProgress.json: no ") + key);
          RMQ_RETURN_IF_ERROR(JsonValueToInt(json[key], key, field));
        }
        return Status::Ok();
      },
      &main_error);
  if (!loaded.ok()) return loaded.status();
  auto logger = GetLogger("broker");
  if (*loaded == LoadSource::kBackup) {
    logger->error("{} is unreadable ({}); loaded {}.bak instead", path_, main_error.message(), path_);
  }
  const int64_t min = store_.GetMinOffsetInQueue(kTimerTopic, 0);
  if (progress.low_offset < min) {
    logger->warn("timer queue offset {} was cleaned up (queue starts at {}); timer messages below it are lost",
                 progress.low_offset, min);
    progress.low_offset = min;
    progress.read_offset = std::max(progress.read_offset, min);
  }
  // After a crash the queue can end below what was read before it (its tail was not flushed);
  // new entries will reuse those offsets, so they must count as unread.
  const int64_t max = store_.GetMaxOffsetInQueue(kTimerTopic, 0);
  if (progress.read_offset > max) {
    logger->warn("timer queue ends at {} below the saved read offset {}; reading on from {}", max,
                 progress.read_offset, max);
    progress.read_offset = max;
    progress.low_offset = std::min(progress.low_offset, max);
  }
  wheel_ = TimerWheel(progress);
  logger->info("timer wheel: rebuilding from queue offset {} (read up to {}, delivered until {})",
               progress.low_offset, progress.read_offset, progress.delivered_until_ms);
  return Status::Ok();
}

void TimerMessageService::Start() {
  last_persist_ms_ = schedule::WallNowMs();
  thread_.Start(std::chrono::milliseconds(kTickMs), [this] {
    const int64_t now = schedule::WallNowMs();
    RunOnce(now);
    if (dirty_ && now - last_persist_ms_ >= flush_interval_ms_ && wheel_.Consistent()) {
      last_persist_ms_ = now;
      (void)Persist();
    }
  });
}

void TimerMessageService::Stop() {
  if (!thread_.running()) return;
  thread_.Stop();
  if (wheel_.Consistent()) {
    (void)Persist();
  } else {
    GetLogger("broker")->warn("timer wheel stopped with due messages undelivered; keeping the last progress");
  }
}

std::string TimerMessageService::Encode(const TimerWheel::Progress& progress) {
  JsonWriter w;
  w.BeginObject();
  w.IntField("lowOffset", progress.low_offset);
  w.IntField("readOffset", progress.read_offset);
  w.IntField("deliveredUntilMs", progress.delivered_until_ms);
  w.EndObject();
  return w.Release();
}

Status TimerMessageService::Persist() {
  Status s = WriteFileAtomically(path_, Encode(wheel_.progress()));
  if (s.ok()) {
    dirty_ = false;
  } else {
    GetLogger("broker")->error("persist {} failed: {}", path_, s.message());
  }
  return s;
}

int64_t TimerMessageService::RunOnce(int64_t now_ms) {
  int64_t delivered = 0;
  for (;;) {
    bool more = Ingest(kIngestBudget);
    if (now_ms >= retry_after_ms_) delivered += DeliverDue(now_ms);
    if (!more) break;
  }
  pending_.store(wheel_.pending(), std::memory_order_relaxed);
  return delivered;
}

bool TimerMessageService::Ingest(int budget) {
  auto logger = GetLogger("broker");
  int read = 0;
  while (read < budget) {
    const int64_t from = wheel_.next_read_offset();
    store::GetMessageResult result = store_.GetMessage("", kTimerTopic, 0, from, 32);
    if (result.status != store::GetMessageStatus::kFound) {
      if (result.next_begin_offset > from && result.status != store::GetMessageStatus::kOffsetOverflowOne &&
          result.status != store::GetMessageStatus::kNoMessageInQueue) {
        logger->warn("timer queue offset {} moved to {} ({})", from, result.next_begin_offset,
                     store::GetMessageStatusName(result.status));
        wheel_.SkipTo(result.next_begin_offset);
        dirty_ = true;
        continue;
      }
      return false;
    }
    for (size_t i = 0; i < result.messages.size(); ++i) {
      const int64_t q = result.queue_offsets[i];
      auto view = ParseRecord(result.messages[i].data, false);
      std::optional<int64_t> out;
      if (view.ok()) {
        if (auto text = FindProperty(view->properties, schedule::kTimerOutMs)) out = schedule::ParseInt64(*text);
      }
      if (!out) {
        // Without a delivery time it is delivered at once (Unpark reports it if it is broken).
        out = 0;
      }
      wheel_.Add(q, result.messages[i].offset, *out);
      ++read;
    }
    if (result.next_begin_offset > wheel_.next_read_offset()) wheel_.SkipTo(result.next_begin_offset);
    dirty_ = true;
  }
  return true;
}

int64_t TimerMessageService::DeliverDue(int64_t now_ms) {
  auto logger = GetLogger("broker");
  int64_t delivered = 0;
  int64_t out_ms = 0;
  std::vector<MessageExt> puts;
  std::vector<size_t> put_index;
  while (TimerWheel::Slot* slot = wheel_.DueSlot(now_ms, &out_ms)) {
    while (slot->next < slot->entries.size()) {
      const size_t begin = slot->next;
      const size_t end = std::min(slot->entries.size(), begin + kPutChunk);
      puts.clear();
      put_index.clear();
      const std::string dequeue = std::to_string(schedule::WallNowMs());
      for (size_t i = begin; i < end; ++i) {
        const TimerEntry& e = slot->entries[i];
        auto record = store_.LookMessageByOffset(e.commit_log_offset);
        auto view = record ? ParseRecord(record->data, false) : Result<RecordView>(NotFound("record removed"));
        Result<MessageExt> msg = view.ok() ? schedule::Unpark(*view, {{schedule::kTimerEnqueueMs,
                                                                      std::to_string(view->store_timestamp)},
                                                                     {schedule::kTimerDequeueMs, dequeue}})
                                           : Result<MessageExt>(view.status());
        if (!msg.ok()) {
          logger->error("timer queue offset {} (CommitLog {}): dropped: {}", e.queue_offset, e.commit_log_offset,
                        msg.status().message());
          continue;
        }
        put_index.push_back(i);
        puts.push_back(std::move(*msg));
      }
      std::string error;
      size_t stored = schedule::PutAllAndWait(store_, puts, &error);
      size_t advanced = stored < puts.size() ? put_index[stored] : end;
      for (size_t i = begin; i < advanced; ++i) wheel_.MarkDone(slot->entries[i].queue_offset);
      slot->next = advanced;
      delivered += static_cast<int64_t>(stored);
      dirty_ = true;
      if (stored < puts.size()) {
        logger->warn("timer re-put failed ({}); retrying in 100 ms", error);
        retry_after_ms_ = now_ms + 100;
        return delivered;
      }
    }
    wheel_.FinishSlot(out_ms);
  }
  return delivered;
}

}  // namespace rmq::broker::timer

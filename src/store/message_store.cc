#include "store/message_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <future>
#include <thread>

#include "common/logging.h"
#include "common/message_codec.h"
#include "common/message_format.h"
#include "common/message_properties.h"

namespace rmq::store {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kDefaultDelayLevels = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";

DelayLevelTable ParseDelayLevels(const std::string& levels) {
  auto table = DelayLevelTable::Parse(levels);
  if (table.ok()) return std::move(table).value();
  GetLogger("store")->error("{}; using the default levels", table.status().message());
  return DelayLevelTable::Parse(kDefaultDelayLevels).value();
}

PutMessageResult Refuse(PutMessageStatus status, std::string error) {
  PutMessageResult r;
  r.status = status;
  r.error = std::move(error);
  return r;
}

}  // namespace

MessageStore::MessageStore(const StoreConfig& config)
    : config_(config),
      delay_levels_(ParseDelayLevels(config.message_delay_level)),
      allocator_(config.warm_mapped_file_enable, config.flush_disk_type == FlushDiskType::kSyncFlush),
      checkpoint_(config.CheckpointPath()),
      commit_log_(config_, delay_levels_, &allocator_),
      // ConsumeQueue files are small and written by the dispatch thread, not the send path; creating
      // them ahead would leave an extra empty file in every queue.
      consume_queues_(config_, nullptr),
      index_(config_, checkpoint_),
      reput_(commit_log_, consume_queues_, index_),
      group_commit_(commit_log_, checkpoint_, std::chrono::milliseconds(config.sync_flush_timeout),
                    [this](const Status& s) { OnFlushFailure(s); }),
      flush_commit_log_(config_, commit_log_, checkpoint_, [this](const Status& s) { OnFlushFailure(s); }),
      flush_consume_queue_(config_, consume_queues_, checkpoint_, [this] { return reput_.last_dispatched_store_timestamp(); }),
      clean_(config_, commit_log_, consume_queues_, index_) {}

MessageStore::~MessageStore() { Shutdown(); }

Status MessageStore::Load() {
  std::error_code ec;
  fs::create_directories(config_.store_path_root_dir, ec);
  if (ec) return IoError("cannot create " + config_.store_path_root_dir + ": " + ec.message());
  if (config_.mapped_file_size_consume_queue % kConsumeQueueUnitSize != 0) {
    return InvalidArgument("mappedFileSizeConsumeQueue must be a multiple of 20");
  }
  const bool last_exit_ok = !fs::exists(config_.AbortPath(), ec);
  RMQ_RETURN_IF_ERROR(checkpoint_.Load());
  RMQ_RETURN_IF_ERROR(commit_log_.Load());
  RMQ_RETURN_IF_ERROR(consume_queues_.Load());
  RMQ_RETURN_IF_ERROR(index_.Load(last_exit_ok));
  RMQ_RETURN_IF_ERROR(Recover(last_exit_ok));
  loaded_ = true;
  return Status::Ok();
}

Status MessageStore::Recover(bool last_exit_ok) {
  auto started = std::chrono::steady_clock::now();
  recovery_ = RecoveryInfo{};
  recovery_.last_exit_ok = last_exit_ok;

  int64_t max_cq_phy = -1;
  consume_queues_.ForEach([&](ConsumeQueue& cq) {
    cq.Recover();
    max_cq_phy = std::max(max_cq_phy, cq.max_physic_offset());
  });

  int64_t dispatch_from = 0;
  const int64_t end = commit_log_.Recover(!last_exit_ok, checkpoint_.MinTimestamp(), &dispatch_from,
                                          &recovery_.scanned_bytes);
  recovery_.commit_log_end = end;
  if (commit_log_.queue().file_count() == 0) {
    // No CommitLog at all: nothing the queues or the index point to exists.
    consume_queues_.DestroyAll();
    index_.Destroy();
  }
  consume_queues_.ForEach([&](ConsumeQueue& cq) { cq.TruncateDirtyLogicFiles(end); });
  index_.DeleteFilesBeyond(end);

  // Normal stop: the queues were flushed, continue after the newest record they reference.
  // Unclean stop: dispatch again from where CommitLog recovery started (duplicates are skipped).
  int64_t reput_from = last_exit_ok ? (max_cq_phy >= 0 ? std::min(max_cq_phy, end) : 0) : dispatch_from;
  // Index files dropped by load or truncation are rebuilt from their first record on.
  reput_from = std::min(reput_from, index_.rebuild_from());
  reput_from = std::max(reput_from, commit_log_.GetMinOffset());
  reput_.set_reput_from_offset(reput_from);
  recovery_.redispatched = reput_.DoReput(false);

  const int64_t min_phy = commit_log_.GetMinOffset();
  consume_queues_.ForEach([&](ConsumeQueue& cq) {
    cq.CorrectMinOffset(min_phy);
    commit_log_.SetQueueOffset(cq.topic(), cq.queue_id(), cq.GetMaxOffsetInQueue());
  });
  recovery_.elapsed_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  GetLogger("store")->info(
      "{} recovery took {} ms: scanned {} CommitLog bytes, CommitLog ends at {}, {} records dispatched again",
      last_exit_ok ? "normal" : "abnormal (abort file present)", recovery_.elapsed_ms, recovery_.scanned_bytes, end,
      recovery_.redispatched);
  return Status::Ok();
}

Status MessageStore::Start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!loaded_) return Internal("MessageStore::Start before a successful Load");
  if (running_) return Status::Ok();
  lock_fd_ = open(config_.LockPath().c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) return IoError("cannot open " + config_.LockPath() + ": " + std::strerror(errno));
  if (flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    close(lock_fd_);
    lock_fd_ = -1;
    return Unavailable("Lock failed, MQ already started (" + config_.LockPath() + ")");
  }
  int abort_fd = open(config_.AbortPath().c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (abort_fd < 0) {
    Status s = IoError("cannot create " + config_.AbortPath() + ": " + std::strerror(errno));
    flock(lock_fd_, LOCK_UN);
    close(lock_fd_);
    lock_fd_ = -1;
    return s;
  }
  std::string pid = std::to_string(getpid());
  (void)!write(abort_fd, pid.data(), pid.size());
  fsync(abort_fd);
  close(abort_fd);

  allocator_.Start();
  // The file the next append will need is created (and warmed) now, off the send path.
  commit_log_.PrepareNextFile();
  reput_.Start();
  if (config_.flush_disk_type == FlushDiskType::kSyncFlush) {
    group_commit_.Start();
  } else {
    flush_commit_log_.Start();
  }
  flush_consume_queue_.Start();
  clean_.Start();
  running_ = true;
  GetLogger("store")->info("message store started at {} ({})", config_.store_path_root_dir,
                           config_.flush_disk_type == FlushDiskType::kSyncFlush ? "SYNC_FLUSH" : "ASYNC_FLUSH");
  return Status::Ok();
}

void MessageStore::Shutdown() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!running_.exchange(false)) return;
  // Appends that passed the running check finish before the final flush.
  while (appends_in_flight_.load() > 0) std::this_thread::yield();
  clean_.Shutdown();
  reput_.Shutdown();
  flush_commit_log_.Shutdown();
  group_commit_.Shutdown();
  flush_consume_queue_.Shutdown();
  allocator_.Shutdown();

  bool durable = !flush_failed_.load();
  if (durable) {
    const int64_t ts = commit_log_.last_store_timestamp();
    Status s = commit_log_.FlushUntil(commit_log_.GetMaxOffset());
    if (s.ok() && ts > 0) checkpoint_.set_physic_msg_timestamp(ts);
    if (!s.ok()) {
      GetLogger("store")->error("final CommitLog flush failed: {}", s.ToString());
      durable = false;
    }
  }
  if (durable) durable = flush_consume_queue_.FlushOnce(true).ok();
  if (durable) durable = index_.FlushAll().ok();
  if (durable && reput_.behind() == 0) {
    std::error_code ec;
    fs::remove(config_.AbortPath(), ec);
  } else {
    GetLogger("store")->warn("store shut down with undurable or undispatched data; the next start recovers abnormally");
  }
  if (lock_fd_ >= 0) {
    flock(lock_fd_, LOCK_UN);
    close(lock_fd_);
    lock_fd_ = -1;
  }
  GetLogger("store")->info("message store shut down");
}

void MessageStore::AddDispatchListener(DispatchListener listener) { reput_.AddListener(std::move(listener)); }

void MessageStore::OnFlushFailure(const Status& status) {
  flush_failed_.store(true);
  std::lock_guard<std::mutex> lock(failure_mutex_);
  if (flush_failure_.empty()) flush_failure_ = "flush to disk failed, store refuses writes: " + status.message();
}

bool MessageStore::IsWriteable() const { return !flush_failed_.load() && !clean_.disk_full(); }

std::string MessageStore::WriteRefusedReason() const {
  if (flush_failed_.load()) {
    std::lock_guard<std::mutex> lock(failure_mutex_);
    return flush_failure_;
  }
  return clean_.DiskFullReason();
}

std::optional<PutMessageResult> MessageStore::CheckBeforePut(const MessageExt& msg) const {
  if (!running_.load(std::memory_order_acquire)) {
    return Refuse(PutMessageStatus::kServiceNotAvailable, "message store is not running");
  }
  if (flush_failed_.load(std::memory_order_acquire)) {
    return Refuse(PutMessageStatus::kFlushDiskFailed, WriteRefusedReason());
  }
  if (clean_.disk_full()) return Refuse(PutMessageStatus::kDiskFull, clean_.DiskFullReason());
  if (msg.topic.empty() || msg.topic.size() > static_cast<size_t>(kMaxPropertiesLength)) {
    return Refuse(PutMessageStatus::kMessageIllegal, "topic length " + std::to_string(msg.topic.size()) + " not allowed");
  }
  if (msg.queue_id < 0) return Refuse(PutMessageStatus::kMessageIllegal, "negative queue id");
  return std::nullopt;
}

void MessageStore::HandleDiskFlush(PutMessageResult result, bool wait_store_msg_ok, PutCallback done) {
  // The dispatch thread is not woken per append: a cross-core wake costs more than the append
  // itself; it polls every millisecond instead (as ReputMessageService).
  if (!result.ok() || config_.flush_disk_type != FlushDiskType::kSyncFlush || !wait_store_msg_ok) {
    if (result.ok() && config_.flush_disk_type == FlushDiskType::kSyncFlush) group_commit_.Wakeup();
    done(std::move(result));
    return;
  }
  const int64_t next_offset = result.append.wrote_offset + result.append.wrote_bytes;
  group_commit_.Submit(next_offset, [result = std::move(result), done = std::move(done)](PutMessageStatus status) mutable {
    result.status = status;
    if (status == PutMessageStatus::kFlushDiskTimeout) {
      result.error = "stored, but not flushed to disk within syncFlushTimeout";
    } else if (status == PutMessageStatus::kFlushDiskFailed) {
      result.error = "flush to disk failed; the message may be lost";
    } else if (status == PutMessageStatus::kServiceNotAvailable) {
      result.error = "message store is shutting down";
    }
    done(std::move(result));
  });
}

PutMessageResult MessageStore::Append(const MessageExt& msg, bool batch, bool* wait_store_msg_ok) {
  if (auto refused = CheckBeforePut(msg)) return std::move(*refused);
  PutMessageResult result = batch ? commit_log_.AppendMessages(msg) : commit_log_.AppendMessage(msg);
  *wait_store_msg_ok = true;
  if (result.ok() && config_.flush_disk_type == FlushDiskType::kSyncFlush) {
    std::optional<std::string_view> wait;
    if (!batch) {
      wait = FindProperty(msg.properties, property::kWaitStoreMsgOk);
    } else {
      // A batch has one WAIT value; the client puts it on every element (MessageBatch).
      auto elements = DecodeBatchElements(msg.body);
      if (elements.ok() && !elements->empty()) wait = FindProperty(elements->front().properties, property::kWaitStoreMsgOk);
    }
    *wait_store_msg_ok = !wait || *wait != "false";
  }
  return result;
}

void MessageStore::AsyncPut(const MessageExt& msg, bool batch, PutCallback done) {
  appends_in_flight_.fetch_add(1);
  bool wait = true;
  PutMessageResult result = Append(msg, batch, &wait);
  HandleDiskFlush(std::move(result), wait, std::move(done));
  appends_in_flight_.fetch_sub(1);
}

PutMessageResult MessageStore::Put(const MessageExt& msg, bool batch) {
  appends_in_flight_.fetch_add(1);
  bool wait = true;
  PutMessageResult result = Append(msg, batch, &wait);
  if (!result.ok() || config_.flush_disk_type != FlushDiskType::kSyncFlush || !wait) {
    // Nothing to wait for: what HandleDiskFlush does, without the callback machinery.
    if (result.ok() && config_.flush_disk_type == FlushDiskType::kSyncFlush) group_commit_.Wakeup();
    appends_in_flight_.fetch_sub(1);
    return result;
  }
  std::promise<PutMessageResult> promise;
  auto future = promise.get_future();
  HandleDiskFlush(std::move(result), wait, [&promise](PutMessageResult r) { promise.set_value(std::move(r)); });
  appends_in_flight_.fetch_sub(1);
  return future.get();
}

void MessageStore::AsyncPutMessage(const MessageExt& msg, PutCallback done) { AsyncPut(msg, false, std::move(done)); }
void MessageStore::AsyncPutMessages(const MessageExt& batch, PutCallback done) { AsyncPut(batch, true, std::move(done)); }
PutMessageResult MessageStore::PutMessage(const MessageExt& msg) { return Put(msg, false); }
PutMessageResult MessageStore::PutMessages(const MessageExt& batch) { return Put(batch, true); }

GetMessageResult MessageStore::GetMessage(std::string_view /*group*/, std::string_view topic, int32_t queue_id,
                                          int64_t offset, int32_t max_msg_nums, const TagHashFilter* filter) const {
  GetMessageResult result;
  result.next_begin_offset = offset;
  auto cq = consume_queues_.Find(topic, queue_id);
  if (!cq) {
    result.status = GetMessageStatus::kNoMessageInQueue;
    result.next_begin_offset = 0;
    return result;
  }
  const int64_t min = cq->GetMinOffsetInQueue();
  const int64_t max = cq->GetMaxOffsetInQueue();
  result.min_offset = min;
  result.max_offset = max;
  if (max == 0) {
    result.status = GetMessageStatus::kNoMessageInQueue;
    result.next_begin_offset = 0;
  } else if (offset < min) {
    result.status = GetMessageStatus::kOffsetTooSmall;
    result.next_begin_offset = min;
  } else if (offset == max) {
    result.status = GetMessageStatus::kOffsetOverflowOne;
    result.next_begin_offset = offset;
  } else if (offset > max) {
    result.status = GetMessageStatus::kOffsetOverflowBadly;
    result.next_begin_offset = min == 0 ? min : max;
  } else {
    auto buf = cq->GetIndexBuffer(offset);
    if (!buf) {
      result.status = GetMessageStatus::kOffsetFoundNull;
      result.next_begin_offset = cq->RollNextFile(offset);
      return result;
    }
    // As DefaultMessageStore#getMessage.
    result.status = GetMessageStatus::kNoMatchedMessage;
    const int32_t max_scan = std::max(16000, max_msg_nums * kConsumeQueueUnitSize) / kConsumeQueueUnitSize;
    int64_t next_phy_file_start = INT64_MIN;
    const int32_t expected = std::min(max_msg_nums, config_.max_transfer_count_on_message_in_memory);
    result.messages.reserve(static_cast<size_t>(std::max(expected, 1)));
    result.queue_offsets.reserve(static_cast<size_t>(std::max(expected, 1)));
    // The CommitLog file of the previous record: the next one is nearly always in it too, and
    // reading it from there skips the file lookup (a mutex) per record.
    const MappedFile* last_file = nullptr;
    int32_t i = 0;
    for (; i < buf->count && i < max_scan; ++i) {
      ConsumeQueueEntry e = buf->At(i);
      if (e.IsFiller() || e.commit_log_offset < next_phy_file_start) continue;
      const int64_t count = static_cast<int64_t>(result.messages.size());
      if (count > 0 && (count >= max_msg_nums ||
                        result.buffer_total_size + e.size > config_.max_transfer_bytes_on_message_in_memory ||
                        count >= config_.max_transfer_count_on_message_in_memory)) {
        break;
      }
      if (filter && !filter->Matches(e.tags_code)) {
        if (result.messages.empty()) result.status = GetMessageStatus::kNoMatchedMessage;
        continue;
      }
      if (last_file != nullptr && e.size > 0 && e.commit_log_offset >= last_file->file_from_offset() &&
          e.commit_log_offset - last_file->file_from_offset() + e.size <= last_file->file_size()) {
        std::string_view data = last_file->Read(e.commit_log_offset - last_file->file_from_offset(), e.size);
        if (!data.empty()) {
          result.buffer_total_size += e.size;
          result.queue_offsets.push_back(offset + i);
          result.messages.push_back(SelectedRecord{result.messages.back().file, data, e.commit_log_offset});
          result.status = GetMessageStatus::kFound;
          next_phy_file_start = INT64_MIN;
          continue;
        }
      }
      auto record = commit_log_.SelectRecord(e.commit_log_offset, e.size);
      if (!record) {
        if (result.messages.empty()) result.status = GetMessageStatus::kMessageWasRemoving;
        next_phy_file_start = commit_log_.RollNextFile(e.commit_log_offset);
        continue;
      }
      last_file = record->file.get();
      result.buffer_total_size += e.size;
      result.queue_offsets.push_back(offset + i);
      result.messages.push_back(std::move(*record));
      result.status = GetMessageStatus::kFound;
      next_phy_file_start = INT64_MIN;
    }
    result.next_begin_offset = offset + i;
  }
  return result;
}

int64_t MessageStore::GetMaxOffsetInQueue(std::string_view topic, int32_t queue_id) const {
  auto cq = consume_queues_.Find(topic, queue_id);
  return cq ? cq->GetMaxOffsetInQueue() : 0;
}

int64_t MessageStore::GetMinOffsetInQueue(std::string_view topic, int32_t queue_id) const {
  auto cq = consume_queues_.Find(topic, queue_id);
  return cq ? cq->GetMinOffsetInQueue() : 0;
}

int64_t MessageStore::GetOffsetInQueueByTime(std::string_view topic, int32_t queue_id, int64_t timestamp,
                                             BoundaryType boundary) const {
  auto cq = consume_queues_.Find(topic, queue_id);
  return cq ? cq->GetOffsetInQueueByTime(timestamp, boundary, commit_log_) : 0;
}

int64_t MessageStore::GetCommitLogOffsetInQueue(std::string_view topic, int32_t queue_id, int64_t queue_offset) const {
  auto cq = consume_queues_.Find(topic, queue_id);
  if (!cq) return -1;
  auto e = cq->GetEntry(queue_offset);
  return e && !e->IsFiller() ? e->commit_log_offset : -1;
}

std::optional<SelectedRecord> MessageStore::LookMessageByOffset(int64_t commit_log_offset) const {
  return commit_log_.SelectRecord(commit_log_offset);
}

QueryMessageResult MessageStore::QueryMessage(std::string_view topic, std::string_view key, int32_t max_num,
                                              int64_t begin, int64_t end) const {
  QueryMessageResult result;
  QueryOffsetResult offsets = index_.QueryOffset(topic, key, max_num, begin, end);
  result.index_last_update_timestamp = offsets.index_last_update_timestamp;
  result.index_last_update_phy_offset = offsets.index_last_update_phy_offset;
  for (int64_t phy : offsets.phy_offsets) {
    auto record = commit_log_.SelectRecord(phy);
    if (!record) continue;
    result.buffer_total_size += static_cast<int64_t>(record->data.size());
    result.messages.push_back(std::move(*record));
  }
  return result;
}

int64_t MessageStore::GetEarliestMessageTime(std::string_view topic, int32_t queue_id) const {
  auto cq = consume_queues_.Find(topic, queue_id);
  if (!cq) return -1;
  return GetMessageStoreTimeStamp(topic, queue_id, cq->GetMinOffsetInQueue());
}

int64_t MessageStore::GetEarliestMessageTime() const { return commit_log_.PickupStoreTimestamp(commit_log_.GetMinOffset()); }

int64_t MessageStore::GetMessageStoreTimeStamp(std::string_view topic, int32_t queue_id, int64_t queue_offset) const {
  int64_t phy = GetCommitLogOffsetInQueue(topic, queue_id, queue_offset);
  return phy < 0 ? -1 : commit_log_.PickupStoreTimestamp(phy);
}

void MessageStore::DeleteTopic(std::string_view topic) {
  consume_queues_.DestroyTopic(topic);
  commit_log_.RemoveQueueOffsets(topic);
}

}  // namespace rmq::store

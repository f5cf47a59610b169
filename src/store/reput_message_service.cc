#include "store/reput_message_service.h"

#include <pthread.h>

#include "common/logging.h"
#include "common/message_format.h"

namespace rmq::store {

ReputMessageService::ReputMessageService(CommitLog& commit_log, ConsumeQueueTable& queues, IndexService& index)
    : commit_log_(commit_log), queues_(queues), index_(index) {}

ConsumeQueue& ReputMessageService::QueueFor(std::string_view topic, int32_t queue_id) {
  constexpr size_t kCacheSize = 32;
  // A queue that left the table (topic deleted, table reloaded) bumps the generation first, so
  // it is dropped here before the next record; one the table loses while this record is being
  // written is written once more, exactly as a queue FindOrCreate had just returned would be.
  // The cache shares ownership, so a kept queue is never freed under it.
  if (const uint64_t generation = queues_.generation(); generation != queue_cache_generation_) {
    queue_cache_.clear();
    queue_cache_next_ = 0;
    queue_cache_generation_ = generation;
  }
  for (const CachedQueue& cached : queue_cache_) {
    if (cached.queue_id == queue_id && cached.topic == topic) return *cached.queue;
  }
  std::shared_ptr<ConsumeQueue> queue = queues_.FindOrCreate(topic, queue_id);
  ConsumeQueue& found = *queue;
  CachedQueue entry{std::string(topic), queue_id, std::move(queue)};
  if (queue_cache_.size() < kCacheSize) {
    queue_cache_.push_back(std::move(entry));
  } else {
    queue_cache_[queue_cache_next_] = std::move(entry);
    queue_cache_next_ = (queue_cache_next_ + 1) % kCacheSize;
  }
  return found;  // the cache holds a reference until the next generation or eviction
}

bool ReputMessageService::Dispatch(const DispatchRequest& req, bool dispatch_listeners) {
  // As CommitLogDispatcherBuildConsumeQueue: PREPARED and ROLLBACK records get no entry.
  int32_t tran = sysflag::TransactionValue(req.sys_flag);
  if (tran == sysflag::kTransactionNotType || tran == sysflag::kTransactionCommitType) {
    ConsumeQueue& cq = QueueFor(req.topic, req.queue_id);
    Status s = cq.PutMessagePositionInfo(req.commit_log_offset, req.msg_size, req.tags_code, req.consume_queue_offset);
    if (!s.ok()) {
      if (!reported_cq_error_) {
        GetLogger("store")->error("consume queue entry for {}/{} offset {} not written, retrying: {}", req.topic,
                                  req.queue_id, req.consume_queue_offset, s.ToString());
        reported_cq_error_ = true;
      }
      return false;
    }
    reported_cq_error_ = false;
  }
  // An index that falls behind only costs queries by key; it does not hold up consumers.
  Status s = index_.BuildIndex(req);
  if (!s.ok()) {
    GetLogger("store")->error("index keys for CommitLog offset {} not written: {}", req.commit_log_offset, s.ToString());
  }
  last_store_timestamp_.store(req.store_timestamp, std::memory_order_release);
  if (dispatch_listeners) {
    for (const auto& listener : listeners_) listener(req);
  }
  return true;
}

int64_t ReputMessageService::DoReput(bool dispatch_listeners) {
  int64_t dispatched = 0;
  DispatchRequest req;
  while (true) {
    int64_t from = reput_from_offset();
    if (from < commit_log_.GetMinOffset()) {
      // The files under us were deleted by cleanup; continue from what is left.
      set_reput_from_offset(commit_log_.GetMinOffset());
      continue;
    }
    auto data = commit_log_.GetData(from);
    if (!data) break;
    std::string_view bytes = data->data;
    int64_t offset = from;
    bool advanced = false;
    while (!bytes.empty()) {
      auto r = commit_log_.CheckRecord(bytes, offset, false, &req);
      if (r == CommitLog::CheckResult::kValid) {
        if (!Dispatch(req, dispatch_listeners)) return dispatched;
        offset += req.msg_size;
        bytes.remove_prefix(static_cast<size_t>(req.msg_size));
        set_reput_from_offset(offset);
        ++dispatched;
        advanced = true;
      } else if (r == CommitLog::CheckResult::kBlank) {
        set_reput_from_offset(commit_log_.RollNextFile(offset));
        advanced = true;
        break;
      } else {
        // Published bytes are complete records; this is a bug or outside interference.
        if (!reported_stuck_) {
          GetLogger("store")->error("dispatch found no valid record at CommitLog offset {}; waiting", offset);
          reported_stuck_ = true;
        }
        return dispatched;
      }
    }
    if (!advanced) break;
  }
  reported_stuck_ = false;
  return dispatched;
}

void ReputMessageService::Start() {
  thread_.Start(std::chrono::milliseconds(1), [this] {
    // Named so per-thread CPU figures (/proc/PID/task/*/comm, perf) tell the dispatch thread apart.
    thread_local bool named = (pthread_setname_np(pthread_self(), "store-dispatch"), true);
    (void)named;
    DoReput(true);
  });
}

void ReputMessageService::Shutdown() {
  thread_.Stop();
  DoReput(true);
}

}  // namespace rmq::store

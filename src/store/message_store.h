// MessageStore: the store behind one facade — CommitLog, ConsumeQueues, IndexFiles, dispatch,
// flush, checkpoint/abort recovery and cleanup under storePathRootDir (reference/storage.md).
// The broker owns one. Thread-safe: appends, reads and queries may come from any thread; the
// store runs its own threads (allocator, dispatch, flush, group commit, ConsumeQueue flush,
// cleanup) between Start() and Shutdown().
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "common/message.h"
#include "common/status.h"
#include "store/allocate_mapped_file_service.h"
#include "store/clean_service.h"
#include "store/commit_log.h"
#include "store/consume_queue_table.h"
#include "store/delay_level_table.h"
#include "store/dispatch_request.h"
#include "store/flush_commit_log_service.h"
#include "store/flush_consume_queue_service.h"
#include "store/get_message_result.h"
#include "store/group_commit_service.h"
#include "store/index_service.h"
#include "store/put_message_result.h"
#include "store/reput_message_service.h"
#include "store/store_checkpoint.h"
#include "store/store_config.h"

namespace rmq::store {

// What Load() found and did, for logs and tests.
struct RecoveryInfo {
  bool last_exit_ok = true;
  int64_t commit_log_end = 0;      // CommitLog offset after truncation
  int64_t scanned_bytes = 0;       // CommitLog bytes validated
  int64_t redispatched = 0;        // records dispatched again to ConsumeQueues and the index
  int64_t elapsed_ms = 0;
};

class MessageStore {
 public:
  using PutCallback = std::function<void(PutMessageResult)>;

  // Copies `config`. Nothing touches the disk until Load().
  explicit MessageStore(const StoreConfig& config);
  // Shuts down if still running.
  ~MessageStore();
  MessageStore(const MessageStore&) = delete;
  MessageStore& operator=(const MessageStore&) = delete;

  // Opens the files and recovers: normally (no abort file) trusting the checkpoint, else
  // validating the CommitLog tail, truncating at the first invalid record and rebuilding the
  // ConsumeQueues and index to match. Corruption when files have the wrong size.
  Status Load();
  // Takes the store lock (Unavailable if another process holds it), creates the abort file and
  // starts the threads. REQUIRES: Load() succeeded.
  Status Start();
  // Stops accepting writes, drains dispatch, flushes everything, writes the checkpoint and removes
  // the abort file (only when all data was made durable and dispatched). Idempotent.
  void Shutdown();

  // REQUIRES: before Start(). Called for every new record on the dispatch thread (during
  // Shutdown, for the last records, on the thread calling Shutdown), at most about 1 ms after the
  // append.
  void AddDispatchListener(DispatchListener listener);

  // Appends one message (msg: topic, queue_id, flag, body, properties, sys_flag, born timestamp
  // and host, reconsume_times, prepared_transaction_offset). `done` runs exactly once: at once
  // under ASYNC_FLUSH (or for WAIT=false, or on error), else when group commit made the bytes
  // durable (kPutOk) or after syncFlushTimeout (kFlushDiskTimeout). It may run on a store thread.
  void AsyncPutMessage(const MessageExt& msg, PutCallback done);
  // Appends a batch: batch.body holds the elements of a SEND_BATCH_MESSAGE body.
  void AsyncPutMessages(const MessageExt& batch, PutCallback done);
  // Blocking forms of the above, for tools and tests (the broker uses the async ones).
  PutMessageResult PutMessage(const MessageExt& msg);
  PutMessageResult PutMessages(const MessageExt& batch);

  // The pull path (DefaultMessageStore#getMessage): up to `max_msg_nums` records of topic/queue
  // from queue `offset` that pass `filter` (null = all), as views into the mapped files.
  GetMessageResult GetMessage(std::string_view group, std::string_view topic, int32_t queue_id, int64_t offset,
                              int32_t max_msg_nums, const TagHashFilter* filter = nullptr) const;
  // One past the newest entry of the queue (0 for an unknown queue).
  int64_t GetMaxOffsetInQueue(std::string_view topic, int32_t queue_id) const;
  int64_t GetMinOffsetInQueue(std::string_view topic, int32_t queue_id) const;
  // SEARCH_OFFSET_BY_TIMESTAMP; see ConsumeQueue::GetOffsetInQueueByTime.
  int64_t GetOffsetInQueueByTime(std::string_view topic, int32_t queue_id, int64_t timestamp,
                                 BoundaryType boundary = BoundaryType::kLower) const;
  // CommitLog offset of the entry at `queue_offset`, or -1.
  int64_t GetCommitLogOffsetInQueue(std::string_view topic, int32_t queue_id, int64_t queue_offset) const;
  // The whole record at a CommitLog offset (VIEW_MESSAGE_BY_ID), or nullopt.
  std::optional<SelectedRecord> LookMessageByOffset(int64_t commit_log_offset) const;
  // Records whose index key is topic#key, stored within [begin, end] ms, newest first, at most
  // min(max_num, maxMsgsNumBatch). Callers drop the hash collisions by comparing the key.
  QueryMessageResult QueryMessage(std::string_view topic, std::string_view key, int32_t max_num, int64_t begin,
                                  int64_t end) const;
  // Store time of the oldest message of the queue, or -1.
  int64_t GetEarliestMessageTime(std::string_view topic, int32_t queue_id) const;
  // Store time of the oldest record in the CommitLog, or -1.
  int64_t GetEarliestMessageTime() const;
  // Store time of the message at a queue offset, or -1.
  int64_t GetMessageStoreTimeStamp(std::string_view topic, int32_t queue_id, int64_t queue_offset) const;

  int64_t GetMinPhyOffset() const { return commit_log_.GetMinOffset(); }
  int64_t GetMaxPhyOffset() const { return commit_log_.GetMaxOffset(); }
  // CommitLog bytes written but not yet in the ConsumeQueues.
  int64_t DispatchBehindBytes() const { return reput_.behind(); }
  // Drops the ConsumeQueues of a deleted topic (its records age out of the CommitLog normally).
  void DeleteTopic(std::string_view topic);

  // Cleanup: what the admin command deleteExpiredCommitLog does, and one pass on demand (the
  // cleanup thread runs one every cleanResourceInterval).
  void ExecuteDeleteFilesManually() { clean_.ExecuteDeleteFilesManually(); }
  int CleanOnce(int64_t now_ms) { return clean_.RunOnce(now_ms); }
  void set_disk_probe(CleanService::DiskProbe probe) { clean_.set_disk_probe(std::move(probe)); }

  // False after a failed flush (fail-stop) or while the disk is full; `WriteRefusedReason` says why.
  bool IsWriteable() const;
  std::string WriteRefusedReason() const;

  const StoreConfig& config() const { return config_; }
  const RecoveryInfo& recovery_info() const { return recovery_; }
  const StoreCheckpoint& checkpoint() const { return checkpoint_; }

 private:
  // Checks, appends, and tells whether the sender waits for durability (WAIT property).
  PutMessageResult Append(const MessageExt& msg, bool batch, bool* wait_store_msg_ok);
  void AsyncPut(const MessageExt& msg, bool batch, PutCallback done);
  PutMessageResult Put(const MessageExt& msg, bool batch);
  // Checks before an append; nullopt when it may go ahead.
  std::optional<PutMessageResult> CheckBeforePut(const MessageExt& msg) const;
  // Completes `done` with `result` once durable as the flush mode requires.
  void HandleDiskFlush(PutMessageResult result, bool wait_store_msg_ok, PutCallback done);
  void OnFlushFailure(const Status& status);
  Status Recover(bool last_exit_ok);

  const StoreConfig config_;
  DelayLevelTable delay_levels_;
  AllocateMappedFileService allocator_;
  StoreCheckpoint checkpoint_;
  CommitLog commit_log_;
  ConsumeQueueTable consume_queues_;
  IndexService index_;
  ReputMessageService reput_;
  GroupCommitService group_commit_;
  FlushCommitLogService flush_commit_log_;
  FlushConsumeQueueService flush_consume_queue_;
  CleanService clean_;

  RecoveryInfo recovery_;
  bool loaded_ = false;
  std::atomic<bool> running_{false};
  std::atomic<bool> flush_failed_{false};
  std::atomic<int> appends_in_flight_{0};
  mutable std::mutex mutex_;          // serializes Start/Shutdown
  int lock_fd_ = -1;                  // Guarded by mutex_.
  mutable std::mutex failure_mutex_;  // never held while calling out
  std::string flush_failure_;         // Guarded by failure_mutex_.
};

}  // namespace rmq::store

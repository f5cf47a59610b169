// CommitLog: the append-only log of message records (reference/message-format.md §1) over a
// MappedFileQueue, with the per topic-queue offset table. Owned by MessageStore. Thread-safe:
// appends serialize on one writer lock whose critical section is only "assign offsets and store
// timestamp, encode the records (lengths and body CRCs computed before) straight into the mapped
// file"; reads and flushes run beside it.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/message.h"
#include "common/status.h"
#include "store/delay_level_table.h"
#include "store/dispatch_request.h"
#include "store/mapped_file_queue.h"
#include "store/put_message_result.h"
#include "store/store_clock.h"
#include "store/store_config.h"

namespace rmq::store {

// Bytes of the CommitLog pinned in memory: `data` stays valid while `file` is held.
struct SelectedRecord {
  std::shared_ptr<MappedFile> file;
  std::string_view data;
  int64_t offset = 0;  // CommitLog offset of data[0]
};

class CommitLog {
 public:
  // `config`, `delay_levels` and `allocator` (nullable) must outlive the CommitLog.
  CommitLog(const StoreConfig& config, const DelayLevelTable& delay_levels, AllocateMappedFileService* allocator);

  Status Load();

  // Appends one record built from `msg` (topic, queue_id, flag, body, properties, sys_flag, born
  // timestamp/host, reconsume times, prepared offset; the store sets BODYCRC, offsets, store time
  // and store host). Never blocks on disk except when a new file must be created on the spot.
  PutMessageResult AppendMessage(const MessageExt& msg);
  // Appends the elements of a batch body (msg.body, message_codec.h BatchElement) as consecutive
  // records of msg.topic/msg.queue_id in one critical section; never split across files.
  PutMessageResult AppendMessages(const MessageExt& batch);

  // Asks the allocator to create (and warm) the file the next append will roll into, when the
  // CommitLog is empty or its last file is full.
  void PrepareNextFile();

  // The record at `offset` (its TOTALSIZE read from the file), or nullopt if not readable there.
  std::optional<SelectedRecord> SelectRecord(int64_t offset) const;
  // `size` bytes at `offset`, or nullopt.
  std::optional<SelectedRecord> SelectRecord(int64_t offset, int32_t size) const;
  // From `offset` to the end of the written part of its file (what the dispatcher walks).
  std::optional<SelectedRecord> GetData(int64_t offset) const;

  enum class CheckResult { kValid, kBlank, kInvalid };
  // Validates the record at the start of `data`, expected at CommitLog `offset` (as
  // CommitLog#checkMessageAndReturnSize, plus PHYSICALOFFSET must equal `offset`). On kValid fills
  // `out` (views into `data`); on kBlank the file ends here.
  CheckResult CheckRecord(std::string_view data, int64_t offset, bool check_crc, DispatchRequest* out) const;

  int64_t GetMinOffset() const { return queue_.GetMinOffset(); }
  // End of the readable (completely written) CommitLog.
  int64_t GetMaxOffset() const { return queue_.GetMaxOffset(); }
  int64_t RollNextFile(int64_t offset) const { return offset + file_size_ - offset % file_size_; }
  int64_t file_size() const { return file_size_; }
  MappedFileQueue& queue() { return queue_; }
  const MappedFileQueue& queue() const { return queue_; }

  // REQUIRES: one flusher at a time (the flush services serialize through MessageStore).
  Status Flush(int least_pages) { return queue_.Flush(least_pages); }
  Status FlushUntil(int64_t offset) { return queue_.FlushUntil(offset); }
  int64_t flushed_where() const { return queue_.flushed_where(); }
  // STORETIMESTAMP of the newest appended record (0 before the first).
  int64_t last_store_timestamp() const { return last_store_timestamp_.load(std::memory_order_acquire); }
  // STORETIMESTAMP of the record at `offset`, or -1.
  int64_t PickupStoreTimestamp(int64_t offset) const;

  // Validates records forward and truncates at the first invalid one. Normal: from the third-last
  // file. Abnormal: from the newest file whose first record is valid and stored at or before
  // `min_timestamp`. Returns the new end; `dispatch_from` gets the offset where re-dispatch must
  // begin, `scanned_bytes` how much was validated.
  int64_t Recover(bool abnormal, int64_t min_timestamp, int64_t* dispatch_from, int64_t* scanned_bytes);

  // Next queue offset per "topic-queueId", rebuilt by recovery from the ConsumeQueues.
  void SetQueueOffset(std::string_view topic, int32_t queue_id, int64_t next_offset);
  int64_t GetQueueOffset(std::string_view topic, int32_t queue_id) const;
  void RemoveQueueOffsets(std::string_view topic);

  // The tagsCode a record gets in its ConsumeQueue (storage.md §3.2).
  int64_t ComputeTagsCode(std::string_view topic, std::string_view properties, int64_t store_timestamp) const;

 private:
  struct Encoded;
  PutMessageResult AppendEncoded(Encoded& enc);
  // The next queue offset of topic-queueId (0 for a new queue). REQUIRES: put_mutex_ held.
  int64_t& NextQueueOffsetLocked(std::string_view topic, int32_t queue_id);

  // Hash of the offset table's keys that also accepts a string_view, so lookups need no string.
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view key) const { return std::hash<std::string_view>()(key); }
  };
  // Next queue offsets of one topic: queue ids below kDenseQueueIds (all in practice) by index,
  // any larger one in a map, so a huge queue id cannot make the table huge.
  static constexpr int32_t kDenseQueueIds = 1024;
  struct TopicQueueOffsets {
    std::vector<int64_t> dense;
    std::unordered_map<int32_t, int64_t> sparse;
  };

  const StoreConfig& config_;
  const DelayLevelTable& delay_levels_;
  AllocateMappedFileService* const allocator_;
  const int64_t file_size_;
  MappedFileQueue queue_;
  mutable std::mutex put_mutex_;
  // Next queue offset per topic and queue id, rebuilt by recovery. Guarded by put_mutex_.
  std::unordered_map<std::string, TopicQueueOffsets, KeyHash, std::equal_to<>> queue_offsets_;
  std::shared_ptr<MappedFile> current_;                      // Guarded by put_mutex_; the file appended to.
  StoreClock clock_;                                         // Guarded by put_mutex_.
  std::atomic<int64_t> last_store_timestamp_{0};
};

}  // namespace rmq::store

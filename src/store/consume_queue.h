// ConsumeQueue: the per topic/queue index of 20-byte entries (CommitLog offset, size, tagsCode;
// reference/storage.md §3) over a MappedFileQueue in consumequeue/<topic>/<queueId>/. Owned by
// ConsumeQueueTable. Thread-safe for one writer (the dispatch thread, or recovery before the store
// starts), any number of readers and one flusher.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "common/status.h"
#include "store/mapped_file_queue.h"

namespace rmq::store {

class CommitLog;

inline constexpr int32_t kConsumeQueueUnitSize = 20;
// Size of the filler entries written before the first real entry of a queue created late.
inline constexpr int32_t kFillerEntrySize = 0x7FFFFFFF;

enum class BoundaryType { kLower, kUpper };

struct ConsumeQueueEntry {
  int64_t commit_log_offset = 0;
  int32_t size = 0;
  int64_t tags_code = 0;
  bool IsFiller() const { return size == kFillerEntrySize; }
};

// Consecutive entries pinned in memory, starting at queue offset `start_offset`.
struct ConsumeQueueBuffer {
  std::shared_ptr<MappedFile> file;
  const char* data = nullptr;
  int32_t count = 0;
  int64_t start_offset = 0;
  ConsumeQueueEntry At(int32_t i) const;
};

class ConsumeQueue {
 public:
  // `root_dir` is the consumequeue/ directory; `allocator` (nullable) must outlive this.
  ConsumeQueue(std::string topic, int32_t queue_id, const std::string& root_dir, int64_t file_size,
               AllocateMappedFileService* allocator);

  const std::string& topic() const { return topic_; }
  int32_t queue_id() const { return queue_id_; }

  Status Load() { return queue_.Load(); }
  // As ConsumeQueue#recover: from the third-last file, keep entries up to the first invalid one.
  void Recover();

  // Writes the entry for queue offset `queue_offset`. A record already covered (its end at or
  // below max_physic_offset, or its slot already written) is skipped, so re-dispatch is harmless.
  // A queue that starts late is padded with filler entries (fillPreBlank).
  Status PutMessagePositionInfo(int64_t commit_log_offset, int32_t size, int64_t tags_code, int64_t queue_offset);

  int64_t GetMinOffsetInQueue() const;
  // One past the last entry.
  int64_t GetMaxOffsetInQueue() const { return queue_.GetMaxOffset() / kConsumeQueueUnitSize; }
  // End (offset + size) of the newest CommitLog record referenced here.
  int64_t max_physic_offset() const { return max_physic_offset_.load(std::memory_order_acquire); }

  std::optional<ConsumeQueueEntry> GetEntry(int64_t queue_offset) const;
  // Entries from `queue_offset` to the end of the written part of its file; nullopt when that
  // offset is not (or no longer) stored.
  std::optional<ConsumeQueueBuffer> GetIndexBuffer(int64_t queue_offset) const;
  // Queue offset of the first entry of the file after the one holding `queue_offset`.
  int64_t RollNextFile(int64_t queue_offset) const;

  // kLower: the first offset whose message was stored at or after `timestamp` (max offset if none);
  // kUpper: the last offset stored at or before it (min offset if none). Binary search, then a
  // walk to the boundary of equal store times.
  int64_t GetOffsetInQueueByTime(int64_t timestamp, BoundaryType boundary, const CommitLog& commit_log) const;

  // Recovery: drop entries referencing CommitLog offsets >= `commit_log_offset`.
  void TruncateDirtyLogicFiles(int64_t commit_log_offset);
  // Cleanup: delete files whose last entry is below `commit_log_min_offset`, then move the minimum.
  int DeleteExpiredFiles(int64_t commit_log_min_offset);
  void CorrectMinOffset(int64_t commit_log_min_offset);

  Status Flush(int least_pages) { return queue_.Flush(least_pages); }
  void Destroy() { queue_.DestroyAll(); }
  MappedFileQueue& queue() { return queue_; }

 private:
  Status WriteEntry(int64_t logic_position, const char* entry);

  const std::string topic_;
  const int32_t queue_id_;
  const int64_t file_size_;
  MappedFileQueue queue_;
  std::atomic<int64_t> min_logic_offset_{0};  // in bytes of queue space
  std::atomic<int64_t> max_physic_offset_{-1};
};

}  // namespace rmq::store

// IndexService: the IndexFiles under index/, building `topic#key` and `topic#UNIQ_KEY` entries
// for dispatched records and answering queries by key (reference/storage.md §4.5, §4.6). Owned by
// MessageStore. Thread-safe: one shared_mutex, exclusive for writes and deletion, shared for
// queries.
#pragma once

#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "store/dispatch_request.h"
#include "store/index_file.h"
#include "store/store_checkpoint.h"
#include "store/store_config.h"

namespace rmq::store {

struct QueryOffsetResult {
  std::vector<int64_t> phy_offsets;  // newest first; may include other keys with the same hash
  int64_t index_last_update_timestamp = 0;
  int64_t index_last_update_phy_offset = 0;
};

class IndexService {
 public:
  // `config` and `checkpoint` must outlive the service.
  IndexService(const StoreConfig& config, StoreCheckpoint& checkpoint);

  // Opens index/ files in name order; after an unclean stop (`last_exit_ok` false) deletes those
  // newer than the checkpoint's index timestamp, as IndexService#load.
  Status Load(bool last_exit_ok);

  // Indexes the record's UNIQ_KEY and each KEYS piece. Records already indexed (offset below the
  // current file's end offset) and ROLLBACK records are skipped. An error leaves the index behind.
  Status BuildIndex(const DispatchRequest& req);

  // maxNum = min(max_num, maxMsgsNumBatch); files newest first.
  QueryOffsetResult QueryOffset(std::string_view topic, std::string_view key, int max_num, int64_t begin,
                                int64_t end) const;

  // Recovery: deletes files that reference CommitLog offsets at or beyond `commit_log_offset`.
  void DeleteFilesBeyond(int64_t commit_log_offset);
  // Lowest CommitLog offset indexed by a file deleted by Load or DeleteFilesBeyond (INT64_MAX if
  // none): dispatch must start there for the index to be complete again.
  int64_t rebuild_from() const { return rebuild_from_; }
  // Cleanup: deletes files (never the last) whose end offset is below `commit_log_min_offset`.
  int DeleteExpiredFiles(int64_t commit_log_min_offset);

  Status FlushAll();
  void Destroy();
  size_t file_count() const;

 private:
  // The last file, a new one if there is none or it is full. REQUIRES: mutex_ held exclusively.
  Result<IndexFile*> LastFileForWrite();

  const StoreConfig& config_;
  StoreCheckpoint& checkpoint_;
  mutable std::shared_mutex mutex_;
  std::vector<std::unique_ptr<IndexFile>> files_;  // Guarded by mutex_.
  // "topic#key" of the key being indexed, reused: a string built per key was an allocation per
  // dispatched message with a UNIQ_KEY. Guarded by mutex_ (held exclusively while indexing).
  std::string key_buffer_;
  int64_t rebuild_from_ = INT64_MAX;               // Set during load and recovery only.
};

}  // namespace rmq::store

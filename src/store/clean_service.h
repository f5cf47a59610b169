// CleanService: deletes expired CommitLog files (fileReservedTime hours old, at deleteWhen hours,
// at once above diskMaxUsedSpaceRatio, regardless of age above diskSpaceCleanForciblyRatio), then
// the ConsumeQueue and index files that only point below the new CommitLog minimum, and raises
// the disk-full flag above diskSpaceWarningLevelRatio (reference/storage.md §8).
// Owned by MessageStore; thread-safe. The disk probe and the clock can be replaced by tests.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

#include "common/status.h"
#include "store/commit_log.h"
#include "store/consume_queue_table.h"
#include "store/index_service.h"
#include "store/periodic_thread.h"
#include "store/store_config.h"

namespace rmq::store {

struct DiskUsage {
  int64_t total_bytes = 0;  // used + available to this process (root's reserve left out, as df)
  int64_t free_bytes = 0;  // available to this process
  double used_ratio() const { return total_bytes <= 0 ? 0 : 1.0 - static_cast<double>(free_bytes) / total_bytes; }
};

// statvfs of the partition holding `path`.
Result<DiskUsage> ProbeDiskUsage(const std::string& path);

class CleanService {
 public:
  using DiskProbe = std::function<Result<DiskUsage>(const std::string& path)>;

  // References must outlive the service.
  CleanService(const StoreConfig& config, CommitLog& commit_log, ConsumeQueueTable& queues, IndexService& index);

  void set_disk_probe(DiskProbe probe);
  void Start();
  void Shutdown() { thread_.Stop(); }

  // One pass at wall-clock time `now_ms`. Returns the number of CommitLog files deleted.
  int RunOnce(int64_t now_ms);
  // As the admin command deleteExpiredCommitLog: the next 20 passes delete expired files.
  void ExecuteDeleteFilesManually() { manual_delete_left_.store(20); }

  // Empty while writes are allowed; otherwise why they are refused (free space, reclaimable space,
  // threshold).
  std::string DiskFullReason() const;
  bool disk_full() const { return disk_full_.load(std::memory_order_acquire); }

 private:
  bool IsTimeToDelete(int64_t now_ms) const;
  int64_t ReclaimableBytes(int64_t now_ms) const;

  const StoreConfig& config_;
  CommitLog& commit_log_;
  ConsumeQueueTable& queues_;
  IndexService& index_;
  std::mutex run_mutex_;          // one pass at a time (the thread, or CleanOnce from the facade)
  std::mutex mutex_;
  DiskProbe probe_;              // Guarded by mutex_.
  std::string disk_full_reason_;  // Guarded by mutex_.
  mutable std::mutex reason_mutex_;
  std::atomic<bool> disk_full_{false};
  std::atomic<int> manual_delete_left_{0};
  PeriodicThread thread_;
};

}  // namespace rmq::store

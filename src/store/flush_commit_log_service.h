// FlushCommitLogService: ASYNC_FLUSH. Every flushIntervalCommitLog ms it flushes the CommitLog if
// at least flushCommitLogLeastPages pages are dirty, and everything every
// flushCommitLogThoroughInterval ms (CommitLog.FlushRealTimeService), then records the newest
// durable store time in the checkpoint. A failed msync is reported to `on_failure` (fail-stop).
// Owned by MessageStore; thread-safe.
#pragma once

#include <chrono>
#include <functional>

#include "common/status.h"
#include "store/commit_log.h"
#include "store/periodic_thread.h"
#include "store/store_checkpoint.h"
#include "store/store_config.h"

namespace rmq::store {

class FlushCommitLogService {
 public:
  // References must outlive the service.
  FlushCommitLogService(const StoreConfig& config, CommitLog& commit_log, StoreCheckpoint& checkpoint,
                        std::function<void(const Status&)> on_failure);

  void Start();
  void Shutdown() { thread_.Stop(); }
  // One flush round; `thorough` ignores flushCommitLogLeastPages. Public for shutdown and tests.
  Status FlushOnce(bool thorough);

 private:
  const StoreConfig& config_;
  CommitLog& commit_log_;
  StoreCheckpoint& checkpoint_;
  std::function<void(const Status&)> on_failure_;
  std::chrono::steady_clock::time_point last_thorough_;
  bool failed_ = false;  // Only touched by the flushing thread.
  PeriodicThread thread_;
};

}  // namespace rmq::store

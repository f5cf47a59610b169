// GroupCommitService: SYNC_FLUSH. Appends register "durable up to offset N" requests; one thread
// flushes the CommitLog for all pending requests at once (group commit) and completes each through
// its callback with kPutOk; a watcher thread completes requests still pending after
// syncFlushTimeout with kFlushDiskTimeout even while an msync hangs (FlushDiskWatcher). No thread
// waits per request. A failed msync is fail-stop: every pending and later request completes with
// kFlushDiskFailed and `on_failure` tells the store to refuse writes.
// Owned by MessageStore; thread-safe. Each callback runs exactly once, on a service thread (or on
// the caller's thread when the service has failed or stopped).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "common/status.h"
#include "store/commit_log.h"
#include "store/periodic_thread.h"
#include "store/put_message_result.h"
#include "store/store_checkpoint.h"

namespace rmq::store {

class GroupCommitService {
 public:
  using Done = std::function<void(PutMessageStatus)>;
  using Clock = std::chrono::steady_clock;

  // References must outlive the service.
  GroupCommitService(CommitLog& commit_log, StoreCheckpoint& checkpoint, std::chrono::milliseconds timeout,
                     std::function<void(const Status&)> on_failure);

  void Start();
  // Completes `done` once CommitLog bytes below `next_offset` are durable, or at the deadline.
  void Submit(int64_t next_offset, Done done);
  // Asks for a flush without waiting for it (WAIT=false appends).
  void Wakeup() { thread_.Wakeup(); }
  // Flushes once more, completes every pending request, stops the threads.
  void Shutdown();

 private:
  struct Request {
    int64_t next_offset = 0;
    Clock::time_point deadline;
    Done done;
    std::atomic<bool> completed{false};
  };
  static void Complete(Request& r, PutMessageStatus status) {
    if (!r.completed.exchange(true)) r.done(status);
  }
  // One round: flush for all pending requests, complete those that are durable or overdue.
  void DoCommit();
  // Completes overdue requests (runs beside DoCommit, so a hanging msync cannot hold them).
  void Watch();
  std::vector<std::shared_ptr<Request>> PendingSnapshot();
  void DropCompleted();

  CommitLog& commit_log_;
  StoreCheckpoint& checkpoint_;
  const std::chrono::milliseconds timeout_;
  std::function<void(const Status&)> on_failure_;
  std::mutex mutex_;
  std::vector<std::shared_ptr<Request>> pending_;  // Guarded by mutex_.
  bool failed_ = false;                            // Guarded by mutex_.
  bool stopped_ = true;                            // Guarded by mutex_.
  PeriodicThread thread_;
  PeriodicThread watcher_;
};

}  // namespace rmq::store

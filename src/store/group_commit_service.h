// GroupCommitService: SYNC_FLUSH. Appends register "durable up to offset N" requests; one thread
// flushes the CommitLog for all pending requests at once (group commit) and completes each through
// its callback with kPutOk; a watcher thread completes requests still pending after
// syncFlushTimeout with kFlushDiskTimeout even while an msync hangs (FlushDiskWatcher). No thread
// waits per request. A failed msync is fail-stop: every pending and later request completes with
// kFlushDiskFailed and `on_failure` tells the store to refuse writes.
// Before a flush the thread waits (at most kGatherLimit) until as many requests are pending as the
// previous flush covered: appenders answered by that flush come back within microseconds, and a
// flush started on the first of them would leave the rest for the next one, halving the group.
// Owned by MessageStore; thread-safe. Each callback runs exactly once, on a service thread (or on
// the caller's thread when the service has failed or stopped).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
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
  // Measured with store_bench's SYNC_FLUSH cases (docs/store.md, "Group commit").
  static constexpr std::chrono::microseconds kGatherLimit{500};

  // References must outlive the service. `gather_limit` bounds the wait for a full group.
  GroupCommitService(CommitLog& commit_log, StoreCheckpoint& checkpoint, std::chrono::milliseconds timeout,
                     std::function<void(const Status&)> on_failure,
                     std::chrono::microseconds gather_limit = kGatherLimit);

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
  // Waits until as many requests are pending as the last flush covered, or gather_limit_.
  void Gather();
  // Completes overdue requests (runs beside DoCommit, so a hanging msync cannot hold them).
  void Watch();
  std::vector<std::shared_ptr<Request>> PendingSnapshot();
  void DropCompleted();

  CommitLog& commit_log_;
  StoreCheckpoint& checkpoint_;
  const std::chrono::milliseconds timeout_;
  const std::chrono::microseconds gather_limit_;
  std::function<void(const Status&)> on_failure_;
  std::mutex mutex_;
  std::vector<std::shared_ptr<Request>> pending_;  // Guarded by mutex_.
  bool failed_ = false;                            // Guarded by mutex_.
  size_t gather_target_ = 0;                       // Guarded by mutex_; 0: nobody is waiting.
  size_t last_group_ = 0;                          // Requests the last flush covered (thread_ only).
  std::condition_variable gathered_;
  bool stopped_ = true;                            // Guarded by mutex_.
  PeriodicThread thread_;
  PeriodicThread watcher_;
};

}  // namespace rmq::store

// GroupCommitService: SYNC_FLUSH. Appends register "durable up to offset N" requests; one thread
// flushes the CommitLog for all pending requests at once (group commit) and completes each through
// its callback with kPutOk, or kFlushDiskTimeout once syncFlushTimeout has passed. No thread waits
// per request. A failed msync is fail-stop: every pending and later request completes with
// kFlushDiskFailed and `on_failure` tells the store to refuse writes.
// Owned by MessageStore; thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
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
  // Completes `done` (on the service thread, or on the caller's if the service has failed or
  // stopped) once CommitLog bytes below `next_offset` are durable.
  void Submit(int64_t next_offset, Done done);
  // Flushes once more, completes every pending request, stops the thread.
  void Shutdown();

 private:
  struct Request {
    int64_t next_offset;
    Clock::time_point deadline;
    Done done;
  };
  // One round: flush for all pending requests, complete those that are durable or overdue.
  void DoCommit();

  CommitLog& commit_log_;
  StoreCheckpoint& checkpoint_;
  const std::chrono::milliseconds timeout_;
  std::function<void(const Status&)> on_failure_;
  std::mutex mutex_;
  std::vector<Request> requests_;  // Guarded by mutex_.
  bool failed_ = false;            // Guarded by mutex_.
  bool stopped_ = true;            // Guarded by mutex_.
  std::vector<Request> waiting_;   // Only touched by the service thread (and Shutdown after it).
  PeriodicThread thread_;
};

}  // namespace rmq::store

#include "store/group_commit_service.h"

#include "common/logging.h"

namespace rmq::store {

GroupCommitService::GroupCommitService(CommitLog& commit_log, StoreCheckpoint& checkpoint,
                                       std::chrono::milliseconds timeout, std::function<void(const Status&)> on_failure)
    : commit_log_(commit_log), checkpoint_(checkpoint), timeout_(timeout), on_failure_(std::move(on_failure)) {}

void GroupCommitService::Start() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopped_ = false;
  }
  // As GroupCommitService: wake every 10 ms or when a request arrives.
  thread_.Start(std::chrono::milliseconds(10), [this] { DoCommit(); });
}

void GroupCommitService::Submit(int64_t next_offset, Done done) {
  PutMessageStatus immediate;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!failed_ && !stopped_) {
      requests_.push_back(Request{next_offset, Clock::now() + timeout_, std::move(done)});
      thread_.Wakeup();
      return;
    }
    immediate = failed_ ? PutMessageStatus::kFlushDiskFailed : PutMessageStatus::kServiceNotAvailable;
  }
  done(immediate);
}

void GroupCommitService::DoCommit() {
  bool failed;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& r : requests_) waiting_.push_back(std::move(r));
    requests_.clear();
    failed = failed_;
  }
  if (waiting_.empty()) return;
  if (!failed) {
    int64_t target = 0;
    for (const auto& r : waiting_) target = std::max(target, r.next_offset);
    // What is written now is covered by this flush, so its newest store time goes to the checkpoint.
    const int64_t ts = commit_log_.last_store_timestamp();
    target = std::max(target, commit_log_.GetMaxOffset());
    Status s = commit_log_.FlushUntil(target);
    if (!s.ok()) {
      GetLogger("store")->error("CommitLog flush failed, the store stops accepting messages: {}", s.ToString());
      {
        std::lock_guard<std::mutex> lock(mutex_);
        failed_ = true;
      }
      failed = true;
      on_failure_(s);
    } else if (commit_log_.flushed_where() >= target && ts > 0) {
      checkpoint_.set_physic_msg_timestamp(ts);
    }
  }
  const int64_t flushed = commit_log_.flushed_where();
  const auto now = Clock::now();
  std::vector<Request> still_waiting;
  for (auto& r : waiting_) {
    if (failed) {
      r.done(PutMessageStatus::kFlushDiskFailed);
    } else if (flushed >= r.next_offset) {
      r.done(PutMessageStatus::kPutOk);
    } else if (now >= r.deadline) {
      r.done(PutMessageStatus::kFlushDiskTimeout);
    } else {
      still_waiting.push_back(std::move(r));
    }
  }
  waiting_ = std::move(still_waiting);
}

void GroupCommitService::Shutdown() {
  thread_.Stop();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopped_ = true;
  }
  DoCommit();
  for (auto& r : waiting_) r.done(PutMessageStatus::kFlushDiskTimeout);
  waiting_.clear();
}

}  // namespace rmq::store

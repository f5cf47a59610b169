#include "store/group_commit_service.h"

#include <algorithm>

#include "common/logging.h"

namespace rmq::store {

GroupCommitService::GroupCommitService(CommitLog& commit_log, StoreCheckpoint& checkpoint,
                                       std::chrono::milliseconds timeout, std::function<void(const Status&)> on_failure,
                                       std::chrono::microseconds gather_limit)
    : commit_log_(commit_log),
      checkpoint_(checkpoint),
      timeout_(timeout),
      gather_limit_(gather_limit),
      on_failure_(std::move(on_failure)) {}

void GroupCommitService::Start() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopped_ = false;
  }
  // As GroupCommitService: wake every 10 ms or when a request arrives.
  thread_.Start(std::chrono::milliseconds(10), [this] { DoCommit(); });
  watcher_.Start(std::chrono::milliseconds(5), [this] { Watch(); });
}

void GroupCommitService::Submit(int64_t next_offset, Done done) {
  PutMessageStatus immediate;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!failed_ && !stopped_) {
      auto r = std::make_shared<Request>();
      r->next_offset = next_offset;
      r->deadline = Clock::now() + timeout_;
      r->done = std::move(done);
      pending_.push_back(std::move(r));
      if (gather_target_ != 0 && pending_.size() >= gather_target_) gathered_.notify_one();
      thread_.Wakeup();
      return;
    }
    immediate = failed_ ? PutMessageStatus::kFlushDiskFailed : PutMessageStatus::kServiceNotAvailable;
  }
  done(immediate);
}

std::vector<std::shared_ptr<GroupCommitService::Request>> GroupCommitService::PendingSnapshot() {
  std::lock_guard<std::mutex> lock(mutex_);
  return pending_;
}

void GroupCommitService::DropCompleted() {
  std::lock_guard<std::mutex> lock(mutex_);
  pending_.erase(std::remove_if(pending_.begin(), pending_.end(), [](const auto& r) { return r->completed.load(); }),
                 pending_.end());
}

void GroupCommitService::Gather() {
  if (last_group_ <= 1) return;
  std::unique_lock<std::mutex> lock(mutex_);
  if (pending_.empty() || pending_.size() >= last_group_ || failed_ || stopped_) return;
  gather_target_ = last_group_;
  gathered_.wait_for(lock, gather_limit_, [this] { return pending_.size() >= gather_target_; });
  gather_target_ = 0;
}

void GroupCommitService::DoCommit() {
  Gather();
  auto pending = PendingSnapshot();
  bool failed;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    failed = failed_;
  }
  // Records appended with WAIT=false have no request but are flushed all the same (as upstream).
  if (pending.empty() && (failed || commit_log_.flushed_where() >= commit_log_.GetMaxOffset())) return;
  if (!failed) {
    int64_t target = 0;
    for (const auto& r : pending) target = std::max(target, r->next_offset);
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
  last_group_ = 0;
  for (auto& r : pending) {
    if (failed) {
      Complete(*r, PutMessageStatus::kFlushDiskFailed);
    } else if (flushed >= r->next_offset) {
      ++last_group_;
      Complete(*r, PutMessageStatus::kPutOk);
    } else if (now >= r->deadline) {
      Complete(*r, PutMessageStatus::kFlushDiskTimeout);
    }
  }
  DropCompleted();
}

void GroupCommitService::Watch() {
  auto pending = PendingSnapshot();
  if (pending.empty()) return;
  const auto now = Clock::now();
  bool any = false;
  for (auto& r : pending) {
    if (now >= r->deadline) {
      Complete(*r, PutMessageStatus::kFlushDiskTimeout);
      any = true;
    }
  }
  if (any) DropCompleted();
}

void GroupCommitService::Shutdown() {
  thread_.Stop();
  watcher_.Stop();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopped_ = true;
  }
  DoCommit();
  for (auto& r : PendingSnapshot()) Complete(*r, PutMessageStatus::kFlushDiskTimeout);
  DropCompleted();
}

}  // namespace rmq::store

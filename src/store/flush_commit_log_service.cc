#include "store/flush_commit_log_service.h"

#include "common/logging.h"

namespace rmq::store {

FlushCommitLogService::FlushCommitLogService(const StoreConfig& config, CommitLog& commit_log,
                                             StoreCheckpoint& checkpoint, std::function<void(const Status&)> on_failure)
    : config_(config), commit_log_(commit_log), checkpoint_(checkpoint), on_failure_(std::move(on_failure)) {}

void FlushCommitLogService::Start() {
  last_thorough_ = std::chrono::steady_clock::now();
  thread_.Start(std::chrono::milliseconds(config_.flush_interval_commit_log), [this] {
    auto now = std::chrono::steady_clock::now();
    bool thorough = now - last_thorough_ >= std::chrono::milliseconds(config_.flush_commit_log_thorough_interval);
    if (thorough) last_thorough_ = now;
    (void)FlushOnce(thorough);
  });
}

Status FlushCommitLogService::FlushOnce(bool thorough) {
  if (failed_) return IoError("an earlier CommitLog flush failed");
  const int64_t ts = commit_log_.last_store_timestamp();
  const int64_t target = commit_log_.GetMaxOffset();
  const int least_pages = thorough ? 0 : config_.flush_commit_log_least_pages;
  // Several rounds when the writer rolled into new files since the last flush.
  Status s;
  for (int i = 0; i < 64 && s.ok(); ++i) {
    int64_t before = commit_log_.flushed_where();
    s = commit_log_.Flush(least_pages);
    if (commit_log_.flushed_where() == before) break;
  }
  if (!s.ok()) {
    failed_ = true;
    GetLogger("store")->error("CommitLog flush failed, the store stops accepting messages: {}", s.ToString());
    on_failure_(s);
    return s;
  }
  if (commit_log_.flushed_where() >= target && ts > 0) checkpoint_.set_physic_msg_timestamp(ts);
  return Status::Ok();
}

}  // namespace rmq::store

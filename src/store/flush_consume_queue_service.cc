#include "store/flush_consume_queue_service.h"

#include "common/logging.h"

namespace rmq::store {

FlushConsumeQueueService::FlushConsumeQueueService(const StoreConfig& config, ConsumeQueueTable& queues,
                                                   StoreCheckpoint& checkpoint,
                                                   std::function<int64_t()> dispatched_timestamp)
    : config_(config), queues_(queues), checkpoint_(checkpoint), dispatched_timestamp_(std::move(dispatched_timestamp)) {}

void FlushConsumeQueueService::Start() {
  last_thorough_ = std::chrono::steady_clock::now();
  thread_.Start(std::chrono::milliseconds(config_.flush_interval_consume_queue), [this] {
    auto now = std::chrono::steady_clock::now();
    bool thorough = now - last_thorough_ >= std::chrono::milliseconds(config_.flush_consume_queue_thorough_interval);
    if (thorough) last_thorough_ = now;
    (void)FlushOnce(thorough);
  });
}

Status FlushConsumeQueueService::FlushOnce(bool thorough) {
  // Captured before the flush it certifies (storage.md §9).
  const int64_t ts = dispatched_timestamp_();
  Status first_error;
  queues_.ForEach([&](ConsumeQueue& cq) {
    Status s = thorough ? cq.queue().FlushUntil(cq.queue().GetMaxOffset()) : cq.Flush(config_.flush_consume_queue_least_pages);
    if (!s.ok() && first_error.ok()) first_error = s;
  });
  if (!first_error.ok()) {
    GetLogger("store")->error("ConsumeQueue flush failed: {}", first_error.ToString());
    return first_error;
  }
  if (thorough && ts > 0) checkpoint_.set_logics_msg_timestamp(ts);
  Status s = checkpoint_.Flush();
  if (!s.ok()) GetLogger("store")->error("checkpoint flush failed: {}", s.ToString());
  return s;
}

}  // namespace rmq::store

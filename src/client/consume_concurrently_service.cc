#include "client/consume_concurrently_service.h"

#include <algorithm>
#include <chrono>
#include <functional>

#include "client/message_convert.h"
#include "client/push_consumer_impl.h"
#include "common/logging.h"

namespace rocketmq::internal {

using rmq::MessageQueue;
using rmq::client::Millis;
using ProcessQueuePtr = std::shared_ptr<rmq::client::ProcessQueue>;

namespace {

constexpr int64_t kSendBackRetryDelayMs = 5000;
// A reused message keeps its body's buffer for the next one unless the buffer is this large:
// a consume thread should not pin a rare big body's memory until its next message.
constexpr size_t kKeptBodyCapacity = 64 * 1024;

void ReleaseLargeBuffers(std::vector<MQMessageExt>* msgs) {
  // Destroying the messages is the one way to free a string's buffer through the public API
  // (assigning a short string keeps it).
  bool large = std::any_of(msgs->begin(), msgs->end(),
                           [](const MQMessageExt& msg) { return msg.getBody().capacity() > kKeptBodyCapacity; });
  if (large) msgs->clear();
}

std::shared_ptr<spdlog::logger> Log() {
  static auto logger = rmq::GetLogger("client");
  return logger;
}

}  // namespace

// One pull's records, shared by the tasks consuming it; each claims the next batch with
// `next` and builds those messages itself.
struct ConsumeConcurrentlyService::PulledBatch {
  MessageQueue mq;
  ProcessQueuePtr pq;
  std::string body;                     // the pull response body; `records` view into it
  std::vector<rmq::RecordView> records;  // those whose TAGS matched, in queue order
  std::string min_text;                 // MIN_OFFSET / MAX_OFFSET of the pull
  std::string max_text;
  size_t batch = 1;
  std::atomic<size_t> next{0};     // first record not claimed yet
  std::atomic<size_t> workers{0};  // tasks submitted for this pull
};

rmq::Result<size_t> ConsumeConcurrentlyService::Dispatch(const MessageQueue& mq, ProcessQueuePtr pq, std::string body,
                                                         const std::vector<std::string>& tags_set,
                                                         int64_t min_offset, int64_t max_offset) {
  auto pulled = std::make_shared<PulledBatch>();
  pulled->body = std::move(body);
  pulled->records.reserve(static_cast<size_t>(std::max(consumer_.pull_batch_size, 1)));
  std::string_view rest = pulled->body;
  while (!rest.empty()) {
    RMQ_ASSIGN_OR_RETURN(rmq::RecordView view, rmq::ParseRecord(rest, false));
    rest.remove_prefix(static_cast<size_t>(view.total_size));
    if (rmq::client::RecordTagMatches(tags_set, view)) pulled->records.push_back(view);
  }
  const size_t count = pulled->records.size();
  if (count == 0) return count;
  // The process queue keeps offsets and sizes (flow control, the commit offset); the tasks own
  // the messages.
  pq->PutOffsets(pulled->records);
  pulled->mq = mq;
  pulled->pq = std::move(pq);
  pulled->min_text = std::to_string(min_offset);
  pulled->max_text = std::to_string(max_offset);
  pulled->batch = static_cast<size_t>(std::max(1, consumer_.consume_batch_max_size));
  pulled->workers.store(1, std::memory_order_relaxed);
  std::weak_ptr<PushConsumerImpl> weak = consumer_.weak_from_this();
  consumer_.consume_pool_->Submit([weak, pulled] {
    if (auto self = weak.lock()) self->concurrent_service_.RunBatches(pulled);
  });
  return count;
}

void ConsumeConcurrentlyService::MaybeAddHelper(const std::shared_ptr<PulledBatch>& pulled, size_t next_begin) {
  const size_t total = pulled->records.size();
  if (next_begin >= total) return;
  const size_t left = (total - next_begin + pulled->batch - 1) / pulled->batch;
  if (static_cast<int64_t>(left) * batch_ns_.load(std::memory_order_relaxed) < kHelperWorthNs) return;
  size_t workers = pulled->workers.load(std::memory_order_relaxed);
  if (workers >= consumer_.consume_pool_->size() || workers > left) return;
  // Another task adding a helper at the same moment is enough; no retry.
  if (!pulled->workers.compare_exchange_strong(workers, workers + 1)) return;
  std::weak_ptr<PushConsumerImpl> weak = consumer_.weak_from_this();
  consumer_.consume_pool_->Submit([weak, pulled] {
    if (auto self = weak.lock()) self->concurrent_service_.RunBatches(pulled);
  });
}

void ConsumeConcurrentlyService::RunBatches(const std::shared_ptr<PulledBatch>& pulled) {
  const size_t total = pulled->records.size();
  const size_t batch = pulled->batch;
  // This consume thread's messages, refilled in place for every batch of every pull it runs:
  // their strings and property nodes are reused, so a steady stream of similar messages costs
  // no allocation per message. The listener may change the vector; it is refilled as it is.
  thread_local std::vector<MQMessageExt> part;
  std::vector<int64_t> done;
  done.reserve(total);
  auto clock = std::chrono::steady_clock::now();
  int64_t last_commit_ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock.time_since_epoch()).count();
  // Batches run since the last clock read, and how many may run before the next one.
  int64_t untimed = 0;
  int64_t stride = TimingStride();
  for (;;) {
    const size_t begin = pulled->next.fetch_add(batch, std::memory_order_relaxed);
    if (begin >= total) break;
    const size_t end = std::min(total, begin + batch);
    MaybeAddHelper(pulled, end);
    if (pulled->pq->dropped) break;
    part.resize(end - begin);
    for (size_t i = begin; i < end; ++i) {
      rmq::client::FillPulledMessage(pulled->records[i], pulled->mq.broker_name, pulled->min_text,
                                     pulled->max_text, &part[i - begin]);
    }
    ConsumeBatch(pulled->mq, pulled->pq, part, &done);
    ReleaseLargeBuffers(&part);
    if (++untimed < stride) continue;
    TimeBatches(*pulled->pq, untimed, &clock);
    untimed = 0;
    stride = TimingStride();
    // A slow listener still moves the queue's offset along batch by batch.
    if (int64_t now = pulled->pq->last_consume_ms.load(std::memory_order_relaxed);
        now - last_commit_ms >= 1 && !done.empty()) {
      CommitDone(pulled->mq, pulled->pq, done);
      done.clear();
      last_commit_ms = now;
    }
  }
  if (untimed > 0) TimeBatches(*pulled->pq, untimed, &clock);
  if (!done.empty()) CommitDone(pulled->mq, pulled->pq, done);
}

int64_t ConsumeConcurrentlyService::TimingStride() const {
  return batch_ns_.load(std::memory_order_relaxed) < kFastBatchNs ? kFastTimingStride : 1;
}

void ConsumeConcurrentlyService::TimeBatches(rmq::client::ProcessQueue& pq, int64_t batches,
                                             std::chrono::steady_clock::time_point* clock) {
  // One clock read for `batches` batches: the time since the previous reading is their work
  // (building their messages and the listener), and the same reading is the consume time.
  const auto finished = std::chrono::steady_clock::now();
  const int64_t spent = std::chrono::duration_cast<std::chrono::nanoseconds>(finished - *clock).count() / batches;
  *clock = finished;
  const int64_t average = batch_ns_.load(std::memory_order_relaxed);
  batch_ns_.store(average + (spent - average) / 8, std::memory_order_relaxed);
  pq.last_consume_ms = std::chrono::duration_cast<std::chrono::milliseconds>(finished.time_since_epoch()).count();
}

void ConsumeConcurrentlyService::Consume(const MessageQueue& mq, ProcessQueuePtr pq, std::vector<MQMessageExt> msgs) {
  std::vector<int64_t> done;
  done.reserve(msgs.size());
  auto clock = std::chrono::steady_clock::now();
  ConsumeBatch(mq, pq, msgs, &done);
  TimeBatches(*pq, 1, &clock);
  if (!pq->dropped) CommitDone(mq, pq, done);
}

void ConsumeConcurrentlyService::ConsumeBatch(const MessageQueue& mq, const ProcessQueuePtr& pq,
                                              std::vector<MQMessageExt>& msgs, std::vector<int64_t>* done) {
  if (pq->dropped) return;
  ConsumeStatus status = consumer_.CallListener(msgs);
  if (pq->dropped) return;
  std::vector<MQMessageExt> failed;
  if (status != CONSUME_SUCCESS) {
    if (consumer_.clustering()) {
      for (const auto& msg : msgs) {
        if (!consumer_.SendBack(msg, 0)) failed.push_back(msg);
      }
    } else {
      for (const auto& msg : msgs) {
        Log()->warn("broadcasting consumer {} dropped failed message {}", consumer_.group(), msg.getMsgId());
      }
    }
  }
  // The offsets done with: consumed, or handed back to the broker for redelivery.
  for (const auto& msg : msgs) {
    bool is_failed = std::any_of(failed.begin(), failed.end(),
                                 [&](const MQMessageExt& f) { return f.getQueueOffset() == msg.getQueueOffset(); });
    if (!is_failed) done->push_back(msg.getQueueOffset());
  }
  if (!failed.empty()) {
    // The send-back failed: consume these again here later, as the C++ client does. Their
    // offsets stay in the process queue, so the commit offset waits for them.
    for (auto& msg : failed) msg.setReconsumeTimes(msg.getReconsumeTimes() + 1);
    std::weak_ptr<PushConsumerImpl> weak = consumer_.weak_from_this();
    consumer_.instance_->scheduler().Schedule(Millis(kSendBackRetryDelayMs), [weak, mq, pq, failed] {
      auto self = weak.lock();
      if (!self || !self->started_ || pq->dropped) return;
      self->consume_pool_->Submit([weak, mq, pq, failed]() mutable {
        if (auto s = weak.lock()) s->concurrent_service_.Consume(mq, pq, std::move(failed));
      });
    });
  }
}

void ConsumeConcurrentlyService::CommitDone(const MessageQueue& mq, const ProcessQueuePtr& pq,
                                            const std::vector<int64_t>& done) {
  int64_t offset = pq->RemoveOffsets(done.data(), done.size());
  if (offset >= 0) consumer_.UpdateOffsetIfCurrent(mq, pq, offset, true);
}

}  // namespace rocketmq::internal

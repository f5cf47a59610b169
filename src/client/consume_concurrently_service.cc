#include "client/consume_concurrently_service.h"

#include <algorithm>
#include <chrono>
#include <functional>

#include "client/push_consumer_impl.h"
#include "common/clock_ms.h"
#include "common/logging.h"

namespace rocketmq::internal {

using rmq::MessageQueue;
using rmq::client::Millis;
using ProcessQueuePtr = std::shared_ptr<rmq::client::ProcessQueue>;

namespace {

constexpr int64_t kSendBackRetryDelayMs = 5000;
// Offsets of a consume batch up to this size are collected without allocating.
constexpr size_t kInlineOffsets = 32;

std::shared_ptr<spdlog::logger> Log() {
  static auto logger = rmq::GetLogger("client");
  return logger;
}

// One pull's messages, shared by the consume tasks that split it; each task moves its own
// disjoint range out, so the messages are never copied.
struct PulledBatch {
  MessageQueue mq;
  ProcessQueuePtr pq;
  std::vector<MQMessageExt> msgs;
};

}  // namespace

void ConsumeConcurrentlyService::Dispatch(const MessageQueue& mq, ProcessQueuePtr pq, std::vector<MQMessageExt> msgs) {
  // The process queue keeps offsets and sizes (flow control, the commit offset); the tasks own
  // the messages.
  pq->PutOffsets(msgs);
  const size_t batch = static_cast<size_t>(std::max(1, consumer_.consume_batch_max_size));
  std::weak_ptr<PushConsumerImpl> weak = consumer_.weak_from_this();
  if (msgs.size() <= batch) {
    consumer_.consume_pool_->Submit([weak, mq, pq, msgs = std::move(msgs)]() mutable {
      if (auto self = weak.lock()) self->concurrent_service_.Consume(mq, pq, std::move(msgs));
    });
    return;
  }
  auto pulled = std::make_shared<PulledBatch>(PulledBatch{mq, std::move(pq), std::move(msgs)});
  const size_t total = pulled->msgs.size();
  std::vector<std::function<void()>> tasks;
  tasks.reserve((total + batch - 1) / batch);
  for (size_t begin = 0; begin < total; begin += batch) {
    size_t end = std::min(total, begin + batch);
    tasks.emplace_back([weak, pulled, begin, end] {
      auto self = weak.lock();
      if (!self) return;
      std::vector<MQMessageExt> part(std::make_move_iterator(pulled->msgs.begin() + begin),
                                     std::make_move_iterator(pulled->msgs.begin() + end));
      self->concurrent_service_.Consume(pulled->mq, pulled->pq, std::move(part));
    });
  }
  consumer_.consume_pool_->SubmitAll(tasks);
}

void ConsumeConcurrentlyService::Consume(const MessageQueue& mq, ProcessQueuePtr pq, std::vector<MQMessageExt> msgs) {
  if (pq->dropped) return;
  ConsumeStatus status = consumer_.CallListener(msgs);
  pq->last_consume_ms = rmq::SteadyClockMs();
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
  int64_t inline_offsets[kInlineOffsets];
  std::vector<int64_t> many;
  int64_t* done = inline_offsets;
  if (msgs.size() > kInlineOffsets) {
    many.resize(msgs.size());
    done = many.data();
  }
  size_t n = 0;
  for (const auto& msg : msgs) {
    bool is_failed = std::any_of(failed.begin(), failed.end(),
                                 [&](const MQMessageExt& f) { return f.getQueueOffset() == msg.getQueueOffset(); });
    if (!is_failed) done[n++] = msg.getQueueOffset();
  }
  int64_t offset = pq->RemoveOffsets(done, n);
  if (offset >= 0) consumer_.UpdateOffsetIfCurrent(mq, pq, offset, true);
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

}  // namespace rocketmq::internal

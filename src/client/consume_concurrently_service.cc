#include "client/consume_concurrently_service.h"

#include <algorithm>
#include <chrono>

#include "client/push_consumer_impl.h"
#include "common/logging.h"

namespace rocketmq::internal {

using rmq::MessageQueue;
using rmq::client::Millis;
using ProcessQueuePtr = std::shared_ptr<rmq::client::ProcessQueue>;

namespace {

constexpr int64_t kSendBackRetryDelayMs = 5000;

int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::shared_ptr<spdlog::logger> Log() {
  static auto logger = rmq::GetLogger("client");
  return logger;
}

}  // namespace

void ConsumeConcurrentlyService::Dispatch(const MessageQueue& mq, ProcessQueuePtr pq, std::vector<MQMessageExt> msgs) {
  std::vector<MQMessageExt> copy = msgs;
  pq->PutMessages(std::move(copy));
  size_t batch = static_cast<size_t>(std::max(1, consumer_.consume_batch_max_size));
  std::weak_ptr<PushConsumerImpl> weak = consumer_.weak_from_this();
  for (size_t i = 0; i < msgs.size(); i += batch) {
    std::vector<MQMessageExt> part(msgs.begin() + i, msgs.begin() + std::min(msgs.size(), i + batch));
    consumer_.consume_pool_->Submit([weak, mq, pq, part = std::move(part)]() mutable {
      if (auto self = weak.lock()) self->concurrent_service_.Consume(mq, pq, std::move(part));
    });
  }
}

void ConsumeConcurrentlyService::Consume(const MessageQueue& mq, ProcessQueuePtr pq, std::vector<MQMessageExt> msgs) {
  if (pq->dropped) return;
  ConsumeStatus status = consumer_.CallListener(msgs);
  pq->last_consume_ms = SteadyMs();
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
  std::vector<MQMessageExt> done;
  for (const auto& msg : msgs) {
    bool is_failed = std::any_of(failed.begin(), failed.end(),
                                 [&](const MQMessageExt& f) { return f.getQueueOffset() == msg.getQueueOffset(); });
    if (!is_failed) done.push_back(msg);
  }
  int64_t offset = pq->RemoveMessages(done);
  if (offset >= 0) consumer_.UpdateOffsetIfCurrent(mq, pq, offset, true);
  if (!failed.empty()) {
    // The send-back failed: consume these again here later, as the C++ client does.
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

// ConsumeConcurrentlyService: the push consumer's concurrently consumption (Java
// ConsumeMessageConcurrentlyService). Caches pulled messages in the queue's ProcessQueue, hands
// them to the consume pool in batches of consumeMessageBatchMaxSize, calls the listener, sends
// failed messages back to the broker (retrying them here when the send-back fails) and advances
// the queue's offset. Owned by its PushConsumerImpl; consume tasks hold the consumer weakly.
#pragma once

#include <memory>
#include <vector>

#include "client/process_queue.h"
#include "common/message_queue.h"
#include "rocketmq/MQMessageExt.h"

namespace rocketmq::internal {

class PushConsumerImpl;

class ConsumeConcurrentlyService {
 public:
  explicit ConsumeConcurrentlyService(PushConsumerImpl& consumer) : consumer_(consumer) {}

  // Caches `msgs` (pulled from `mq`) and queues their consumption.
  void Dispatch(const rmq::MessageQueue& mq, std::shared_ptr<rmq::client::ProcessQueue> pq,
                std::vector<MQMessageExt> msgs);
  // One consume task: listener, send-back of failures, offset. On a consume thread.
  void Consume(const rmq::MessageQueue& mq, std::shared_ptr<rmq::client::ProcessQueue> pq,
               std::vector<MQMessageExt> msgs);

 private:
  PushConsumerImpl& consumer_;
};

}  // namespace rocketmq::internal

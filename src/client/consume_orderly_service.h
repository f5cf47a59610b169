// ConsumeOrderlyService: the push consumer's orderly consumption (Java
// ConsumeMessageOrderlyService): the broker-side queue locks (taken at rebalance, renewed
// periodically, released once no consume thread is inside a removed queue), one consume thread
// per queue at a time taking messages in offset order, SUSPEND_CURRENT_QUEUE_A_MOMENT pauses and
// the send-back to the DLQ past maxReconsumeTimes. Owned by its PushConsumerImpl; tasks hold the
// consumer weakly.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "client/process_queue.h"
#include "common/message_queue.h"

namespace rocketmq::internal {

class PushConsumerImpl;

class ConsumeOrderlyService {
 public:
  explicit ConsumeOrderlyService(PushConsumerImpl& consumer) : consumer_(consumer) {}

  // Locks `mq` at its broker for this client; records the result in `pq`.
  bool LockQueue(const rmq::MessageQueue& mq, const std::shared_ptr<rmq::client::ProcessQueue>& pq);
  // Renews the broker locks of every assigned queue (in one request per broker).
  void RenewLocks();
  // Releases the broker lock of a removed queue once no consume thread is inside it.
  void UnlockWhenIdle(const rmq::MessageQueue& mq, const std::shared_ptr<rmq::client::ProcessQueue>& pq,
                      int attempt);
  // At shutdown: releases the broker locks of `queues`.
  void UnlockAll(const std::map<rmq::MessageQueue, std::shared_ptr<rmq::client::ProcessQueue>>& queues);
  // Starts a consume task for `mq` now (delay_ms <= 0) or after delay_ms.
  void Dispatch(const rmq::MessageQueue& mq, std::shared_ptr<rmq::client::ProcessQueue> pq, int64_t delay_ms);
  // One consume task: takes and consumes messages in order until the queue is empty, the time
  // slice ends, the lock is lost or the listener asks for a pause. On a consume thread.
  void Consume(const rmq::MessageQueue& mq, std::shared_ptr<rmq::client::ProcessQueue> pq);

 private:
  PushConsumerImpl& consumer_;
};

}  // namespace rocketmq::internal

// Push-consumer listeners with rocketmq-client-cpp's names: derive from
// MessageListenerConcurrently or MessageListenerOrderly and implement consumeMessage, or pass a
// lambda to DefaultMQPushConsumer::registerMessageListener. Listeners run on the consume thread
// pool; an orderly listener sees one queue from one thread at a time.
#pragma once

#include <functional>
#include <vector>

#include "rocketmq/MQMessageExt.h"

namespace rocketmq {

enum ConsumeStatus {
  // Consumed; the offset moves past the messages.
  CONSUME_SUCCESS,
  // Concurrently: the messages go back to the broker and return after the retry delay.
  // Orderly: the queue pauses for suspendCurrentQueueTimeMillis and the same messages return.
  RECONSUME_LATER,
  // Orderly spelling of RECONSUME_LATER (Java's ConsumeOrderlyStatus).
  SUSPEND_CURRENT_QUEUE_A_MOMENT,
};

enum MessageListenerType { messageListenerDefaultly = 0, messageListenerOrderly = 1, messageListenerConcurrently = 2 };

class ROCKETMQCLIENT_API MQMessageListener {
 public:
  virtual ~MQMessageListener() = default;
  virtual MessageListenerType getMessageListenerType() { return messageListenerDefaultly; }
  // At most consumeMessageBatchMaxSize messages, all from one queue.
  virtual ConsumeStatus consumeMessage(const std::vector<MQMessageExt>& msgs) = 0;
};

class ROCKETMQCLIENT_API MessageListenerConcurrently : public MQMessageListener {
 public:
  MessageListenerType getMessageListenerType() override { return messageListenerConcurrently; }
};

class ROCKETMQCLIENT_API MessageListenerOrderly : public MQMessageListener {
 public:
  MessageListenerType getMessageListenerType() override { return messageListenerOrderly; }
};

using MessageListenerFunction = std::function<ConsumeStatus(const std::vector<MQMessageExt>&)>;

}  // namespace rocketmq

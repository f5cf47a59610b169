// MessageQueueSelector: picks the queue of an ordered send from the topic's writable queues.
// The library ships a hash selector (same key, same queue) and a random one; a lambda works
// through LambdaMessageQueueSelector or DefaultMQProducer's std::function overloads.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "rocketmq/MQMessage.h"
#include "rocketmq/MQMessageQueue.h"

namespace rocketmq {

class ROCKETMQCLIENT_API MessageQueueSelector {
 public:
  virtual ~MessageQueueSelector() = default;
  // REQUIRES: mqs is not empty. The result must be one of mqs.
  virtual MQMessageQueue select(const std::vector<MQMessageQueue>& mqs, const MQMessage& msg, void* arg) = 0;
};

// arg points to an int (or int64_t through SelectMessageQueueByHashInt64) used as the key;
// queue = |key| % size.
class ROCKETMQCLIENT_API SelectMessageQueueByHash : public MessageQueueSelector {
 public:
  MQMessageQueue select(const std::vector<MQMessageQueue>& mqs, const MQMessage& msg, void* arg) override;
};

// arg points to a std::string key; queue = |Java String.hashCode(key)| % size, so Java and C++
// producers put one key on the same queue.
class ROCKETMQCLIENT_API SelectMessageQueueByStringHash : public MessageQueueSelector {
 public:
  MQMessageQueue select(const std::vector<MQMessageQueue>& mqs, const MQMessage& msg, void* arg) override;
};

class ROCKETMQCLIENT_API SelectMessageQueueByRandom : public MessageQueueSelector {
 public:
  MQMessageQueue select(const std::vector<MQMessageQueue>& mqs, const MQMessage& msg, void* arg) override;
};

using QueueSelectorFunction = std::function<MQMessageQueue(const std::vector<MQMessageQueue>&, const MQMessage&)>;

class ROCKETMQCLIENT_API LambdaMessageQueueSelector : public MessageQueueSelector {
 public:
  explicit LambdaMessageQueueSelector(QueueSelectorFunction fn) : fn_(std::move(fn)) {}
  MQMessageQueue select(const std::vector<MQMessageQueue>& mqs, const MQMessage& msg, void*) override {
    return fn_(mqs, msg);
  }

 private:
  QueueSelectorFunction fn_;
};

}  // namespace rocketmq

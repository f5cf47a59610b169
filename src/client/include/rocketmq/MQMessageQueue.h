// MQMessageQueue: one queue of a topic on one broker group (topic, brokerName, queueId), ordered
// as RocketMQ orders queues for rebalance. A plain value type.
#pragma once

#include <string>

#include "rocketmq/RocketMQClient.h"

namespace rocketmq {

class ROCKETMQCLIENT_API MQMessageQueue {
 public:
  MQMessageQueue() = default;
  MQMessageQueue(const std::string& topic, const std::string& brokerName, int queueId)
      : topic_(topic), broker_name_(brokerName), queue_id_(queueId) {}

  const std::string& getTopic() const { return topic_; }
  void setTopic(const std::string& topic) { topic_ = topic; }
  const std::string& getBrokerName() const { return broker_name_; }
  void setBrokerName(const std::string& name) { broker_name_ = name; }
  int getQueueId() const { return queue_id_; }
  void setQueueId(int queueId) { queue_id_ = queueId; }

  // "MessageQueue [topic=t, brokerName=b, queueId=0]"
  std::string toString() const {
    return "MessageQueue [topic=" + topic_ + ", brokerName=" + broker_name_ + ", queueId=" + std::to_string(queue_id_) +
           "]";
  }

  bool operator==(const MQMessageQueue& o) const {
    return queue_id_ == o.queue_id_ && topic_ == o.topic_ && broker_name_ == o.broker_name_;
  }
  bool operator!=(const MQMessageQueue& o) const { return !(*this == o); }
  bool operator<(const MQMessageQueue& o) const { return compareTo(o) < 0; }
  int compareTo(const MQMessageQueue& o) const {
    if (int c = topic_.compare(o.topic_)) return c;
    if (int c = broker_name_.compare(o.broker_name_)) return c;
    return queue_id_ - o.queue_id_;
  }

 private:
  std::string topic_;
  std::string broker_name_;
  int queue_id_ = -1;
};

}  // namespace rocketmq

// DefaultLitePullConsumer: a pull consumer in the style of Java's DefaultLitePullConsumer —
// subscribe (queues rebalanced in the group) or assign queues yourself, then poll(); messages
// are prefetched in the background. seek/seekToBegin/seekToEnd/offsetForTimestamp move a queue;
// offsets are committed automatically every 5 s (setAutoCommit) or by commitSync(). poll() may
// run on one thread while others seek; thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rocketmq/ConsumeType.h"
#include "rocketmq/MQException.h"
#include "rocketmq/MQMessageExt.h"
#include "rocketmq/MQMessageQueue.h"
#include "rocketmq/MessageSelector.h"

namespace rocketmq {

namespace internal {
class LitePullConsumerImpl;
}

class ROCKETMQCLIENT_API DefaultLitePullConsumer {
 public:
  explicit DefaultLitePullConsumer(const std::string& groupname);
  virtual ~DefaultLitePullConsumer();

  void start();
  void shutdown();

  // Group-managed assignment (clustering rebalance or broadcasting). Not with assign().
  void subscribe(const std::string& topic, const std::string& subExpression);
  // As Java subscribe(topic, MessageSelector); see DefaultMQPushConsumer::subscribe. A selector the
  // brokers refuse makes start() (or this call, once started) throw MQClientException.
  void subscribe(const std::string& topic, const MessageSelector& selector);
  void unsubscribe(const std::string& topic);
  // Manual assignment. Not with subscribe().
  void assign(const std::vector<MQMessageQueue>& mqs);
  std::vector<MQMessageQueue> assignment() const;
  std::vector<MQMessageQueue> fetchMessageQueues(const std::string& topic);

  // Waits up to timeoutMillis for messages; returns at most pullBatchSize of them.
  std::vector<MQMessageExt> poll(int64_t timeoutMillis = 5000);

  // REQUIRES: mq is assigned. Throws MQClientException otherwise or for an offset outside
  // [minOffset, maxOffset].
  void seek(const MQMessageQueue& mq, int64_t offset);
  void seekToBegin(const MQMessageQueue& mq);
  void seekToEnd(const MQMessageQueue& mq);
  // The first offset stored at or after `timestamp` (ms); seek to it to replay from a time.
  int64_t offsetForTimestamp(const MQMessageQueue& mq, int64_t timestamp);
  // The committed offset of the queue, -1 when none.
  int64_t committed(const MQMessageQueue& mq);
  // Commits the offsets of everything poll() returned so far.
  void commitSync();
  void pause(const std::vector<MQMessageQueue>& mqs);
  void resume(const std::vector<MQMessageQueue>& mqs);

  void setAutoCommit(bool autoCommit);  // default true
  bool isAutoCommit() const;
  void setPullBatchSize(int size);  // default 10
  void setPollBatchSize(int size);  // messages returned per poll, default 10
  void setMessageModel(MessageModel messageModel);
  void setConsumeFromWhere(ConsumeFromWhere consumeFromWhere);
  void setNamesrvAddr(const std::string& namesrvAddr);
  const std::string& getNamesrvAddr() const;
  void setGroupName(const std::string& groupname);
  const std::string& getGroupName() const;
  void setInstanceName(const std::string& instanceName);
  std::string getClientId() const;

 private:
  std::shared_ptr<internal::LitePullConsumerImpl> impl_;
};

}  // namespace rocketmq

// DefaultMQPushConsumer: pulls with long polling and hands messages to a listener on a thread
// pool — concurrently (failed messages go back to the broker for retry) or orderly (broker queue
// locks, one thread per queue) — in clustering (queues shared by the group, rebalanced every
// 20 s and when members change) or broadcasting mode. Method names as rocketmq-client-cpp 2.x.
// Configure, subscribe and register the listener before start(); thread-safe after.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rocketmq/ConsumeType.h"
#include "rocketmq/MQException.h"
#include "rocketmq/MQMessageListener.h"
#include "rocketmq/MQMessageQueue.h"
#include "rocketmq/MessageSelector.h"

namespace rocketmq {

namespace internal {
class PushConsumerImpl;
}

// Queue allocation strategies for clustering mode (Java AllocateMessageQueueStrategy names).
enum AllocateStrategy {
  ALLOCATE_AVERAGELY,            // default, the only one other C++/Node clients know
  ALLOCATE_AVERAGELY_BY_CIRCLE,
  ALLOCATE_CONSISTENT_HASH,      // 10 virtual nodes per consumer
  ALLOCATE_BY_CONFIG,            // exactly the queues given to setAllocateConfig
};

class ROCKETMQCLIENT_API DefaultMQPushConsumer {
 public:
  explicit DefaultMQPushConsumer(const std::string& groupname);
  virtual ~DefaultMQPushConsumer();

  DefaultMQPushConsumer(const DefaultMQPushConsumer&) = delete;
  DefaultMQPushConsumer& operator=(const DefaultMQPushConsumer&) = delete;

  // Throws MQClientException without a name server, a listener or a subscription.
  virtual void start();
  // Stops pulling, waits for running listeners, commits offsets, unlocks orderly queues and
  // unregisters from the brokers. Idempotent.
  virtual void shutdown();
  virtual std::string version();

  // subExpression: "*" or tags joined with "||" ("TagA || TagB").
  virtual void subscribe(const std::string& topic, const std::string& subExpression);
  // As Java subscribe(topic, MessageSelector): MessageSelector::bySql("a > 3") filters on message
  // properties at the broker; start() then throws MQClientException when a broker refuses the
  // selector (enablePropertyFilter off, or a syntax error — the message names the column).
  void subscribe(const std::string& topic, const MessageSelector& selector);
  // Replaces any earlier listener; REQUIRES: before start(). The listener must outlive the
  // consumer.
  virtual void registerMessageListener(MQMessageListener* pMessageListener);
  void registerMessageListener(MessageListenerConcurrently* pMessageListener);
  void registerMessageListener(MessageListenerOrderly* pMessageListener);
  // Lambda forms; `orderly` picks the orderly service.
  void registerMessageListener(MessageListenerFunction listener, bool orderly = false);

  MessageModel getMessageModel() const;
  void setMessageModel(MessageModel messageModel);
  ConsumeFromWhere getConsumeFromWhere() const;
  void setConsumeFromWhere(ConsumeFromWhere consumeFromWhere);
  // For CONSUME_FROM_TIMESTAMP: "yyyyMMddHHmmss" local time; default 30 minutes ago.
  void setConsumeTimestamp(const std::string& timestamp);
  const std::string& getConsumeTimestamp() const;
  void setConsumeThreadCount(int threadCount);  // default: number of cores, at least 2
  int getConsumeThreadCount() const;
  void setConsumeMessageBatchMaxSize(int consumeMessageBatchMaxSize);  // default 1
  int getConsumeMessageBatchMaxSize() const;
  void setPullMsgBatchSize(int size);  // messages per pull, default 32
  int getPullMsgBatchSize() const;
  void setMaxCacheMsgSizePerQueue(int maxCacheSize);  // default 1000 messages
  int getMaxCacheMsgSizePerQueue() const;
  void setMaxCacheMsgSizeInMbPerQueue(int sizeInMb);  // default 100 MiB
  void setMaxReconsumeTimes(int maxReconsumeTimes);   // concurrently default 16, orderly unlimited
  int getMaxReconsumeTimes() const;
  void setSuspendCurrentQueueTimeMillis(int64_t ms);  // orderly pause, default 1000
  void setAllocateStrategy(AllocateStrategy strategy);
  // The queues ALLOCATE_BY_CONFIG returns.
  void setAllocateConfig(const std::vector<MQMessageQueue>& queues);
  // Where broadcasting offsets are kept; default $HOME/.rocketmq_offsets.
  void setOffsetStoreDir(const std::string& dir);

  const std::string& getNamesrvAddr() const;
  void setNamesrvAddr(const std::string& namesrvAddr);
  const std::string& getGroupName() const;
  void setGroupName(const std::string& groupname);
  const std::string& getInstanceName() const;
  void setInstanceName(const std::string& instanceName);
  void setUnitName(std::string unitName);
  std::string getClientId() const;
  void setTcpTransportWorkerThreadNum(int num);
  void setTcpTransportConnectTimeout(uint64_t timeout);  // ms

  // The queues this consumer holds now.
  std::vector<MQMessageQueue> getAllocatedQueues() const;
  // Triggers a rebalance now instead of at the next 20 s tick.
  void rebalanceNow();

 private:
  std::shared_ptr<internal::PushConsumerImpl> impl_;
};

}  // namespace rocketmq

// DefaultMQPullConsumer: the classic pull consumer of rocketmq-client-cpp 2.x — the caller picks
// queues and offsets, pulls, and stores offsets in the broker when it chooses. Thread-safe once
// started.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "rocketmq/ConsumeType.h"
#include "rocketmq/MQException.h"
#include "rocketmq/MQMessageQueue.h"
#include "rocketmq/PullResult.h"

namespace rocketmq {

namespace internal {
class PullConsumerImpl;
}

class ROCKETMQCLIENT_API DefaultMQPullConsumer {
 public:
  explicit DefaultMQPullConsumer(const std::string& groupname);
  virtual ~DefaultMQPullConsumer();

  virtual void start();
  // Commits the offsets set with updateConsumeOffset. Idempotent.
  virtual void shutdown();
  virtual std::string version();

  // The readable queues of `topic`.
  virtual void fetchSubscribeMessageQueues(const std::string& topic, std::vector<MQMessageQueue>& mqs);
  // Returns at once (no long polling). subExpression: "*" or "TagA || TagB".
  virtual PullResult pull(const MQMessageQueue& mq, const std::string& subExpression, int64_t offset, int maxNums);
  virtual void pull(const MQMessageQueue& mq, const std::string& subExpression, int64_t offset, int maxNums,
                    PullCallback* pPullCallback);
  // Waits up to 20 s on the broker for a message at `offset`.
  virtual PullResult pullBlockIfNotFound(const MQMessageQueue& mq, const std::string& subExpression, int64_t offset,
                                         int maxNums);

  // The committed offset (fromStore: ask the broker), or -1 when there is none.
  virtual int64_t fetchConsumeOffset(const MQMessageQueue& mq, bool fromStore);
  // Remembers the offset and commits it at the next persist (every 5 s) or shutdown.
  virtual void updateConsumeOffset(const MQMessageQueue& mq, int64_t offset);
  virtual void removeConsumeOffset(const MQMessageQueue& mq);
  // Commits now.
  void persistConsumerOffset();

  int64_t minOffset(const MQMessageQueue& mq);
  int64_t maxOffset(const MQMessageQueue& mq);
  // The first offset whose message was stored at or after `timestamp` (ms).
  int64_t searchOffset(const MQMessageQueue& mq, int64_t timestamp);

  void registerMessageQueueListener(const std::string& topic, void* listener);
  void setRegisterTopics(const std::set<std::string>& topics);

  MessageModel getMessageModel() const;
  void setMessageModel(MessageModel messageModel);
  const std::string& getNamesrvAddr() const;
  void setNamesrvAddr(const std::string& namesrvAddr);
  const std::string& getGroupName() const;
  void setGroupName(const std::string& groupname);
  const std::string& getInstanceName() const;
  void setInstanceName(const std::string& instanceName);
  std::string getClientId() const;

 private:
  std::shared_ptr<internal::PullConsumerImpl> impl_;
};

}  // namespace rocketmq

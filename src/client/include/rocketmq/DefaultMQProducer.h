// DefaultMQProducer: sends messages — sync, async (SendCallback, lambdas or std::future),
// oneway, to a chosen queue, through a MessageQueueSelector, in batches — with the method names
// of rocketmq-client-cpp 2.x. Retries on another broker, latency fault tolerance, UNIQ_KEY ids
// and body compression follow the Java client. Thread-safe once started; start() and
// shutdown() must not race with sends. Errors are thrown as MQException subclasses.
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "rocketmq/AsyncCallback.h"
#include "rocketmq/MQException.h"
#include "rocketmq/MQMessage.h"
#include "rocketmq/MQMessageQueue.h"
#include "rocketmq/MQSelector.h"
#include "rocketmq/RequestCallback.h"
#include "rocketmq/SendResult.h"

namespace rocketmq {

namespace internal {
class ProducerImpl;
}

class ROCKETMQCLIENT_API DefaultMQProducer {
 public:
  explicit DefaultMQProducer(const std::string& groupname);
  virtual ~DefaultMQProducer();

  DefaultMQProducer(const DefaultMQProducer&) = delete;
  DefaultMQProducer& operator=(const DefaultMQProducer&) = delete;

  // Connects to the name servers (setNamesrvAddr, else NAMESRV_ADDR). Throws MQClientException
  // when neither is set or the group name is invalid.
  virtual void start();
  // Waits for nothing in flight; later sends throw. Idempotent.
  virtual void shutdown();
  virtual std::string version();

  // Sync: blocks until the broker answered or sendMsgTimeout passed, retrying up to
  // retryTimes more times on other brokers. Sets the message's UNIQ_KEY.
  virtual SendResult send(MQMessage& msg, bool bSelectActiveBroker = false);
  virtual SendResult send(MQMessage& msg, const MQMessageQueue& mq);
  virtual SendResult send(MQMessage& msg, MessageQueueSelector* selector, void* arg);
  virtual SendResult send(MQMessage& msg, MessageQueueSelector* selector, void* arg, int autoRetryTimes,
                          bool bActiveBroker = false);
  // A lambda or function object as the selector: (queues, message) -> queue.
  SendResult sendWithSelector(MQMessage& msg, const QueueSelectorFunction& selector);
  template <typename Selector,
            typename = std::enable_if_t<std::is_invocable_r_v<MQMessageQueue, Selector&,
                                                              const std::vector<MQMessageQueue>&, const MQMessage&>>>
  SendResult send(MQMessage& msg, Selector&& selector) {
    return sendWithSelector(msg, QueueSelectorFunction(std::forward<Selector>(selector)));
  }
  // Batch: all messages to one topic (no %RETRY% topic, no delay), split into several sends
  // when the encoded batch exceeds maxMessageSize; ids and offset ids are joined with ','.
  virtual SendResult send(std::vector<MQMessage>& msgs);
  virtual SendResult send(std::vector<MQMessage>& msgs, const MQMessageQueue& mq);
  // Async batch (Java send(Collection, SendCallback)): one request carrying all messages, so it
  // must encode to at most maxMessageSize (split bigger ones with splitBatch); the callback runs
  // on a library thread, ids joined with ','. Retries as the async single send.
  void send(std::vector<MQMessage>& msgs, SendCallback* pSendCallback);
  void send(std::vector<MQMessage>& msgs, const MQMessageQueue& mq, SendCallback* pSendCallback);
  void send(std::vector<MQMessage>& msgs, std::function<void(SendResult&)> onSuccess,
            std::function<void(MQException&)> onException);

  // Async: returns at once; the callback runs on a library thread. Retries up to
  // retryTimes4Async more times on network errors.
  virtual void send(MQMessage& msg, SendCallback* pSendCallback, bool bSelectActiveBroker = false);
  virtual void send(MQMessage& msg, const MQMessageQueue& mq, SendCallback* pSendCallback);
  virtual void send(MQMessage& msg, MessageQueueSelector* selector, void* arg, SendCallback* pSendCallback);
  void send(MQMessage& msg, std::function<void(SendResult&)> onSuccess, std::function<void(MQException&)> onException);
  // The future holds the SendResult or the MQException.
  std::future<SendResult> sendAsync(MQMessage& msg);

  // Oneway: no answer, no retry.
  virtual void sendOneway(MQMessage& msg, bool bSelectActiveBroker = false);
  virtual void sendOneway(MQMessage& msg, const MQMessageQueue& mq);
  virtual void sendOneway(MQMessage& msg, MessageQueueSelector* selector, void* arg);

  // Request-reply (RPC over messages): sends `msg` — with CORRELATION_ID, REPLY_TO_CLIENT (this
  // client's id), TTL (= timeout) and CLUSTER set — and waits up to `timeout` ms for the reply a
  // consumer sends with MessageUtil::createReplyMessage. Throws RequestTimeoutException when no
  // reply comes in time, the send exceptions when the request cannot be sent.
  MQMessage request(MQMessage& msg, long timeout);
  MQMessage request(MQMessage& msg, const MQMessageQueue& mq, long timeout);
  MQMessage request(MQMessage& msg, MessageQueueSelector* selector, void* arg, long timeout);
  // Async: returns at once; the callback runs once on a library thread with the reply or the
  // exception (RequestTimeoutException after `timeout` ms). The callback must outlive the call.
  void request(MQMessage& msg, RequestCallback* requestCallback, long timeout);
  void request(MQMessage& msg, const MQMessageQueue& mq, RequestCallback* requestCallback, long timeout);

  // The writable queues of `topic`, as selectors see them.
  std::vector<MQMessageQueue> fetchPublishMessageQueues(const std::string& topic);

  // Splits msgs into groups whose encoded batch stays under maxBytes (default maxMessageSize).
  static std::vector<std::vector<MQMessage>> splitBatch(const std::vector<MQMessage>& msgs, int64_t maxBytes);

  const std::string& getNamesrvAddr() const;
  // "host:port;host:port".
  void setNamesrvAddr(const std::string& namesrvAddr);
  const std::string& getGroupName() const;
  void setGroupName(const std::string& groupname);
  const std::string& getInstanceName() const;
  void setInstanceName(const std::string& instanceName);
  const std::string& getUnitName() const;
  void setUnitName(std::string unitName);
  // The id brokers know this client by: ip@pid#instanceName.
  std::string getClientId() const;

  int getSendMsgTimeout() const;
  void setSendMsgTimeout(int sendMsgTimeout);  // ms, default 3000
  int getCompressMsgBodyOverHowmuch() const;
  void setCompressMsgBodyOverHowmuch(int compressMsgBodyOverHowmuch);  // bytes, default 4096
  int getCompressLevel() const;
  void setCompressLevel(int compressLevel);  // zlib level, default 5
  int getMaxMessageSize() const;
  void setMaxMessageSize(int maxMessageSize);  // bytes, default 4 MiB
  int getRetryTimes() const;
  void setRetryTimes(int times);  // default 2
  int getRetryTimes4Async() const;
  void setRetryTimes4Async(int times);  // default 2
  bool getSendLatencyFaultEnable() const;
  // Avoid brokers that answered slowly or failed recently (off by default, as Java).
  void setSendLatencyFaultEnable(bool enable);
  bool getRetryAnotherBrokerWhenNotStoreOK() const;
  void setRetryAnotherBrokerWhenNotStoreOK(bool retry);
  void setTcpTransportWorkerThreadNum(int num);
  int getTcpTransportWorkerThreadNum() const;
  void setTcpTransportConnectTimeout(uint64_t timeout);  // ms
  uint64_t getTcpTransportConnectTimeout() const;

 protected:
  explicit DefaultMQProducer(std::shared_ptr<internal::ProducerImpl> impl);
  std::shared_ptr<internal::ProducerImpl> impl_;
};

}  // namespace rocketmq

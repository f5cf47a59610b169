// ProducerImpl: the implementation behind DefaultMQProducer and TransactionMQProducer — queue
// choice with retries and latency fault tolerance, UNIQ_KEY ids, compression, batches, the
// transaction flow and check-backs (Java DefaultMQProducerImpl). Held by shared_ptr so async
// sends in flight keep it alive. Thread-safe once started.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "client/client_instance.h"
#include "client/client_settings.h"
#include "client/latency_fault_tolerance.h"
#include "client/thread_pool.h"
#include "common/status.h"
#include "rocketmq/DefaultMQProducer.h"
#include "rocketmq/MQException.h"
#include "rocketmq/MQMessage.h"
#include "rocketmq/MQMessageQueue.h"
#include "rocketmq/MQSelector.h"
#include "rocketmq/SendResult.h"
#include "rocketmq/TransactionListener.h"
#include "rocketmq/TransactionSendResult.h"

namespace rocketmq::internal {

// How the queue of a send is chosen.
struct QueueChoice {
  std::optional<MQMessageQueue> fixed;       // this queue
  QueueSelectorFunction selector;            // or this function over the writable queues
  bool CanRetryElsewhere() const { return !fixed && !selector; }
};

// Where an async send reports, exactly once: `done` with the result, or — the public API's pair
// of functions, held here as they are instead of wrapped in one more std::function per send —
// `on_success` / `on_exception`.
struct SendCallbacks {
  std::function<void(rmq::Result<SendResult>)> done;
  std::function<void(SendResult&)> on_success;
  std::function<void(MQException&)> on_exception;

  void operator()(rmq::Result<SendResult> result) const;
};

class ProducerImpl : public rmq::client::ProducerHandle, public std::enable_shared_from_this<ProducerImpl> {
 public:
  explicit ProducerImpl(std::string group);
  ~ProducerImpl() override;

  // Settings; set before Start().
  rmq::client::ClientSettings settings;
  int send_msg_timeout_ms = 3000;
  int compress_over = 4096;
  int compress_level = 5;
  int max_message_size = 4 * 1024 * 1024;
  int retry_times = 2;
  int retry_times_async = 2;
  bool latency_fault_enable = false;
  bool retry_another_broker_when_not_store_ok = false;
  TransactionListener* transaction_listener = nullptr;

  const std::string& group() const { return group_; }
  // REQUIRES: not started.
  void set_group(const std::string& group) {
    group_ = group;
    settings.group_name = group;
  }

  rmq::Status Start();
  void Shutdown();
  bool started() const { return started_.load(); }
  std::string client_id() const;

  rmq::Result<SendResult> Send(MQMessage& msg, const QueueChoice& choice, int retries);
  // `done` runs exactly once, on a library thread.
  void SendAsync(MQMessage& msg, const QueueChoice& choice, std::function<void(rmq::Result<SendResult>)> done);
  void SendAsync(MQMessage& msg, const QueueChoice& choice, SendCallbacks callbacks);
  rmq::Status SendOneway(MQMessage& msg, const QueueChoice& choice);
  rmq::Result<SendResult> SendBatch(std::vector<MQMessage>& msgs, const std::optional<MQMessageQueue>& mq);
  // One request carrying all of `msgs` (one topic); a batch that encodes to more than
  // max_message_size fails instead of being split. `done` runs exactly once, on a library thread.
  void SendBatchAsync(std::vector<MQMessage>& msgs, const std::optional<MQMessageQueue>& mq,
                      std::function<void(rmq::Result<SendResult>)> done);
  void SendBatchAsync(std::vector<MQMessage>& msgs, const std::optional<MQMessageQueue>& mq,
                      SendCallbacks callbacks);
  rmq::Result<TransactionSendResult> SendInTransaction(MQMessage& msg, void* arg);
  rmq::Result<std::vector<MQMessageQueue>> PublishQueues(const std::string& topic);
  // Request-reply (producer_request.cc): sends `msg` with CORRELATION_ID, REPLY_TO_CLIENT, TTL
  // and CLUSTER set and waits up to `timeout_ms` for the reply. A missing reply is a
  // kTimeout Status for which IsRequestTimeout holds.
  rmq::Result<MQMessage> Request(MQMessage& msg, const QueueChoice& choice, int64_t timeout_ms);
  // `done` runs exactly once, on a library thread (never an I/O thread).
  void RequestAsync(MQMessage& msg, const QueueChoice& choice, int64_t timeout_ms,
                    std::function<void(rmq::Result<MQMessage>)> done);

  // Bytes a message adds to a batch body (element header, body, properties with a UNIQ_KEY).
  static int64_t BatchElementSize(const MQMessage& msg);

  void CheckTransactionState(const std::string& broker_addr, const rmq::MessageExt& msg,
                             const rmq::remoting::CheckTransactionStateRequestHeader& header) override;

 private:
  struct AsyncSend;
  // One request's worth of a batch: the encoded elements and their UNIQ_KEYs joined with ','.
  struct BatchGroup {
    std::string body;
    std::string uniq_ids;
  };

  // Validates a batch, sets the UNIQ_KEYs and encodes it into groups of at most max_message_size.
  // `first_body`: storage for the first group's body (a recycled async send's, whose capacity a
  // batch of the same shape fills again without allocating).
  rmq::Result<std::vector<BatchGroup>> EncodeBatch(std::vector<MQMessage>& msgs,
                                                   std::string&& first_body = std::string()) const;

  rmq::Status CheckStarted() const;
  rmq::Status Validate(const MQMessage& msg) const;
  // The body checks of Validate (a batch validates its one topic once).
  rmq::Status ValidateBody(const MQMessage& msg) const;
  // Picks the queue of attempt `attempt` (last_broker: the broker of the failed attempt).
  // `msg` is what a selector sees; it may be null when the choice has no selector.
  rmq::Result<rmq::MessageQueue> PickQueue(const std::string& topic, const MQMessage* msg, const QueueChoice& choice,
                                           const std::optional<std::string>& last_broker);
  rmq::Result<std::string> BrokerAddr(const rmq::MessageQueue& mq);
  // Header and body of a single message to `mq`.
  rmq::remoting::SendMessageRequestHeaderV2 BuildHeader(const MQMessage& msg, const rmq::MessageQueue& mq,
                                                        int32_t sys_flag, bool batch) const;
  // BuildHeader into `*header`, whose strings keep their capacity (a recycled async send's).
  void FillHeader(const MQMessage& msg, const rmq::MessageQueue& mq, int32_t sys_flag, bool batch,
                  rmq::remoting::SendMessageRequestHeaderV2* header) const;
  rmq::Result<std::pair<std::string, int32_t>> EncodeBody(const MQMessage& msg) const;
  // Records a send's latency for the fault tolerance, when it is enabled.
  void UpdateFaultItem(const std::string& broker_name, int64_t latency_ms, bool isolation);
  // The send ends with this result: the response's strings and the id move into it.
  SendResult ToSendResult(rmq::client::SendResponse&& response, const rmq::MessageQueue& mq,
                          std::string&& uniq_key) const;
  // `msg` is the caller's message on the first attempt (for a selector), null on retries;
  // `now_ms` the steady clock.
  void AttemptAsync(std::shared_ptr<AsyncSend> send, const MQMessage* msg, int64_t now_ms);
  // The state of a new async send: a finished one taken back by RecycleAsyncSend (its header,
  // body and properties strings keep their capacity, and no new object is allocated) or a new one.
  std::shared_ptr<AsyncSend> AcquireAsyncSend();
  // Takes back the state of a send that has reported, when nothing else (a write still holding
  // its body) refers to it; otherwise it is simply released.
  void RecycleAsyncSend(std::shared_ptr<AsyncSend>&& send);
  // Sets the request properties (first request to a topic: fetches the route for CLUSTER and
  // heartbeats so the broker knows where to push the reply). Returns the correlation id.
  rmq::Result<std::string> PrepareRequest(MQMessage& msg, int64_t timeout_ms);
  void EndTransaction(const std::string& addr, const SendResult& result, LocalTransactionState state,
                      const std::string& transaction_id);

  std::string group_;
  std::atomic<bool> started_{false};
  std::mutex lifecycle_mutex_;
  std::shared_ptr<rmq::client::ClientInstance> instance_;  // set in Start, released in Shutdown
  rmq::client::LatencyFaultTolerance faults_;
  std::unique_ptr<rmq::client::ThreadPool> retry_pool_;  // async retries leave the io threads
  // Finished async sends' state for reuse (bounded; their producer pointer is reset, so they do
  // not keep this object alive).
  std::mutex spare_sends_mutex_;
  std::vector<std::shared_ptr<AsyncSend>> spare_sends_;  // Guarded by spare_sends_mutex_.
  std::mutex request_mutex_;
  std::map<std::string, std::string> request_clusters_;  // topic -> cluster; Guarded by request_mutex_.
};

// Sets the UNIQ_KEY property unless the message has one.
void SetUniqKey(MQMessage& msg);
// The same, giving the message's id (the one set or the one it had) in `*id`.
void SetUniqKey(MQMessage& msg, std::string* id);

// The Status of a request that got no reply in time (RequestTimeoutException at the API edge).
bool IsRequestTimeout(const rmq::Status& status);

}  // namespace rocketmq::internal

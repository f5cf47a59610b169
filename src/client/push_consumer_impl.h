// PushConsumerImpl: the implementation behind DefaultMQPushConsumer (Java
// DefaultMQPushConsumerImpl + RebalancePushImpl + ConsumeMessageConcurrently/OrderlyService):
// rebalance into ProcessQueues, one long-polling pull chain per queue on the I/O threads, flow
// control, a consume thread pool, send-back of failed messages, offsets. The consumption itself
// is in ConsumeConcurrentlyService and ConsumeOrderlyService (their own files). Held by
// shared_ptr; pull callbacks and consume tasks hold it weakly. Thread-safe once started.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "client/allocate_strategy.h"
#include "client/client_instance.h"
#include "client/consume_concurrently_service.h"
#include "client/consume_orderly_service.h"
#include "client/offset_store.h"
#include "client/process_queue.h"
#include "client/thread_pool.h"
#include "common/heartbeat_data.h"
#include "common/message_queue.h"
#include "rocketmq/ConsumeType.h"
#include "rocketmq/MQMessageListener.h"

namespace rocketmq::internal {

class PushConsumerImpl : public rmq::client::ConsumerHandle, public std::enable_shared_from_this<PushConsumerImpl> {
 public:
  explicit PushConsumerImpl(std::string group);
  ~PushConsumerImpl() override;

  // Settings; set before Start().
  rmq::client::ClientSettings settings;
  MessageModel message_model = CLUSTERING;
  ConsumeFromWhere consume_from_where = CONSUME_FROM_LAST_OFFSET;
  std::string consume_timestamp;  // yyyyMMddHHmmss; empty = 30 minutes before start
  int consume_thread_count = 0;
  int consume_batch_max_size = 1;
  int pull_batch_size = 32;
  int max_cache_count_per_queue = 1000;
  int64_t max_cache_bytes_per_queue = 100LL * 1024 * 1024;
  int max_reconsume_times = -1;  // -1: 16 concurrently, unlimited orderly
  int64_t suspend_current_queue_ms = 1000;
  rmq::client::AllocateStrategy strategy;
  std::string offset_store_dir;
  MessageListenerFunction listener;
  bool orderly = false;

  const std::string& group() const { return group_; }
  // REQUIRES: not started.
  void set_group(const std::string& group) {
    group_ = group;
    settings.group_name = group;
  }
  // expression_type TAG or SQL92 (checked with the brokers at start, see CheckFilters).
  rmq::Status Subscribe(const std::string& topic, const std::string& expression,
                        const std::string& expression_type = "TAG");
  // Asks the brokers whether they accept the SQL92 subscriptions (subscription_check.h).
  rmq::Status CheckFilters(rmq::client::ClientInstance& instance);
  rmq::Status Start();
  void Shutdown();
  bool started() const { return started_.load(); }
  std::vector<rmq::MessageQueue> AllocatedQueues() const;

  // ConsumerHandle
  rmq::ConsumerHeartbeat Heartbeat() const override;
  std::vector<std::string> SubscribedTopics() const override;
  void DoRebalance() override;
  void PersistOffsets() override;
  void RenewLocks() override;
  std::string RunningInfo() const override;
  void ResetOffset(const std::string& topic, const std::map<rmq::MessageQueue, int64_t>& offsets) override;
  std::string ConsumeDirectly(const rmq::MessageExt& msg, const std::string& broker_name) override;

 private:
  friend class ConsumeConcurrentlyService;
  friend class ConsumeOrderlyService;
  using ProcessQueuePtr = std::shared_ptr<rmq::client::ProcessQueue>;

  bool clustering() const { return message_model == CLUSTERING; }
  int MaxReconsumeTimes() const;
  void RebalanceTopic(const std::string& topic);
  void RemoveQueue(const rmq::MessageQueue& mq, const ProcessQueuePtr& pq);
  // Records a consumed offset only while `pq` is still the live process queue of `mq` (not
  // dropped by a rebalance or an offset reset). Returns whether it did.
  bool UpdateOffsetIfCurrent(const rmq::MessageQueue& mq, const ProcessQueuePtr& pq, int64_t offset,
                             bool increase_only);

  void ExecutePull(const rmq::MessageQueue& mq, ProcessQueuePtr pq);
  void PullLater(const rmq::MessageQueue& mq, ProcessQueuePtr pq, int64_t delay_ms);
  void OnPulled(const rmq::MessageQueue& mq, ProcessQueuePtr pq, const rmq::SubscriptionData& sub,
                rmq::Result<rmq::client::PullResponse> response);

  // Send-back to the broker for redelivery (or the DLQ). False when the request failed.
  bool SendBack(const MQMessageExt& msg, int delay_level);
  ConsumeStatus CallListener(std::vector<MQMessageExt>& msgs);

  std::string group_;
  std::string retry_topic_;  // %RETRY%<group_>, set by Start()
  std::atomic<bool> started_{false};
  std::mutex lifecycle_mutex_;
  std::shared_ptr<rmq::client::ClientInstance> instance_;
  std::unique_ptr<rmq::client::OffsetStore> offset_store_;
  std::unique_ptr<rmq::client::ThreadPool> consume_pool_;
  int64_t consume_timestamp_ms_ = 0;
  int64_t start_ms_ = 0;

  mutable std::mutex mutex_;
  std::map<std::string, rmq::SubscriptionData> subscriptions_;   // Guarded by mutex_.
  std::map<rmq::MessageQueue, ProcessQueuePtr> process_queues_;  // Guarded by mutex_.
  std::mutex rebalance_mutex_;                                   // one rebalance at a time
  ConsumeConcurrentlyService concurrent_service_{*this};
  ConsumeOrderlyService orderly_service_{*this};
};

}  // namespace rocketmq::internal

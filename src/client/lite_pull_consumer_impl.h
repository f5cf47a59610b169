// LitePullConsumerImpl: the implementation behind DefaultLitePullConsumer (Java
// DefaultLitePullConsumerImpl): per assigned queue a background long-polling pull chain fills
// one shared buffer that poll() drains; seeks restart a queue's chain (older answers are
// dropped by an epoch check); offsets of what poll() returned are committed every 5 s or by
// commitSync(). Subscribe mode rebalances like the push consumer. Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "client/allocate_strategy.h"
#include "client/client_instance.h"
#include "client/offset_store.h"
#include "common/heartbeat_data.h"
#include "rocketmq/ConsumeType.h"
#include "rocketmq/MQMessageExt.h"

namespace rocketmq::internal {

class LitePullConsumerImpl : public rmq::client::ConsumerHandle,
                             public std::enable_shared_from_this<LitePullConsumerImpl> {
 public:
  explicit LitePullConsumerImpl(std::string group) : group_(std::move(group)) { settings.group_name = group_; }
  ~LitePullConsumerImpl() override { Shutdown(); }

  rmq::client::ClientSettings settings;
  MessageModel message_model = CLUSTERING;
  ConsumeFromWhere consume_from_where = CONSUME_FROM_LAST_OFFSET;
  bool auto_commit = true;
  int pull_batch_size = 10;
  int poll_batch_size = 10;
  int pull_threshold_per_queue = 1000;
  rmq::client::AllocateStrategy strategy;

  const std::string& group() const { return group_; }
  void set_group(const std::string& group) {
    group_ = group;
    settings.group_name = group;
  }

  rmq::Status Start();
  void Shutdown();
  // expression_type TAG or SQL92 (checked with the brokers at start, see CheckFilters).
  rmq::Status Subscribe(const std::string& topic, const std::string& expression,
                        const std::string& expression_type = "TAG");
  // Asks the brokers whether they accept `only`, or every SQL92 subscription (subscription_check.h).
  rmq::Status CheckFilters(rmq::client::ClientInstance& instance, const std::optional<rmq::SubscriptionData>& only);
  void Unsubscribe(const std::string& topic);
  rmq::Status Assign(const std::vector<rmq::MessageQueue>& mqs);
  std::vector<rmq::MessageQueue> Assignment() const;
  rmq::Result<std::vector<rmq::MessageQueue>> FetchMessageQueues(const std::string& topic);
  std::vector<MQMessageExt> Poll(int64_t timeout_ms);
  rmq::Status Seek(const rmq::MessageQueue& mq, int64_t offset);
  rmq::Result<int64_t> MinOffset(const rmq::MessageQueue& mq);
  rmq::Result<int64_t> MaxOffset(const rmq::MessageQueue& mq);
  rmq::Result<int64_t> OffsetForTimestamp(const rmq::MessageQueue& mq, int64_t timestamp);
  rmq::Result<int64_t> Committed(const rmq::MessageQueue& mq);
  rmq::Status CommitSync();
  void SetPaused(const std::vector<rmq::MessageQueue>& mqs, bool paused);

  rmq::ConsumerHeartbeat Heartbeat() const override;
  std::vector<std::string> SubscribedTopics() const override;
  void DoRebalance() override;
  void PersistOffsets() override;
  std::string RunningInfo() const override;
  void ResetOffset(const std::string& topic, const std::map<rmq::MessageQueue, int64_t>& offsets) override;
  std::string ConsumeDirectly(const rmq::MessageExt&, const std::string&) override;

 private:
  struct QueueState {
    std::atomic<int64_t> epoch{0};
    std::atomic<int64_t> next_offset{0};      // next pull
    std::atomic<int64_t> consumed_offset{-1};  // one past the last message poll() returned
    std::atomic<int64_t> cached{0};
    std::atomic<bool> paused{false};
    std::atomic<bool> dropped{false};
  };
  using StatePtr = std::shared_ptr<QueueState>;
  struct Batch {
    rmq::MessageQueue mq;
    StatePtr state;
    int64_t epoch = 0;
    std::deque<MQMessageExt> msgs;
  };

  rmq::Status CheckStarted() const;
  // Adds a queue starting at `offset` (-1: compute from the store / consumeFromWhere).
  void AddQueue(const rmq::MessageQueue& mq, int64_t offset);
  void RemoveQueue(const rmq::MessageQueue& mq);
  void UpdateAssignment(const std::string& topic, const std::vector<rmq::MessageQueue>& wanted);
  void PullChain(rmq::MessageQueue mq, StatePtr state, int64_t epoch);
  void PullLater(rmq::MessageQueue mq, StatePtr state, int64_t epoch, int64_t delay_ms);
  rmq::Result<std::string> MasterOf(const rmq::MessageQueue& mq);

  std::string group_;
  std::atomic<bool> started_{false};
  std::mutex lifecycle_mutex_;
  std::shared_ptr<rmq::client::ClientInstance> instance_;
  std::unique_ptr<rmq::client::OffsetStore> offset_store_;

  mutable std::mutex mutex_;
  std::condition_variable cv_;
  bool assigned_mode_ = false;                                  // Guarded by mutex_.
  std::map<std::string, rmq::SubscriptionData> subscriptions_;  // Guarded by mutex_.
  std::map<rmq::MessageQueue, StatePtr> queues_;                // Guarded by mutex_.
  std::deque<Batch> buffer_;                                    // Guarded by mutex_.
  std::mutex rebalance_mutex_;
};

}  // namespace rocketmq::internal

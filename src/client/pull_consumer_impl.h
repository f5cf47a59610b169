// PullConsumerImpl: the implementation behind DefaultMQPullConsumer — pulls chosen by the
// caller, offsets kept in an OffsetStore and committed every 5 s and at shutdown. Registers with
// the brokers as a CONSUME_ACTIVELY group. Thread-safe once started.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "client/client_instance.h"
#include "client/offset_store.h"
#include "rocketmq/ConsumeType.h"
#include "rocketmq/PullResult.h"

namespace rocketmq::internal {

// Pulls one queue once and turns the answer into a PullResult (tags re-filtered).
// `block`: let the broker hold the request up to 20 s while nothing is there.
rmq::Result<PullResult> PullOnce(rmq::client::ClientInstance& instance, const std::string& group,
                                 const rmq::MessageQueue& mq, const std::string& expression, int64_t offset,
                                 int max_nums, bool block);

class PullConsumerImpl : public rmq::client::ConsumerHandle, public std::enable_shared_from_this<PullConsumerImpl> {
 public:
  explicit PullConsumerImpl(std::string group) : group_(std::move(group)) { settings.group_name = group_; }
  ~PullConsumerImpl() override { Shutdown(); }

  rmq::client::ClientSettings settings;
  MessageModel message_model = CLUSTERING;
  std::set<std::string> register_topics;

  const std::string& group() const { return group_; }
  void set_group(const std::string& group) {
    group_ = group;
    settings.group_name = group;
  }
  rmq::Status Start();
  void Shutdown();
  rmq::Status CheckStarted() const;
  rmq::client::ClientInstance& instance() { return *instance_; }
  rmq::client::OffsetStore& offset_store() { return *offset_store_; }
  // The master of the queue's broker, refreshing the route when unknown.
  rmq::Result<std::string> MasterOf(const rmq::MessageQueue& mq);

  rmq::ConsumerHeartbeat Heartbeat() const override;
  std::vector<std::string> SubscribedTopics() const override;
  void DoRebalance() override {}
  void PersistOffsets() override;
  std::string RunningInfo() const override;
  void ResetOffset(const std::string& topic, const std::map<rmq::MessageQueue, int64_t>& offsets) override;
  std::string ConsumeDirectly(const rmq::MessageExt&, const std::string&) override;

 private:
  std::string group_;
  std::atomic<bool> started_{false};
  std::mutex lifecycle_mutex_;
  std::shared_ptr<rmq::client::ClientInstance> instance_;
  std::unique_ptr<rmq::client::OffsetStore> offset_store_;
};

}  // namespace rocketmq::internal

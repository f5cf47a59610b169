// GroupAdminProcessor: the consumer/producer-group admin family —
// UPDATE_AND_CREATE_SUBSCRIPTIONGROUP (200), DELETE_SUBSCRIPTIONGROUP (207),
// GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201), GET_CONSUME_STATS (208),
// GET_CONSUMER_CONNECTION_LIST (203), GET_PRODUCER_CONNECTION_LIST (204) and
// QUERY_TOPIC_CONSUME_BY_WHO (300) (AdminBrokerProcessor.java, split by family). Owned by
// BrokerServer; the references must outlive it.
#pragma once

#include <optional>

#include "broker/broker_config.h"
#include "broker/consumer_manager.h"
#include "broker/consumer_offset_manager.h"
#include "broker/producer_manager.h"
#include "broker/subscription_group_manager.h"
#include "broker/topic_config_manager.h"
#include "remoting/request_processor.h"
#include "store/message_store.h"

namespace rmq::broker {

class GroupAdminProcessor : public remoting::RequestProcessor {
 public:
  GroupAdminProcessor(SubscriptionGroupManager& groups, ConsumerOffsetManager& offsets,
                      const ConsumerManager& consumers, const ProducerManager& producers,
                      const TopicConfigManager& topics, const store::MessageStore& store, const BrokerConfig& config);

  asio::awaitable<std::optional<remoting::RemotingCommand>> Process(remoting::RequestContext& context,
                                                                    remoting::RemotingCommand request) override;

 private:
  remoting::RemotingCommand UpdateSubscriptionGroup(const remoting::RemotingCommand& request);
  remoting::RemotingCommand DeleteSubscriptionGroup(const remoting::RemotingCommand& request);
  remoting::RemotingCommand GetConsumeStats(const remoting::RemotingCommand& request);
  remoting::RemotingCommand GetConsumerConnectionList(const remoting::RemotingCommand& request);
  remoting::RemotingCommand GetProducerConnectionList(const remoting::RemotingCommand& request);
  remoting::RemotingCommand QueryTopicConsumeByWho(const remoting::RemotingCommand& request);

  SubscriptionGroupManager& groups_;
  ConsumerOffsetManager& offsets_;
  const ConsumerManager& consumers_;
  const ProducerManager& producers_;
  const TopicConfigManager& topics_;
  const store::MessageStore& store_;
  const BrokerConfig& config_;
};

}  // namespace rmq::broker

// TopicAdminProcessor: the topic admin family — UPDATE_AND_CREATE_TOPIC (17),
// DELETE_TOPIC_IN_BROKER (215), GET_ALL_TOPIC_CONFIG (21) and GET_TOPIC_STATS_INFO (202)
// (AdminBrokerProcessor.java, split by family). Topic changes reach the name servers through
// TopicConfigManager's change listener. Owned by BrokerServer; the references must outlive it.
#pragma once

#include <optional>

#include "broker/broker_config.h"
#include "broker/consumer_offset_manager.h"
#include "broker/topic_config_manager.h"
#include "remoting/request_processor.h"
#include "store/message_store.h"

namespace rmq::broker {

class TopicAdminProcessor : public remoting::RequestProcessor {
 public:
  TopicAdminProcessor(TopicConfigManager& topics, store::MessageStore& store, ConsumerOffsetManager& offsets,
                      const BrokerConfig& config);

  asio::awaitable<std::optional<remoting::RemotingCommand>> Process(remoting::RequestContext& context,
                                                                    remoting::RemotingCommand request) override;

 private:
  remoting::RemotingCommand UpdateAndCreateTopic(const remoting::RemotingCommand& request);
  remoting::RemotingCommand DeleteTopic(const remoting::RemotingCommand& request);
  remoting::RemotingCommand GetTopicStatsInfo(const remoting::RemotingCommand& request);

  TopicConfigManager& topics_;
  store::MessageStore& store_;
  ConsumerOffsetManager& offsets_;
  const BrokerConfig& config_;
};

}  // namespace rmq::broker

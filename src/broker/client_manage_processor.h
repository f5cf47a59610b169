// ClientManageProcessor: client registration — HEART_BEAT (34), UNREGISTER_CLIENT (35) and
// CHECK_CLIENT_CONFIG (46) (ClientManageProcessor.java). A heartbeat registers the connection's
// producer and consumer groups and subscriptions (SQL92 selectors compiled once, a bad one refused
// with the column named), auto-creates subscription groups and each group's %RETRY% topic, and
// is answered with a modern version so Java clients enable every feature. Owned by
// BrokerServer; the references must outlive it.
#pragma once

#include <optional>

#include "broker/consumer_manager.h"
#include "broker/producer_manager.h"
#include "broker/registration_rounds.h"
#include "broker/runtime_broker_config.h"
#include "broker/subscription_group_manager.h"
#include "broker/topic_config_manager.h"
#include "remoting/request_processor.h"

namespace rmq::broker {

class ClientManageProcessor : public remoting::RequestProcessor {
 public:
  ClientManageProcessor(ConsumerManager& consumers, ProducerManager& producers, SubscriptionGroupManager& groups,
                        TopicConfigManager& topics, const RuntimeBrokerConfig& runtime,
                        const RegistrationRounds& registration);

  asio::awaitable<std::optional<remoting::RemotingCommand>> Process(remoting::RequestContext& context,
                                                                    remoting::RemotingCommand request) override;

 private:
  // Sets `*registration_round` when the heartbeat created a %RETRY% topic: the answer then waits
  // for that registration round, so the client's next route query finds the topic.
  remoting::RemotingCommand HeartBeat(remoting::RequestContext& context, const remoting::RemotingCommand& request,
                                      uint64_t* registration_round);
  remoting::RemotingCommand CheckClientConfig(const remoting::RemotingCommand& request);
  remoting::RemotingCommand UnregisterClient(remoting::RequestContext& context,
                                             const remoting::RemotingCommand& request);

  ConsumerManager& consumers_;
  ProducerManager& producers_;
  SubscriptionGroupManager& groups_;
  TopicConfigManager& topics_;
  const RuntimeBrokerConfig& runtime_;
  const RegistrationRounds& registration_;
};

}  // namespace rmq::broker

// PullMessageProcessor: PULL_MESSAGE (11) and LITE_PULL_MESSAGE (361) (PullMessageProcessor.java):
// permission and subscription checks, tag-hash filtering and SQL92 selectors on the records'
// properties (sql_pull_filter.h), the commit-offset sysFlag bit, the
// store status → response code mapping of reference/remoting.md §5.4, a zero-copy body of
// segments over the mapped CommitLog, and long polling — a pull that finds nothing waits on its
// own strand until PullRequestHoldService wakes it or the hold time ends. Owned by
// BrokerServer; the references must outlive it.
#pragma once

#include <optional>

#include "broker/broker_stats.h"
#include "broker/consumer_manager.h"
#include "broker/consumer_offset_manager.h"
#include "broker/pull_request_hold_service.h"
#include "broker/runtime_broker_config.h"
#include "broker/subscription_group_manager.h"
#include "broker/topic_config_manager.h"
#include "remoting/request_processor.h"
#include "store/message_store.h"

namespace rmq::broker {

class PullMessageProcessor : public remoting::RequestProcessor {
 public:
  PullMessageProcessor(store::MessageStore& store, TopicConfigManager& topics, SubscriptionGroupManager& groups,
                       const ConsumerManager& consumers, ConsumerOffsetManager& offsets,
                       PullRequestHoldService& hold, const RuntimeBrokerConfig& runtime, BrokerStats& stats);

  asio::awaitable<std::optional<remoting::RemotingCommand>> Process(remoting::RequestContext& context,
                                                                    remoting::RemotingCommand request) override;

 private:
  store::MessageStore& store_;
  TopicConfigManager& topics_;
  SubscriptionGroupManager& groups_;
  const ConsumerManager& consumers_;
  ConsumerOffsetManager& offsets_;
  PullRequestHoldService& hold_;
  const RuntimeBrokerConfig& runtime_;
  BrokerStats& stats_;
};

}  // namespace rmq::broker

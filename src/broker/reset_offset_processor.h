// ResetOffsetProcessor: INVOKE_BROKER_TO_RESET_OFFSET (222), the broker side of mqadmin
// resetOffsetByTime — per queue of the topic on this broker, the offset for the timestamp
// (−1 = the queue's max offset) or an explicit offset for one queue; committed for the group
// and pushed to every live consumer of the group with RESET_CONSUMER_CLIENT_OFFSET (220,
// oneway), as Broker2Client#resetOffset. Without a live consumer it answers CONSUMER_NOT_ONLINE
// and changes nothing, so the admin falls back to committing the offsets itself. Owned by
// BrokerServer; the references must outlive it. Stateless beyond them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "broker/broker_config.h"
#include "broker/consumer_manager.h"
#include "broker/consumer_offset_manager.h"
#include "broker/subscription_group_manager.h"
#include "broker/topic_config_manager.h"
#include "common/message_queue.h"
#include "remoting/request_processor.h"
#include "store/message_store.h"

namespace rmq::broker {

// The two body shapes of a reset (reference/remoting.md §5.6): ResetOffsetBody with
// MessageQueue objects as map keys (fastjson), and the array form C++ clients read.
std::string EncodeResetOffsetBody(const std::map<MessageQueue, int64_t>& offsets);
std::string EncodeResetOffsetBodyForC(const std::map<MessageQueue, int64_t>& offsets);

class ResetOffsetProcessor : public remoting::RequestProcessor {
 public:
  ResetOffsetProcessor(const TopicConfigManager& topics, const SubscriptionGroupManager& groups,
                       ConsumerOffsetManager& offsets, const ConsumerManager& consumers,
                       const store::MessageStore& store, const BrokerConfig& config);

  asio::awaitable<std::optional<remoting::RemotingCommand>> Process(remoting::RequestContext& context,
                                                                    remoting::RemotingCommand request) override;

 private:
  remoting::RemotingCommand ResetOffset(const remoting::RemotingCommand& request);

  const TopicConfigManager& topics_;
  const SubscriptionGroupManager& groups_;
  ConsumerOffsetManager& offsets_;
  const ConsumerManager& consumers_;
  const store::MessageStore& store_;
  const BrokerConfig& config_;
};

}  // namespace rmq::broker

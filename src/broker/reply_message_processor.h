// ReplyMessageProcessor: SEND_REPLY_MESSAGE (324) and SEND_REPLY_MESSAGE_V2 (325), the broker's
// leg of request-reply (ReplyMessageProcessor.java). The replier sends the reply like a message
// to <cluster>_REPLY_TOPIC; the broker pushes it at once to the requesting client — found by the
// REPLY_TO_CLIENT property among producer and consumer connections — with
// PUSH_REPLY_MESSAGE_TO_CLIENT (326), waits for that client's answer, and (storeReplyMessageEnable)
// also appends it to the reply topic. The replier learns whether the push reached the requester:
// SUCCESS, or SYSTEM_ERROR with a remark saying why not. Owned by BrokerServer; the references
// must outlive it.
#pragma once

#include <optional>
#include <string>

#include "broker/broker_config.h"
#include "broker/broker_stats.h"
#include "broker/consumer_manager.h"
#include "broker/producer_manager.h"
#include "broker/runtime_broker_config.h"
#include "broker/topic_config_manager.h"
#include "remoting/request_processor.h"
#include "remoting/send_message_headers.h"
#include "store/message_store.h"

namespace rmq::broker {

class ReplyMessageProcessor : public remoting::RequestProcessor {
 public:
  ReplyMessageProcessor(store::MessageStore& store, const TopicConfigManager& topics, const ProducerManager& producers,
                        const ConsumerManager& consumers, const RuntimeBrokerConfig& runtime,
                        const BrokerConfig& config, BrokerStats& stats);

  asio::awaitable<std::optional<remoting::RemotingCommand>> Process(remoting::RequestContext& context,
                                                                    remoting::RemotingCommand request) override;

 private:
  // Pushes the reply to its requester; empty on success, else the remark for the replier.
  asio::awaitable<std::string> PushReply(const remoting::RequestContext& context,
                                         const remoting::RemotingCommand& request,
                                         const remoting::SendMessageRequestHeader& header, int32_t queue_id,
                                         const std::string& properties);

  store::MessageStore& store_;
  const TopicConfigManager& topics_;
  const ProducerManager& producers_;
  const ConsumerManager& consumers_;
  const RuntimeBrokerConfig& runtime_;
  const BrokerConfig& config_;
  BrokerStats& stats_;
};

}  // namespace rmq::broker

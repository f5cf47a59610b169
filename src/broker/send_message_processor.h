// SendMessageProcessor: the producer family — SEND_MESSAGE (10), SEND_MESSAGE_V2 (310),
// SEND_BATCH_MESSAGE (320, and 310 with batch=true as the C++ client sends batches) — and
// CONSUMER_SEND_MSG_BACK (36), which re-stores a failed message for redelivery
// (SendMessageProcessor.java, AbstractSendMessageProcessor.java). Checks, topic auto-creation,
// retry/DLQ routing, the append, and (SYNC_FLUSH) the wait for group commit without blocking a
// thread. Owned by BrokerServer; the references must outlive it. Stateless beyond them.
#pragma once

#include <optional>

#include "broker/broker_config.h"
#include "broker/broker_stats.h"
#include "broker/runtime_broker_config.h"
#include "broker/schedule/parked_message.h"
#include "broker/subscription_group_manager.h"
#include "broker/topic_config_manager.h"
#include "remoting/request_processor.h"
#include "store/message_store.h"

namespace rmq::broker {

class SendMessageProcessor : public remoting::RequestProcessor {
 public:
  SendMessageProcessor(store::MessageStore& store, TopicConfigManager& topics, SubscriptionGroupManager& groups,
                       const RuntimeBrokerConfig& runtime, const BrokerConfig& config, BrokerStats& stats);

  asio::awaitable<std::optional<remoting::RemotingCommand>> Process(remoting::RequestContext& context,
                                                                    remoting::RemotingCommand request) override;
  // Sends under ASYNC_FLUSH never wait; CONSUMER_SEND_MSG_BACK and SYNC_FLUSH sends may.
  bool CompletesInline(const remoting::RemotingCommand& request) const override;
  // The send codes: the connection decodes their JSON headers straight into the typed header.
  bool TakesSendHeader(int32_t code) const override;

 private:
  // A send request that passed the checks: the message to put (parked, if delayed).
  struct PreparedSend {
    MessageExt msg;
    bool batch = false;
    int32_t reply_queue_id = 0;  // what the response reports (a half message: the queue it was sent to)
  };
  // Checks a SEND_MESSAGE / _V2 / SEND_BATCH_MESSAGE request (moving its body into `out`) and
  // prepares the message; the error response when the send is refused.
  std::optional<remoting::RemotingCommand> PrepareSend(remoting::RequestContext& context,
                                                       remoting::RemotingCommand& request, PreparedSend* out);
  asio::awaitable<remoting::RemotingCommand> ConsumerSendMsgBack(remoting::RequestContext& context,
                                                                 remoting::RemotingCommand request);
  // The one place a put outcome becomes a response code and remark.
  remoting::RemotingCommand PutResultResponse(const remoting::RemotingCommand& request,
                                              const store::PutMessageResult& result, int32_t queue_id,
                                              std::string_view properties) const;

  store::MessageStore& store_;
  TopicConfigManager& topics_;
  SubscriptionGroupManager& groups_;
  const RuntimeBrokerConfig& runtime_;
  const BrokerConfig& config_;
  BrokerStats& stats_;
  // Delay levels and timer limits, for parking DELAY / TIMER_* messages (schedule/parked_message.h).
  const schedule::ScheduleRules schedule_rules_;
};

}  // namespace rmq::broker

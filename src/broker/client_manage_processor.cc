#include "broker/client_manage_processor.h"

#include "broker/broker_util.h"
#include "broker/heartbeat_decoder.h"
#include "broker/topic_validator.h"
#include "common/logging.h"
#include "common/perm.h"
#include "remoting/consumer_headers.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"

namespace rmq::broker {

using remoting::RemotingCommand;
using remoting::ResponseCode;

ClientManageProcessor::ClientManageProcessor(ConsumerManager& consumers, ProducerManager& producers,
                                             SubscriptionGroupManager& groups, TopicConfigManager& topics,
                                             const RuntimeBrokerConfig& runtime,
                                             const RegistrationRounds& registration)
    : consumers_(consumers),
      producers_(producers),
      groups_(groups),
      topics_(topics),
      runtime_(runtime),
      registration_(registration) {}

asio::awaitable<std::optional<RemotingCommand>> ClientManageProcessor::Process(remoting::RequestContext& context,
                                                                              RemotingCommand request) {
  if (request.code() == remoting::RequestCode::kHeartBeat) {
    uint64_t round = 0;
    RemotingCommand response = HeartBeat(context, request, &round);
    // Bounded well below the clients' 3 s heartbeat timeout (Java, ali-ons; ali-ons drops the
    // connection when it passes): a slow name server delays the answer, never loses it.
    if (round != 0) co_await registration_.AwaitEnded(round, std::chrono::milliseconds(2000));
    co_return response;
  }
  if (request.code() == remoting::RequestCode::kCheckClientConfig) co_return CheckClientConfig(request);
  co_return UnregisterClient(context, request);
}

RemotingCommand ClientManageProcessor::HeartBeat(remoting::RequestContext& context, const RemotingCommand& request,
                                                 uint64_t* registration_round) {
  auto data = DecodeHeartbeatData(request.body());
  if (!data.ok()) return ErrorResponse(request, ResponseCode::kSystemError, data.status().message());
  ClientChannelInfo channel;
  channel.connection = context.connection;
  channel.client_id = data->client_id;
  channel.language = std::string(remoting::LanguageName(request.language()));
  channel.version = request.version();
  channel.remote_address = context.remote_address;
  channel.last_update_ms = SteadyNowMs();
  const void* key = ConnectionKey(context.connection);

  for (const ConsumerHeartbeat& consumer : data->consumers) {
    if (Status s = ValidateGroup(consumer.group_name); !s.ok()) {
      return ErrorResponse(request, ResponseCode::kInvalidParameter, s.message());
    }
    // SQL92 selectors are compiled here, once per change; a refused one refuses the heartbeat
    // before anything is registered, so the client sees the error.
    for (const SubscriptionData& sub : consumer.subscriptions) {
      FilterCheck check = CheckSubscriptionFilter(consumers_.filters(), runtime_.enable_property_filter(),
                                                  consumer.group_name, sub.topic, sub.expression_type, sub.sub_string,
                                                  sub.sub_version);
      if (!check.ok()) {
        GetLogger("broker")->warn("heartbeat of {} group {} topic {} refused: {}", data->client_id,
                                  consumer.group_name, sub.topic, check.remark);
        return ErrorResponse(request, check.code, check.remark);
      }
    }
  }
  for (const ConsumerHeartbeat& consumer : data->consumers) {
    auto group = groups_.FindOrCreate(consumer.group_name, runtime_.auto_create_subscription_group());
    if (group && group->retry_queue_nums > 0) {
      // As ClientManageProcessor#heartBeat: the group's retry topic, registered at once.
      std::string retry = RetryTopic(consumer.group_name);
      if (!topics_.Contains(retry)) {
        topics_.CreateTopicIfAbsent(retry, group->retry_queue_nums, Perm::kRead | Perm::kWrite);
        *registration_round = registration_.RequestRoundAfterChange();
      }
    }
    bool changed = consumers_.RegisterConsumer(consumer, channel, key);
    if (changed) {
      GetLogger("broker")->info("registerConsumer info changed, group {} client {} {}", consumer.group_name,
                                data->client_id, context.remote_address);
    }
  }
  for (const std::string& group : data->producer_groups) producers_.RegisterProducer(group, channel, key);
  // The response's version is what Java clients record as the broker's version: the current one.
  return RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
}

RemotingCommand ClientManageProcessor::CheckClientConfig(const RemotingCommand& request) {
  auto body = DecodeCheckClientBody(request.body());
  if (!body.ok()) return ErrorResponse(request, ResponseCode::kSystemError, body.status().message());
  if (!body->subscription) return RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  const SubscriptionData& sub = *body->subscription;
  FilterCheck check = CheckSubscriptionFilter(consumers_.filters(), runtime_.enable_property_filter(), body->group,
                                              sub.topic, sub.expression_type, sub.sub_string, sub.sub_version);
  if (!check.ok()) return ErrorResponse(request, check.code, check.remark);
  return RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
}

RemotingCommand ClientManageProcessor::UnregisterClient(remoting::RequestContext& context,
                                                        const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::UnregisterClientRequestHeader>(request);
  if (!header.ok()) return ErrorResponse(request, ResponseCode::kSystemError, header.status().message());
  const void* key = ConnectionKey(context.connection);
  // The C++ client sends the unused group as "": treat it as absent.
  if (header->producer_group && !header->producer_group->empty()) {
    producers_.UnregisterProducer(*header->producer_group, key);
  }
  if (header->consumer_group && !header->consumer_group->empty()) {
    consumers_.UnregisterConsumer(*header->consumer_group, key);
  }
  return RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
}

}  // namespace rmq::broker

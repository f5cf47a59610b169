#include "broker/group_admin_processor.h"

#include <set>

#include "broker/broker_util.h"
#include "broker/topic_validator.h"
#include "common/json_reader.h"
#include "common/json_writer.h"
#include "common/message_queue.h"
#include "remoting/admin_headers.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"

namespace rmq::broker {
namespace {

using remoting::RemotingCommand;
using remoting::RequestCode;
using remoting::ResponseCode;

void WriteConnection(JsonWriter* w, const ClientChannelInfo& channel) {
  w->BeginObject();
  w->StringField("clientAddr", channel.remote_address);
  w->StringField("clientId", channel.client_id);
  w->StringField("language", channel.language);
  w->IntField("version", channel.version);
  w->EndObject();
}

}  // namespace

GroupAdminProcessor::GroupAdminProcessor(SubscriptionGroupManager& groups, ConsumerOffsetManager& offsets,
                                         const ConsumerManager& consumers, const ProducerManager& producers,
                                         const TopicConfigManager& topics, const store::MessageStore& store,
                                         const BrokerConfig& config)
    : groups_(groups),
      offsets_(offsets),
      consumers_(consumers),
      producers_(producers),
      topics_(topics),
      store_(store),
      config_(config) {}

asio::awaitable<std::optional<RemotingCommand>> GroupAdminProcessor::Process(remoting::RequestContext&,
                                                                            RemotingCommand request) {
  switch (request.code()) {
    case RequestCode::kUpdateAndCreateSubscriptiongroup:
      co_return UpdateSubscriptionGroup(request);
    case RequestCode::kDeleteSubscriptiongroup:
      co_return DeleteSubscriptionGroup(request);
    case RequestCode::kGetConsumeStats:
      co_return GetConsumeStats(request);
    case RequestCode::kGetConsumerConnectionList:
      co_return GetConsumerConnectionList(request);
    case RequestCode::kGetProducerConnectionList:
      co_return GetProducerConnectionList(request);
    case RequestCode::kQueryTopicConsumeByWho:
      co_return QueryTopicConsumeByWho(request);
    default: {
      RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
      response.set_body(groups_.Encode());
      co_return response;
    }
  }
}

RemotingCommand GroupAdminProcessor::UpdateSubscriptionGroup(const RemotingCommand& request) {
  auto json = ParseLenientJson(request.body(), "SubscriptionGroupConfig");
  if (!json.ok()) return ErrorResponse(request, ResponseCode::kSystemError, json.status().message());
  auto config = SubscriptionGroupConfig::FromJson(*json);
  if (!config.ok()) return ErrorResponse(request, ResponseCode::kSystemError, config.status().message());
  if (Status s = ValidateGroup(config->group_name); !s.ok()) {
    return ErrorResponse(request, ResponseCode::kInvalidParameter, s.message());
  }
  groups_.Update(*config);
  return RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
}

RemotingCommand GroupAdminProcessor::DeleteSubscriptionGroup(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::DeleteSubscriptionGroupRequestHeader>(request);
  if (!header.ok()) return ErrorResponse(request, ResponseCode::kSystemError, header.status().message());
  groups_.Delete(header->group_name);
  if (header->clean_offset.value_or(false)) offsets_.RemoveGroup(header->group_name);
  return RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
}

RemotingCommand GroupAdminProcessor::GetConsumeStats(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::GetConsumeStatsRequestHeader>(request);
  if (!header.ok()) return ErrorResponse(request, ResponseCode::kSystemError, header.status().message());
  std::set<std::string> topics;
  if (header->topic && !header->topic->empty()) {
    topics.insert(*header->topic);
  } else if (header->topic_list && !header->topic_list->empty()) {
    std::string_view rest = *header->topic_list;
    while (!rest.empty()) {
      size_t sep = rest.find(';');
      if (!rest.substr(0, sep).empty()) topics.emplace(rest.substr(0, sep));
      if (sep == std::string_view::npos) break;
      rest.remove_prefix(sep + 1);
    }
  } else {
    topics = offsets_.TopicsOfGroup(header->consumer_group);
    if (auto group = consumers_.GetGroup(header->consumer_group)) {
      for (const auto& entry : group->subscriptions) topics.insert(entry.first);
    }
  }
  // ConsumeStats: MessageQueue objects as map keys, as fastjson writes them.
  std::string body = "{\"consumeTps\":0.0,\"offsetTable\":{";
  bool first = true;
  for (const std::string& topic : topics) {
    auto config = topics_.Find(topic);
    if (!config) continue;
    for (int32_t q = 0; q < config->read_queue_nums; ++q) {
      int64_t broker_offset = store_.GetMaxOffsetInQueue(topic, q);
      int64_t consumer_offset = offsets_.QueryOffset(header->consumer_group, topic, q).value_or(0);
      int64_t pull_offset =
          std::max(consumer_offset, offsets_.QueryPullOffset(header->consumer_group, topic, q).value_or(0));
      int64_t last = consumer_offset > 0 ? store_.GetMessageStoreTimeStamp(topic, q, consumer_offset - 1) : 0;
      if (!first) body += ',';
      first = false;
      body += MessageQueue{topic, config_.broker_name, q}.ToJson();
      body += ":{\"brokerOffset\":" + std::to_string(broker_offset) +
              ",\"consumerOffset\":" + std::to_string(consumer_offset) +
              ",\"lastTimestamp\":" + std::to_string(std::max<int64_t>(last, 0)) +
              ",\"pullOffset\":" + std::to_string(pull_offset) + "}";
    }
  }
  body += "}}";
  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  response.set_body(std::move(body));
  return response;
}

RemotingCommand GroupAdminProcessor::GetConsumerConnectionList(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::GetConsumerConnectionListRequestHeader>(request);
  if (!header.ok()) return ErrorResponse(request, ResponseCode::kSystemError, header.status().message());
  auto group = consumers_.GetGroup(header->consumer_group);
  if (!group || group->channels.empty()) {
    return ErrorResponse(request, ResponseCode::kConsumerNotOnline,
                         "the consumer group[" + header->consumer_group + "] not online");
  }
  JsonWriter w;
  w.BeginObject();
  w.Key("connectionSet");
  w.BeginArray();
  for (const ClientChannelInfo& channel : group->channels) WriteConnection(&w, channel);
  w.EndArray();
  w.StringField("consumeFromWhere", group->consume_from_where);
  w.StringField("consumeType", group->consume_type);
  w.StringField("messageModel", group->message_model);
  w.Key("subscriptionTable");
  w.BeginObject();
  for (const auto& [topic, sub] : group->subscriptions) {
    w.Key(topic);
    sub.WriteJson(&w);
  }
  w.EndObject();
  w.EndObject();
  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  response.set_body(w.Release());
  return response;
}

RemotingCommand GroupAdminProcessor::GetProducerConnectionList(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::GetProducerConnectionListRequestHeader>(request);
  if (!header.ok()) return ErrorResponse(request, ResponseCode::kSystemError, header.status().message());
  auto channels = producers_.GetConnections(header->producer_group);
  if (channels.empty()) {
    return ErrorResponse(request, ResponseCode::kSystemError,
                         "the producer group[" + header->producer_group + "] not exist");
  }
  JsonWriter w;
  w.BeginObject();
  w.Key("connectionSet");
  w.BeginArray();
  for (const ClientChannelInfo& channel : channels) WriteConnection(&w, channel);
  w.EndArray();
  w.EndObject();
  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  response.set_body(w.Release());
  return response;
}

RemotingCommand GroupAdminProcessor::QueryTopicConsumeByWho(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::QueryTopicConsumeByWhoRequestHeader>(request);
  if (!header.ok()) return ErrorResponse(request, ResponseCode::kSystemError, header.status().message());
  std::set<std::string> groups = offsets_.GroupsOfTopic(header->topic);
  for (const std::string& group : consumers_.GroupsOfTopic(header->topic)) groups.insert(group);
  JsonWriter w;
  w.BeginObject();
  w.Key("groupList");
  w.StringArray(std::vector<std::string>(groups.begin(), groups.end()));
  w.EndObject();
  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  response.set_body(w.Release());
  return response;
}

}  // namespace rmq::broker

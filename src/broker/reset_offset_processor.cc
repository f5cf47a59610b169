#include "broker/reset_offset_processor.h"

#include <algorithm>
#include <memory>
#include <vector>

#include "broker/broker_util.h"
#include "broker/topic_validator.h"
#include "common/json_writer.h"
#include "common/logging.h"
#include "remoting/consumer_headers.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"

namespace rmq::broker {
namespace {

using remoting::RemotingCommand;
using remoting::ResponseCode;

// Broker2Client refuses clients older than V3_0_7_SNAPSHOT: they cannot apply a reset.
constexpr int32_t kMinResetClientVersion = 28;

}  // namespace

std::string EncodeResetOffsetBody(const std::map<MessageQueue, int64_t>& offsets) {
  // fastjson writes a Map<MessageQueue, Long> with the key objects unquoted; the Go client
  // parses exactly this text, so it is built by hand.
  std::string body = "{\"offsetTable\":{";
  bool first = true;
  for (const auto& [mq, offset] : offsets) {
    if (!first) body += ',';
    first = false;
    body += mq.ToJson();
    body += ':';
    body += std::to_string(offset);
  }
  body += "}}";
  return body;
}

std::string EncodeResetOffsetBodyForC(const std::map<MessageQueue, int64_t>& offsets) {
  JsonWriter writer;
  writer.BeginObject();
  writer.Key("offsetTable");
  writer.BeginArray();
  for (const auto& [mq, offset] : offsets) {
    writer.BeginObject();
    writer.StringField("brokerName", mq.broker_name);
    writer.IntField("offset", offset);
    writer.IntField("queueId", mq.queue_id);
    writer.StringField("topic", mq.topic);
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  return writer.Release();
}

ResetOffsetProcessor::ResetOffsetProcessor(const TopicConfigManager& topics, const SubscriptionGroupManager& groups,
                                           ConsumerOffsetManager& offsets, const ConsumerManager& consumers,
                                           const store::MessageStore& store, const BrokerConfig& config)
    : topics_(topics), groups_(groups), offsets_(offsets), consumers_(consumers), store_(store), config_(config) {}

asio::awaitable<std::optional<RemotingCommand>> ResetOffsetProcessor::Process(remoting::RequestContext&,
                                                                             RemotingCommand request) {
  co_return ResetOffset(request);
}

RemotingCommand ResetOffsetProcessor::ResetOffset(const RemotingCommand& request) {
  auto parsed = remoting::DecodeCustomHeader<remoting::ResetOffsetRequestHeader>(request);
  if (!parsed.ok()) return ErrorResponse(request, ResponseCode::kSystemError, parsed.status().message());
  const remoting::ResetOffsetRequestHeader& header = *parsed;
  if (Status s = ValidateGroup(header.group); !s.ok()) {
    return ErrorResponse(request, ResponseCode::kInvalidParameter, s.message());
  }
  auto logger = GetLogger("broker");
  auto topic = topics_.Find(header.topic);
  if (!topic) {
    // Broker2Client's wording, so scripts that grep for it keep working.
    return ErrorResponse(request, ResponseCode::kSystemError,
                         "[reset-offset] reset offset failed, no topic in this broker. topic=" + header.topic);
  }
  const std::map<int32_t, int64_t> committed = offsets_.QueryOffsets(header.group, header.topic);
  const std::optional<ConsumerGroupSnapshot> group = consumers_.GetGroup(header.group);
  std::vector<std::pair<ClientChannelInfo, std::shared_ptr<remoting::Connection>>> live;
  if (group) {
    for (const ClientChannelInfo& channel : group->channels) {
      if (auto connection = channel.connection.lock(); connection && connection->is_open()) {
        live.emplace_back(channel, std::move(connection));
      }
    }
  }
  // A group created with updateSubGroup that never consumed exists: it gets CONSUMER_NOT_ONLINE
  // below, and the admin tool then commits its offsets.
  if (committed.empty() && live.empty() && !groups_.Find(header.group)) {
    return ErrorResponse(request, ResponseCode::kSystemError,
                         "THe consumer group <" + header.group + "> not exist (no committed offset of topic " +
                             header.topic + " on this broker and no live consumer)");
  }

  const int32_t queue_id = header.queue_id.value_or(-1);
  const int64_t explicit_offset = header.offset.value_or(-1);
  if (queue_id >= topic->write_queue_nums) {
    return ErrorResponse(request, ResponseCode::kInvalidParameter,
                         "queueId " + std::to_string(queue_id) + " is out of range: topic " + header.topic +
                             " has " + std::to_string(topic->write_queue_nums) + " write queue(s) on this broker");
  }
  std::map<MessageQueue, int64_t> table;
  for (int32_t q = 0; q < topic->write_queue_nums; ++q) {
    if (queue_id >= 0 && q != queue_id) continue;
    MessageQueue mq{header.topic, config_.broker_name, q};
    auto it = committed.find(q);
    const int64_t consumer_offset = it == committed.end() ? -1 : it->second;
    int64_t target;
    if (queue_id >= 0 && explicit_offset >= 0) {
      // One queue to an explicit offset (resetOffsetByTime -b -q -o), kept inside the queue.
      target = std::clamp(explicit_offset, store_.GetMinOffsetInQueue(header.topic, q),
                          store_.GetMaxOffsetInQueue(header.topic, q));
    } else if (header.timestamp == -1) {
      target = store_.GetMaxOffsetInQueue(header.topic, q);
    } else {
      target = store_.GetOffsetInQueueByTime(header.topic, q, header.timestamp);
    }
    if (target < 0) target = 0;
    // Without force a group only moves backwards (Broker2Client#resetOffset).
    table[mq] = header.is_force || consumer_offset < 0 || target < consumer_offset ? target : consumer_offset;
  }

  if (live.empty()) {
    // Upstream's remark; the admin tool then commits the offsets itself.
    return ErrorResponse(request, ResponseCode::kConsumerNotOnline,
                         "Consumer not online, so can not reset offset, Group: " + header.group +
                             " Topic: " + header.topic + " Timestamp: " + std::to_string(header.timestamp));
  }
  for (const auto& [channel, connection] : live) {
    if (channel.version < kMinResetClientVersion) {
      return ErrorResponse(request, ResponseCode::kSystemError,
                           "the client does not support this feature. version=" + std::to_string(channel.version) +
                               " (client " + channel.client_id + ")");
    }
  }
  // Committed here too, so clients that ignore 220 (ali-ons) and a consumer joining meanwhile
  // start from the new offsets.
  for (const auto& [mq, offset] : table) offsets_.CommitOffset(header.group, mq.topic, mq.queue_id, offset);

  remoting::ResetOffsetRequestHeader notify;
  notify.group = header.group;
  notify.topic = header.topic;
  notify.timestamp = header.timestamp;
  notify.is_force = header.is_force;
  notify.offset = std::nullopt;
  const std::string java_body = EncodeResetOffsetBody(table);
  std::string c_body;
  for (const auto& [channel, connection] : live) {
    RemotingCommand push = RemotingCommand::CreateRequest(remoting::RequestCode::kResetConsumerClientOffset);
    remoting::EncodeCustomHeader(notify, &push);
    // The C++ client (rocketmq-client-cpp) reads only the array form; choose by the target.
    if (channel.language == "CPP") {
      if (c_body.empty()) c_body = EncodeResetOffsetBodyForC(table);
      push.set_body(c_body);
    } else {
      push.set_body(java_body);
    }
    connection->SendOneway(std::move(push));
    logger->info("[reset-offset] reset offset success. topic={}, group={}, clientId={}", header.topic, header.group,
                 channel.client_id);
  }
  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  response.set_body(java_body);
  return response;
}

}  // namespace rmq::broker

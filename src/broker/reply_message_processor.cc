#include "broker/reply_message_processor.h"

#include <chrono>
#include <random>

#include "broker/broker_util.h"
#include "broker/topic_validator.h"
#include "common/logging.h"
#include "common/message_codec.h"
#include "common/message_properties.h"
#include "common/perm.h"
#include "common/reply_message.h"
#include "remoting/connection.h"
#include "remoting/reply_message_headers.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"
#include "remoting/send_message_headers.h"

namespace rmq::broker {
namespace {

using remoting::RemotingCommand;
using remoting::ResponseCode;

// Broker2Client#callClient waits this long for the requester to take the reply.
constexpr std::chrono::milliseconds kPushReplyTimeout{10000};

int64_t WallNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<remoting::SendMessageRequestHeader> ParseReplyHeader(const RemotingCommand& request) {
  if (request.code() == remoting::RequestCode::kSendReplyMessageV2) {
    RMQ_ASSIGN_OR_RETURN(remoting::SendMessageRequestHeaderV2 v2,
                         remoting::DecodeCustomHeader<remoting::SendMessageRequestHeaderV2>(request));
    return remoting::CreateSendMessageRequestHeaderV1(v2);
  }
  return remoting::DecodeCustomHeader<remoting::SendMessageRequestHeader>(request);
}

}  // namespace

ReplyMessageProcessor::ReplyMessageProcessor(store::MessageStore& store, const TopicConfigManager& topics,
                                             const ProducerManager& producers, const ConsumerManager& consumers,
                                             const RuntimeBrokerConfig& runtime, const BrokerConfig& config,
                                             BrokerStats& stats)
    : store_(store),
      topics_(topics),
      producers_(producers),
      consumers_(consumers),
      runtime_(runtime),
      config_(config),
      stats_(stats) {}

asio::awaitable<std::optional<RemotingCommand>> ReplyMessageProcessor::Process(remoting::RequestContext& context,
                                                                              RemotingCommand request) {
  auto parsed = ParseReplyHeader(request);
  if (!parsed.ok()) co_return ErrorResponse(request, ResponseCode::kSystemError, parsed.status().message());
  const remoting::SendMessageRequestHeader header = std::move(*parsed);

  // The checks of AbstractSendMessageProcessor#msgCheck that apply to a reply.
  if (!Perm::IsWriteable(runtime_.broker_permission())) {
    co_return ErrorResponse(request, ResponseCode::kNoPermission,
                            "the broker[" + config_.broker_name + "] sending message is forbidden");
  }
  if (Status s = ValidateTopic(header.topic); !s.ok()) {
    co_return ErrorResponse(request, ResponseCode::kInvalidParameter, s.message());
  }
  auto topic = topics_.Find(header.topic);
  if (!topic) {
    co_return ErrorResponse(request, ResponseCode::kTopicNotExist,
                            "topic[" + header.topic + "] not exist on broker " + config_.broker_name +
                                "; a reply goes to " + reply::ReplyTopic(config_.broker_cluster_name) +
                                " (create it with MessageUtil::createReplyMessage)");
  }
  if (static_cast<int64_t>(request.body().size()) > config_.max_message_size) {
    co_return ErrorResponse(request, ResponseCode::kMessageIllegal,
                            "the message body size " + std::to_string(request.body().size()) +
                                " is larger than maxMessageSize " + std::to_string(config_.max_message_size));
  }
  const std::string properties = header.properties.value_or("");
  if (properties.size() > static_cast<size_t>(kMaxPropertiesLength)) {
    co_return ErrorResponse(request, ResponseCode::kMessageIllegal,
                            "the message properties length " + std::to_string(properties.size()) +
                                " is larger than 32767");
  }
  int32_t queue_id = header.queue_id;
  if (queue_id < 0 || queue_id >= topic->write_queue_nums) {
    thread_local std::minstd_rand rng(std::random_device{}());
    queue_id = static_cast<int32_t>(rng() % static_cast<uint32_t>(std::max(1, topic->write_queue_nums)));
  }

  std::string push_error = co_await PushReply(context, request, header, queue_id, properties);

  remoting::SendMessageResponseHeader response_header;
  // A reply that was only pushed has no id; "0" keeps clients' decoders happy (as upstream).
  response_header.msg_id = "0";
  response_header.queue_id = queue_id;
  response_header.queue_offset = 0;
  response_header.msg_region = config_.region_id;
  response_header.trace_on = config_.trace_on;
  std::string store_error;
  if (config_.store_reply_message_enable) {
    MessageExt msg;
    msg.topic = header.topic;
    msg.queue_id = queue_id;
    msg.flag = header.flag;
    msg.sys_flag = header.sys_flag;
    msg.born_timestamp = header.born_timestamp;
    msg.born_host = ParseHostAddress(context.remote_address);
    msg.reconsume_times = header.reconsume_times.value_or(0);
    msg.body = request.body();
    msg.properties = properties;
    store::PutMessageResult result = co_await AwaitPutResult(
        [&](store::MessageStore::PutCallback done) { store_.AsyncPutMessage(msg, std::move(done)); });
    if (result.ok() || result.status == store::PutMessageStatus::kFlushDiskTimeout) {
      stats_.AddPut(1);
      response_header.msg_id = result.append.MsgId();
      response_header.queue_offset = result.append.queue_offset;
    } else {
      store_error = std::string(store::PutMessageStatusName(result.status)) +
                    (result.error.empty() ? std::string() : ": " + result.error);
      GetLogger("broker")->warn("reply message to {} not stored: {}", header.topic, store_error);
    }
  }
  if (!push_error.empty()) {
    co_return ErrorResponse(request, ResponseCode::kSystemError, std::move(push_error));
  }
  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  remoting::EncodeCustomHeader(response_header, &response);
  co_return response;
}

asio::awaitable<std::string> ReplyMessageProcessor::PushReply(const remoting::RequestContext& context,
                                                              const RemotingCommand& request,
                                                              const remoting::SendMessageRequestHeader& header,
                                                              int32_t queue_id, const std::string& properties) {
  auto logger = GetLogger("broker");
  auto reply_to = FindProperty(properties, reply::kReplyToClient);
  if (!reply_to || reply_to->empty()) {
    logger->warn("{} is null, can not reply message", reply::kReplyToClient);
    co_return "reply message properties[" + std::string(reply::kReplyToClient) + "] is null";
  }
  const std::string requester(*reply_to);
  std::shared_ptr<remoting::Connection> channel = producers_.FindChannel(requester);
  if (!channel) channel = consumers_.FindChannel(requester);
  if (!channel) {
    std::string remark = "push reply message fail, channel of <" + requester + "> not found.";
    logger->warn("{}", remark);
    co_return remark;
  }
  remoting::ReplyMessageRequestHeader push_header;
  push_header.producer_group = header.producer_group;
  push_header.topic = header.topic;
  push_header.default_topic = header.default_topic;
  push_header.default_topic_queue_nums = header.default_topic_queue_nums;
  push_header.queue_id = queue_id;
  push_header.sys_flag = header.sys_flag;
  push_header.born_timestamp = header.born_timestamp;
  push_header.flag = header.flag;
  push_header.reconsume_times = header.reconsume_times;
  push_header.unit_mode = header.unit_mode;
  push_header.born_host = "/" + context.remote_address;
  push_header.store_host = "/" + store_.config().store_host.ToString();
  push_header.store_timestamp = WallNowMs();
  std::string pushed_properties = properties;
  AppendProperty(&pushed_properties, reply::kPushReplyTime, std::to_string(WallNowMs()));
  push_header.properties = std::move(pushed_properties);

  RemotingCommand push = RemotingCommand::CreateRequest(remoting::RequestCode::kPushReplyMessageToClient);
  remoting::EncodeCustomHeader(push_header, &push);
  push.set_body(request.body());
  Result<RemotingCommand> answer = co_await channel->Invoke(std::move(push), kPushReplyTimeout);
  if (!answer.ok()) {
    logger->warn("push reply message to <{}> fail: {}", requester, answer.status().ToString());
    co_return "push reply message to " + requester + " fail: " + answer.status().message();
  }
  if (answer->code() != ResponseCode::kSuccess) {
    logger->warn("push reply message to <{}> return fail, response remark: {}", requester,
                 answer->remark().value_or(""));
    co_return "push reply message to " + requester + " fail: " + answer->remark().value_or("");
  }
  co_return std::string();
}

}  // namespace rmq::broker

#include "broker/send_message_processor.h"

#include <random>

#include "broker/broker_util.h"
#include "broker/topic_validator.h"
#include "broker/transaction/half_message.h"
#include <spdlog/spdlog.h>

#include "common/logging.h"
#include "common/message_codec.h"
#include "common/message_format.h"
#include "common/message_id.h"
#include "common/message_properties.h"
#include "common/mq_version.h"
#include "common/perm.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"
#include "remoting/send_header_decode.h"
#include "remoting/send_message_headers.h"
#include "remoting/send_response_json.h"

namespace rmq::broker {
namespace {

using remoting::RemotingCommand;
using remoting::ResponseCode;

int32_t RandomQueue(int32_t n) {
  thread_local std::minstd_rand rng(std::random_device{}());
  return n <= 0 ? 0 : static_cast<int32_t>(rng() % static_cast<uint32_t>(n));
}

// The born host of a send from `address` ("ip:port"), parsed once per run of requests from the
// same peer on this thread instead of once per request (two strings and an inet_pton each).
const HostAddress& BornHost(const std::string& address) {
  thread_local std::string last_address;
  thread_local HostAddress last_host;
  if (address != last_address) {
    last_host = ParseHostAddress(address);
    last_address = address;
  }
  return last_host;
}

// Sets `name` in an encoded properties string, replacing an existing value.
std::string WithProperty(std::string_view encoded, std::string_view name, std::string_view value) {
  Properties props = DecodeProperties(encoded);
  bool replaced = false;
  for (auto& [k, v] : props) {
    if (k == name) {
      v = std::string(value);
      replaced = true;
    }
  }
  if (!replaced) props.emplace_back(std::string(name), std::string(value));
  return EncodeProperties(props);
}

}  // namespace

SendMessageProcessor::SendMessageProcessor(store::MessageStore& store, TopicConfigManager& topics,
                                           SubscriptionGroupManager& groups, const RuntimeBrokerConfig& runtime,
                                           const BrokerConfig& config, BrokerStats& stats)
    : store_(store),
      topics_(topics),
      groups_(groups),
      runtime_(runtime),
      config_(config),
      stats_(stats),
      schedule_rules_(schedule::ScheduleRules::Make(config.message_delay_level, config.timer_wheel_enable,
                                                    config.timer_max_delay_sec, config.timer_precision_ms)) {}

asio::awaitable<std::optional<RemotingCommand>> SendMessageProcessor::Process(remoting::RequestContext& context,
                                                                             RemotingCommand request) {
  if (request.code() == remoting::RequestCode::kConsumerSendMsgBack) {
    co_return co_await ConsumerSendMsgBack(context, std::move(request));
  }
  // The send itself runs in this coroutine (no nested one per request): checks and parking in
  // PrepareSend, then the put.
  PreparedSend send;
  if (std::optional<RemotingCommand> refused = PrepareSend(context, request, &send)) co_return refused;
  const MessageExt& msg = send.msg;
  store::PutMessageResult result;
  if (store_.config().flush_disk_type != store::FlushDiskType::kSyncFlush) {
    // Nothing to wait for under ASYNC_FLUSH: the store's synchronous put returns at once, and
    // skips the callback, the suspension and their allocations.
    result = send.batch ? store_.PutMessages(msg) : store_.PutMessage(msg);
  } else {
    auto start = [&](store::MessageStore::PutCallback done) {
      if (send.batch) {
        store_.AsyncPutMessages(msg, std::move(done));
      } else {
        store_.AsyncPutMessage(msg, std::move(done));
      }
    };
    result = co_await AwaitPutResult(std::move(start));
  }
  if (result.ok() || result.status == store::PutMessageStatus::kFlushDiskTimeout) {
    stats_.AddPut(result.append.msg_num > 0 ? result.append.msg_num : 1);
  }
  co_return PutResultResponse(request, result, send.reply_queue_id, msg.properties);
}

bool SendMessageProcessor::CompletesInline(const RemotingCommand& request) const {
  return request.code() != remoting::RequestCode::kConsumerSendMsgBack &&
         store_.config().flush_disk_type != store::FlushDiskType::kSyncFlush;
}

bool SendMessageProcessor::TakesSendHeader(int32_t code) const {
  return code == remoting::RequestCode::kSendMessage || code == remoting::RequestCode::kSendMessageV2 ||
         code == remoting::RequestCode::kSendBatchMessage;
}

RemotingCommand SendMessageProcessor::PutResultResponse(const RemotingCommand& request,
                                                        const store::PutMessageResult& result, int32_t queue_id,
                                                        std::string_view properties) const {
  using store::PutMessageStatus;
  int32_t code = ResponseCode::kSystemError;
  switch (result.status) {
    case PutMessageStatus::kPutOk:
      code = ResponseCode::kSuccess;
      break;
    case PutMessageStatus::kFlushDiskTimeout:
      code = ResponseCode::kFlushDiskTimeout;
      break;
    case PutMessageStatus::kMessageIllegal:
    case PutMessageStatus::kMessageSizeExceeded:
    case PutMessageStatus::kPropertiesSizeExceeded:
      code = ResponseCode::kMessageIllegal;
      break;
    case PutMessageStatus::kServiceNotAvailable:
    case PutMessageStatus::kDiskFull:
    case PutMessageStatus::kFlushDiskFailed:
      code = ResponseCode::kServiceNotAvailable;
      break;
    case PutMessageStatus::kCreateMappedFileFailed:
    case PutMessageStatus::kUnknownError:
      code = ResponseCode::kSystemError;
      break;
  }
  std::optional<std::string> remark;
  if (code != ResponseCode::kSuccess) {
    remark = std::string(store::PutMessageStatusName(result.status)) +
             (result.error.empty() ? std::string() : ": " + result.error);
  }
  RemotingCommand response = RemotingCommand::CreateResponse(request, code, std::move(remark));
  if (code == ResponseCode::kSuccess || code == ResponseCode::kFlushDiskTimeout) {
    // The fields of SendMessageResponseHeader in its order, written straight as the extFields
    // JSON text; the offset message id goes through a buffer reused per thread.
    thread_local std::string msg_id;
    msg_id.clear();
    result.append.AppendMsgId(&msg_id);
    remoting::SendResponseFields fields;
    fields.msg_id = msg_id;
    fields.queue_id = queue_id;
    fields.queue_offset = result.append.queue_offset;
    fields.transaction_id = FindProperty(properties, property::kUniqueClientMessageIdKeyIndex);
    fields.region = config_.region_id;
    fields.trace_on = config_.trace_on;
    remoting::SetSendResponseExtFields(fields, &response);
  }
  return response;
}

std::optional<RemotingCommand> SendMessageProcessor::PrepareSend(remoting::RequestContext& context,
                                                                RemotingCommand& request, PreparedSend* out) {
  // Decoded by the connection straight from the JSON bytes, or else one pass over extFields,
  // strings moved out: nothing reads the request's extFields later.
  auto parsed = context.send_header != nullptr ? std::move(*context.send_header)
                                               : remoting::TakeSendMessageRequestHeader(request);
  if (!parsed.ok()) return ErrorResponse(request, ResponseCode::kSystemError, parsed.status().message());
  remoting::SendMessageRequestHeader& header = *parsed;
  const bool batch = request.code() == remoting::RequestCode::kSendBatchMessage || header.batch.value_or(false);

  // As AbstractSendMessageProcessor#msgCheck.
  if (!Perm::IsWriteable(runtime_.broker_permission())) {
    return ErrorResponse(request, ResponseCode::kNoPermission,
                         "the broker[" + config_.broker_name + "] sending message is forbidden");
  }
  if (Status s = ValidateTopic(header.topic); !s.ok()) {
    return ErrorResponse(request, ResponseCode::kInvalidParameter, s.message());
  }
  if (IsNotAllowedSendTopic(header.topic)) {
    return ErrorResponse(request, ResponseCode::kNoPermission,
                         "Sending message to topic[" + header.topic + "] is forbidden.");
  }
  // A transactional half message (TRAN_MSG=true) is parked on RMQ_SYS_TRANS_HALF_TOPIC below.
  const bool prepared = !batch && transaction::IsPreparedSend(header.sys_flag, header.properties
                                                                                   ? std::string_view(*header.properties)
                                                                                   : std::string_view());
  if (prepared && runtime_.reject_transaction_message()) {
    return ErrorResponse(request, ResponseCode::kNoPermission,
                         "the broker[" + config_.broker_name +
                             "] sending transaction message is forbidden (rejectTransactionMessage=true)");
  }
  if (static_cast<int64_t>(request.body().size()) > config_.max_message_size) {
    return ErrorResponse(request, ResponseCode::kMessageIllegal,
                         "the message body size " + std::to_string(request.body().size()) +
                             " is larger than maxMessageSize " + std::to_string(config_.max_message_size));
  }
  std::string properties = header.properties ? std::move(*header.properties) : std::string();
  if (properties.size() > static_cast<size_t>(kMaxPropertiesLength)) {
    return ErrorResponse(request, ResponseCode::kMessageIllegal,
                         "the message properties length " + std::to_string(properties.size()) +
                             " is larger than 32767");
  }

  std::optional<TopicConfig> topic = topics_.Find(header.topic);
  if (!topic) {
    if (IsRetryTopic(header.topic)) {
      topic = topics_.CreateTopicIfAbsent(header.topic, 1, Perm::kRead | Perm::kWrite);
    } else {
      auto created = topics_.CreateTopicInSendMessageMethod(header.topic, header.default_topic,
                                                            header.default_topic_queue_nums, 0,
                                                            runtime_.auto_create_topic_enable());
      if (!created.ok()) {
        return ErrorResponse(request, ResponseCode::kTopicNotExist, created.status().message());
      }
      topic = std::move(*created);
    }
  }
  if (!Perm::IsWriteable(topic->perm)) {
    return ErrorResponse(request, ResponseCode::kNoPermission,
                         "the topic[" + header.topic + "] sending message is forbidden");
  }
  int32_t queue_id = header.queue_id;
  const int32_t queue_nums = std::max(topic->read_queue_nums, topic->write_queue_nums);
  if (queue_id < 0) queue_id = RandomQueue(topic->write_queue_nums);
  if (queue_id >= queue_nums) {
    return ErrorResponse(request, ResponseCode::kInvalidParameter,
                         "request queueId[" + std::to_string(header.queue_id) + "] is illegal, topic:" +
                             header.topic + " topicConfig.writeQueueNums: " +
                             std::to_string(topic->write_queue_nums) + " consumer: " + context.remote_address);
  }

  MessageExt msg;
  msg.topic = header.topic;
  msg.queue_id = queue_id;
  int32_t reconsume_times = header.reconsume_times.value_or(0);
  bool dlq = false;  // a DLQ copy is stored at once, whatever DELAY says (as 5.x)
  // As SendMessageProcessor#handleRetryAndDLQ: a retry-topic send past its limit goes to the DLQ.
  if (IsRetryTopic(header.topic) && !batch) {
    std::string group = header.topic.substr(kRetryGroupTopicPrefix.size());
    auto group_config = groups_.FindOrCreate(group, runtime_.auto_create_subscription_group());
    if (!group_config) {
      return ErrorResponse(request, ResponseCode::kSubscriptionGroupNotExist,
                           "subscription group not exist, " + group);
    }
    int32_t max_reconsume = group_config->retry_max_times;
    if (request.version() >= MQVersion::kV3_4_9 && header.max_reconsume_times) {
      max_reconsume = *header.max_reconsume_times;
    }
    if (reconsume_times >= max_reconsume) {
      msg.topic = DlqTopic(group);
      msg.queue_id = 0;
      dlq = true;
      topics_.CreateTopicIfAbsent(msg.topic, 1, Perm::kRead | Perm::kWrite);
    }
  }
  msg.flag = header.flag;
  msg.sys_flag = header.sys_flag;
  msg.born_timestamp = header.born_timestamp;
  msg.born_host = BornHost(context.remote_address);
  msg.reconsume_times = reconsume_times;
  msg.body = std::move(request.mutable_body());
  msg.properties = std::move(properties);
  if (batch) {
    // Only checked here (the store splits the batch again); the element list is reused per
    // thread so a batch allocates none.
    thread_local std::vector<BatchElement> elements;
    Status decoded = DecodeBatchElements(msg.body, &elements);
    if (!decoded.ok() || elements.empty()) {
      return ErrorResponse(request, ResponseCode::kMessageIllegal,
                           "malformed batch body: " + (decoded.ok() ? std::string("no messages") : decoded.message()));
    }
  }

  const int32_t reply_queue_id = msg.queue_id;  // a half message answers with the queue it was sent to
  if (prepared) transaction::ParkAsHalfMessage(msg);
  // Delay level / timer: park on SCHEDULE_TOPIC_XXXX or rmq_sys_wheel_timer (HookUtils#handleScheduleMessage).
  if (!prepared && !dlq) {
    schedule::Parked parked = schedule::Parked::kNo;
    if (batch) {
      if (auto level = FindProperty(msg.properties, property::kDelayTimeLevel);
          level && schedule::ParseInt64(*level).value_or(0) > 0) {
        return ErrorResponse(request, ResponseCode::kMessageIllegal, "a batch message cannot have a delay level");
      }
    } else if (auto refused = schedule::Park(schedule_rules_, schedule::WallNowMs, &msg, &parked)) {
      return ErrorResponse(request, refused->code, refused->remark);
    }
  }

  SPDLOG_LOGGER_TRACE(GetLogger("broker"), "send topic {} queueId {} from {} opaque {}", msg.topic, msg.queue_id,
                      context.remote_address, request.opaque());
  out->batch = batch;
  out->reply_queue_id = reply_queue_id;
  out->msg = std::move(msg);
  return std::nullopt;
}


asio::awaitable<RemotingCommand> SendMessageProcessor::ConsumerSendMsgBack(remoting::RequestContext& context,
                                                                           RemotingCommand request) {
  auto parsed = remoting::DecodeCustomHeader<remoting::ConsumerSendMsgBackRequestHeader>(request);
  if (!parsed.ok()) co_return ErrorResponse(request, ResponseCode::kSystemError, parsed.status().message());
  const auto& header = *parsed;
  if (Status s = ValidateGroup(header.group); !s.ok()) {
    co_return ErrorResponse(request, ResponseCode::kInvalidParameter, s.message());
  }
  // As AbstractSendMessageProcessor#consumerSendMsgBack.
  auto group = groups_.FindOrCreate(header.group, runtime_.auto_create_subscription_group());
  if (!group) {
    co_return ErrorResponse(request, ResponseCode::kSubscriptionGroupNotExist,
                            "subscription group not exist, " + header.group);
  }
  if (!Perm::IsWriteable(runtime_.broker_permission())) {
    co_return ErrorResponse(request, ResponseCode::kNoPermission,
                            "the broker[" + config_.broker_name + "] sending message is forbidden");
  }
  if (group->retry_queue_nums <= 0) co_return RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);

  auto record = store_.LookMessageByOffset(header.offset);
  if (!record) {
    co_return ErrorResponse(request, ResponseCode::kSystemError,
                            "look message by offset failed, " + std::to_string(header.offset));
  }
  auto original = DecodeMessage(record->data);
  if (!original.ok()) {
    co_return ErrorResponse(request, ResponseCode::kSystemError,
                            "the message at offset " + std::to_string(header.offset) +
                                " does not decode: " + original.status().message());
  }

  int32_t max_reconsume = group->retry_max_times;
  if (request.version() >= MQVersion::kV3_4_9 && header.max_reconsume_times) {
    max_reconsume = *header.max_reconsume_times;
  }
  std::string new_topic = RetryTopic(header.group);
  int32_t queue_id = RandomQueue(group->retry_queue_nums);
  bool to_retry = false;
  std::string properties = original->properties;
  if (!FindProperty(properties, property::kRetryTopic)) {
    properties = WithProperty(properties, property::kRetryTopic, original->topic);
  }
  if (original->reconsume_times >= max_reconsume || header.delay_level < 0) {
    new_topic = DlqTopic(header.group);
    queue_id = 0;
    topics_.CreateTopicIfAbsent(new_topic, 1, Perm::kRead | Perm::kWrite);
    GetLogger("broker")->info("send msg to DLQ {}, owner group {}, reconsume times {}", new_topic, header.group,
                              original->reconsume_times);
    properties = WithProperty(properties, property::kDelayTimeLevel, "0");
  } else {
    topics_.CreateTopicIfAbsent(new_topic, group->retry_queue_nums, Perm::kRead | Perm::kWrite);
    // Back after delay level 3 + reconsumeTimes (10 s, 30 s, 1 min, ...) unless the consumer
    // chose a level; Park below clamps it to the max level.
    const int64_t level = header.delay_level > 0 ? header.delay_level : 3 + int64_t{original->reconsume_times};
    properties = WithProperty(properties, property::kDelayTimeLevel, std::to_string(level));
    to_retry = true;
  }
  if (!FindProperty(properties, property::kOriginMessageId)) {
    std::string origin = header.origin_msg_id.value_or("");
    if (origin.empty()) origin = CreateOffsetMessageId(original->store_host, original->commit_log_offset);
    properties = WithProperty(properties, property::kOriginMessageId, origin);
  }
  properties = WithProperty(properties, property::kWaitStoreMsgOk, "false");

  MessageExt msg;
  msg.topic = new_topic;
  msg.queue_id = queue_id;
  msg.flag = original->flag;
  msg.sys_flag = original->sys_flag & ~(sysflag::kBornHostV6 | sysflag::kStoreHostV6);
  msg.born_timestamp = original->born_timestamp;
  msg.born_host = original->born_host;
  msg.reconsume_times = original->reconsume_times + 1;
  msg.body = std::move(original->body);
  msg.properties = std::move(properties);
  if (to_retry) {
    schedule::Parked parked = schedule::Parked::kNo;
    if (auto refused = schedule::Park(schedule_rules_, schedule::WallNowMs, &msg, &parked)) {
      co_return ErrorResponse(request, refused->code, refused->remark);
    }
  }
  auto start = [&](store::MessageStore::PutCallback done) { store_.AsyncPutMessage(msg, std::move(done)); };
  store::PutMessageResult result = co_await AwaitPutResult(std::move(start));
  if (!result.ok()) {
    co_return ErrorResponse(request, ResponseCode::kSystemError,
                            std::string(store::PutMessageStatusName(result.status)) + ": " + result.error);
  }
  (void)context;
  co_return RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
}

}  // namespace rmq::broker

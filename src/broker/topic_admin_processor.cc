#include "broker/topic_admin_processor.h"

#include "broker/broker_util.h"
#include "broker/topic_validator.h"
#include "common/message_queue.h"
#include "remoting/admin_headers.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"

namespace rmq::broker {

using remoting::RemotingCommand;
using remoting::RequestCode;
using remoting::ResponseCode;

TopicAdminProcessor::TopicAdminProcessor(TopicConfigManager& topics, store::MessageStore& store,
                                         ConsumerOffsetManager& offsets, const BrokerConfig& config)
    : topics_(topics), store_(store), offsets_(offsets), config_(config) {}

asio::awaitable<std::optional<RemotingCommand>> TopicAdminProcessor::Process(remoting::RequestContext&,
                                                                             RemotingCommand request) {
  switch (request.code()) {
    case RequestCode::kUpdateAndCreateTopic:
      co_return UpdateAndCreateTopic(request);
    case RequestCode::kDeleteTopicInBroker:
      co_return DeleteTopic(request);
    case RequestCode::kGetTopicStatsInfo:
      co_return GetTopicStatsInfo(request);
    default: {
      RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
      response.set_body(topics_.BuildSerializeWrapper().EncodeJson());
      co_return response;
    }
  }
}

RemotingCommand TopicAdminProcessor::UpdateAndCreateTopic(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::CreateTopicRequestHeader>(request);
  if (!header.ok()) return ErrorResponse(request, ResponseCode::kSystemError, header.status().message());
  if (Status s = ValidateTopic(header->topic); !s.ok()) {
    return ErrorResponse(request, ResponseCode::kInvalidParameter, s.message());
  }
  if (topics_.IsSystemTopic(header->topic)) {
    return ErrorResponse(request, ResponseCode::kInvalidParameter,
                         "The topic[" + header->topic + "] is conflict with system topic.");
  }
  if (header->read_queue_nums <= 0 || header->write_queue_nums <= 0 || header->read_queue_nums > 1024 ||
      header->write_queue_nums > 1024) {
    return ErrorResponse(request, ResponseCode::kInvalidParameter, "queue numbers must be within 1..1024");
  }
  TopicConfig config;
  config.topic_name = header->topic;
  config.read_queue_nums = header->read_queue_nums;
  config.write_queue_nums = header->write_queue_nums;
  config.perm = header->perm;
  config.topic_filter_type = header->topic_filter_type.empty() ? "SINGLE_TAG" : header->topic_filter_type;
  config.topic_sys_flag = header->topic_sys_flag.value_or(0);
  config.order = header->order;
  topics_.UpdateTopicConfig(config);
  return RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
}

RemotingCommand TopicAdminProcessor::DeleteTopic(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::DeleteTopicRequestHeader>(request);
  if (!header.ok()) return ErrorResponse(request, ResponseCode::kSystemError, header.status().message());
  if (Status s = ValidateTopic(header->topic); !s.ok()) {
    return ErrorResponse(request, ResponseCode::kInvalidParameter, s.message());
  }
  if (topics_.IsSystemTopic(header->topic)) {
    return ErrorResponse(request, ResponseCode::kInvalidParameter,
                         "The topic[" + header->topic + "] is conflict with system topic.");
  }
  topics_.DeleteTopic(header->topic);
  offsets_.RemoveTopic(header->topic);
  store_.DeleteTopic(header->topic);
  return RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
}

RemotingCommand TopicAdminProcessor::GetTopicStatsInfo(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::GetTopicStatsInfoRequestHeader>(request);
  if (!header.ok()) return ErrorResponse(request, ResponseCode::kSystemError, header.status().message());
  auto topic = topics_.Find(header->topic);
  if (!topic) return ErrorResponse(request, ResponseCode::kTopicNotExist, "topic[" + header->topic + "] not exist");
  // TopicStatsTable: MessageQueue objects as map keys, as fastjson writes them (remoting.md §5.7.6).
  std::string body = "{\"offsetTable\":{";
  for (int32_t q = 0; q < topic->write_queue_nums; ++q) {
    int64_t max = store_.GetMaxOffsetInQueue(header->topic, q);
    int64_t min = store_.GetMinOffsetInQueue(header->topic, q);
    int64_t last = max > 0 ? store_.GetMessageStoreTimeStamp(header->topic, q, max - 1) : 0;
    if (q > 0) body += ',';
    body += MessageQueue{header->topic, config_.broker_name, q}.ToJson();
    body += ":{\"lastUpdateTimestamp\":" + std::to_string(std::max<int64_t>(last, 0)) +
            ",\"maxOffset\":" + std::to_string(max) + ",\"minOffset\":" + std::to_string(min) + "}";
  }
  body += "},\"topicPutTps\":0.0}";
  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  response.set_body(std::move(body));
  return response;
}

}  // namespace rmq::broker

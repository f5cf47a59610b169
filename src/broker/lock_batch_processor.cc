#include "broker/lock_batch_processor.h"

#include "broker/broker_util.h"
#include "broker/client_channel_info.h"
#include "common/json_reader.h"
#include "common/json_writer.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"

namespace rmq::broker {
namespace {

using remoting::RemotingCommand;
using remoting::ResponseCode;

struct LockBatchBody {
  std::string client_id;
  std::string consumer_group;
  std::vector<MessageQueue> mq_set;
};

Result<LockBatchBody> DecodeLockBatchBody(std::string_view text) {
  RMQ_ASSIGN_OR_RETURN(nlohmann::json json, ParseLenientJson(text, "LockBatchRequestBody"));
  if (!json.is_object()) return Corruption("LockBatchRequestBody is not a JSON object");
  LockBatchBody body;
  RMQ_RETURN_IF_ERROR(ReadJsonString(json, "clientId", &body.client_id));
  RMQ_RETURN_IF_ERROR(ReadJsonString(json, "consumerGroup", &body.consumer_group));
  if (auto it = json.find("mqSet"); it != json.end() && it->is_array()) {
    for (const auto& entry : *it) {
      if (!entry.is_object()) return Corruption("mqSet holds a non-object");
      MessageQueue mq;
      RMQ_RETURN_IF_ERROR(ReadJsonString(entry, "topic", &mq.topic));
      RMQ_RETURN_IF_ERROR(ReadJsonString(entry, "brokerName", &mq.broker_name));
      RMQ_RETURN_IF_ERROR(ReadJsonInt(entry, "queueId", &mq.queue_id));
      body.mq_set.push_back(std::move(mq));
    }
  }
  if (body.client_id.empty() || body.consumer_group.empty()) {
    return Corruption("LockBatchRequestBody needs clientId and consumerGroup");
  }
  return body;
}

}  // namespace

LockBatchProcessor::LockBatchProcessor(RebalanceLockManager& locks) : locks_(locks) {}

asio::awaitable<std::optional<RemotingCommand>> LockBatchProcessor::Process(remoting::RequestContext&,
                                                                           RemotingCommand request) {
  auto body = DecodeLockBatchBody(request.body());
  if (!body.ok()) co_return ErrorResponse(request, ResponseCode::kSystemError, body.status().message());
  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  if (request.code() == remoting::RequestCode::kUnlockBatchMq) {
    locks_.UnlockBatch(body->consumer_group, body->mq_set, body->client_id);
    co_return response;
  }
  std::vector<MessageQueue> locked =
      locks_.TryLockBatch(body->consumer_group, body->mq_set, body->client_id, SteadyNowMs());
  JsonWriter w;
  w.BeginObject();
  w.Key("lockOKMQSet");
  w.BeginArray();
  for (const MessageQueue& mq : locked) {
    w.BeginObject();
    w.StringField("brokerName", mq.broker_name);
    w.IntField("queueId", mq.queue_id);
    w.StringField("topic", mq.topic);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  response.set_body(w.Release());
  co_return response;
}

}  // namespace rmq::broker

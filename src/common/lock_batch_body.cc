#include "common/lock_batch_body.h"

#include "common/json_reader.h"

namespace rmq {
namespace {

Status ReadQueues(const nlohmann::json& object, std::string_view name, std::vector<MessageQueue>* out) {
  auto it = object.find(std::string(name));
  if (it == object.end() || it->is_null()) return Status::Ok();
  if (!it->is_array()) return Corruption(std::string(name) + " is not an array");
  for (const auto& element : *it) {
    RMQ_ASSIGN_OR_RETURN(MessageQueue mq, MessageQueue::FromJson(element));
    out->push_back(std::move(mq));
  }
  return Status::Ok();
}

void WriteQueues(const std::vector<MessageQueue>& queues, JsonWriter* writer) {
  writer->BeginArray();
  for (const auto& mq : queues) mq.WriteJson(writer);
  writer->EndArray();
}

}  // namespace

std::string LockBatchRequestBody::Encode() const {
  JsonWriter writer;
  writer.BeginObject();
  writer.StringField("clientId", client_id);
  writer.StringField("consumerGroup", consumer_group);
  writer.Key("mqSet");
  WriteQueues(mq_set, &writer);
  writer.BoolField("onlyThisBroker", only_this_broker);
  writer.EndObject();
  return writer.Release();
}

Result<LockBatchRequestBody> LockBatchRequestBody::Decode(std::string_view body) {
  RMQ_ASSIGN_OR_RETURN(nlohmann::json json, ParseLenientJson(body, "LockBatchRequestBody"));
  if (!json.is_object()) return Corruption("LockBatchRequestBody is not a JSON object");
  LockBatchRequestBody out;
  RMQ_RETURN_IF_ERROR(ReadJsonString(json, "clientId", &out.client_id));
  RMQ_RETURN_IF_ERROR(ReadJsonString(json, "consumerGroup", &out.consumer_group));
  RMQ_RETURN_IF_ERROR(ReadJsonBool(json, "onlyThisBroker", &out.only_this_broker));
  RMQ_RETURN_IF_ERROR(ReadQueues(json, "mqSet", &out.mq_set));
  return out;
}

std::string LockBatchResponseBody::Encode() const {
  JsonWriter writer;
  writer.BeginObject();
  writer.Key("lockOKMQSet");
  WriteQueues(lock_ok_mq_set, &writer);
  writer.EndObject();
  return writer.Release();
}

Result<LockBatchResponseBody> LockBatchResponseBody::Decode(std::string_view body) {
  RMQ_ASSIGN_OR_RETURN(nlohmann::json json, ParseLenientJson(body, "LockBatchResponseBody"));
  if (!json.is_object()) return Corruption("LockBatchResponseBody is not a JSON object");
  LockBatchResponseBody out;
  RMQ_RETURN_IF_ERROR(ReadQueues(json, "lockOKMQSet", &out.lock_ok_mq_set));
  return out;
}

}  // namespace rmq

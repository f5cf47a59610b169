#include "common/message_queue.h"

#include "common/json_reader.h"

namespace rmq {

void MessageQueue::WriteJson(JsonWriter* writer) const {
  writer->BeginObject();
  writer->StringField("brokerName", broker_name);
  writer->IntField("queueId", queue_id);
  writer->StringField("topic", topic);
  writer->EndObject();
}

std::string MessageQueue::ToJson() const {
  JsonWriter writer;
  WriteJson(&writer);
  return writer.Release();
}

Result<MessageQueue> MessageQueue::FromJson(const nlohmann::json& json) {
  if (!json.is_object()) return Corruption("a MessageQueue is not a JSON object");
  MessageQueue mq;
  RMQ_RETURN_IF_ERROR(ReadJsonString(json, "topic", &mq.topic));
  RMQ_RETURN_IF_ERROR(ReadJsonString(json, "brokerName", &mq.broker_name));
  RMQ_RETURN_IF_ERROR(ReadJsonInt(json, "queueId", &mq.queue_id));
  return mq;
}

std::string MessageQueue::ToString() const {
  return "MessageQueue [topic=" + topic + ", brokerName=" + broker_name + ", queueId=" + std::to_string(queue_id) +
         "]";
}

}  // namespace rmq

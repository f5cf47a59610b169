#include "common/topic_list.h"

#include <vector>

#include "common/json_reader.h"
#include "common/json_writer.h"

namespace rmq {

std::string TopicList::Encode() const {
  JsonWriter writer;
  writer.BeginObject();
  if (broker_addr) writer.StringField("brokerAddr", *broker_addr);
  writer.Key("topicList");
  writer.BeginArray();
  for (const auto& topic : topic_list) writer.String(topic);
  writer.EndArray();
  writer.EndObject();
  return writer.Release();
}

Result<TopicList> TopicList::Decode(std::string_view body) {
  RMQ_ASSIGN_OR_RETURN(nlohmann::json json, ParseLenientJson(body, "TopicList"));
  if (!json.is_object()) return Corruption("TopicList must be a JSON object");
  TopicList list;
  std::vector<std::string> topics;
  RMQ_RETURN_IF_ERROR(ReadJsonStringList(json, "topicList", &topics));
  list.topic_list.insert(topics.begin(), topics.end());
  if (auto it = json.find("brokerAddr"); it != json.end() && !it->is_null()) {
    std::string addr;
    RMQ_RETURN_IF_ERROR(JsonValueToString(*it, "brokerAddr", &addr));
    list.broker_addr = addr;
  }
  return list;
}

}  // namespace rmq

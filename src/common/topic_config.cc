#include "common/topic_config.h"

#include <charconv>
#include <vector>

#include "common/json_reader.h"

namespace rmq {
namespace {

Status CheckFilterType(const std::string& type) {
  if (type == "SINGLE_TAG" || type == "MULTI_TAG") return Status::Ok();
  return Corruption("topicFilterType must be SINGLE_TAG or MULTI_TAG, got \"" + type + "\"");
}

Result<int32_t> ParseInt32(std::string_view text, std::string_view what) {
  int32_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return Corruption("topic config line: " + std::string(what) + " is not an integer: \"" + std::string(text) + "\"");
  }
  return value;
}

}  // namespace

void TopicConfig::WriteJson(JsonWriter* writer) const {
  writer->BeginObject();
  writer->Key("attributes");
  writer->BeginObject();
  for (const auto& [key, value] : attributes) writer->StringField(key, value);
  writer->EndObject();
  writer->BoolField("order", order);
  writer->IntField("perm", perm);
  writer->IntField("readQueueNums", read_queue_nums);
  writer->StringField("topicFilterType", topic_filter_type);
  writer->StringField("topicName", topic_name);
  writer->IntField("topicSysFlag", topic_sys_flag);
  writer->IntField("writeQueueNums", write_queue_nums);
  writer->EndObject();
}

std::string TopicConfig::EncodeJson() const {
  JsonWriter writer;
  WriteJson(&writer);
  return writer.Release();
}

Result<TopicConfig> TopicConfig::FromJson(const nlohmann::json& json) {
  if (!json.is_object()) return Corruption("TopicConfig must be a JSON object");
  TopicConfig config;
  RMQ_RETURN_IF_ERROR(ReadJsonStringMap(json, "attributes", &config.attributes));
  RMQ_RETURN_IF_ERROR(ReadJsonBool(json, "order", &config.order));
  RMQ_RETURN_IF_ERROR(ReadJsonInt(json, "perm", &config.perm));
  RMQ_RETURN_IF_ERROR(ReadJsonInt(json, "readQueueNums", &config.read_queue_nums));
  // fastjson writes enums by name but also reads their ordinals.
  if (auto it = json.find("topicFilterType"); it != json.end() && it->is_number_integer()) {
    config.topic_filter_type = it->get<int64_t>() == 1 ? "MULTI_TAG" : "SINGLE_TAG";
  } else {
    RMQ_RETURN_IF_ERROR(ReadJsonString(json, "topicFilterType", &config.topic_filter_type));
    RMQ_RETURN_IF_ERROR(CheckFilterType(config.topic_filter_type));
  }
  RMQ_RETURN_IF_ERROR(ReadJsonString(json, "topicName", &config.topic_name));
  RMQ_RETURN_IF_ERROR(ReadJsonInt(json, "topicSysFlag", &config.topic_sys_flag));
  RMQ_RETURN_IF_ERROR(ReadJsonInt(json, "writeQueueNums", &config.write_queue_nums));
  return config;
}

std::string TopicConfig::EncodeLine() const {
  std::string line = topic_name;
  line += ' ';
  line += std::to_string(read_queue_nums);
  line += ' ';
  line += std::to_string(write_queue_nums);
  line += ' ';
  line += std::to_string(perm);
  line += ' ';
  line += topic_filter_type;
  line += ' ';
  JsonWriter writer;
  writer.BeginObject();
  for (const auto& [key, value] : attributes) writer.StringField(key, value);
  writer.EndObject();
  line += writer.str();
  return line;
}

Result<TopicConfig> TopicConfig::DecodeLine(std::string_view line) {
  // Java splits on single spaces; so do we (empty tokens included).
  std::vector<std::string_view> tokens;
  size_t start = 0;
  while (true) {
    size_t space = line.find(' ', start);
    tokens.push_back(line.substr(start, space == std::string_view::npos ? std::string_view::npos : space - start));
    if (space == std::string_view::npos) break;
    start = space + 1;
  }
  if (tokens.size() < 5) {
    return Corruption("topic config line has " + std::to_string(tokens.size()) +
                      " fields, expected at least 5: \"" + std::string(line) + "\"");
  }
  TopicConfig config;
  config.topic_name = std::string(tokens[0]);
  RMQ_ASSIGN_OR_RETURN(config.read_queue_nums, ParseInt32(tokens[1], "readQueueNums"));
  RMQ_ASSIGN_OR_RETURN(config.write_queue_nums, ParseInt32(tokens[2], "writeQueueNums"));
  RMQ_ASSIGN_OR_RETURN(config.perm, ParseInt32(tokens[3], "perm"));
  config.topic_filter_type = std::string(tokens[4]);
  RMQ_RETURN_IF_ERROR(CheckFilterType(config.topic_filter_type));
  if (tokens.size() >= 6) {
    // Java ignores an attributes field it cannot parse; so do we.
    auto json = ParseLenientJson(tokens[5], "topic attributes");
    if (json.ok()) {
      nlohmann::json wrapper = {{"attributes", *json}};
      (void)ReadJsonStringMap(wrapper, "attributes", &config.attributes);
    }
  }
  return config;
}

}  // namespace rmq

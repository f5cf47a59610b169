#include "common/heartbeat_data.h"

#include "common/java_string_hash.h"

namespace rmq {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

void SubscriptionData::WriteJson(JsonWriter* writer) const {
  writer->BeginObject();
  writer->BoolField("classFilterMode", false);
  writer->Key("codeSet");
  writer->BeginArray();
  for (int32_t code : code_set) writer->Int(code);
  writer->EndArray();
  writer->StringField("expressionType", expression_type);
  writer->StringField("subString", sub_string);
  writer->IntField("subVersion", sub_version);
  writer->Key("tagsSet");
  writer->StringArray(tags_set);
  writer->StringField("topic", topic);
  writer->EndObject();
}

SubscriptionData BuildSubscriptionData(std::string_view topic, std::string_view expression, int64_t sub_version) {
  SubscriptionData data;
  data.topic = std::string(topic);
  data.sub_version = sub_version;
  std::string_view expr = Trim(expression);
  if (expr.empty() || expr == "*") {
    data.sub_string = "*";
    return data;
  }
  data.sub_string = std::string(expression);
  while (!expr.empty()) {
    size_t sep = expr.find("||");
    std::string_view tag = Trim(expr.substr(0, sep));
    if (!tag.empty()) {
      data.tags_set.emplace_back(tag);
      data.code_set.push_back(JavaStringHashCode(tag));
    }
    if (sep == std::string_view::npos) break;
    expr.remove_prefix(sep + 2);
  }
  if (data.tags_set.empty()) data.sub_string = "*";
  return data;
}

SubscriptionData BuildSubscriptionData(std::string_view topic, std::string_view expression_type,
                                       std::string_view expression, int64_t sub_version) {
  if (expression_type.empty() || expression_type == "TAG") return BuildSubscriptionData(topic, expression, sub_version);
  SubscriptionData data;
  data.topic = std::string(topic);
  data.sub_version = sub_version;
  data.expression_type = std::string(expression_type);
  data.sub_string = std::string(expression);
  return data;
}

std::string HeartbeatData::Encode() const {
  JsonWriter writer;
  writer.BeginObject();
  writer.StringField("clientID", client_id);
  writer.Key("consumerDataSet");
  writer.BeginArray();
  for (const auto& consumer : consumers) {
    writer.BeginObject();
    writer.StringField("consumeFromWhere", consumer.consume_from_where);
    writer.StringField("consumeType", consumer.consume_type);
    writer.StringField("groupName", consumer.group_name);
    writer.StringField("messageModel", consumer.message_model);
    writer.Key("subscriptionDataSet");
    writer.BeginArray();
    for (const auto& sub : consumer.subscriptions) sub.WriteJson(&writer);
    writer.EndArray();
    writer.BoolField("unitMode", consumer.unit_mode);
    writer.EndObject();
  }
  writer.EndArray();
  writer.IntField("heartbeatFingerprint", 0);
  writer.Key("producerDataSet");
  writer.BeginArray();
  for (const auto& group : producer_groups) {
    writer.BeginObject();
    writer.StringField("groupName", group);
    writer.EndObject();
  }
  writer.EndArray();
  writer.BoolField("withoutSub", false);
  writer.EndObject();
  return writer.Release();
}

}  // namespace rmq

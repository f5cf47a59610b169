#include "broker/heartbeat_decoder.h"

#include "common/json_reader.h"

namespace rmq::broker {
namespace {

// An enum given by name or by ordinal, as fastjson accepts both.
Status ReadEnum(const nlohmann::json& object, std::string_view name, const std::vector<std::string_view>& names,
                std::string* out) {
  auto it = object.find(std::string(name));
  if (it == object.end() || it->is_null()) return Status::Ok();
  if (it->is_number_integer()) {
    int64_t ordinal = it->get<int64_t>();
    if (ordinal < 0 || ordinal >= static_cast<int64_t>(names.size())) {
      return Corruption(std::string(name) + " ordinal " + std::to_string(ordinal) + " is out of range");
    }
    *out = std::string(names[static_cast<size_t>(ordinal)]);
    return Status::Ok();
  }
  if (it->is_string()) {
    *out = it->get<std::string>();
    return Status::Ok();
  }
  return Corruption(std::string(name) + " is neither a name nor an ordinal");
}

Result<SubscriptionData> DecodeSubscription(const nlohmann::json& sub) {
  if (!sub.is_object()) return Corruption("subscriptionDataSet holds a non-object");
  std::string topic, sub_string, expression_type = "TAG";
  int64_t sub_version = 0;
  RMQ_RETURN_IF_ERROR(ReadJsonString(sub, "topic", &topic));
  RMQ_RETURN_IF_ERROR(ReadJsonString(sub, "subString", &sub_string));
  RMQ_RETURN_IF_ERROR(ReadJsonInt(sub, "subVersion", &sub_version));
  RMQ_RETURN_IF_ERROR(ReadJsonString(sub, "expressionType", &expression_type));
  if (topic.empty()) return Corruption("a subscription of HeartbeatData has no topic");
  if (expression_type.empty()) expression_type = "TAG";
  SubscriptionData data = BuildSubscriptionData(topic, sub_string, sub_version);
  data.expression_type = expression_type;
  if (expression_type != "TAG") {
    data.sub_string = sub_string;
    data.tags_set.clear();
    data.code_set.clear();
  }
  return data;
}

}  // namespace

Result<HeartbeatData> DecodeHeartbeatData(std::string_view body) {
  RMQ_ASSIGN_OR_RETURN(nlohmann::json json, ParseLenientJson(body, "HeartbeatData"));
  if (!json.is_object()) return Corruption("HeartbeatData is not a JSON object");
  HeartbeatData data;
  RMQ_RETURN_IF_ERROR(ReadJsonString(json, "clientID", &data.client_id));
  if (data.client_id.empty()) return Corruption("HeartbeatData has no clientID");
  if (auto it = json.find("producerDataSet"); it != json.end() && it->is_array()) {
    for (const auto& producer : *it) {
      std::string group;
      if (producer.is_object()) RMQ_RETURN_IF_ERROR(ReadJsonString(producer, "groupName", &group));
      if (!group.empty()) data.producer_groups.push_back(std::move(group));
    }
  }
  if (auto it = json.find("consumerDataSet"); it != json.end() && it->is_array()) {
    for (const auto& consumer : *it) {
      if (!consumer.is_object()) return Corruption("consumerDataSet holds a non-object");
      ConsumerHeartbeat cd;
      RMQ_RETURN_IF_ERROR(ReadJsonString(consumer, "groupName", &cd.group_name));
      if (cd.group_name.empty()) return Corruption("a consumer of HeartbeatData has no groupName");
      RMQ_RETURN_IF_ERROR(
          ReadEnum(consumer, "consumeType", {"CONSUME_ACTIVELY", "CONSUME_PASSIVELY", "CONSUME_POP"}, &cd.consume_type));
      RMQ_RETURN_IF_ERROR(ReadEnum(consumer, "messageModel", {"BROADCASTING", "CLUSTERING"}, &cd.message_model));
      RMQ_RETURN_IF_ERROR(ReadEnum(consumer, "consumeFromWhere",
                                   {"CONSUME_FROM_LAST_OFFSET", "CONSUME_FROM_LAST_OFFSET_AND_FROM_MIN_WHEN_BOOT_FIRST",
                                    "CONSUME_FROM_MIN_OFFSET", "CONSUME_FROM_MAX_OFFSET", "CONSUME_FROM_FIRST_OFFSET",
                                    "CONSUME_FROM_TIMESTAMP"},
                                   &cd.consume_from_where));
      RMQ_RETURN_IF_ERROR(ReadJsonBool(consumer, "unitMode", &cd.unit_mode));
      if (auto subs = consumer.find("subscriptionDataSet"); subs != consumer.end() && subs->is_array()) {
        for (const auto& sub : *subs) {
          RMQ_ASSIGN_OR_RETURN(SubscriptionData decoded, DecodeSubscription(sub));
          cd.subscriptions.push_back(std::move(decoded));
        }
      }
      data.consumers.push_back(std::move(cd));
    }
  }
  return data;
}

Result<CheckClientRequest> DecodeCheckClientBody(std::string_view body) {
  RMQ_ASSIGN_OR_RETURN(nlohmann::json json, ParseLenientJson(body, "CheckClientRequestBody"));
  if (!json.is_object()) return Corruption("CheckClientRequestBody is not a JSON object");
  CheckClientRequest request;
  RMQ_RETURN_IF_ERROR(ReadJsonString(json, "clientId", &request.client_id));
  RMQ_RETURN_IF_ERROR(ReadJsonString(json, "group", &request.group));
  if (auto it = json.find("subscriptionData"); it != json.end() && !it->is_null()) {
    RMQ_ASSIGN_OR_RETURN(SubscriptionData sub, DecodeSubscription(*it));
    request.subscription = std::move(sub);
  }
  return request;
}

}  // namespace rmq::broker

#include "common/route_data.h"

#include "common/json_reader.h"

namespace rmq {

void QueueData::WriteJson(JsonWriter* writer) const {
  writer->BeginObject();
  writer->StringField("brokerName", broker_name);
  writer->IntField("perm", perm);
  writer->IntField("readQueueNums", read_queue_nums);
  writer->IntField("topicSysFlag", topic_sys_flag);
  writer->IntField("writeQueueNums", write_queue_nums);
  writer->EndObject();
}

Result<QueueData> QueueData::FromJson(const nlohmann::json& json) {
  if (!json.is_object()) return Corruption("QueueData must be a JSON object");
  QueueData data;
  RMQ_RETURN_IF_ERROR(ReadJsonString(json, "brokerName", &data.broker_name));
  RMQ_RETURN_IF_ERROR(ReadJsonInt(json, "perm", &data.perm));
  RMQ_RETURN_IF_ERROR(ReadJsonInt(json, "readQueueNums", &data.read_queue_nums));
  RMQ_RETURN_IF_ERROR(ReadJsonInt(json, "topicSysFlag", &data.topic_sys_flag));
  RMQ_RETURN_IF_ERROR(ReadJsonInt(json, "writeQueueNums", &data.write_queue_nums));
  if (data.broker_name.empty()) return Corruption("QueueData without brokerName");
  return data;
}

void BrokerData::WriteJson(JsonWriter* writer) const {
  writer->BeginObject();
  writer->Key("brokerAddrs");
  writer->BeginObject();
  for (const auto& [id, addr] : broker_addrs) {
    writer->IntKey(id);
    writer->String(addr);
  }
  writer->EndObject();
  writer->StringField("brokerName", broker_name);
  writer->StringField("cluster", cluster);
  writer->BoolField("enableActingMaster", enable_acting_master);
  if (zone_name) writer->StringField("zoneName", *zone_name);
  writer->EndObject();
}

Result<BrokerData> BrokerData::FromJson(const nlohmann::json& json) {
  if (!json.is_object()) return Corruption("BrokerData must be a JSON object");
  BrokerData data;
  RMQ_RETURN_IF_ERROR(ReadJsonString(json, "cluster", &data.cluster));
  RMQ_RETURN_IF_ERROR(ReadJsonString(json, "brokerName", &data.broker_name));
  RMQ_RETURN_IF_ERROR(ReadJsonBool(json, "enableActingMaster", &data.enable_acting_master));
  std::string zone;
  if (auto it = json.find("zoneName"); it != json.end() && !it->is_null()) {
    RMQ_RETURN_IF_ERROR(JsonValueToString(*it, "zoneName", &zone));
    data.zone_name = zone;
  }
  if (auto it = json.find("brokerAddrs"); it != json.end() && !it->is_null()) {
    if (!it->is_object()) return Corruption("JSON property brokerAddrs must be an object");
    for (const auto& [key, value] : it->items()) {
      int64_t id = 0;
      RMQ_RETURN_IF_ERROR(JsonValueToInt(nlohmann::json(key), "brokerAddrs key", &id));
      RMQ_RETURN_IF_ERROR(JsonValueToString(value, "brokerAddrs value", &data.broker_addrs[id]));
    }
  }
  return data;
}

std::string TopicRouteData::Encode(JsonWriter::Style style) const {
  JsonWriter writer(style);
  writer.BeginObject();
  writer.Key("brokerDatas");
  writer.BeginArray();
  for (const auto& broker : broker_datas) broker.WriteJson(&writer);
  writer.EndArray();
  writer.Key("filterServerTable");
  writer.BeginObject();
  for (const auto& [addr, servers] : filter_server_table) {
    writer.Key(addr);
    writer.StringArray(servers);
  }
  writer.EndObject();
  if (order_topic_conf) writer.StringField("orderTopicConf", *order_topic_conf);
  writer.Key("queueDatas");
  writer.BeginArray();
  for (const auto& queue : queue_datas) queue.WriteJson(&writer);
  writer.EndArray();
  writer.EndObject();
  return writer.Release();
}

Result<TopicRouteData> TopicRouteData::Decode(std::string_view body) {
  RMQ_ASSIGN_OR_RETURN(nlohmann::json json, ParseLenientJson(body, "TopicRouteData"));
  if (!json.is_object()) return Corruption("TopicRouteData must be a JSON object");
  TopicRouteData route;
  if (auto it = json.find("queueDatas"); it != json.end() && !it->is_null()) {
    if (!it->is_array()) return Corruption("JSON property queueDatas must be an array");
    for (const auto& element : *it) {
      RMQ_ASSIGN_OR_RETURN(QueueData queue, QueueData::FromJson(element));
      route.queue_datas.push_back(std::move(queue));
    }
  }
  if (auto it = json.find("brokerDatas"); it != json.end() && !it->is_null()) {
    if (!it->is_array()) return Corruption("JSON property brokerDatas must be an array");
    for (const auto& element : *it) {
      RMQ_ASSIGN_OR_RETURN(BrokerData broker, BrokerData::FromJson(element));
      route.broker_datas.push_back(std::move(broker));
    }
  }
  if (auto it = json.find("filterServerTable"); it != json.end() && it->is_object()) {
    for (const auto& [addr, servers] : it->items()) {
      nlohmann::json wrapper = {{"servers", servers}};
      RMQ_RETURN_IF_ERROR(ReadJsonStringList(wrapper, "servers", &route.filter_server_table[addr]));
    }
  }
  std::string order_conf;
  if (auto it = json.find("orderTopicConf"); it != json.end() && !it->is_null()) {
    RMQ_RETURN_IF_ERROR(JsonValueToString(*it, "orderTopicConf", &order_conf));
    route.order_topic_conf = order_conf;
  }
  return route;
}

}  // namespace rmq

#include "common/cluster_info.h"

#include <vector>

#include "common/json_reader.h"

namespace rmq {

std::string ClusterInfo::Encode(JsonWriter::Style style) const {
  JsonWriter writer(style);
  writer.BeginObject();
  writer.Key("brokerAddrTable");
  writer.BeginObject();
  for (const auto& [name, broker] : broker_addr_table) {
    writer.Key(name);
    broker.WriteJson(&writer);
  }
  writer.EndObject();
  writer.Key("clusterAddrTable");
  writer.BeginObject();
  for (const auto& [cluster, names] : cluster_addr_table) {
    writer.Key(cluster);
    writer.BeginArray();
    for (const auto& name : names) writer.String(name);
    writer.EndArray();
  }
  writer.EndObject();
  writer.EndObject();
  return writer.Release();
}

Result<ClusterInfo> ClusterInfo::Decode(std::string_view body) {
  RMQ_ASSIGN_OR_RETURN(nlohmann::json json, ParseLenientJson(body, "ClusterInfo"));
  if (!json.is_object()) return Corruption("ClusterInfo must be a JSON object");
  ClusterInfo info;
  if (auto it = json.find("brokerAddrTable"); it != json.end() && !it->is_null()) {
    if (!it->is_object()) return Corruption("JSON property brokerAddrTable must be an object");
    for (const auto& [name, element] : it->items()) {
      RMQ_ASSIGN_OR_RETURN(BrokerData broker, BrokerData::FromJson(element));
      info.broker_addr_table.emplace(name, std::move(broker));
    }
  }
  if (auto it = json.find("clusterAddrTable"); it != json.end() && !it->is_null()) {
    if (!it->is_object()) return Corruption("JSON property clusterAddrTable must be an object");
    for (const auto& [cluster, names] : it->items()) {
      std::vector<std::string> list;
      nlohmann::json wrapper = {{"names", names}};
      RMQ_RETURN_IF_ERROR(ReadJsonStringList(wrapper, "names", &list));
      info.cluster_addr_table[cluster].insert(list.begin(), list.end());
    }
  }
  return info;
}

}  // namespace rmq

// The route of a topic as the name server serves it in GET_ROUTEINFO_BY_TOPIC (105) and takes in
// REGISTER_TOPIC_IN_NAMESRV (217): QueueData per broker group, BrokerData with every broker id's
// address, and TopicRouteData around them (reference/remoting.md §5.7.1). Encoders write
// fastjson's layout in either style (legacy unquoted brokerId keys, or standard JSON);
// decoders accept both. Plain value types.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/json_writer.h"
#include "common/status.h"

namespace rmq {

// Broker id 0 is the master of a broker group (MixAll.MASTER_ID).
inline constexpr int64_t kMasterBrokerId = 0;

struct QueueData {
  std::string broker_name;
  int32_t read_queue_nums = 0;
  int32_t write_queue_nums = 0;
  int32_t perm = 0;
  int32_t topic_sys_flag = 0;

  bool operator==(const QueueData&) const = default;

  void WriteJson(JsonWriter* writer) const;
  static Result<QueueData> FromJson(const nlohmann::json& json);
};

struct BrokerData {
  std::string cluster;
  std::string broker_name;
  std::map<int64_t, std::string> broker_addrs;  // brokerId -> "ip:port"
  bool enable_acting_master = false;
  std::optional<std::string> zone_name;

  bool operator==(const BrokerData&) const = default;

  void WriteJson(JsonWriter* writer) const;
  static Result<BrokerData> FromJson(const nlohmann::json& json);
};

struct TopicRouteData {
  std::vector<QueueData> queue_datas;
  std::vector<BrokerData> broker_datas;
  std::map<std::string, std::vector<std::string>> filter_server_table;  // brokerAddr -> servers
  std::optional<std::string> order_topic_conf;  // "brokerName:queueNum;..."

  bool operator==(const TopicRouteData&) const = default;

  // kFastjson gives the legacy body ({0:"addr"}) for requesters older than V4_9_4, kStandard
  // the standard one; both as in golden-vectors.md vector C.
  std::string Encode(JsonWriter::Style style) const;
  static Result<TopicRouteData> Decode(std::string_view body);
};

}  // namespace rmq

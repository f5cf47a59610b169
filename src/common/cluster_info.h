// ClusterInfo: the body of GET_BROKER_CLUSTER_INFO (106) — every broker group with its
// addresses and every cluster with its broker names (reference/remoting.md §5.7.2). The Java
// name server always sends the legacy fastjson form (unquoted brokerId keys), whatever the
// requester's version. A plain value type.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

#include "common/route_data.h"
#include "common/status.h"

namespace rmq {

struct ClusterInfo {
  std::map<std::string, BrokerData> broker_addr_table;          // brokerName -> BrokerData
  std::map<std::string, std::set<std::string>> cluster_addr_table;  // cluster -> brokerNames

  bool operator==(const ClusterInfo&) const = default;

  std::string Encode(JsonWriter::Style style = JsonWriter::Style::kFastjson) const;
  static Result<ClusterInfo> Decode(std::string_view body);
};

}  // namespace rmq

// Topic and cluster helpers.
#include "command/topic/topic_util.h"

namespace rmq::mqadmin {

std::string PermToString(int perm) {
  std::string out;
  out += (perm & 4) ? 'R' : '-';
  out += (perm & 2) ? 'W' : '-';
  out += (perm & 1) ? 'X' : '-';
  return out;
}

std::string TopicConfigToString(const rocketmq::TopicConfig& c) {
  return "TopicConfig [topicName=" + c.topicName + ", readQueueNums=" + std::to_string(c.readQueueNums) +
         ", writeQueueNums=" + std::to_string(c.writeQueueNums) + ", perm=" + PermToString(c.perm) +
         ", topicFilterType=" + c.topicFilterType + ", topicSysFlag=" + std::to_string(c.topicSysFlag) +
         ", order=" + (c.order ? "true" : "false") + ", attributes={}]";
}

std::vector<std::string> MastersOfCluster(CommandContext& context, const std::string& cluster) {
  auto masters = context.admin().fetchMasterAddrsByCluster(cluster);
  if (masters.empty()) {
    throw CommandError("cluster '" + cluster +
                       "' has no master broker registered in the name server; check the name with "
                       "'mqadmin clusterList'");
  }
  return masters;
}

std::vector<std::map<int64_t, std::string>> BrokerAddrsOfCluster(CommandContext& context, const std::string& cluster) {
  auto info = context.admin().examineBrokerClusterInfo();
  auto names = info.clusterAddrTable.find(cluster);
  if (names == info.clusterAddrTable.end()) {
    throw CommandError("no cluster named '" + cluster + "' is registered in the name server");
  }
  std::vector<std::map<int64_t, std::string>> out;
  for (const auto& name : names->second) out.push_back(info.brokerAddrTable[name].brokerAddrs);
  return out;
}

std::string BrokerNameOfAddr(CommandContext& context, const std::string& addr) {
  auto info = context.admin().examineBrokerClusterInfo();
  for (const auto& [name, data] : info.brokerAddrTable) {
    for (const auto& [id, broker_addr] : data.brokerAddrs) {
      if (broker_addr == addr) return name;
    }
  }
  return "";
}

}  // namespace rmq::mqadmin

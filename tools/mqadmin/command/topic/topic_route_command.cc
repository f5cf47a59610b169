// topicRoute: a topic's route (GET_ROUTEINFO_BY_TOPIC) as JSON with fields sorted by name, or
// with -l the broker table and totals, as TopicRouteSubCommand.
#include <algorithm>

#include "command/registry.h"

namespace rmq::mqadmin {
namespace {

nlohmann::json RouteJson(const rocketmq::TopicRouteData& route) {
  nlohmann::json out = {{"brokerDatas", nlohmann::json::array()},
                        {"filterServerTable", nlohmann::json::object()},
                        {"queueDatas", nlohmann::json::array()}};
  for (const auto& broker : route.brokerDatas) {
    nlohmann::json addrs = nlohmann::json::object();
    for (const auto& [id, addr] : broker.brokerAddrs) addrs[std::to_string(id)] = addr;
    out["brokerDatas"].push_back({{"brokerAddrs", addrs},
                                  {"brokerName", broker.brokerName},
                                  {"cluster", broker.cluster},
                                  {"enableActingMaster", false}});
  }
  for (const auto& queue : route.queueDatas) {
    out["queueDatas"].push_back({{"brokerName", queue.brokerName},
                                 {"perm", queue.perm},
                                 {"readQueueNums", queue.readQueueNums},
                                 {"topicSysFlag", queue.topicSysFlag},
                                 {"writeQueueNums", queue.writeQueueNums}});
  }
  if (!route.orderTopicConf.empty()) out["orderTopicConf"] = route.orderTopicConf;
  return out;
}

void Run(const CommandArgs& args, CommandContext& context) {
  auto route = context.admin().examineTopicRouteInfo(args.Get("topic"));
  nlohmann::json json = RouteJson(route);
  context.doc() = json;
  if (!args.Has("list")) {
    context.Line(json.dump(1, '\t'));
    return;
  }
  auto brokers = route.brokerDatas;
  std::sort(brokers.begin(), brokers.end(),
            [](const auto& a, const auto& b) { return a.brokerName < b.brokerName; });
  const char* format = "%-45s %-32s %-50s %-10s %-11s %-5s";
  context.Line(Fmt(format, "#ClusterName", "#BrokerName", "#BrokerAddrs", "#ReadQueue", "#WriteQueue", "#Perm"));
  int total_read = 0;
  int total_write = 0;
  for (const auto& broker : brokers) {
    std::string addrs = "{";
    for (const auto& [id, addr] : broker.brokerAddrs) {
      addrs += (addrs.size() > 1 ? ", " : "") + std::to_string(id) + "=" + addr;
    }
    addrs += "}";
    int read = 0;
    int write = 0;
    int perm = 0;
    for (const auto& queue : route.queueDatas) {
      if (queue.brokerName != broker.brokerName) continue;
      read = queue.readQueueNums;
      write = queue.writeQueueNums;
      perm = queue.perm;
    }
    total_read += read;
    total_write += write;
    context.Line(Fmt(format, broker.cluster.c_str(), broker.brokerName.c_str(), addrs.c_str(),
                     std::to_string(read).c_str(), std::to_string(write).c_str(), std::to_string(perm).c_str()));
  }
  context.Line(std::string(158, '-'));
  context.Line(Fmt("%-45s %-32s %-50s %-10s %-11s", "Total:", std::to_string(brokers.size()).c_str(), "",
                   std::to_string(total_read).c_str(), std::to_string(total_write).c_str()));
}

}  // namespace

SubCommand TopicRouteCommand() {
  return {"topicRoute",
          "Examine topic route info.",
          {{'t', "topic", true, true, "topic name"}, {'l', "list", false, false, "Use list format to print data"}},
          &Run};
}

}  // namespace rmq::mqadmin

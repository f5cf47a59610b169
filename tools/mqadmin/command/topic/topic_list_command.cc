// topicList: every topic name the name servers know (GET_ALL_TOPIC_LIST_FROM_NAMESERVER), or
// with -c the cluster / topic / consuming-group table, as TopicListSubCommand.
#include "command/registry.h"

namespace rmq::mqadmin {
namespace {

bool IsRetryOrDlq(const std::string& topic) { return topic.rfind("%RETRY%", 0) == 0 || topic.rfind("%DLQ%", 0) == 0; }

std::string Front(const std::string& s, size_t n) { return s.substr(0, n); }

void Run(const CommandArgs& args, CommandContext& context) {
  auto& admin = context.admin();
  auto topics = admin.fetchAllTopicList();
  if (!args.Has("clusterModel")) {
    for (const auto& topic : topics) context.Line(topic);
    context.doc()["topicList"] = topics;
    return;
  }
  auto info = admin.examineBrokerClusterInfo();
  context.Line(Fmt("%-20s  %-48s  %-48s", "#Cluster Name", "#Topic", "#Consumer Group"));
  context.doc()["rows"] = nlohmann::json::array();
  for (const auto& topic : topics) {
    if (IsRetryOrDlq(topic)) continue;
    std::string cluster;
    try {
      auto route = admin.examineTopicRouteInfo(topic);
      if (!route.brokerDatas.empty()) cluster = route.brokerDatas.front().cluster;
    } catch (const rocketmq::MQException&) {
      // A topic listed but without a route (being deleted) still gets a row, as upstream.
    }
    std::set<std::string> groups;
    try {
      groups = admin.queryTopicConsumeByWho(topic);
    } catch (const rocketmq::MQException&) {
    }
    if (groups.empty()) groups.insert("");
    for (const auto& group : groups) {
      context.Line(Fmt("%-20s  %-64s  %-64s", Front(cluster, 20).c_str(), Front(topic, 64).c_str(),
                       Front(group, 64).c_str()));
      context.doc()["rows"].push_back({{"cluster", cluster}, {"topic", topic}, {"consumerGroup", group}});
    }
  }
}

}  // namespace

SubCommand TopicListCommand() {
  return {"topicList", "Fetch all topic list from name server.", {{'c', "clusterModel", false, false, "clusterModel"}},
          &Run};
}

}  // namespace rmq::mqadmin

// topicClusterList: the clusters that host a topic, one per line (from its route).
#include "command/registry.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs& args, CommandContext& context) {
  auto route = context.admin().examineTopicRouteInfo(args.Get("topic"));
  std::set<std::string> clusters;
  for (const auto& broker : route.brokerDatas) clusters.insert(broker.cluster);
  for (const auto& cluster : clusters) context.Line(cluster);
  context.doc()["clusters"] = clusters;
}

}  // namespace

SubCommand TopicClusterListCommand() {
  return {"topicClusterList", "Get cluster info for topic.", {{'t', "topic", true, true, "topic name"}}, &Run};
}

}  // namespace rmq::mqadmin

// deleteSubGroup: delete a consumer group from one broker or every master of a cluster
// (DELETE_SUBSCRIPTIONGROUP); with -c also the group's %RETRY% and %DLQ% topics, as upstream.
#include "command/consumer/group_targets.h"
#include "command/registry.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs& args, CommandContext& context) {
  std::string group = args.Get("groupName");
  bool remove_offset = args.GetBool("removeOffset", false);
  auto& admin = context.admin();
  auto targets = GroupTargets(args, context);
  for (const auto& addr : targets) {
    admin.deleteSubscriptionGroup(addr, group, remove_offset);
    if (args.Has("brokerAddr")) {
      context.Line("delete subscription group [" + group + "] from broker [" + addr + "] success.");
    } else {
      context.Line("delete subscription group [" + group + "] from broker [" + addr + "] in cluster [" +
                   args.Get("clusterName") + "] success.");
    }
    context.doc()["brokers"].push_back(addr);
  }
  if (args.Has("clusterName") && !args.Has("brokerAddr")) {
    std::set<std::string> addrs(targets.begin(), targets.end());
    for (const std::string& topic : {"%RETRY%" + group, "%DLQ%" + group}) {
      try {
        admin.deleteTopicInBroker(addrs, topic);
        admin.deleteTopicInNameServer({}, topic, args.Get("clusterName"));
      } catch (const rocketmq::MQException&) {
        // The retry or DLQ topic may never have been created.
      }
    }
  }
}

}  // namespace

SubCommand DeleteSubGroupCommand() {
  return {"deleteSubGroup",
          "Delete subscription group from broker.",
          {{'b', "brokerAddr", true, false, "delete subscription group from which broker"},
           {'c', "clusterName", true, false, "delete subscription group from which cluster"},
           {'g', "groupName", true, true, "subscription group name"},
           {'r', "removeOffset", true, false, "remove offset"}},
          &Run};
}

}  // namespace rmq::mqadmin

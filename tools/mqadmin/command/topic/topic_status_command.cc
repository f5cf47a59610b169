// topicStatus: min/max offset and last write time of every queue of a topic
// (GET_TOPIC_STATS_INFO on each broker), as TopicStatusSubCommand.
#include "command/registry.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs& args, CommandContext& context) {
  if (args.Has("cluster")) {
    throw CommandError("-c/--cluster (LMQ parent routing) is not supported yet; run without -c");
  }
  auto stats = context.admin().examineTopicStats(args.Get("topic"));
  context.Line(Fmt("%-32s  %-4s  %-20s  %-20s    %s", "#Broker Name", "#QID", "#Min Offset", "#Max Offset",
                   "#Last Updated"));
  context.doc()["queues"] = nlohmann::json::array();
  for (const auto& [mq, offset] : stats.offsetTable) {
    std::string updated = offset.lastUpdateTimestamp > 0 ? HumanMillis(offset.lastUpdateTimestamp) : "";
    context.Line(Fmt("%-32s  %-4d  %-20lld  %-20lld    %s", mq.getBrokerName().c_str(), mq.getQueueId(),
                     static_cast<long long>(offset.minOffset), static_cast<long long>(offset.maxOffset),
                     updated.c_str()));
    context.doc()["queues"].push_back({{"brokerName", mq.getBrokerName()},
                                       {"queueId", mq.getQueueId()},
                                       {"minOffset", offset.minOffset},
                                       {"maxOffset", offset.maxOffset},
                                       {"lastUpdateTimestamp", offset.lastUpdateTimestamp}});
  }
  // The broker does not keep a per-topic put rate yet and reports 0.0, as the table body says.
  context.Line("");
  context.Line("Topic Put TPS: 0.0");
}

}  // namespace

SubCommand TopicStatusCommand() {
  return {"topicStatus",
          "Examine topic Status info.",
          {{'t', "topic", true, true, "topic name"}, {'c', "cluster", true, false, "cluster name or lmq parent topic"}},
          &Run};
}

}  // namespace rmq::mqadmin

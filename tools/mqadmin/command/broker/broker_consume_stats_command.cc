// brokerConsumeStats: the lag of every consumer group on one broker. Upstream asks the broker
// with GET_BROKER_CONSUME_STATS (317); our broker does not serve that code, so the tool builds
// the same table from the topic list, QUERY_TOPIC_CONSUME_BY_WHO and GET_CONSUME_STATS.
#include "command/registry.h"
#include "command/topic/topic_util.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs& args, CommandContext& context) {
  std::string addr = args.Get("brokerAddr");
  int64_t level = args.GetInt("level", 0);
  bool only_order = args.GetBool("order", false);
  auto& admin = context.admin();
  std::string broker_name = BrokerNameOfAddr(context, addr);
  if (broker_name.empty()) {
    throw CommandError("broker " + addr + " is not registered in the name server; check the address with "
                       "'mqadmin clusterList'");
  }
  context.Line(Fmt("%-64s  %-64s  %-32s  %-4s  %-20s  %-20s  %-20s  %s", "#Topic", "#Group", "#Broker Name", "#QID",
                   "#Broker Offset", "#Consumer Offset", "#Diff", "#LastTime"));
  context.doc()["rows"] = nlohmann::json::array();
  int64_t diff_total = 0;
  for (const auto& topic : admin.fetchAllTopicList()) {
    if (topic.rfind("%RETRY%", 0) == 0 || topic.rfind("%DLQ%", 0) == 0) continue;
    std::set<std::string> groups;
    try {
      groups = admin.queryTopicConsumeByWho(topic);
    } catch (const rocketmq::MQException&) {
      continue;  // a topic without a route has no consumers to report
    }
    for (const auto& group : groups) {
      rocketmq::ConsumeStats stats;
      try {
        stats = admin.examineConsumeStats(group, topic);
      } catch (const rocketmq::MQException&) {
        continue;
      }
      if (only_order) continue;  // no orderly groups are tracked by this broker yet
      for (const auto& [mq, offset] : stats.offsetTable) {
        if (mq.getBrokerName() != broker_name || mq.getTopic() != topic) continue;
        int64_t diff = offset.brokerOffset - offset.consumerOffset;
        if (diff < level) continue;
        diff_total += diff;
        std::string last = offset.lastTimestamp > 0 ? HumanSeconds(offset.lastTimestamp) : "";
        context.Line(Fmt("%-64s  %-64s  %-32s  %-4d  %-20lld  %-20lld  %-20lld  %s", topic.c_str(), group.c_str(),
                         broker_name.c_str(), mq.getQueueId(), static_cast<long long>(offset.brokerOffset),
                         static_cast<long long>(offset.consumerOffset), static_cast<long long>(diff), last.c_str()));
        context.doc()["rows"].push_back({{"topic", topic},
                                         {"group", group},
                                         {"brokerName", broker_name},
                                         {"queueId", mq.getQueueId()},
                                         {"brokerOffset", offset.brokerOffset},
                                         {"consumerOffset", offset.consumerOffset},
                                         {"diff", diff},
                                         {"lastTimestamp", offset.lastTimestamp}});
      }
    }
  }
  context.Line("");
  context.Line("Diff Total: " + std::to_string(diff_total));
  context.doc()["diffTotal"] = diff_total;
}

}  // namespace

SubCommand BrokerConsumeStatsCommand() {
  return {"brokerConsumeStats",
          "Fetch broker consume stats data.",
          {{'b', "brokerAddr", true, true, "Broker address"},
           {'t', "timeoutMillis", true, false, "request timeout Millis"},
           {'l', "level", true, false, "threshold of print diff"},
           {'o', "order", true, false, "order topic"}},
          &Run};
}

}  // namespace rmq::mqadmin

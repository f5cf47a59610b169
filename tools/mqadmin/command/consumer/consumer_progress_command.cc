// consumerProgress: per-queue offsets and lag of a group (GET_CONSUME_STATS on the brokers of
// its route), or without -g a one-line summary per group, as ConsumerProgressSubCommand.
#include <algorithm>

#include "command/registry.h"

namespace rmq::mqadmin {
namespace {

void GroupDetail(const CommandArgs& args, CommandContext& context) {
  if (args.GetBool("showClientIP", false)) {
    throw CommandError("-s/--showClientIP is not supported yet (needs GET_CONSUMER_RUNNING_INFO per client)");
  }
  std::string group = args.Get("groupName");
  rocketmq::ConsumeStats stats;
  try {
    stats = context.admin().examineConsumeStats(group, args.Get("topicName"));
  } catch (const rocketmq::MQException& e) {
    if (e.GetError() != rocketmq::kErrorNoRoute || args.Has("topicName")) throw;
    throw CommandError("consumer group '" + group + "' has never connected (the name server has no %RETRY%" + group +
                       " route); give -t <topic> to read the group's offsets of that topic");
  }
  if (stats.offsetTable.empty()) {
    throw CommandError("consumer group '" + group + "' has no offsets on any broker; check the group name");
  }
  context.Line(Fmt("%-64s  %-32s  %-4s  %-20s  %-20s  %-20s %-20s%s", "#Topic", "#Broker Name", "#QID",
                   "#Broker Offset", "#Consumer Offset", "#Diff", "#Inflight", "#LastTime"));
  int64_t diff_total = 0;
  int64_t inflight_total = 0;
  context.doc()["queues"] = nlohmann::json::array();
  for (const auto& [mq, w] : stats.offsetTable) {
    int64_t diff = w.brokerOffset - w.consumerOffset;
    int64_t inflight = std::max<int64_t>(w.pullOffset - w.consumerOffset, 0);
    diff_total += diff;
    inflight_total += inflight;
    std::string last = w.lastTimestamp > 0 ? HumanSeconds(w.lastTimestamp) : "N/A";
    context.Line(Fmt("%-64s  %-32s  %-4d  %-20lld  %-20lld  %-20lld %-20lld %s", mq.getTopic().c_str(),
                     mq.getBrokerName().c_str(), mq.getQueueId(), static_cast<long long>(w.brokerOffset),
                     static_cast<long long>(w.consumerOffset), static_cast<long long>(diff),
                     static_cast<long long>(inflight), last.c_str()));
    context.doc()["queues"].push_back({{"topic", mq.getTopic()},
                                       {"brokerName", mq.getBrokerName()},
                                       {"queueId", mq.getQueueId()},
                                       {"brokerOffset", w.brokerOffset},
                                       {"consumerOffset", w.consumerOffset},
                                       {"diff", diff},
                                       {"inflight", inflight},
                                       {"lastTimestamp", w.lastTimestamp}});
  }
  context.Line("");
  context.Line(Fmt("Consume TPS: %.2f", stats.consumeTps));
  context.Line("Consume Diff Total: " + std::to_string(diff_total));
  context.Line("Consume Inflight Total: " + std::to_string(inflight_total));
  context.doc()["consumeTps"] = stats.consumeTps;
  context.doc()["diffTotal"] = diff_total;
  context.doc()["inflightTotal"] = inflight_total;
}

void Summary(CommandContext& context) {
  auto& admin = context.admin();
  context.Line(Fmt("%-64s  %-6s  %-24s %-5s  %-14s  %-7s  %s", "#Group", "#Count", "#Version", "#Type", "#Model",
                   "#TPS", "#Diff Total"));
  context.doc()["groups"] = nlohmann::json::array();
  for (const auto& topic : admin.fetchAllTopicList()) {
    if (topic.rfind("%RETRY%", 0) != 0) continue;
    std::string group = topic.substr(7);
    int64_t diff = 0;
    double tps = 0;
    try {
      auto stats = admin.examineConsumeStats(group);
      diff = stats.computeTotalDiff();
      tps = stats.consumeTps;
    } catch (const rocketmq::MQException&) {
      // A group whose offsets are gone still gets a row.
    }
    int count = 0;
    std::string version = "OFFLINE";
    std::string type;
    std::string model;
    try {
      auto connection = admin.examineConsumerConnectionInfo(group);
      count = static_cast<int>(connection.connectionSet.size());
      if (count > 0) {
        int lowest = connection.connectionSet.front().version;
        for (const auto& c : connection.connectionSet) lowest = std::min(lowest, c.version);
        version = VersionName(lowest);
        type = connection.consumeType == "CONSUME_PASSIVELY" ? "PUSH" : "PULL";
        if (type == "PUSH") model = connection.messageModel;
      }
    } catch (const rocketmq::MQException&) {
      // Not online: OFFLINE, as upstream.
    }
    context.Line(Fmt("%-64s  %-6d  %-24s %-5s  %-14s  %-7d  %lld", group.c_str(), count, version.c_str(), type.c_str(),
                     model.c_str(), static_cast<int>(tps), static_cast<long long>(diff)));
    context.doc()["groups"].push_back({{"group", group},
                                       {"count", count},
                                       {"version", version},
                                       {"type", type},
                                       {"model", model},
                                       {"tps", tps},
                                       {"diffTotal", diff}});
  }
}

void Run(const CommandArgs& args, CommandContext& context) {
  if (args.Has("groupName")) {
    GroupDetail(args, context);
  } else {
    Summary(context);
  }
}

}  // namespace

SubCommand ConsumerProgressCommand() {
  return {"consumerProgress",
          "Query consumers's progress, speed.",
          {{'g', "groupName", true, false, "consumer group name"},
           {'t', "topicName", true, false, "topic name"},
           {'s', "showClientIP", true, false, "Show Client IP per Queue (not supported yet)"},
           {'c', "cluster", true, false, "Cluster name or lmq parent topic, lmq is used to find the route."}},
          &Run};
}

}  // namespace rmq::mqadmin

// statsAll: per topic and consumer group, the accumulation (lag) and rates. The lag and the
// consume TPS come from GET_CONSUME_STATS; the put TPS and the 24-hour counts need
// VIEW_BROKER_STATS_DATA (315), which our broker does not serve yet, so they print as 0 and a
// note on stderr says so.
#include <iostream>

#include "command/registry.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs& args, CommandContext& context) {
  auto& admin = context.admin();
  std::set<std::string> topics;
  if (args.Has("topic")) {
    topics.insert(args.Get("topic"));
  } else {
    topics = admin.fetchAllTopicList();
  }
  bool active_only = args.Has("activeTopic");
  std::cerr << "note: InTPS and the 24-hour counts are not reported by this broker yet (VIEW_BROKER_STATS_DATA); "
               "they print as 0\n";
  context.Line(Fmt("%-64s  %-64s %12s %11s %11s %14s %14s", "#Topic", "#Consumer Group", "#Accumulation", "#InTPS",
                   "#OutTPS", "#InMsg24Hour", "#OutMsg24Hour"));
  context.doc()["rows"] = nlohmann::json::array();
  for (const auto& topic : topics) {
    if (topic.rfind("%RETRY%", 0) == 0 || topic.rfind("%DLQ%", 0) == 0) continue;
    std::set<std::string> groups;
    try {
      groups = admin.queryTopicConsumeByWho(topic);
    } catch (const rocketmq::MQException&) {
      continue;  // no route: nothing stored for the topic
    }
    if (groups.empty()) {
      if (active_only) continue;
      context.Line(Fmt("%-64s  %-64s %12d %11.2f %11s %14d %14s", topic.c_str(), "", 0, 0.0, "", 0, "NO_CONSUMER"));
      context.doc()["rows"].push_back({{"topic", topic}, {"consumerGroup", nullptr}});
      continue;
    }
    for (const auto& group : groups) {
      int64_t accumulation = 0;
      double out_tps = 0;
      try {
        auto stats = admin.examineConsumeStats(group, topic);
        accumulation = stats.computeTotalDiff();
        out_tps = stats.consumeTps;
      } catch (const rocketmq::MQException&) {
      }
      if (active_only && out_tps <= 0 && accumulation == 0) continue;
      context.Line(Fmt("%-64s  %-64s %12lld %11.2f %11.2f %14d %14d", topic.c_str(), group.c_str(),
                       static_cast<long long>(accumulation), 0.0, out_tps, 0, 0));
      context.doc()["rows"].push_back(
          {{"topic", topic}, {"consumerGroup", group}, {"accumulation", accumulation}, {"outTps", out_tps}});
    }
  }
}

}  // namespace

SubCommand StatsAllCommand() {
  return {"statsAll",
          "Topic and Consumer tps stats.",
          {{'a', "activeTopic", false, false, "print active topic only"}, {'t', "topic", true, false, "print select topic only"}},
          &Run};
}

}  // namespace rmq::mqadmin

// updateTopic: create or update a topic on one broker (-b) or on every master of a cluster (-c)
// (UPDATE_AND_CREATE_TOPIC), and with -o true record the order config in the name server's
// ORDER_TOPIC_CONFIG namespace — as UpdateTopicSubCommand.
#include "command/registry.h"
#include "command/topic/topic_util.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs& args, CommandContext& context) {
  if (args.Has("brokerAddr") == args.Has("clusterName")) {
    throw CommandError("give exactly one of -b <broker address> or -c <cluster name>");
  }
  if (args.Has("attributes")) {
    throw CommandError("-a/--attributes is not supported yet: this broker has no topic attributes");
  }
  rocketmq::TopicConfig config;
  config.topicName = args.Get("topic");
  config.readQueueNums = static_cast<int>(args.GetInt("readQueueNums", 8));
  config.writeQueueNums = static_cast<int>(args.GetInt("writeQueueNums", 8));
  config.perm = static_cast<int>(args.GetInt("perm", 6));
  if (config.perm != 2 && config.perm != 4 && config.perm != 6) {
    throw CommandError("-p/--perm must be 2 (write), 4 (read) or 6 (read and write)");
  }
  if (args.GetBool("unit", false)) config.topicSysFlag |= 1;
  if (args.GetBool("hasUnitSub", false)) config.topicSysFlag |= 2;
  config.order = args.GetBool("order", false);
  auto& admin = context.admin();
  nlohmann::json& doc = context.doc();

  if (args.Has("brokerAddr")) {
    std::string addr = args.Get("brokerAddr");
    admin.createAndUpdateTopicConfig(addr, config);
    if (config.order) {
      std::string name = BrokerNameOfAddr(context, addr);
      if (name.empty()) throw CommandError("broker " + addr + " is not registered in the name server");
      std::string conf = name + ":" + std::to_string(config.writeQueueNums);
      admin.putKVConfig("ORDER_TOPIC_CONFIG", config.topicName, conf);
      context.Line("set broker orderConf. isOrder=true, orderConf=[" + conf + "]");
      doc["orderConf"] = conf;
    }
    context.Line("create topic to " + addr + " success.");
    doc["brokers"].push_back(addr);
  } else {
    std::string cluster = args.Get("clusterName");
    for (const auto& addr : MastersOfCluster(context, cluster)) {
      admin.createAndUpdateTopicConfig(addr, config);
      context.Line("create topic to " + addr + " success.");
      doc["brokers"].push_back(addr);
    }
    if (config.order) {
      auto info = admin.examineBrokerClusterInfo();
      std::string conf;
      for (const auto& name : info.clusterAddrTable[cluster]) {
        conf += (conf.empty() ? "" : ";") + name + ":" + std::to_string(config.writeQueueNums);
      }
      admin.putKVConfig("ORDER_TOPIC_CONFIG", config.topicName, conf);
      context.Line("set cluster orderConf. isOrder=true, orderConf=[" + conf + "]");
      doc["orderConf"] = conf;
    }
  }
  context.Line(TopicConfigToString(config));
  doc["topicConfig"] = {{"topicName", config.topicName},       {"readQueueNums", config.readQueueNums},
                        {"writeQueueNums", config.writeQueueNums}, {"perm", config.perm},
                        {"topicSysFlag", config.topicSysFlag},   {"order", config.order}};
}

}  // namespace

SubCommand UpdateTopicCommand() {
  return {"updateTopic",
          "Update or create topic.",
          {{'b', "brokerAddr", true, false, "create topic to which broker"},
           {'c', "clusterName", true, false, "create topic to which cluster"},
           {'t', "topic", true, true, "topic name"},
           {'r', "readQueueNums", true, false, "set read queue nums"},
           {'w', "writeQueueNums", true, false, "set write queue nums"},
           {'p', "perm", true, false, "set topic's permission(2|4|6), intro[2:W 4:R; 6:RW]"},
           {'o', "order", true, false, "set topic's order(true|false)"},
           {'u', "unit", true, false, "is unit topic (true|false)"},
           {'s', "hasUnitSub", true, false, "has unit sub (true|false)"},
           {'a', "attributes", true, false, "attribute(+a=b,+c=d,-e); not supported yet"}},
          &Run};
}

}  // namespace rmq::mqadmin

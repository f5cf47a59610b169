// resetOffsetByTime: move a group's offsets of a topic to a timestamp through the brokers
// (INVOKE_BROKER_TO_RESET_OFFSET; online consumers are told to move too), as
// ResetOffsetByTimeCommand; -b -q -o sets one queue to an explicit offset.
#include "command/registry.h"
#include "command/topic/topic_util.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs& args, CommandContext& context) {
  std::string group = args.Get("group");
  std::string topic = args.Get("topic");
  std::string when = args.Get("timestamp");
  auto& admin = context.admin();
  if (args.Has("broker") || args.Has("queue")) {
    if (!args.Has("broker") || !args.Has("queue")) throw CommandError("-b and -q go together (one queue of one broker)");
    // Upstream takes the broker address; a broker name is accepted too.
    std::string broker = args.Get("broker");
    if (broker.find(':') != std::string::npos) {
      std::string name = BrokerNameOfAddr(context, broker);
      if (name.empty()) throw CommandError("broker " + broker + " is not registered in the name server");
      broker = name;
    }
    rocketmq::MQMessageQueue mq(topic, broker, static_cast<int>(args.GetInt("queue", 0)));
    int64_t timestamp = args.Has("offset") ? -1 : ParseTimestamp(when, "-s");
    int64_t offset = args.Has("offset") ? args.GetInt("offset", 0) : admin.searchOffset(mq, timestamp);
    context.Line("start reset consumer offset by specified, group[" + group + "], topic[" + topic + "], queueId[" +
                 std::to_string(mq.getQueueId()) + "], broker[" + mq.getBrokerName() + "], timestamp(string)[" +
                 when + "], timestamp(long)[" + std::to_string(timestamp) + "]");
    admin.updateConsumerOffset(group, mq, offset);
    context.Line("reset consumer offset to " + std::to_string(offset));
    context.doc() = {{"brokerName", mq.getBrokerName()}, {"queueId", mq.getQueueId()}, {"offset", offset}};
    return;
  }
  int64_t timestamp = ParseTimestamp(when, "-s");
  bool force = args.GetBool("force", true);
  auto offsets = admin.resetOffsetByTimestamp(topic, group, timestamp, force);
  context.Line("start reset consumer offset by specified, group[" + group + "], topic[" + topic + "], force[" +
               (force ? "true" : "false") + "], timestamp(string)[" + when + "], timestamp(long)[" +
               std::to_string(timestamp) + "]");
  context.Line(Fmt("%-40s  %-40s  %-40s", "#brokerName", "#queueId", "#offset"));
  context.doc()["offsets"] = nlohmann::json::array();
  for (const auto& [mq, offset] : offsets) {
    context.Line(Fmt("%-40s  %-40d  %-40lld", mq.getBrokerName().substr(0, 32).c_str(), mq.getQueueId(),
                     static_cast<long long>(offset)));
    context.doc()["offsets"].push_back(
        {{"brokerName", mq.getBrokerName()}, {"queueId", mq.getQueueId()}, {"offset", offset}});
  }
}

}  // namespace

SubCommand ResetOffsetByTimeCommand() {
  return {"resetOffsetByTime",
          "Reset consumer offset by timestamp(without client restart).",
          {{'g', "group", true, true, "set the consumer group"},
           {'t', "topic", true, true, "set the topic"},
           {'s', "timestamp", true, true, "set the timestamp[now|currentTimeMillis|yyyy-MM-dd#HH:mm:ss:SSS]"},
           {'f', "force", true, false, "set the force rollback by timestamp switch[true|false]. Deprecated."},
           {'b', "broker", true, false, "broker address or name (with -q)"},
           {'q', "queue", true, false, "queue id (with -b)"},
           {'o', "offset", true, false, "Expect queue offset, not support old version broker"},
           {'c', "cluster", true, false, "Cluster name or lmq parent topic"}},
          &Run};
}

}  // namespace rmq::mqadmin

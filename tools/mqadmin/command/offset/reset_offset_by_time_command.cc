// resetOffsetByTime: move a group's offsets of a topic to a timestamp through the brokers
// (INVOKE_BROKER_TO_RESET_OFFSET; online consumers are told to move too), as
// ResetOffsetByTimeCommand; -b -q -o sets one queue to an explicit offset.
#include <algorithm>

#include "command/registry.h"
#include "command/topic/topic_util.h"

namespace rmq::mqadmin {
namespace {

constexpr int kRequestCodeNotSupported = 3;
constexpr int kConsumerNotOnline = 206;

// As ResetOffsetByTimeOldCommand, used when the broker cannot push the reset to the clients
// (group offline, or INVOKE_BROKER_TO_RESET_OFFSET not served): per queue, look the offset up
// by time and commit it for the group.
void ResetOldWay(CommandContext& context, const std::string& group, const std::string& topic,
                 const std::string& when, int64_t timestamp, bool force) {
  auto& admin = context.admin();
  auto route = admin.examineTopicRouteInfo(topic);
  context.Line("reset consumer offset by specified consumerGroup[" + group + "], topic[" + topic + "], force[" +
               (force ? "true" : "false") + "], timestamp(string)[" + when + "], timestamp(long)[" +
               std::to_string(timestamp) + "]");
  context.Line(Fmt("%-20s  %-20s  %-20s  %-20s  %-20s  %-20s", "#brokerName", "#queueId", "#brokerOffset",
                   "#consumerOffset", "#timestampOffset", "#resetOffset"));
  context.doc()["offsets"] = nlohmann::json::array();
  for (const auto& queue : route.queueDatas) {
    for (int id = 0; id < queue.readQueueNums; ++id) {
      rocketmq::MQMessageQueue mq(topic, queue.brokerName, id);
      int64_t broker_offset = admin.maxOffset(mq);
      int64_t consumer_offset = admin.queryConsumerOffset(group, mq);
      int64_t timestamp_offset = admin.searchOffset(mq, timestamp);
      // Without force, never move a group backwards.
      int64_t reset = force || consumer_offset < 0 ? timestamp_offset : std::min(consumer_offset, timestamp_offset);
      admin.updateConsumerOffset(group, mq, reset);
      context.Line(Fmt("%-20s  %-20d  %-20lld  %-20lld  %-20lld  %-20lld", queue.brokerName.c_str(), id,
                       static_cast<long long>(broker_offset), static_cast<long long>(consumer_offset),
                       static_cast<long long>(timestamp_offset), static_cast<long long>(reset)));
      context.doc()["offsets"].push_back({{"brokerName", queue.brokerName}, {"queueId", id}, {"offset", reset}});
    }
  }
}

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
  std::map<rocketmq::MQMessageQueue, int64_t> offsets;
  try {
    offsets = admin.resetOffsetByTimestamp(topic, group, timestamp, force);
  } catch (const rocketmq::MQBrokerException& e) {
    if (e.GetError() != kRequestCodeNotSupported && e.GetError() != kConsumerNotOnline) throw;
    ResetOldWay(context, group, topic, when, timestamp, force);
    return;
  }
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

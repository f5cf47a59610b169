// consumeMessage: pull up to -c messages (default 128) from a topic, one queue or one offset, and
// print them in printMsg's "MSGID: ... BODY: ..." shape, as ConsumeMessageCommand. The group
// (default TOOLS_CONSUMER) commits no offsets.
#include "command/message/message_util.h"
#include "command/registry.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs& args, CommandContext& context) {
  if (args.Has("queueId") && !args.Has("brokerName")) throw CommandError("Please set the brokerName before queueId!");
  if (args.Has("offset") && !args.Has("queueId")) throw CommandError("Please set queueId before offset!");
  int64_t count = args.GetInt("MessageNumber", 128);
  if (count <= 0) throw CommandError("Please input a positive messageNumber!");
  int64_t now = NowMillis();
  int64_t begin = args.Has("beginTimestamp") ? ParseTimestamp(args.Get("beginTimestamp"), "-s") : 0;
  int64_t end = args.Has("endTimestamp") ? ParseTimestamp(args.Get("endTimestamp"), "-e") : 0;
  if (begin > now) throw CommandError("Please set the beginTimestamp before now!");

  std::string topic = args.Get("topic");
  auto consumer = StartPullConsumer(context, args.Get("consumerGroup", "TOOLS_CONSUMER"));
  std::vector<rocketmq::MQMessageQueue> queues;
  try {
    consumer->fetchSubscribeMessageQueues(topic, queues);
  } catch (...) {
    consumer->shutdown();
    throw;
  }
  int64_t remaining = count;
  int64_t printed = 0;
  context.doc()["messages"] = nlohmann::json::array();
  for (const auto& mq : queues) {
    if (remaining <= 0) break;
    if (args.Has("brokerName") && mq.getBrokerName() != args.Get("brokerName")) continue;
    if (args.Has("queueId") && mq.getQueueId() != args.GetInt("queueId", 0)) continue;
    int64_t first = consumer->minOffset(mq);
    int64_t last = consumer->maxOffset(mq);
    if (args.Has("offset")) first = args.GetInt("offset", 0);
    if (begin > 0) first = consumer->searchOffset(mq, begin);
    if (end > 0) last = consumer->searchOffset(mq, end);
    if (last - first > remaining) {
      context.Line(Fmt("The older %lld message of the %d queue will be provided", static_cast<long long>(remaining),
                       mq.getQueueId()));
      last = first + remaining;
    }
    int64_t offset = first;
    while (offset < last && remaining > 0) {
      int batch = static_cast<int>(std::min<int64_t>(32, last - offset));
      rocketmq::PullResult result = consumer->pull(mq, "*", offset, batch);
      if (result.pullStatus != rocketmq::FOUND) {
        if (result.pullStatus == rocketmq::NO_MATCHED_MSG && result.nextBeginOffset > offset) {
          offset = result.nextBeginOffset;
          continue;
        }
        break;
      }
      offset = result.nextBeginOffset;
      context.Line("Consume ok");
      for (const auto& m : result.msgFoundList) {
        if (remaining <= 0) break;
        context.Line(MessageLine(m, true));
        context.doc()["messages"].push_back(MessageJson(m));
        --remaining;
        ++printed;
      }
    }
  }
  consumer->shutdown();
  context.doc()["count"] = printed;
}

}  // namespace

SubCommand ConsumeMessageCommand() {
  return {"consumeMessage",
          "Consume message.",
          {{'t', "topic", true, true, "Topic name"},
           {'b', "brokerName", true, false, "Broker name"},
           {'i', "queueId", true, false, "Queue Id"},
           {'o', "offset", true, false, "Queue Offset"},
           {'g', "consumerGroup", true, false, "Consumer group name"},
           {'s', "beginTimestamp", true, false, "Begin timestamp(ms). default:0, eg:1676730526212"},
           {'e', "endTimestamp", true, false, "End timestamp(ms). default:Long.MAX_VALUE, eg:1676730526212"},
           {'c', "MessageNumber", true, false, "Number of message to be consumed"}},
          &Run};
}

}  // namespace rmq::mqadmin

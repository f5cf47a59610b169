// printMsg: dump the messages of every queue of a topic, optionally within a time window mapped
// to offsets (SEARCH_OFFSET_BY_TIMESTAMP), as PrintMessageSubCommand.
#include "command/message/message_util.h"
#include "command/registry.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs& args, CommandContext& context) {
  std::string topic = args.Get("topic");
  std::string expression = args.Get("subExpression", "*");
  bool print_body = args.GetBool("printBody", true);
  auto consumer = StartPullConsumer(context, "TOOLS_CONSUMER");
  std::vector<rocketmq::MQMessageQueue> queues;
  consumer->fetchSubscribeMessageQueues(topic, queues);
  context.doc()["messages"] = nlohmann::json::array();
  for (const auto& mq : queues) {
    int64_t min = consumer->minOffset(mq);
    int64_t max = consumer->maxOffset(mq);
    if (args.Has("beginTimestamp")) min = consumer->searchOffset(mq, ParseTimestamp(args.Get("beginTimestamp"), "-b"));
    if (args.Has("endTimestamp")) max = consumer->searchOffset(mq, ParseTimestamp(args.Get("endTimestamp"), "-e"));
    std::string mq_text = "MessageQueue [topic=" + mq.getTopic() + ", brokerName=" + mq.getBrokerName() +
                          ", queueId=" + std::to_string(mq.getQueueId()) + "]";
    context.Line(Fmt("minOffset=%lld, maxOffset=%lld, %s", static_cast<long long>(min), static_cast<long long>(max),
                     mq_text.c_str()));
    int64_t offset = min;
    while (offset < max) {
      rocketmq::PullResult result = consumer->pull(mq, expression, offset, 32);
      offset = result.nextBeginOffset;
      if (result.pullStatus == rocketmq::FOUND) {
        for (const auto& m : result.msgFoundList) {
          context.Line(MessageLine(m, print_body));
          context.doc()["messages"].push_back(MessageJson(m));
        }
        continue;
      }
      if (result.pullStatus == rocketmq::NO_MATCHED_MSG) {
        context.Line(mq_text + " no matched msg. status=NO_MATCHED_MSG, offset=" + std::to_string(offset));
        continue;
      }
      context.Line(mq_text + " print msg finished. status=NO_NEW_MSG, offset=" + std::to_string(offset));
      break;
    }
    context.Line(std::string(56, '-'));
  }
  consumer->shutdown();
}

}  // namespace

SubCommand PrintMsgCommand() {
  return {"printMsg",
          "Print Message Detail.",
          {{'t', "topic", true, true, "topic name"},
           {'c', "charsetName", true, false, "CharsetName(eg: UTF-8,GBK)"},
           {'s', "subExpression", true, false, "Subscribe Expression(eg: TagA || TagB)"},
           {'b', "beginTimestamp", true, false, "Begin timestamp[currentTimeMillis|yyyy-MM-dd#HH:mm:ss:SSS]"},
           {'e', "endTimestamp", true, false, "End timestamp[currentTimeMillis|yyyy-MM-dd#HH:mm:ss:SSS]"},
           {'d', "printBody", true, false, "print body"},
           {'l', "lmqParentTopic", true, false, "Lmq parent topic, lmq is used to find the route."}},
          &Run};
}

}  // namespace rmq::mqadmin

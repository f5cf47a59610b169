// queryMsgByOffset: the message at one queue offset (PULL_MESSAGE as group TOOLS_CONSUMER),
// printed as the queryMsgById block; nothing when there is no message there.
#include "command/message/message_util.h"
#include "command/registry.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs& args, CommandContext& context) {
  rocketmq::MQMessageQueue mq(args.Get("topic"), args.Get("brokerName"), static_cast<int>(args.GetInt("queueId", 0)));
  int64_t offset = args.GetInt("offset", 0);
  auto consumer = StartPullConsumer(context, "TOOLS_CONSUMER");
  rocketmq::PullResult result = consumer->pull(mq, "*", offset, 1);
  consumer->shutdown();
  context.doc()["messages"] = nlohmann::json::array();
  if (result.pullStatus == rocketmq::FOUND && !result.msgFoundList.empty()) {
    PrintMessageBlock(context, result.msgFoundList.front(), true, true);
  }
}

}  // namespace

SubCommand QueryMsgByOffsetCommand() {
  return {"queryMsgByOffset",
          "Query Message by offset.",
          {{'t', "topic", true, true, "topic name"},
           {'b', "brokerName", true, true, "Broker Name"},
           {'i', "queueId", true, true, "Queue Id"},
           {'o', "offset", true, true, "Queue Offset"},
           {'f', "bodyFormat", true, false, "print message body by the specified format"}},
          &Run};
}

}  // namespace rmq::mqadmin

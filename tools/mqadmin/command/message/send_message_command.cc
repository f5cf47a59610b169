// sendMessage: send one message (SEND_MESSAGE_V2) and print SendMessageCommand's one-row table.
#include "command/registry.h"
#include "rocketmq/DefaultMQProducer.h"

namespace rmq::mqadmin {
namespace {

const char* StatusName(rocketmq::SendStatus status) {
  switch (status) {
    case rocketmq::SEND_OK:
      return "SEND_OK";
    case rocketmq::SEND_FLUSH_DISK_TIMEOUT:
      return "FLUSH_DISK_TIMEOUT";
    case rocketmq::SEND_FLUSH_SLAVE_TIMEOUT:
      return "FLUSH_SLAVE_TIMEOUT";
    case rocketmq::SEND_SLAVE_NOT_AVAILABLE:
      return "SLAVE_NOT_AVAILABLE";
  }
  return "UNKNOWN";
}

void Run(const CommandArgs& args, CommandContext& context) {
  if (args.Has("qid") && !args.Has("broker")) throw CommandError("Broker name must be set if the queue is chosen!");
  rocketmq::MQMessage message(args.Get("topic"), args.Get("tags"), args.Get("key"), args.Get("body"));
  rocketmq::DefaultMQProducer producer("PID_SMSC");
  producer.setNamesrvAddr(context.namesrv_addr());
  producer.setInstanceName("mqadmin_send_" + std::to_string(NowMillis()));
  producer.start();
  rocketmq::SendResult result;
  try {
    if (args.Has("broker")) {
      std::string broker = args.Get("broker");
      if (args.Has("qid")) {
        rocketmq::MQMessageQueue mq(args.Get("topic"), broker, static_cast<int>(args.GetInt("qid", 0)));
        result = producer.send(message, mq);
      } else {
        auto queues = producer.fetchPublishMessageQueues(args.Get("topic"));
        std::vector<rocketmq::MQMessageQueue> mine;
        for (const auto& mq : queues) {
          if (mq.getBrokerName() == broker) mine.push_back(mq);
        }
        if (mine.empty()) {
          throw CommandError("broker '" + broker + "' has no writable queue of topic '" + args.Get("topic") + "'");
        }
        result = producer.send(message, mine[static_cast<size_t>(NowMillis()) % mine.size()]);
      }
    } else {
      result = producer.send(message);
    }
  } catch (...) {
    producer.shutdown();
    throw;
  }
  producer.shutdown();
  const auto& mq = result.getMessageQueue();
  context.Line(Fmt("%-32s  %-4s  %-20s    %s", "#Broker Name", "#QID", "#Send Result", "#MsgId"));
  context.Line(Fmt("%-32s  %-4d  %-20s    %s", mq.getBrokerName().c_str(), mq.getQueueId(),
                   StatusName(result.getSendStatus()), result.getMsgId().c_str()));
  context.doc() = {{"brokerName", mq.getBrokerName()},
                   {"queueId", mq.getQueueId()},
                   {"sendStatus", StatusName(result.getSendStatus())},
                   {"msgId", result.getMsgId()},
                   {"offsetMsgId", result.getOffsetMsgId()},
                   {"queueOffset", result.getQueueOffset()}};
}

}  // namespace

SubCommand SendMessageCommand() {
  return {"sendMessage",
          "Send a message.",
          {{'t', "topic", true, true, "Topic name"},
           {'p', "body", true, true, "UTF-8 string format of the message body"},
           {'k', "key", true, false, "Message keys"},
           {'c', "tags", true, false, "Message tags"},
           {'b', "broker", true, false, "Send message to target broker"},
           {'i', "qid", true, false, "Send message to target queue"},
           {'m', "msgTraceEnable", true, false, "Message Trace Enable, Default: false (trace not supported)"}},
          &Run};
}

}  // namespace rmq::mqadmin

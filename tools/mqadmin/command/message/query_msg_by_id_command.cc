// queryMsgById: look up messages by offset message id (VIEW_MESSAGE_BY_ID on the broker the id
// names) or, when the id is a client (unique) id, through the index (QUERY_MESSAGE), and print
// QueryMsgByIdSubCommand's block with consumption tracks.
#include "command/message/message_util.h"
#include "command/registry.h"

namespace rmq::mqadmin {
namespace {

bool LooksLikeOffsetId(const std::string& id) {
  return id.size() == 32 && id.find_first_not_of("0123456789ABCDEFabcdef") == std::string::npos;
}

void Run(const CommandArgs& args, CommandContext& context) {
  if (args.Has("consumerGroup") || args.Has("clientId") || args.GetBool("sendMessage", false)) {
    throw CommandError("-g/-d (push to a client) and -s (re-send) are not supported yet");
  }
  std::string ids = args.Get("msgId");
  std::string topic = args.Get("topic");
  size_t start = 0;
  while (start <= ids.size()) {
    size_t comma = ids.find(',', start);
    std::string id = ids.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    start = comma == std::string::npos ? ids.size() + 1 : comma + 1;
    id.erase(0, id.find_first_not_of(' '));
    id.erase(id.find_last_not_of(' ') + 1);
    if (id.empty()) continue;
    rocketmq::MQMessageExt message;
    bool found = false;
    if (LooksLikeOffsetId(id)) {
      try {
        message = context.admin().viewMessage(id);
        found = true;
      } catch (const rocketmq::MQException&) {
        // Not an offset id after all, or the message is gone: try it as a unique key.
      }
    }
    if (!found) message = context.admin().queryMessageByUniqKey(topic, id);
    PrintMessageBlock(context, message, true, true);
  }
}

}  // namespace

SubCommand QueryMsgByIdCommand() {
  return {"queryMsgById",
          "Query Message by Id.",
          {{'t', "topic", true, true, "topic name"},
           {'i', "msgId", true, true, "Message Id (several separated by ',')"},
           {'g', "consumerGroup", true, false, "consumer group name (not supported yet)"},
           {'d', "clientId", true, false, "The consumer's client id (not supported yet)"},
           {'s', "sendMessage", true, false, "resend message (not supported yet)"},
           {'u', "unitName", true, false, "unit name"},
           {'f', "bodyFormat", true, false, "print message body by the specified format"},
           {'c', "cluster", true, false, "Cluster name or lmq parent topic"}},
          &Run};
}

}  // namespace rmq::mqadmin

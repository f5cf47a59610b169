// queryMsgByUniqueKey: a message by its client-generated unique id (QUERY_MESSAGE with the
// unique-key flag); prints the queryMsgById block without the OffsetID line.
#include "command/message/message_util.h"
#include "command/registry.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs& args, CommandContext& context) {
  if (args.Has("consumerGroup") || args.Has("clientId")) {
    throw CommandError("-g/-d (push to a client) are not supported yet");
  }
  if (args.Has("showAll")) {
    throw CommandError("-a/--showAll is not supported yet; without it the newest match is printed");
  }
  auto message = context.admin().queryMessageByUniqKey(args.Get("topic"), args.Get("msgId"));
  PrintMessageBlock(context, message, false, true);
}

}  // namespace

SubCommand QueryMsgByUniqueKeyCommand() {
  return {"queryMsgByUniqueKey",
          "Query Message by Unique key.",
          {{'i', "msgId", true, true, "Message Id"},
           {'t', "topic", true, true, "The topic of msg"},
           {'g', "consumerGroup", true, false, "consumer group name (not supported yet)"},
           {'d', "clientId", true, false, "The consumer's client id (not supported yet)"},
           {'a', "showAll", false, false, "Print all message, the limit is 32 (not supported yet)"},
           {'c', "cluster", true, false, "Cluster name or lmq parent topic"}},
          &Run};
}

}  // namespace rmq::mqadmin

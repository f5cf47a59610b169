// queryMsgByKey: messages of a topic with a key, through every broker's index (QUERY_MESSAGE).
#include <cstdint>
#include <limits>

#include "command/message/message_util.h"
#include "command/registry.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs& args, CommandContext& context) {
  int64_t begin = args.Has("beginTimestamp") ? ParseTimestamp(args.Get("beginTimestamp"), "-b") : 0;
  int64_t end = args.Has("endTimestamp") ? ParseTimestamp(args.Get("endTimestamp"), "-e")
                                         : std::numeric_limits<int64_t>::max();
  int max = static_cast<int>(args.GetInt("maxNum", 64));
  auto result = context.admin().queryMessage(args.Get("topic"), args.Get("msgKey"), max, begin, end);
  context.Line(Fmt("%-50s %4s %40s", "#Message ID", "#QID", "#Offset"));
  context.doc()["messages"] = nlohmann::json::array();
  for (const auto& m : result.messageList) {
    context.Line(Fmt("%-50s %4d %40lld", m.getMsgId().c_str(), m.getQueueId(),
                     static_cast<long long>(m.getQueueOffset())));
    context.doc()["messages"].push_back(MessageJson(m));
  }
}

}  // namespace

SubCommand QueryMsgByKeyCommand() {
  return {"queryMsgByKey",
          "Query Message by Key.",
          {{'t', "topic", true, true, "Topic name"},
           {'k', "msgKey", true, true, "Message Key"},
           {'b', "beginTimestamp", true, false, "Begin timestamp(ms). default:0"},
           {'e', "endTimestamp", true, false, "End timestamp(ms). default:Long.MAX_VALUE"},
           {'m', "maxNum", true, false, "The maximum number of messages returned by the query, default:64"},
           {'c', "cluster", true, false, "Cluster name or lmq parent topic"}},
          &Run};
}

}  // namespace rmq::mqadmin

// GroupTargets.
#include "command/consumer/group_targets.h"

#include "command/topic/topic_util.h"

namespace rmq::mqadmin {

std::vector<std::string> GroupTargets(const CommandArgs& args, CommandContext& context) {
  if (args.Has("brokerAddr")) return {args.Get("brokerAddr")};
  if (args.Has("clusterName")) return MastersOfCluster(context, args.Get("clusterName"));
  throw CommandError("give -b <broker address> or -c <cluster name>");
}

}  // namespace rmq::mqadmin

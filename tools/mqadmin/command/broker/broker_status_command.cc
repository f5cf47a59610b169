// brokerStatus: a broker's runtime key/value statistics (GET_BROKER_RUNTIME_INFO), sorted by key;
// -c prints every master and slave of the cluster prefixed by its address (BrokerStatusSubCommand).
#include "command/registry.h"
#include "command/topic/topic_util.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs& args, CommandContext& context) {
  auto& admin = context.admin();
  if (args.Has("brokerAddr")) {
    std::string addr = args.Get("brokerAddr");
    auto kv = admin.fetchBrokerRuntimeStats(addr);
    for (const auto& [key, value] : kv) {
      context.Line(Fmt("%-32s: %s", key.c_str(), value.c_str()));
      context.doc()[addr][key] = value;
    }
    return;
  }
  if (!args.Has("clusterName")) throw CommandError("give -b <broker address> or -c <cluster name>");
  for (const auto& addrs : BrokerAddrsOfCluster(context, args.Get("clusterName"))) {
    for (const auto& [id, addr] : addrs) {
      auto kv = admin.fetchBrokerRuntimeStats(addr);
      for (const auto& [key, value] : kv) {
        context.Line(Fmt("%-24s %-32s: %s", addr.c_str(), key.c_str(), value.c_str()));
        context.doc()[addr][key] = value;
      }
    }
  }
}

}  // namespace

SubCommand BrokerStatusCommand() {
  return {"brokerStatus",
          "Fetch broker runtime status data.",
          {{'b', "brokerAddr", true, false, "Broker address"}, {'c', "clusterName", true, false, "which cluster"}},
          &Run};
}

}  // namespace rmq::mqadmin

// updateBrokerConfig: change one broker config key at run time (UPDATE_BROKER_CONFIG) on one
// broker, or on every master of a cluster (and its slaves with -a).
#include "command/registry.h"
#include "command/topic/topic_util.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs& args, CommandContext& context) {
  std::map<std::string, std::string> change = {{args.Get("key"), args.Get("value")}};
  auto& admin = context.admin();
  std::vector<std::string> targets;
  if (args.Has("brokerAddr")) {
    targets.push_back(args.Get("brokerAddr"));
  } else if (args.Has("clusterName")) {
    for (const auto& addrs : BrokerAddrsOfCluster(context, args.Get("clusterName"))) {
      for (const auto& [id, addr] : addrs) {
        if (id == 0 || args.Has("updateAllBroker")) targets.push_back(addr);
      }
    }
  } else {
    throw CommandError("give -b <broker address> or -c <cluster name>");
  }
  for (const auto& addr : targets) {
    admin.updateBrokerConfig(addr, change);
    context.Line("update broker config success, " + addr);
    context.doc()["brokers"].push_back(addr);
  }
}

}  // namespace

SubCommand UpdateBrokerConfigCommand() {
  return {"updateBrokerConfig",
          "Update broker's config.",
          {{'b', "brokerAddr", true, false, "update which broker"},
           {'c', "clusterName", true, false, "update which cluster"},
           {'a', "updateAllBroker", true, false, "update all brokers include slave (any value)"},
           {'k', "key", true, true, "config key"},
           {'v', "value", true, true, "config value"}},
          &Run};
}

}  // namespace rmq::mqadmin

// getBrokerConfig: a broker's running config (GET_BROKER_CONFIG), or every broker of a cluster,
// in GetBrokerConfigCommand's "============<addr>============" / "%-50s=  %s" shape.
#include "command/registry.h"
#include "command/topic/topic_util.h"

namespace rmq::mqadmin {
namespace {

void PrintConfig(CommandContext& context, const std::string& title, const std::string& addr) {
  auto config = context.admin().getBrokerConfig(addr);
  if (config.empty()) {
    context.Line("Broker[" + addr + "] has no config property!");
    return;
  }
  context.Line("============" + title + "============");
  for (const auto& [key, value] : config) {
    context.Line(Fmt("%-50s=  %s", key.c_str(), value.c_str()));
    context.doc()[addr][key] = value;
  }
  context.Line("");
}

void Run(const CommandArgs& args, CommandContext& context) {
  if (args.Has("brokerAddr")) {
    PrintConfig(context, args.Get("brokerAddr"), args.Get("brokerAddr"));
    return;
  }
  if (!args.Has("clusterName")) throw CommandError("give -b <broker address> or -c <cluster name>");
  for (const auto& addrs : BrokerAddrsOfCluster(context, args.Get("clusterName"))) {
    auto master = addrs.find(0);
    std::string master_addr = master == addrs.end() ? "" : master->second;
    if (!master_addr.empty()) PrintConfig(context, "Master: " + master_addr, master_addr);
    for (const auto& [id, addr] : addrs) {
      if (id == 0) continue;
      PrintConfig(context, "My Master: " + master_addr + "=====Slave: " + addr, addr);
    }
  }
}

}  // namespace

SubCommand GetBrokerConfigCommand() {
  return {"getBrokerConfig",
          "Get broker config by cluster or special broker.",
          {{'b', "brokerAddr", true, false, "get which broker"}, {'c', "clusterName", true, false, "get which cluster"}},
          &Run};
}

}  // namespace rmq::mqadmin

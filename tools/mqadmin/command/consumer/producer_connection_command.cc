// producerConnection: the producers connected for a group and topic
// (GET_PRODUCER_CONNECTION_LIST); rows "%04d  %-32s %-22s %-8s %s" as upstream, no header.
#include "command/registry.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs& args, CommandContext& context) {
  std::string group = args.Get("producerGroup");
  auto connection = context.admin().examineProducerConnectionInfo(group, args.Get("topic"));
  if (connection.connectionSet.empty()) {
    throw CommandError("no producer of group '" + group + "' is connected to the brokers of that topic");
  }
  int i = 1;
  context.doc()["connections"] = nlohmann::json::array();
  for (const auto& c : connection.connectionSet) {
    context.Line(Fmt("%04d  %-32s %-22s %-8s %s", i++, c.clientId.c_str(), c.clientAddr.c_str(), c.language.c_str(),
                     VersionName(c.version).c_str()));
    context.doc()["connections"].push_back({{"clientId", c.clientId},
                                            {"clientAddr", c.clientAddr},
                                            {"language", c.language},
                                            {"version", VersionName(c.version)}});
  }
}

}  // namespace

SubCommand ProducerConnectionCommand() {
  return {"producerConnection",
          "Query producer's socket connection and client version.",
          {{'g', "producerGroup", true, true, "producer group name"}, {'t', "topic", true, true, "topic name"}},
          &Run};
}

}  // namespace rmq::mqadmin

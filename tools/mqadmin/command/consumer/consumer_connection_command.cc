// consumerConnection: the consumers connected for a group, their subscriptions and modes
// (GET_CONSUMER_CONNECTION_LIST), as ConsumerConnectionSubCommand.
#include "command/registry.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs& args, CommandContext& context) {
  if (args.Has("brokerAddr")) {
    throw CommandError("-b/--brokerAddr is not supported yet; run without -b to ask the brokers of the group's route");
  }
  std::string group = args.Get("consumerGroup");
  auto connection = context.admin().examineConsumerConnectionInfo(group);
  if (connection.connectionSet.empty()) {
    throw CommandError("the consumer group[" + group + "] not online (no consumer of it is connected)");
  }
  context.Line(Fmt("%-36s %-22s %-10s %s", "#ClientId", "#ClientAddr", "#Language", "#Version"));
  for (const auto& c : connection.connectionSet) {
    context.Line(Fmt("%-36s %-22s %-10s %s", c.clientId.c_str(), c.clientAddr.c_str(), c.language.c_str(),
                     VersionName(c.version).c_str()));
    context.doc()["connections"].push_back({{"clientId", c.clientId},
                                            {"clientAddr", c.clientAddr},
                                            {"language", c.language},
                                            {"version", VersionName(c.version)}});
  }
  context.Line("");
  context.Line("Below is subscription:");
  context.Line(Fmt("%-20s %s", "#Topic", "#SubExpression"));
  for (const auto& [topic, expression] : connection.subscriptionTable) {
    context.Line(Fmt("%-20s %s", topic.c_str(), expression.c_str()));
    context.doc()["subscriptions"][topic] = expression;
  }
  context.Line("");
  context.Line("ConsumeType: " + connection.consumeType);
  context.Line("MessageModel: " + connection.messageModel);
  context.Line("ConsumeFromWhere: " + connection.consumeFromWhere);
  context.doc()["consumeType"] = connection.consumeType;
  context.doc()["messageModel"] = connection.messageModel;
  context.doc()["consumeFromWhere"] = connection.consumeFromWhere;
}

}  // namespace

SubCommand ConsumerConnectionCommand() {
  return {"consumerConnection",
          "Query consumer's socket connection, client version and subscription.",
          {{'g', "consumerGroup", true, true, "consumer group name"},
           {'b', "brokerAddr", true, false, "broker address (not supported yet)"}},
          &Run};
}

}  // namespace rmq::mqadmin

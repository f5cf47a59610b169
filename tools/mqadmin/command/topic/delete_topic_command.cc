// deleteTopic: delete a topic from every master of a cluster (DELETE_TOPIC_IN_BROKER) and from
// every name server (DELETE_TOPIC_IN_NAMESRV), as DeleteTopicSubCommand.
#include "command/registry.h"
#include "command/topic/topic_util.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs& args, CommandContext& context) {
  std::string topic = args.Get("topic");
  std::string cluster = args.Get("clusterName");
  auto masters = MastersOfCluster(context, cluster);
  auto& admin = context.admin();
  admin.deleteTopicInBroker(std::set<std::string>(masters.begin(), masters.end()), topic);
  context.Line("delete topic [" + topic + "] from cluster [" + cluster + "] success.");
  admin.deleteTopicInNameServer({}, topic, cluster);
  context.Line("delete topic [" + topic + "] from NameServer success.");
  context.doc() = {{"topic", topic}, {"cluster", cluster}, {"brokers", masters}};
}

}  // namespace

SubCommand DeleteTopicCommand() {
  return {"deleteTopic",
          "Delete topic from broker and NameServer.",
          {{'t', "topic", true, true, "topic name"}, {'c', "clusterName", true, true, "delete topic from which cluster"}},
          &Run};
}

}  // namespace rmq::mqadmin

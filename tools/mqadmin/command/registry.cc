// The sub-command table.
#include "command/registry.h"

#include <algorithm>
#include <cctype>

namespace rmq::mqadmin {

const std::vector<SubCommand>& AllCommands() {
  static const std::vector<SubCommand> commands = {
      UpdateTopicCommand(),        DeleteTopicCommand(),         UpdateSubGroupCommand(),
      DeleteSubGroupCommand(),     UpdateBrokerConfigCommand(),  TopicRouteCommand(),
      TopicStatusCommand(),        TopicClusterListCommand(),    BrokerStatusCommand(),
      QueryMsgByIdCommand(),       QueryMsgByKeyCommand(),       QueryMsgByUniqueKeyCommand(),
      QueryMsgByOffsetCommand(),   PrintMsgCommand(),            BrokerConsumeStatsCommand(),
      ProducerConnectionCommand(), ConsumerConnectionCommand(),  ConsumerProgressCommand(),
      ClusterListCommand(),        TopicListCommand(),           UpdateKvConfigCommand(),
      DeleteKvConfigCommand(),     WipeWritePermCommand(),       AddWritePermCommand(),
      ResetOffsetByTimeCommand(),  StatsAllCommand(),            ClusterRtCommand(),
      GetNamesrvConfigCommand(),   UpdateNamesrvConfigCommand(), GetBrokerConfigCommand(),
      SendMessageCommand(),        ConsumeMessageCommand(),
  };
  return commands;
}

const SubCommand* FindCommand(const std::string& name) {
  auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
  };
  std::string wanted = lower(name);
  for (const auto& command : AllCommands()) {
    if (lower(command.name) == wanted) return &command;
  }
  return nullptr;
}

}  // namespace rmq::mqadmin

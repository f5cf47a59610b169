// The list of every mqadmin sub-command, in the order `mqadmin` prints them, and the lookup by
// name (case-insensitive, as MQAdminStartup).
#pragma once

#include <string>
#include <vector>

#include "command/sub_command.h"

namespace rmq::mqadmin {

const std::vector<SubCommand>& AllCommands();
// nullptr when no command has that name.
const SubCommand* FindCommand(const std::string& name);

// One factory per file under command/<noun>/.
SubCommand UpdateTopicCommand();
SubCommand DeleteTopicCommand();
SubCommand TopicListCommand();
SubCommand TopicRouteCommand();
SubCommand TopicStatusCommand();
SubCommand TopicClusterListCommand();
SubCommand ClusterListCommand();
SubCommand ClusterRtCommand();
SubCommand BrokerStatusCommand();
SubCommand BrokerConsumeStatsCommand();
SubCommand GetBrokerConfigCommand();
SubCommand UpdateBrokerConfigCommand();
SubCommand ConsumerProgressCommand();
SubCommand ConsumerConnectionCommand();
SubCommand ProducerConnectionCommand();
SubCommand UpdateSubGroupCommand();
SubCommand DeleteSubGroupCommand();
SubCommand QueryMsgByIdCommand();
SubCommand QueryMsgByKeyCommand();
SubCommand QueryMsgByOffsetCommand();
SubCommand QueryMsgByUniqueKeyCommand();
SubCommand PrintMsgCommand();
SubCommand SendMessageCommand();
SubCommand ConsumeMessageCommand();
SubCommand ResetOffsetByTimeCommand();
SubCommand WipeWritePermCommand();
SubCommand AddWritePermCommand();
SubCommand GetNamesrvConfigCommand();
SubCommand UpdateNamesrvConfigCommand();
SubCommand UpdateKvConfigCommand();
SubCommand DeleteKvConfigCommand();
SubCommand StatsAllCommand();

}  // namespace rmq::mqadmin

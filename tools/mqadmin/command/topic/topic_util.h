// Helpers the topic, cluster and broker commands share: permission strings, TopicConfig's toString,
// and resolving a -b/-c target to broker addresses.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "command/sub_command.h"

namespace rmq::mqadmin {

// TopicConfig's "RW-" form: R if readable, W if writable, X if inherited.
std::string PermToString(int perm);
// "TopicConfig [topicName=..., readQueueNums=..., ...]" as Java's TopicConfig.toString.
std::string TopicConfigToString(const rocketmq::TopicConfig& config);
// The master addresses of `cluster`; throws CommandError when the cluster has none.
std::vector<std::string> MastersOfCluster(CommandContext& context, const std::string& cluster);
// The addresses of each broker name of `cluster` (brokerId -> address, 0 the master), in the
// order of the names; throws CommandError when no such cluster is registered.
std::vector<std::map<int64_t, std::string>> BrokerAddrsOfCluster(CommandContext& context, const std::string& cluster);
// The broker name that owns `addr`, or "" when the name server does not know it.
std::string BrokerNameOfAddr(CommandContext& context, const std::string& addr);

}  // namespace rmq::mqadmin

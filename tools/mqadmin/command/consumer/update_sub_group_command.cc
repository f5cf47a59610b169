// updateSubGroup: create or update a consumer (subscription) group on one broker or every master
// of a cluster (UPDATE_AND_CREATE_SUBSCRIPTIONGROUP), with UpdateSubGroupSubCommand's defaults.
#include "command/consumer/group_targets.h"
#include "command/registry.h"

namespace rmq::mqadmin {
namespace {

const char* Bool(bool b) { return b ? "true" : "false"; }

void Run(const CommandArgs& args, CommandContext& context) {
  if (args.Has("groupRetryPolicy") || args.Has("attributes")) {
    throw CommandError("-p/--groupRetryPolicy and --attributes are not supported yet by this broker");
  }
  rocketmq::SubscriptionGroupConfig config;
  config.groupName = args.Get("groupName");
  config.consumeEnable = args.GetBool("consumeEnable", true);
  config.consumeFromMinEnable = args.GetBool("consumeFromMinEnable", false);
  config.consumeBroadcastEnable = args.GetBool("consumeBroadcastEnable", false);
  config.consumeMessageOrderly = args.GetBool("consumeMessageOrderly", false);
  config.retryQueueNums = static_cast<int>(args.GetInt("retryQueueNums", 1));
  config.retryMaxTimes = static_cast<int>(args.GetInt("retryMaxTimes", 16));
  config.brokerId = args.GetInt("brokerId", 0);
  config.whichBrokerWhenConsumeSlowly = args.GetInt("whichBrokerWhenConsumeSlowly", 1);
  config.notifyConsumerIdsChangedEnable = args.GetBool("notifyConsumerIdsChanged", true);
  for (const auto& addr : GroupTargets(args, context)) {
    context.admin().createAndUpdateSubscriptionGroupConfig(addr, config);
    context.Line("create subscription group to " + addr + " success.");
    context.doc()["brokers"].push_back(addr);
  }
  context.Text(Fmt("SubscriptionGroupConfig{groupName=%s, consumeEnable=%s, consumeFromMinEnable=%s, "
                   "consumeBroadcastEnable=%s, consumeMessageOrderly=%s, retryQueueNums=%d, retryMaxTimes=%d, "
                   "groupRetryPolicy=null, brokerId=%lld, whichBrokerWhenConsumeSlowly=%lld, "
                   "notifyConsumerIdsChangedEnable=%s, groupSysFlag=0, consumeTimeoutMinute=15, "
                   "subscriptionDataSet=null, attributes={}}",
                   config.groupName.c_str(), Bool(config.consumeEnable), Bool(config.consumeFromMinEnable),
                   Bool(config.consumeBroadcastEnable), Bool(config.consumeMessageOrderly), config.retryQueueNums,
                   config.retryMaxTimes, static_cast<long long>(config.brokerId),
                   static_cast<long long>(config.whichBrokerWhenConsumeSlowly),
                   Bool(config.notifyConsumerIdsChangedEnable)));
  context.doc()["groupName"] = config.groupName;
}

}  // namespace

SubCommand UpdateSubGroupCommand() {
  return {"updateSubGroup",
          "Update or create subscription group.",
          {{'b', "brokerAddr", true, false, "create subscription group to which broker"},
           {'c', "clusterName", true, false, "create subscription group to which cluster"},
           {'g', "groupName", true, true, "consumer group name"},
           {'s', "consumeEnable", true, false, "consume enable"},
           {'m', "consumeFromMinEnable", true, false, "from min offset"},
           {'d', "consumeBroadcastEnable", true, false, "broadcast"},
           {'o', "consumeMessageOrderly", true, false, "consume message orderly"},
           {'q', "retryQueueNums", true, false, "retry queue nums"},
           {'r', "retryMaxTimes", true, false, "retry max times"},
           {'p', "groupRetryPolicy", true, false, "the json string of retry policy (not supported yet)"},
           {'i', "brokerId", true, false, "consumer from which broker id"},
           {'w', "whichBrokerWhenConsumeSlowly", true, false, "which broker id when consume slowly"},
           {'a', "notifyConsumerIdsChanged", true, false, "notify consumerId changed"},
           {0, "attributes", true, false, "attribute(+a=b,+c=d,-e) (not supported yet)"}},
          &Run};
}

}  // namespace rmq::mqadmin

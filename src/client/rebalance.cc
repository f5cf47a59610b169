#include "client/rebalance.h"

#include <ctime>

#include "client/client_settings.h"

namespace rmq::client {

Result<std::vector<MessageQueue>> ComputeAllocation(ClientInstance& instance, const std::string& topic,
                                                    const std::string& group, bool broadcasting,
                                                    const AllocateStrategy& strategy) {
  RMQ_ASSIGN_OR_RETURN(std::vector<MessageQueue> mq_all, instance.GetSubscribeQueues(topic));
  if (broadcasting) return mq_all;
  RMQ_ASSIGN_OR_RETURN(std::vector<std::string> cid_all, instance.FindConsumerIds(topic, group));
  if (cid_all.empty()) return NotFound("no consumer of group " + group + " is registered with the brokers yet");
  return strategy.Allocate(instance.client_id(), mq_all, cid_all);
}

Result<int64_t> ComputePullFromWhere(ClientInstance& instance, OffsetStore& store, const MessageQueue& mq,
                                     rocketmq::ConsumeFromWhere where, int64_t timestamp_ms) {
  int64_t last = store.Read(mq, ReadOffsetType::kStore);
  if (last >= 0) return last;
  if (last != -1) return Unavailable("cannot read the offset of " + mq.ToString());
  auto master = instance.FindBrokerMaster(mq.broker_name);
  if (!master) return Unavailable("no master for broker " + mq.broker_name);
  switch (where) {
    case rocketmq::CONSUME_FROM_FIRST_OFFSET:
    case rocketmq::CONSUME_FROM_MIN_OFFSET:
      return 0;
    case rocketmq::CONSUME_FROM_TIMESTAMP:
      if (IsRetryTopic(mq.topic)) return instance.api().GetMaxOffset(*master, mq);
      return instance.api().SearchOffset(*master, mq, timestamp_ms);
    default:
      if (IsRetryTopic(mq.topic)) return 0;
      return instance.api().GetMaxOffset(*master, mq);
  }
}

Result<int64_t> ParseConsumeTimestamp(const std::string& text) {
  std::tm tm{};
  if (text.size() != 14 || strptime(text.c_str(), "%Y%m%d%H%M%S", &tm) == nullptr) {
    return InvalidArgument("consume timestamp '" + text + "' is not yyyyMMddHHmmss");
  }
  tm.tm_isdst = -1;
  return static_cast<int64_t>(std::mktime(&tm)) * 1000;
}

}  // namespace rmq::client

// The pieces of rebalancing shared by the push and lite pull consumers (Java RebalanceImpl):
// which queues of a topic this client gets, and where a newly assigned queue starts. Free
// functions over a ClientInstance; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "client/allocate_strategy.h"
#include "client/client_instance.h"
#include "client/offset_store.h"
#include "common/message_queue.h"
#include "common/status.h"
#include "rocketmq/ConsumeType.h"

namespace rmq::client {

// Broadcasting: every readable queue. Clustering: the strategy's share among the group's
// consumers as a broker of the topic lists them.
Result<std::vector<MessageQueue>> ComputeAllocation(ClientInstance& instance, const std::string& topic,
                                                    const std::string& group, bool broadcasting,
                                                    const AllocateStrategy& strategy);

// As RebalancePushImpl#computePullFromWhere: the stored offset, else by consume_from_where
// (LAST → the queue's max offset, 0 for %RETRY% topics; FIRST/MIN → 0; TIMESTAMP → the offset
// stored at `timestamp_ms`). Unavailable when the queue must be skipped this round.
Result<int64_t> ComputePullFromWhere(ClientInstance& instance, OffsetStore& store, const MessageQueue& mq,
                                     rocketmq::ConsumeFromWhere where, int64_t timestamp_ms);

// "yyyyMMddHHmmss" in local time to ms since the epoch; InvalidArgument when malformed.
Result<int64_t> ParseConsumeTimestamp(const std::string& text);

}  // namespace rmq::client

// LockBatchProcessor: LOCK_BATCH_MQ (41) and UNLOCK_BATCH_MQ (42) for orderly consumers, with
// the LockBatchRequestBody / LockBatchResponseBody JSON of reference/remoting.md §5.7.5.
// Owned by BrokerServer; the lock manager must outlive it.
#pragma once

#include <optional>

#include "broker/rebalance_lock_manager.h"
#include "remoting/request_processor.h"

namespace rmq::broker {

class LockBatchProcessor : public remoting::RequestProcessor {
 public:
  explicit LockBatchProcessor(RebalanceLockManager& locks);

  asio::awaitable<std::optional<remoting::RemotingCommand>> Process(remoting::RequestContext& context,
                                                                    remoting::RemotingCommand request) override;

 private:
  RebalanceLockManager& locks_;
};

}  // namespace rmq::broker

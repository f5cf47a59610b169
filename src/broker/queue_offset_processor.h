// QueueOffsetProcessor: the queue-position lookups — SEARCH_OFFSET_BY_TIMESTAMP (29),
// GET_MAX_OFFSET (30), GET_MIN_OFFSET (31) and GET_EARLIEST_MSG_STORETIME (32), which Java
// serves in AdminBrokerProcessor. Owned by BrokerServer; the store must outlive it.
#pragma once

#include <optional>

#include "remoting/request_processor.h"
#include "store/message_store.h"

namespace rmq::broker {

class QueueOffsetProcessor : public remoting::RequestProcessor {
 public:
  explicit QueueOffsetProcessor(const store::MessageStore& store);

  asio::awaitable<std::optional<remoting::RemotingCommand>> Process(remoting::RequestContext& context,
                                                                    remoting::RemotingCommand request) override;

 private:
  const store::MessageStore& store_;
};

}  // namespace rmq::broker

// EndTransactionProcessor: END_TRANSACTION (37), the producer's verdict on a half message
// (EndTransactionProcessor.java, reference/features.md §9.2). COMMIT reads the half record back
// by its CommitLog offset, checks it against the header, stores the final message on its real
// topic and queue, then writes the op record; ROLLBACK writes only the op record; UNKNOWN (0)
// does nothing and leaves the message to the check service. Normally oneway; a sync request gets
// the outcome. Owned by BrokerServer; stateless beyond its references.
#pragma once

#include <optional>

#include "broker/topic_config_manager.h"
#include "remoting/request_processor.h"
#include "store/message_store.h"

namespace rmq::broker::transaction {

class EndTransactionProcessor : public remoting::RequestProcessor {
 public:
  EndTransactionProcessor(store::MessageStore& store, TopicConfigManager& topics);

  asio::awaitable<std::optional<remoting::RemotingCommand>> Process(remoting::RequestContext& context,
                                                                    remoting::RemotingCommand request) override;

 private:
  asio::awaitable<remoting::RemotingCommand> EndTransaction(remoting::RequestContext& context,
                                                            const remoting::RemotingCommand& request);
  // Appends the op record for the half message at `half_queue_offset`; failures are logged (the
  // check service will then ask the producer again).
  void WriteOpMessage(int64_t half_queue_offset, int32_t half_queue_id);

  store::MessageStore& store_;
  TopicConfigManager& topics_;
};

}  // namespace rmq::broker::transaction

// EndTransactionProcessor: END_TRANSACTION (37), the producer's verdict on a half message
// (EndTransactionProcessor.java, reference/features.md §9.2). COMMIT reads the half record back
// by its CommitLog offset, checks it against the header, stores the final message on its real
// topic and queue (parked on SCHEDULE_TOPIC_XXXX / the timer first when it carries a delay level
// or delivery time, as a normal send), then writes the op record; ROLLBACK writes only the op
// record; UNKNOWN (0) does nothing and leaves the message to the check service. Only the first
// verdict of a transaction counts: a second COMMIT / ROLLBACK (the producer's own and a check's
// answer) is answered SUCCESS without storing anything again (EndedTransactions, shared with the
// check service). Normally oneway; a sync request gets the outcome. Owned by BrokerServer.
#pragma once

#include <optional>

#include "broker/schedule/parked_message.h"
#include "broker/topic_config_manager.h"
#include "broker/transaction/ended_transactions.h"
#include "remoting/request_processor.h"
#include "store/message_store.h"

namespace rmq::broker::transaction {

class EndTransactionProcessor : public remoting::RequestProcessor {
 public:
  EndTransactionProcessor(store::MessageStore& store, TopicConfigManager& topics,
                          const schedule::ScheduleRules& schedule_rules);

  // The verdicts seen recently; the check service reads it.
  EndedTransactions& ended() { return ended_; }

  asio::awaitable<std::optional<remoting::RemotingCommand>> Process(remoting::RequestContext& context,
                                                                    remoting::RemotingCommand request) override;

 private:
  asio::awaitable<remoting::RemotingCommand> EndTransaction(remoting::RequestContext& context,
                                                            const remoting::RemotingCommand& request);
  // Appends the op record for the half message at `half_queue_offset`; failures are logged (the
  // check service will then ask the producer again).
  void WriteOpMessage(int64_t half_queue_offset, int32_t half_queue_id);
  // The op records of an ended transaction: the half record named (`named`) and, when that is a
  // re-appended copy, the first one (`origin`) too, so that every record of it reads as done.
  void WriteOpMessages(int64_t named, int64_t origin, int32_t half_queue_id);

  store::MessageStore& store_;
  TopicConfigManager& topics_;
  const schedule::ScheduleRules& schedule_rules_;
  EndedTransactions ended_;
};

}  // namespace rmq::broker::transaction

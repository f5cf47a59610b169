// TransactionCheckService: the broker thread that resolves forgotten transactions
// (TransactionalMessageCheckService.java + TransactionalMessageServiceImpl#check, reference/
// features.md §9.3). Every transactionCheckInterval it walks the half queue from the committed
// offset of group CID_RMQ_SYS_TRANS, skipping half messages an op record marks done (the record
// itself or, for a re-appended copy, its first record) or that END_TRANSACTION has ended; a half
// message older than transactionTimeOut (since its send, or since its last check) is re-appended with TRANSACTION_CHECK_TIMES + 1 and its
// producer group is asked with CHECK_TRANSACTION_STATE (oneway, down a live producer connection);
// after transactionCheckMax checks it is discarded with a log line and a copy on
// TRANS_CHECK_MAX_TIME_TOPIC. Progress on the half and op queues is committed as that group's
// consumer offsets, so it survives restarts. Owned by BrokerServer; Start/Stop from one thread.
#pragma once

#include <atomic>
#include <cstdint>

#include "broker/broker_config.h"
#include "broker/consumer_offset_manager.h"
#include "broker/producer_manager.h"
#include "broker/topic_config_manager.h"
#include "broker/transaction/ended_transactions.h"
#include "common/message.h"
#include "store/message_store.h"
#include "store/periodic_thread.h"

namespace rmq::broker::transaction {

// What one round did, for logs and tests.
struct CheckRoundStats {
  int64_t checked = 0;    // CHECK_TRANSACTION_STATE requests sent (or attempted without a producer)
  int64_t discarded = 0;  // half messages given up after transactionCheckMax
  int64_t skipped = 0;    // half messages already resolved by an op record
  int64_t half_offset = 0;  // committed half queue offset after the round
};

class TransactionCheckService {
 public:
  TransactionCheckService(store::MessageStore& store, TopicConfigManager& topics, ConsumerOffsetManager& offsets,
                          ProducerManager& producers, const BrokerConfig& config, EndedTransactions& ended);
  ~TransactionCheckService();
  TransactionCheckService(const TransactionCheckService&) = delete;
  TransactionCheckService& operator=(const TransactionCheckService&) = delete;

  // Starts the thread: a round every transactionCheckInterval.
  void Start();
  // Joins the thread (a round in progress stops at the next half message). Idempotent.
  void Stop();

  // One round at `now_ms` (wall clock); public for tests.
  CheckRoundStats CheckOnce(int64_t now_ms);

  // Refills the memory of verdicts (empty after a restart) from the op records stored in the
  // last (transactionCheckMax + 1) x (transactionTimeOut + transactionCheckInterval), at most its
  // capacity; runs before the first round. Returns the op records read.
  int64_t ReloadVerdicts(int64_t now_ms);

 private:
  // Re-appends `half` with one more check and asks its producer group; false if the append failed.
  bool RenewAndCheck(const MessageExt& half);
  // Sends CHECK_TRANSACTION_STATE about the stored record `renewed` to one live producer channel.
  void SendCheckMessage(const MessageExt& renewed);
  // Gives up on `half`: a warning and a copy on TRANS_CHECK_MAX_TIME_TOPIC.
  void Discard(const MessageExt& half);

  store::MessageStore& store_;
  TopicConfigManager& topics_;
  ConsumerOffsetManager& offsets_;
  ProducerManager& producers_;
  const BrokerConfig& config_;
  // Verdicts END_TRANSACTION has seen: a transaction ended (or being committed) is not asked
  // about even before its op record can be read.
  EndedTransactions& ended_;
  std::atomic<bool> stopping_{false};
  store::PeriodicThread thread_;
};

}  // namespace rmq::broker::transaction

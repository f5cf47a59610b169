// TransactionMQProducer: sends half messages, runs the TransactionListener's local transaction,
// then commits or rolls back (END_TRANSACTION); answers the broker's check-backs
// (CHECK_TRANSACTION_STATE) with the listener's checkLocalTransaction. Names as in
// rocketmq-client-cpp 2.x; thread-safe once started.
#pragma once

#include <memory>
#include <string>

#include "rocketmq/DefaultMQProducer.h"
#include "rocketmq/TransactionListener.h"
#include "rocketmq/TransactionSendResult.h"

namespace rocketmq {

class ROCKETMQCLIENT_API TransactionMQProducer : public DefaultMQProducer {
 public:
  explicit TransactionMQProducer(const std::string& groupname);
  ~TransactionMQProducer() override;

  // REQUIRES: before start(); the listener must outlive the producer.
  void setTransactionListener(TransactionListener* listener);
  TransactionListener* getTransactionListener() const;

  // Throws MQClientException without a listener, for a delayed message, or when the half
  // message could not be stored.
  TransactionSendResult sendMessageInTransaction(MQMessage& msg, void* arg);
};

}  // namespace rocketmq

// TransactionSendResult: the SendResult of a half message plus the local transaction's outcome.
#pragma once

#include "rocketmq/SendResult.h"
#include "rocketmq/TransactionListener.h"

namespace rocketmq {

class ROCKETMQCLIENT_API TransactionSendResult : public SendResult {
 public:
  TransactionSendResult() = default;
  TransactionSendResult(const SendResult& result, LocalTransactionState state)
      : SendResult(result), state_(state) {}
  LocalTransactionState getLocalTransactionState() const { return state_; }
  void setLocalTransactionState(LocalTransactionState state) { state_ = state; }

 private:
  LocalTransactionState state_ = UNKNOWN;
};

}  // namespace rocketmq

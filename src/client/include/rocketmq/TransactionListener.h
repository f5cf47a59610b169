// TransactionListener: runs the local transaction of a half message and answers the broker's
// later check, as in rocketmq-client-cpp 2.x.
#pragma once

#include "rocketmq/MQMessage.h"
#include "rocketmq/MQMessageExt.h"

namespace rocketmq {

enum LocalTransactionState { COMMIT_MESSAGE, ROLLBACK_MESSAGE, UNKNOWN };

class ROCKETMQCLIENT_API TransactionListener {
 public:
  virtual ~TransactionListener() = default;
  // Runs on the sending thread right after the half message was stored.
  virtual LocalTransactionState executeLocalTransaction(const MQMessage& msg, void* arg) = 0;
  // Runs on a library thread when the broker asks about a half message still unresolved.
  virtual LocalTransactionState checkLocalTransaction(const MQMessageExt& msg) = 0;
};

}  // namespace rocketmq

// The bodies of LOCK_BATCH_MQ (41) and UNLOCK_BATCH_MQ (42) (reference/remoting.md §5.7.5): the
// request names a client, a group and queues; the lock response lists the queues now held.
// Plain value types.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/message_queue.h"
#include "common/status.h"

namespace rmq {

struct LockBatchRequestBody {
  std::string client_id;
  std::string consumer_group;
  std::vector<MessageQueue> mq_set;
  bool only_this_broker = false;

  std::string Encode() const;
  static Result<LockBatchRequestBody> Decode(std::string_view body);
};

// {"lockOKMQSet":[...]}
struct LockBatchResponseBody {
  std::vector<MessageQueue> lock_ok_mq_set;

  std::string Encode() const;
  static Result<LockBatchResponseBody> Decode(std::string_view body);
};

}  // namespace rmq

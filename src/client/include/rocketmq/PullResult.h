// PullResult: the outcome of one pull — status, next offset, queue bounds, messages — as
// rocketmq-client-cpp 2.x names it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rocketmq/MQException.h"
#include "rocketmq/MQMessageExt.h"
#include "rocketmq/MQMessageQueue.h"

namespace rocketmq {

enum PullStatus {
  FOUND,
  NO_NEW_MSG,
  NO_MATCHED_MSG,
  OFFSET_ILLEGAL,
  BROKER_TIMEOUT,  // the pull timed out; try again
};

class ROCKETMQCLIENT_API PullResult {
 public:
  PullResult() = default;
  PullResult(PullStatus status, int64_t nextBeginOffset, int64_t minOffset, int64_t maxOffset)
      : pullStatus(status), nextBeginOffset(nextBeginOffset), minOffset(minOffset), maxOffset(maxOffset) {}

  std::string toString() const;

  PullStatus pullStatus = NO_NEW_MSG;
  int64_t nextBeginOffset = 0;
  int64_t minOffset = 0;
  int64_t maxOffset = 0;
  std::vector<MQMessageExt> msgFoundList;
};

class ROCKETMQCLIENT_API PullCallback {
 public:
  virtual ~PullCallback() = default;
  virtual void onSuccess(MQMessageQueue& mq, PullResult& result, bool bProducePullRequest) = 0;
  virtual void onException(MQException& e) noexcept = 0;
};

}  // namespace rocketmq

// RequestCallback: the answer to an asynchronous DefaultMQProducer::request — the reply message,
// or the exception (RequestTimeoutException when no reply came in time) — as in
// rocketmq-client-cpp and the Java client. Called once, on a library thread; keep it short.
#pragma once

#include "rocketmq/MQException.h"
#include "rocketmq/MQMessage.h"
#include "rocketmq/RocketMQClient.h"

namespace rocketmq {

class ROCKETMQCLIENT_API RequestCallback {
 public:
  virtual ~RequestCallback() = default;
  virtual void onSuccess(MQMessage& reply) = 0;
  virtual void onException(MQException& e) noexcept = 0;
};

}  // namespace rocketmq

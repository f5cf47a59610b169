// Callbacks of asynchronous sends, as rocketmq-client-cpp names them. A SendCallback must stay
// alive until one of its methods has run; an AutoDeleteSendCallback is deleted by the library
// right after. Callbacks run on a library thread: keep them short.
#pragma once

#include "rocketmq/MQException.h"
#include "rocketmq/SendResult.h"

namespace rocketmq {

enum CallbackType { asyncDefault = 0, autoDelete = 1 };

class ROCKETMQCLIENT_API SendCallback {
 public:
  virtual ~SendCallback() = default;
  virtual void onSuccess(SendResult& sendResult) = 0;
  virtual void onException(MQException& e) noexcept = 0;
  virtual CallbackType getCallbackType() { return asyncDefault; }
};

class ROCKETMQCLIENT_API AutoDeleteSendCallback : public SendCallback {
 public:
  CallbackType getCallbackType() override { return autoDelete; }
};

}  // namespace rocketmq

// DefaultMQProducer::request: the public facade of request-reply over ProducerImpl::Request,
// turning a missing reply into RequestTimeoutException and other errors into the send
// exceptions.
#include "client/client_error.h"
#include "client/producer_impl.h"
#include "rocketmq/DefaultMQProducer.h"

namespace rocketmq {

using internal::QueueChoice;

namespace {

[[noreturn]] void ThrowRequestError(const rmq::Status& status, const char* file, int line) {
  if (internal::IsRequestTimeout(status)) throw RequestTimeoutException(status.message(), kErrorTimeout, file, line);
  rmq::client::ThrowStatus(status, file, line);
}

MQMessage ReplyOrThrow(rmq::Result<MQMessage> result) {
  if (!result.ok()) ThrowRequestError(result.status(), __FILE__, __LINE__);
  return std::move(result).value();
}

void Deliver(RequestCallback* callback, rmq::Result<MQMessage> result) {
  if (result.ok()) {
    callback->onSuccess(*result);
    return;
  }
  if (internal::IsRequestTimeout(result.status())) {
    RequestTimeoutException e(result.status().message(), kErrorTimeout, __FILE__, __LINE__);
    callback->onException(e);
    return;
  }
  rmq::client::WithException(result.status(), [&](MQException& e) { callback->onException(e); });
}

QueueChoice FixedQueue(const MQMessageQueue& mq) {
  QueueChoice choice;
  choice.fixed = mq;
  return choice;
}

}  // namespace

MQMessage DefaultMQProducer::request(MQMessage& msg, long timeout) {
  return ReplyOrThrow(impl_->Request(msg, QueueChoice{}, timeout));
}

MQMessage DefaultMQProducer::request(MQMessage& msg, const MQMessageQueue& mq, long timeout) {
  return ReplyOrThrow(impl_->Request(msg, FixedQueue(mq), timeout));
}

MQMessage DefaultMQProducer::request(MQMessage& msg, MessageQueueSelector* selector, void* arg, long timeout) {
  if (selector == nullptr) {
    THROW_MQEXCEPTION(MQClientException, "the MessageQueueSelector is null", kErrorInvalidArgument);
  }
  QueueChoice choice;
  choice.selector = [selector, arg](const std::vector<MQMessageQueue>& mqs, const MQMessage& m) {
    return selector->select(mqs, m, arg);
  };
  return ReplyOrThrow(impl_->Request(msg, choice, timeout));
}

void DefaultMQProducer::request(MQMessage& msg, RequestCallback* requestCallback, long timeout) {
  if (requestCallback == nullptr) {
    THROW_MQEXCEPTION(MQClientException, "the RequestCallback is null", kErrorInvalidArgument);
  }
  impl_->RequestAsync(msg, QueueChoice{}, timeout,
                      [requestCallback](rmq::Result<MQMessage> result) { Deliver(requestCallback, std::move(result)); });
}

void DefaultMQProducer::request(MQMessage& msg, const MQMessageQueue& mq, RequestCallback* requestCallback,
                                long timeout) {
  if (requestCallback == nullptr) {
    THROW_MQEXCEPTION(MQClientException, "the RequestCallback is null", kErrorInvalidArgument);
  }
  impl_->RequestAsync(msg, FixedQueue(mq), timeout,
                      [requestCallback](rmq::Result<MQMessage> result) { Deliver(requestCallback, std::move(result)); });
}

}  // namespace rocketmq

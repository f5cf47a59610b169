// DefaultMQProducer and TransactionMQProducer: the public facade over ProducerImpl, turning
// Status errors into MQException subclasses.
#include "rocketmq/DefaultMQProducer.h"

#include "client/client_error.h"
#include "client/producer_impl.h"
#include "rocketmq/TransactionMQProducer.h"

namespace rocketmq {

using internal::ProducerImpl;
using internal::QueueChoice;

namespace {

QueueChoice Fixed(const MQMessageQueue& mq) {
  QueueChoice choice;
  choice.fixed = mq;
  return choice;
}

QueueChoice Selected(MessageQueueSelector* selector, void* arg) {
  if (selector == nullptr) {
    THROW_MQEXCEPTION(MQClientException, "the MessageQueueSelector is null", kErrorInvalidArgument);
  }
  QueueChoice choice;
  choice.selector = [selector, arg](const std::vector<MQMessageQueue>& mqs, const MQMessage& msg) {
    return selector->select(mqs, msg, arg);
  };
  return choice;
}

template <typename T>
T ValueOrThrow(rmq::Result<T> result) {
  if (!result.ok()) rmq::client::ThrowStatus(result.status(), __FILE__, __LINE__);
  return std::move(result).value();
}

void Deliver(SendCallback* callback, rmq::Result<SendResult> result) {
  if (callback == nullptr) return;
  if (result.ok()) {
    callback->onSuccess(*result);
  } else {
    rmq::client::WithException(result.status(), [&](MQException& e) { callback->onException(e); });
  }
  if (callback->getCallbackType() == autoDelete) delete callback;
}

}  // namespace

DefaultMQProducer::DefaultMQProducer(const std::string& groupname)
    : impl_(std::make_shared<ProducerImpl>(groupname)) {}

DefaultMQProducer::DefaultMQProducer(std::shared_ptr<ProducerImpl> impl) : impl_(std::move(impl)) {}

DefaultMQProducer::~DefaultMQProducer() { impl_->Shutdown(); }

void DefaultMQProducer::start() { RMQ_THROW_IF_ERROR(impl_->Start()); }
void DefaultMQProducer::shutdown() { impl_->Shutdown(); }
std::string DefaultMQProducer::version() { return kClientVersion; }

SendResult DefaultMQProducer::send(MQMessage& msg, bool) {
  return ValueOrThrow(impl_->Send(msg, QueueChoice{}, impl_->retry_times));
}

SendResult DefaultMQProducer::send(MQMessage& msg, const MQMessageQueue& mq) {
  return ValueOrThrow(impl_->Send(msg, Fixed(mq), 0));
}

SendResult DefaultMQProducer::send(MQMessage& msg, MessageQueueSelector* selector, void* arg) {
  return ValueOrThrow(impl_->Send(msg, Selected(selector, arg), 0));
}

SendResult DefaultMQProducer::send(MQMessage& msg, MessageQueueSelector* selector, void* arg, int autoRetryTimes,
                                   bool) {
  // Retries stay on the selected queue: an ordered message must not move.
  QueueChoice choice = Selected(selector, arg);
  rmq::Result<SendResult> result = impl_->Send(msg, choice, 0);
  for (int i = 0; i < autoRetryTimes && !result.ok(); ++i) result = impl_->Send(msg, choice, 0);
  return ValueOrThrow(std::move(result));
}

SendResult DefaultMQProducer::sendWithSelector(MQMessage& msg, const QueueSelectorFunction& selector) {
  QueueChoice choice;
  choice.selector = selector;
  return ValueOrThrow(impl_->Send(msg, choice, 0));
}

SendResult DefaultMQProducer::send(std::vector<MQMessage>& msgs) { return ValueOrThrow(impl_->SendBatch(msgs, {})); }

SendResult DefaultMQProducer::send(std::vector<MQMessage>& msgs, const MQMessageQueue& mq) {
  return ValueOrThrow(impl_->SendBatch(msgs, mq));
}

void DefaultMQProducer::send(std::vector<MQMessage>& msgs, SendCallback* pSendCallback) {
  impl_->SendBatchAsync(msgs, {}, [pSendCallback](rmq::Result<SendResult> r) { Deliver(pSendCallback, std::move(r)); });
}

void DefaultMQProducer::send(std::vector<MQMessage>& msgs, const MQMessageQueue& mq, SendCallback* pSendCallback) {
  impl_->SendBatchAsync(msgs, mq, [pSendCallback](rmq::Result<SendResult> r) { Deliver(pSendCallback, std::move(r)); });
}

void DefaultMQProducer::send(std::vector<MQMessage>& msgs, std::function<void(SendResult&)> onSuccess,
                             std::function<void(MQException&)> onException) {
  impl_->SendBatchAsync(msgs, {}, internal::SendCallbacks{nullptr, std::move(onSuccess), std::move(onException)});
}

void DefaultMQProducer::send(MQMessage& msg, SendCallback* pSendCallback, bool) {
  impl_->SendAsync(msg, QueueChoice{}, [pSendCallback](rmq::Result<SendResult> r) { Deliver(pSendCallback, std::move(r)); });
}

void DefaultMQProducer::send(MQMessage& msg, const MQMessageQueue& mq, SendCallback* pSendCallback) {
  impl_->SendAsync(msg, Fixed(mq), [pSendCallback](rmq::Result<SendResult> r) { Deliver(pSendCallback, std::move(r)); });
}

void DefaultMQProducer::send(MQMessage& msg, MessageQueueSelector* selector, void* arg, SendCallback* pSendCallback) {
  impl_->SendAsync(msg, Selected(selector, arg),
                   [pSendCallback](rmq::Result<SendResult> r) { Deliver(pSendCallback, std::move(r)); });
}

void DefaultMQProducer::send(MQMessage& msg, std::function<void(SendResult&)> onSuccess,
                             std::function<void(MQException&)> onException) {
  impl_->SendAsync(msg, QueueChoice{}, internal::SendCallbacks{nullptr, std::move(onSuccess), std::move(onException)});
}

std::future<SendResult> DefaultMQProducer::sendAsync(MQMessage& msg) {
  auto promise = std::make_shared<std::promise<SendResult>>();
  std::future<SendResult> future = promise->get_future();
  impl_->SendAsync(msg, QueueChoice{}, [promise](rmq::Result<SendResult> r) {
    if (r.ok()) {
      promise->set_value(std::move(r).value());
    } else {
      promise->set_exception(rmq::client::StatusToExceptionPtr(r.status()));
    }
  });
  return future;
}

void DefaultMQProducer::sendOneway(MQMessage& msg, bool) { RMQ_THROW_IF_ERROR(impl_->SendOneway(msg, QueueChoice{})); }

void DefaultMQProducer::sendOneway(MQMessage& msg, const MQMessageQueue& mq) {
  RMQ_THROW_IF_ERROR(impl_->SendOneway(msg, Fixed(mq)));
}

void DefaultMQProducer::sendOneway(MQMessage& msg, MessageQueueSelector* selector, void* arg) {
  RMQ_THROW_IF_ERROR(impl_->SendOneway(msg, Selected(selector, arg)));
}

std::vector<MQMessageQueue> DefaultMQProducer::fetchPublishMessageQueues(const std::string& topic) {
  return ValueOrThrow(impl_->PublishQueues(topic));
}

std::vector<std::vector<MQMessage>> DefaultMQProducer::splitBatch(const std::vector<MQMessage>& msgs,
                                                                  int64_t maxBytes) {
  std::vector<std::vector<MQMessage>> groups;
  int64_t current = 0;
  for (const auto& msg : msgs) {
    int64_t size = ProducerImpl::BatchElementSize(msg);
    if (groups.empty() || (current + size > maxBytes && !groups.back().empty())) {
      groups.emplace_back();
      current = 0;
    }
    groups.back().push_back(msg);
    current += size;
  }
  return groups;
}

const std::string& DefaultMQProducer::getNamesrvAddr() const { return impl_->settings.namesrv_addr; }
void DefaultMQProducer::setNamesrvAddr(const std::string& namesrvAddr) { impl_->settings.namesrv_addr = namesrvAddr; }
const std::string& DefaultMQProducer::getGroupName() const { return impl_->group(); }
void DefaultMQProducer::setGroupName(const std::string& groupname) {
  if (impl_->started()) {
    THROW_MQEXCEPTION(MQClientException, "setGroupName after start(); set it before", kErrorInvalidArgument);
  }
  impl_->set_group(groupname);
}
const std::string& DefaultMQProducer::getInstanceName() const { return impl_->settings.instance_name; }
void DefaultMQProducer::setInstanceName(const std::string& instanceName) { impl_->settings.instance_name = instanceName; }
const std::string& DefaultMQProducer::getUnitName() const { return impl_->settings.unit_name; }
void DefaultMQProducer::setUnitName(std::string unitName) { impl_->settings.unit_name = std::move(unitName); }
std::string DefaultMQProducer::getClientId() const { return impl_->client_id(); }
int DefaultMQProducer::getSendMsgTimeout() const { return impl_->send_msg_timeout_ms; }
void DefaultMQProducer::setSendMsgTimeout(int sendMsgTimeout) { impl_->send_msg_timeout_ms = sendMsgTimeout; }
int DefaultMQProducer::getCompressMsgBodyOverHowmuch() const { return impl_->compress_over; }
void DefaultMQProducer::setCompressMsgBodyOverHowmuch(int n) { impl_->compress_over = n; }
int DefaultMQProducer::getCompressLevel() const { return impl_->compress_level; }
void DefaultMQProducer::setCompressLevel(int compressLevel) {
  if (compressLevel >= -1 && compressLevel <= 9) impl_->compress_level = compressLevel;
}
int DefaultMQProducer::getMaxMessageSize() const { return impl_->max_message_size; }
void DefaultMQProducer::setMaxMessageSize(int maxMessageSize) { impl_->max_message_size = maxMessageSize; }
int DefaultMQProducer::getRetryTimes() const { return impl_->retry_times; }
void DefaultMQProducer::setRetryTimes(int times) { impl_->retry_times = std::max(0, times); }
int DefaultMQProducer::getRetryTimes4Async() const { return impl_->retry_times_async; }
void DefaultMQProducer::setRetryTimes4Async(int times) { impl_->retry_times_async = std::max(0, times); }
bool DefaultMQProducer::getSendLatencyFaultEnable() const { return impl_->latency_fault_enable; }
void DefaultMQProducer::setSendLatencyFaultEnable(bool enable) { impl_->latency_fault_enable = enable; }
bool DefaultMQProducer::getRetryAnotherBrokerWhenNotStoreOK() const {
  return impl_->retry_another_broker_when_not_store_ok;
}
void DefaultMQProducer::setRetryAnotherBrokerWhenNotStoreOK(bool retry) {
  impl_->retry_another_broker_when_not_store_ok = retry;
}
void DefaultMQProducer::setTcpTransportWorkerThreadNum(int num) { impl_->settings.io_threads = num; }
int DefaultMQProducer::getTcpTransportWorkerThreadNum() const { return impl_->settings.io_threads; }
void DefaultMQProducer::setTcpTransportConnectTimeout(uint64_t timeout) {
  impl_->settings.connect_timeout_ms = static_cast<int64_t>(timeout);
}
uint64_t DefaultMQProducer::getTcpTransportConnectTimeout() const {
  return static_cast<uint64_t>(impl_->settings.connect_timeout_ms);
}

TransactionMQProducer::TransactionMQProducer(const std::string& groupname) : DefaultMQProducer(groupname) {}
TransactionMQProducer::~TransactionMQProducer() = default;

void TransactionMQProducer::setTransactionListener(TransactionListener* listener) {
  impl_->transaction_listener = listener;
}
TransactionListener* TransactionMQProducer::getTransactionListener() const { return impl_->transaction_listener; }

TransactionSendResult TransactionMQProducer::sendMessageInTransaction(MQMessage& msg, void* arg) {
  return ValueOrThrow(impl_->SendInTransaction(msg, arg));
}

}  // namespace rocketmq

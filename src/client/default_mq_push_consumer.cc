// DefaultMQPushConsumer: the public facade over PushConsumerImpl.
#include "rocketmq/DefaultMQPushConsumer.h"

#include "client/client_error.h"
#include "client/message_convert.h"
#include "client/push_consumer_impl.h"
#include "client/rebalance.h"

namespace rocketmq {

using internal::PushConsumerImpl;

namespace {

void RequireNotStarted(const PushConsumerImpl& impl, const char* what) {
  if (impl.started()) {
    THROW_MQEXCEPTION(MQClientException, std::string(what) + " after start(); call it before start()",
                      kErrorInvalidArgument);
  }
}

}  // namespace

DefaultMQPushConsumer::DefaultMQPushConsumer(const std::string& groupname)
    : impl_(std::make_shared<PushConsumerImpl>(groupname)) {}

DefaultMQPushConsumer::~DefaultMQPushConsumer() { impl_->Shutdown(); }

void DefaultMQPushConsumer::start() { RMQ_THROW_IF_ERROR(impl_->Start()); }
void DefaultMQPushConsumer::shutdown() { impl_->Shutdown(); }
std::string DefaultMQPushConsumer::version() { return kClientVersion; }

void DefaultMQPushConsumer::subscribe(const std::string& topic, const std::string& subExpression) {
  RMQ_THROW_IF_ERROR(impl_->Subscribe(topic, subExpression));
}
void DefaultMQPushConsumer::subscribe(const std::string& topic, const MessageSelector& selector) {
  RMQ_THROW_IF_ERROR(impl_->Subscribe(topic, selector.getExpression(), selector.getExpressionType()));
}

void DefaultMQPushConsumer::registerMessageListener(MQMessageListener* pMessageListener) {
  RequireNotStarted(*impl_, "registerMessageListener");
  if (pMessageListener == nullptr) {
    THROW_MQEXCEPTION(MQClientException, "the message listener is null", kErrorInvalidArgument);
  }
  impl_->orderly = pMessageListener->getMessageListenerType() == messageListenerOrderly;
  impl_->listener = [pMessageListener](const std::vector<MQMessageExt>& msgs) {
    return pMessageListener->consumeMessage(msgs);
  };
}

void DefaultMQPushConsumer::registerMessageListener(MessageListenerConcurrently* pMessageListener) {
  registerMessageListener(static_cast<MQMessageListener*>(pMessageListener));
}

void DefaultMQPushConsumer::registerMessageListener(MessageListenerOrderly* pMessageListener) {
  registerMessageListener(static_cast<MQMessageListener*>(pMessageListener));
}

void DefaultMQPushConsumer::registerMessageListener(MessageListenerFunction listener, bool orderly) {
  RequireNotStarted(*impl_, "registerMessageListener");
  impl_->listener = std::move(listener);
  impl_->orderly = orderly;
}

MessageModel DefaultMQPushConsumer::getMessageModel() const { return impl_->message_model; }
void DefaultMQPushConsumer::setMessageModel(MessageModel messageModel) {
  RequireNotStarted(*impl_, "setMessageModel");
  impl_->message_model = messageModel;
}
ConsumeFromWhere DefaultMQPushConsumer::getConsumeFromWhere() const { return impl_->consume_from_where; }
void DefaultMQPushConsumer::setConsumeFromWhere(ConsumeFromWhere where) { impl_->consume_from_where = where; }
void DefaultMQPushConsumer::setConsumeTimestamp(const std::string& timestamp) {
  RMQ_THROW_IF_ERROR(rmq::client::ParseConsumeTimestamp(timestamp).status());
  impl_->consume_timestamp = timestamp;
}
const std::string& DefaultMQPushConsumer::getConsumeTimestamp() const { return impl_->consume_timestamp; }
void DefaultMQPushConsumer::setConsumeThreadCount(int threadCount) {
  RequireNotStarted(*impl_, "setConsumeThreadCount");
  impl_->consume_thread_count = threadCount;
}
int DefaultMQPushConsumer::getConsumeThreadCount() const { return impl_->consume_thread_count; }
void DefaultMQPushConsumer::setConsumeMessageBatchMaxSize(int n) { impl_->consume_batch_max_size = std::max(1, n); }
int DefaultMQPushConsumer::getConsumeMessageBatchMaxSize() const { return impl_->consume_batch_max_size; }
void DefaultMQPushConsumer::setPullMsgBatchSize(int size) { impl_->pull_batch_size = std::clamp(size, 1, 1024); }
int DefaultMQPushConsumer::getPullMsgBatchSize() const { return impl_->pull_batch_size; }
void DefaultMQPushConsumer::setMaxCacheMsgSizePerQueue(int n) { impl_->max_cache_count_per_queue = std::max(1, n); }
int DefaultMQPushConsumer::getMaxCacheMsgSizePerQueue() const { return impl_->max_cache_count_per_queue; }
void DefaultMQPushConsumer::setMaxCacheMsgSizeInMbPerQueue(int mb) {
  impl_->max_cache_bytes_per_queue = static_cast<int64_t>(std::max(1, mb)) * 1024 * 1024;
}
void DefaultMQPushConsumer::setMaxReconsumeTimes(int n) { impl_->max_reconsume_times = n; }
int DefaultMQPushConsumer::getMaxReconsumeTimes() const { return impl_->max_reconsume_times < 0 ? 16 : impl_->max_reconsume_times; }
void DefaultMQPushConsumer::setSuspendCurrentQueueTimeMillis(int64_t ms) {
  impl_->suspend_current_queue_ms = std::max<int64_t>(10, ms);
}
void DefaultMQPushConsumer::setAllocateStrategy(AllocateStrategy strategy) {
  RequireNotStarted(*impl_, "setAllocateStrategy");
  using Kind = rmq::client::AllocateStrategyKind;
  switch (strategy) {
    case ALLOCATE_AVERAGELY_BY_CIRCLE:
      impl_->strategy.kind = Kind::kAveragelyByCircle;
      break;
    case ALLOCATE_CONSISTENT_HASH:
      impl_->strategy.kind = Kind::kConsistentHash;
      break;
    case ALLOCATE_BY_CONFIG:
      impl_->strategy.kind = Kind::kByConfig;
      break;
    default:
      impl_->strategy.kind = Kind::kAveragely;
  }
}
void DefaultMQPushConsumer::setAllocateConfig(const std::vector<MQMessageQueue>& queues) {
  impl_->strategy.config.clear();
  for (const auto& mq : queues) impl_->strategy.config.push_back(rmq::client::ToMessageQueue(mq));
  std::sort(impl_->strategy.config.begin(), impl_->strategy.config.end());
}
void DefaultMQPushConsumer::setOffsetStoreDir(const std::string& dir) { impl_->offset_store_dir = dir; }

const std::string& DefaultMQPushConsumer::getNamesrvAddr() const { return impl_->settings.namesrv_addr; }
void DefaultMQPushConsumer::setNamesrvAddr(const std::string& addr) { impl_->settings.namesrv_addr = addr; }
const std::string& DefaultMQPushConsumer::getGroupName() const { return impl_->group(); }
void DefaultMQPushConsumer::setGroupName(const std::string& groupname) {
  RequireNotStarted(*impl_, "setGroupName");
  impl_->set_group(groupname);
}
const std::string& DefaultMQPushConsumer::getInstanceName() const { return impl_->settings.instance_name; }
void DefaultMQPushConsumer::setInstanceName(const std::string& name) { impl_->settings.instance_name = name; }
void DefaultMQPushConsumer::setUnitName(std::string unitName) { impl_->settings.unit_name = std::move(unitName); }
std::string DefaultMQPushConsumer::getClientId() const {
  return rmq::client::BuildClientId(impl_->settings.instance_name, impl_->settings.unit_name);
}
void DefaultMQPushConsumer::setTcpTransportWorkerThreadNum(int num) { impl_->settings.io_threads = num; }
void DefaultMQPushConsumer::setTcpTransportConnectTimeout(uint64_t timeout) {
  impl_->settings.connect_timeout_ms = static_cast<int64_t>(timeout);
}

std::vector<MQMessageQueue> DefaultMQPushConsumer::getAllocatedQueues() const {
  std::vector<MQMessageQueue> out;
  for (const auto& mq : impl_->AllocatedQueues()) out.push_back(rmq::client::ToMQMessageQueue(mq));
  return out;
}

void DefaultMQPushConsumer::rebalanceNow() { impl_->DoRebalance(); }

}  // namespace rocketmq

// DefaultMQPullConsumer: the public facade over PullConsumerImpl.
#include "rocketmq/DefaultMQPullConsumer.h"

#include <thread>

#include "client/client_error.h"
#include "client/message_convert.h"
#include "client/pull_consumer_impl.h"

namespace rocketmq {

using internal::PullConsumerImpl;

namespace {

template <typename T>
T ValueOrThrow(rmq::Result<T> result) {
  if (!result.ok()) rmq::client::ThrowStatus(result.status(), __FILE__, __LINE__);
  return std::move(result).value();
}

}  // namespace

DefaultMQPullConsumer::DefaultMQPullConsumer(const std::string& groupname)
    : impl_(std::make_shared<PullConsumerImpl>(groupname)) {}
DefaultMQPullConsumer::~DefaultMQPullConsumer() { impl_->Shutdown(); }

void DefaultMQPullConsumer::start() { RMQ_THROW_IF_ERROR(impl_->Start()); }
void DefaultMQPullConsumer::shutdown() { impl_->Shutdown(); }
std::string DefaultMQPullConsumer::version() { return kClientVersion; }

void DefaultMQPullConsumer::fetchSubscribeMessageQueues(const std::string& topic, std::vector<MQMessageQueue>& mqs) {
  RMQ_THROW_IF_ERROR(impl_->CheckStarted());
  auto queues = ValueOrThrow(impl_->instance().GetSubscribeQueues(topic));
  mqs.clear();
  for (const auto& mq : queues) mqs.push_back(rmq::client::ToMQMessageQueue(mq));
}

PullResult DefaultMQPullConsumer::pull(const MQMessageQueue& mq, const std::string& subExpression, int64_t offset,
                                       int maxNums) {
  RMQ_THROW_IF_ERROR(impl_->CheckStarted());
  return ValueOrThrow(internal::PullOnce(impl_->instance(), impl_->group(), rmq::client::ToMessageQueue(mq),
                                         subExpression, offset, maxNums, false));
}

void DefaultMQPullConsumer::pull(const MQMessageQueue& mq, const std::string& subExpression, int64_t offset,
                                 int maxNums, PullCallback* pPullCallback) {
  RMQ_THROW_IF_ERROR(impl_->CheckStarted());
  if (pPullCallback == nullptr) {
    THROW_MQEXCEPTION(MQClientException, "the PullCallback is null", kErrorInvalidArgument);
  }
  // Runs the pull on its own thread so the caller never blocks; the callback runs there.
  auto impl = impl_;
  std::thread([impl, mq, subExpression, offset, maxNums, pPullCallback] {
    auto result = internal::PullOnce(impl->instance(), impl->group(), rmq::client::ToMessageQueue(mq), subExpression,
                                     offset, maxNums, false);
    if (result.ok()) {
      MQMessageQueue queue = mq;
      pPullCallback->onSuccess(queue, *result, false);
    } else {
      rmq::client::WithException(result.status(), [&](MQException& e) { pPullCallback->onException(e); });
    }
  }).detach();
}

PullResult DefaultMQPullConsumer::pullBlockIfNotFound(const MQMessageQueue& mq, const std::string& subExpression,
                                                      int64_t offset, int maxNums) {
  RMQ_THROW_IF_ERROR(impl_->CheckStarted());
  return ValueOrThrow(internal::PullOnce(impl_->instance(), impl_->group(), rmq::client::ToMessageQueue(mq),
                                         subExpression, offset, maxNums, true));
}

int64_t DefaultMQPullConsumer::fetchConsumeOffset(const MQMessageQueue& mq, bool fromStore) {
  RMQ_THROW_IF_ERROR(impl_->CheckStarted());
  return impl_->offset_store().Read(rmq::client::ToMessageQueue(mq), fromStore
                                                                         ? rmq::client::ReadOffsetType::kStore
                                                                         : rmq::client::ReadOffsetType::kMemoryThenStore);
}

void DefaultMQPullConsumer::updateConsumeOffset(const MQMessageQueue& mq, int64_t offset) {
  RMQ_THROW_IF_ERROR(impl_->CheckStarted());
  impl_->offset_store().Update(rmq::client::ToMessageQueue(mq), offset, false);
}

void DefaultMQPullConsumer::removeConsumeOffset(const MQMessageQueue& mq) {
  impl_->offset_store().Remove(rmq::client::ToMessageQueue(mq));
}

void DefaultMQPullConsumer::persistConsumerOffset() {
  RMQ_THROW_IF_ERROR(impl_->CheckStarted());
  for (const auto& [mq, offset] : impl_->offset_store().Snapshot()) {
    RMQ_THROW_IF_ERROR(impl_->offset_store().Persist(mq));
  }
}

int64_t DefaultMQPullConsumer::minOffset(const MQMessageQueue& mq) {
  auto q = rmq::client::ToMessageQueue(mq);
  auto addr = ValueOrThrow(impl_->MasterOf(q));
  return ValueOrThrow(impl_->instance().api().GetMinOffset(addr, q));
}

int64_t DefaultMQPullConsumer::maxOffset(const MQMessageQueue& mq) {
  auto q = rmq::client::ToMessageQueue(mq);
  auto addr = ValueOrThrow(impl_->MasterOf(q));
  return ValueOrThrow(impl_->instance().api().GetMaxOffset(addr, q));
}

int64_t DefaultMQPullConsumer::searchOffset(const MQMessageQueue& mq, int64_t timestamp) {
  auto q = rmq::client::ToMessageQueue(mq);
  auto addr = ValueOrThrow(impl_->MasterOf(q));
  return ValueOrThrow(impl_->instance().api().SearchOffset(addr, q, timestamp));
}

void DefaultMQPullConsumer::registerMessageQueueListener(const std::string& topic, void*) {
  impl_->register_topics.insert(topic);
}
void DefaultMQPullConsumer::setRegisterTopics(const std::set<std::string>& topics) { impl_->register_topics = topics; }
MessageModel DefaultMQPullConsumer::getMessageModel() const { return impl_->message_model; }
void DefaultMQPullConsumer::setMessageModel(MessageModel messageModel) { impl_->message_model = messageModel; }
const std::string& DefaultMQPullConsumer::getNamesrvAddr() const { return impl_->settings.namesrv_addr; }
void DefaultMQPullConsumer::setNamesrvAddr(const std::string& addr) { impl_->settings.namesrv_addr = addr; }
const std::string& DefaultMQPullConsumer::getGroupName() const { return impl_->group(); }
void DefaultMQPullConsumer::setGroupName(const std::string& groupname) { impl_->set_group(groupname); }
const std::string& DefaultMQPullConsumer::getInstanceName() const { return impl_->settings.instance_name; }
void DefaultMQPullConsumer::setInstanceName(const std::string& name) { impl_->settings.instance_name = name; }
std::string DefaultMQPullConsumer::getClientId() const {
  return rmq::client::BuildClientId(impl_->settings.instance_name, impl_->settings.unit_name);
}

}  // namespace rocketmq

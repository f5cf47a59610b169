// DefaultLitePullConsumer: the public facade over LitePullConsumerImpl.
#include "rocketmq/DefaultLitePullConsumer.h"

#include "client/client_error.h"
#include "client/lite_pull_consumer_impl.h"
#include "client/message_convert.h"

namespace rocketmq {

using internal::LitePullConsumerImpl;

namespace {

template <typename T>
T ValueOrThrow(rmq::Result<T> result) {
  if (!result.ok()) rmq::client::ThrowStatus(result.status(), __FILE__, __LINE__);
  return std::move(result).value();
}

std::vector<rmq::MessageQueue> ToQueues(const std::vector<MQMessageQueue>& mqs) {
  std::vector<rmq::MessageQueue> out;
  for (const auto& mq : mqs) out.push_back(rmq::client::ToMessageQueue(mq));
  return out;
}

std::vector<MQMessageQueue> FromQueues(const std::vector<rmq::MessageQueue>& mqs) {
  std::vector<MQMessageQueue> out;
  for (const auto& mq : mqs) out.push_back(rmq::client::ToMQMessageQueue(mq));
  return out;
}

}  // namespace

DefaultLitePullConsumer::DefaultLitePullConsumer(const std::string& groupname)
    : impl_(std::make_shared<LitePullConsumerImpl>(groupname)) {}
DefaultLitePullConsumer::~DefaultLitePullConsumer() { impl_->Shutdown(); }

void DefaultLitePullConsumer::start() { RMQ_THROW_IF_ERROR(impl_->Start()); }
void DefaultLitePullConsumer::shutdown() { impl_->Shutdown(); }
void DefaultLitePullConsumer::subscribe(const std::string& topic, const std::string& subExpression) {
  RMQ_THROW_IF_ERROR(impl_->Subscribe(topic, subExpression));
}
void DefaultLitePullConsumer::subscribe(const std::string& topic, const MessageSelector& selector) {
  RMQ_THROW_IF_ERROR(impl_->Subscribe(topic, selector.getExpression(), selector.getExpressionType()));
}
void DefaultLitePullConsumer::unsubscribe(const std::string& topic) { impl_->Unsubscribe(topic); }
void DefaultLitePullConsumer::assign(const std::vector<MQMessageQueue>& mqs) {
  RMQ_THROW_IF_ERROR(impl_->Assign(ToQueues(mqs)));
}
std::vector<MQMessageQueue> DefaultLitePullConsumer::assignment() const { return FromQueues(impl_->Assignment()); }
std::vector<MQMessageQueue> DefaultLitePullConsumer::fetchMessageQueues(const std::string& topic) {
  return FromQueues(ValueOrThrow(impl_->FetchMessageQueues(topic)));
}
std::vector<MQMessageExt> DefaultLitePullConsumer::poll(int64_t timeoutMillis) { return impl_->Poll(timeoutMillis); }
void DefaultLitePullConsumer::seek(const MQMessageQueue& mq, int64_t offset) {
  RMQ_THROW_IF_ERROR(impl_->Seek(rmq::client::ToMessageQueue(mq), offset));
}
void DefaultLitePullConsumer::seekToBegin(const MQMessageQueue& mq) {
  auto q = rmq::client::ToMessageQueue(mq);
  RMQ_THROW_IF_ERROR(impl_->Seek(q, ValueOrThrow(impl_->MinOffset(q))));
}
void DefaultLitePullConsumer::seekToEnd(const MQMessageQueue& mq) {
  auto q = rmq::client::ToMessageQueue(mq);
  RMQ_THROW_IF_ERROR(impl_->Seek(q, ValueOrThrow(impl_->MaxOffset(q))));
}
int64_t DefaultLitePullConsumer::offsetForTimestamp(const MQMessageQueue& mq, int64_t timestamp) {
  return ValueOrThrow(impl_->OffsetForTimestamp(rmq::client::ToMessageQueue(mq), timestamp));
}
int64_t DefaultLitePullConsumer::committed(const MQMessageQueue& mq) {
  return ValueOrThrow(impl_->Committed(rmq::client::ToMessageQueue(mq)));
}
void DefaultLitePullConsumer::commitSync() { RMQ_THROW_IF_ERROR(impl_->CommitSync()); }
void DefaultLitePullConsumer::pause(const std::vector<MQMessageQueue>& mqs) { impl_->SetPaused(ToQueues(mqs), true); }
void DefaultLitePullConsumer::resume(const std::vector<MQMessageQueue>& mqs) { impl_->SetPaused(ToQueues(mqs), false); }
void DefaultLitePullConsumer::setAutoCommit(bool autoCommit) { impl_->auto_commit = autoCommit; }
bool DefaultLitePullConsumer::isAutoCommit() const { return impl_->auto_commit; }
void DefaultLitePullConsumer::setPullBatchSize(int size) { impl_->pull_batch_size = std::clamp(size, 1, 1024); }
void DefaultLitePullConsumer::setPollBatchSize(int size) { impl_->poll_batch_size = std::max(1, size); }
void DefaultLitePullConsumer::setMessageModel(MessageModel messageModel) { impl_->message_model = messageModel; }
void DefaultLitePullConsumer::setConsumeFromWhere(ConsumeFromWhere where) { impl_->consume_from_where = where; }
void DefaultLitePullConsumer::setNamesrvAddr(const std::string& addr) { impl_->settings.namesrv_addr = addr; }
const std::string& DefaultLitePullConsumer::getNamesrvAddr() const { return impl_->settings.namesrv_addr; }
void DefaultLitePullConsumer::setGroupName(const std::string& groupname) { impl_->set_group(groupname); }
const std::string& DefaultLitePullConsumer::getGroupName() const { return impl_->group(); }
void DefaultLitePullConsumer::setInstanceName(const std::string& name) { impl_->settings.instance_name = name; }
std::string DefaultLitePullConsumer::getClientId() const {
  return rmq::client::BuildClientId(impl_->settings.instance_name, impl_->settings.unit_name);
}

}  // namespace rocketmq

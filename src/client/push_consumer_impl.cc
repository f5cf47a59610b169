#include "client/push_consumer_impl.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <limits>
#include <set>
#include <thread>

#include "client/client_error.h"
#include "client/message_convert.h"
#include "client/rebalance.h"
#include "client/subscription_check.h"
#include "common/clock_ms.h"
#include "common/json_writer.h"
#include "common/logging.h"
#include "common/message_codec.h"
#include "remoting/asio.h"
#include "remoting/pull_message_headers.h"

namespace rocketmq::internal {

using rmq::MessageQueue;
using rmq::Result;
using rmq::Status;
using rmq::client::Millis;
using rmq::client::ProcessQueue;

namespace {

constexpr int64_t kPullFlowControlDelayMs = 50;
constexpr int64_t kPullErrorDelayMs = 1000;
constexpr int64_t kPullNotLockedDelayMs = 1000;
constexpr int64_t kSuspendTimeoutMs = 15000;
constexpr int64_t kPullTimeoutMs = 30000;
constexpr int kDefaultMaxReconsumeTimes = 16;

std::shared_ptr<spdlog::logger> Log() {
  static auto logger = rmq::GetLogger("client");
  return logger;
}

const char* ConsumeFromWhereName(ConsumeFromWhere where) {
  switch (where) {
    case CONSUME_FROM_LAST_OFFSET_AND_FROM_MIN_WHEN_BOOT_FIRST:
      return "CONSUME_FROM_LAST_OFFSET_AND_FROM_MIN_WHEN_BOOT_FIRST";
    case CONSUME_FROM_MIN_OFFSET:
      return "CONSUME_FROM_MIN_OFFSET";
    case CONSUME_FROM_MAX_OFFSET:
      return "CONSUME_FROM_MAX_OFFSET";
    case CONSUME_FROM_FIRST_OFFSET:
      return "CONSUME_FROM_FIRST_OFFSET";
    case CONSUME_FROM_TIMESTAMP:
      return "CONSUME_FROM_TIMESTAMP";
    default:
      return "CONSUME_FROM_LAST_OFFSET";
  }
}

// As ConsumeMessageConcurrentlyService#resetRetryAndNamespace. `retry` is %RETRY%<group>.
void ResetRetryTopic(std::vector<MQMessageExt>& msgs, const std::string& retry) {
  for (auto& msg : msgs) {
    if (msg.getTopic() != retry) continue;
    std::string original = msg.getProperty(MQMessage::PROPERTY_RETRY_TOPIC);
    if (!original.empty()) msg.setTopic(original);
  }
}

}  // namespace

PushConsumerImpl::PushConsumerImpl(std::string group) : group_(std::move(group)) { settings.group_name = group_; }

PushConsumerImpl::~PushConsumerImpl() { Shutdown(); }

Status PushConsumerImpl::Subscribe(const std::string& topic, const std::string& expression,
                                   const std::string& expression_type) {
  RMQ_RETURN_IF_ERROR(rmq::client::ValidateTopic(topic));
  RMQ_RETURN_IF_ERROR(rmq::client::ValidateSelector(expression_type, expression));
  std::lock_guard lock(mutex_);
  subscriptions_[topic] = rmq::BuildSubscriptionData(topic, expression_type, expression, rmq::WallClockMs());
  return Status::Ok();
}

Status PushConsumerImpl::CheckFilters(rmq::client::ClientInstance& instance) {
  std::vector<rmq::SubscriptionData> subs;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [topic, sub] : subscriptions_) subs.push_back(sub);
  }
  for (const auto& sub : subs) {
    if (sub.expression_type != "TAG") (void)instance.UpdateTopicRoute(sub.topic);
  }
  return rmq::client::CheckFiltersInBrokers(instance, group_, subs);
}

int PushConsumerImpl::MaxReconsumeTimes() const {
  if (max_reconsume_times >= 0) return max_reconsume_times;
  return orderly ? std::numeric_limits<int>::max() : kDefaultMaxReconsumeTimes;
}

Status PushConsumerImpl::Start() {
  std::lock_guard lifecycle(lifecycle_mutex_);
  if (started_) return Status::Ok();
  settings.group_name = group_;
  RMQ_RETURN_IF_ERROR(rmq::client::ValidateGroup(group_));
  retry_topic_ = rmq::client::RetryTopic(group_);
  if (!listener) {
    return rmq::InvalidArgument("no message listener; call registerMessageListener before start()");
  }
  {
    std::lock_guard lock(mutex_);
    if (subscriptions_.empty()) return rmq::InvalidArgument("no subscription; call subscribe before start()");
    if (clustering()) {
      std::string retry = rmq::client::RetryTopic(group_);
      subscriptions_[retry] = rmq::BuildSubscriptionData(retry, "*", rmq::WallClockMs());
    }
  }
  if (consume_from_where == CONSUME_FROM_TIMESTAMP && !consume_timestamp.empty()) {
    RMQ_ASSIGN_OR_RETURN(consume_timestamp_ms_, rmq::client::ParseConsumeTimestamp(consume_timestamp));
  } else {
    consume_timestamp_ms_ = rmq::WallClockMs() - 30 * 60 * 1000;
  }
  RMQ_ASSIGN_OR_RETURN(auto instance, rmq::client::ClientInstance::Acquire(settings));
  if (Status checked = CheckFilters(*instance); !checked.ok()) {
    instance->Release();
    return checked;
  }
  if (clustering()) {
    offset_store_ = std::make_unique<rmq::client::RemoteOffsetStore>(*instance, group_);
  } else {
    std::string dir = offset_store_dir;
    if (dir.empty()) {
      const char* home = std::getenv("HOME");
      dir = std::string(home ? home : "/tmp") + "/.rocketmq_offsets";
    }
    offset_store_ = std::make_unique<rmq::client::LocalOffsetStore>(dir, instance->client_id(), group_);
  }
  Status loaded = offset_store_->Load();
  if (!loaded.ok()) {
    instance->Release();
    return loaded;
  }
  Status registered = instance->RegisterConsumer(group_, weak_from_this());
  if (!registered.ok()) {
    instance->Release();
    return registered;
  }
  int threads = consume_thread_count > 0 ? consume_thread_count
                                         : std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
  consume_pool_ = std::make_unique<rmq::client::ThreadPool>(threads, "rmq-consume");
  instance_ = std::move(instance);
  start_ms_ = rmq::WallClockMs();
  started_ = true;
  for (const auto& topic : SubscribedTopics()) {
    auto route = instance_->UpdateTopicRoute(topic);
    // %RETRY%<group> appears once a broker has seen the group's first heartbeat.
    if (!route.ok() && !rmq::client::IsRetryTopic(topic)) {
      Log()->warn("consumer {}: no route for {} yet: {}", group_, topic, route.status().message());
    }
  }
  instance_->SendHeartbeatToAllBrokers();
  instance_->RebalanceSoon();
  return Status::Ok();
}

void PushConsumerImpl::Shutdown() {
  std::lock_guard lifecycle(lifecycle_mutex_);
  if (!started_.exchange(false)) return;
  std::map<MessageQueue, ProcessQueuePtr> queues;
  {
    std::lock_guard lock(mutex_);
    queues = process_queues_;
  }
  for (auto& [mq, pq] : queues) pq->dropped = true;
  consume_pool_->Shutdown();
  offset_store_->PersistAll({});
  if (orderly && clustering()) orderly_service_.UnlockAll(queues);
  {
    std::lock_guard lock(mutex_);
    process_queues_.clear();
  }
  instance_->UnregisterConsumer(group_);
  instance_->UnregisterClientFromBrokers(std::nullopt, group_);
  instance_->Release();
}

std::vector<MessageQueue> PushConsumerImpl::AllocatedQueues() const {
  std::vector<MessageQueue> out;
  std::lock_guard lock(mutex_);
  for (const auto& [mq, pq] : process_queues_) out.push_back(mq);
  return out;
}

rmq::ConsumerHeartbeat PushConsumerImpl::Heartbeat() const {
  rmq::ConsumerHeartbeat data;
  data.group_name = group_;
  data.consume_type = "CONSUME_PASSIVELY";
  data.message_model = clustering() ? "CLUSTERING" : "BROADCASTING";
  data.consume_from_where = ConsumeFromWhereName(consume_from_where);
  std::lock_guard lock(mutex_);
  for (const auto& [topic, sub] : subscriptions_) data.subscriptions.push_back(sub);
  return data;
}

std::vector<std::string> PushConsumerImpl::SubscribedTopics() const {
  std::vector<std::string> topics;
  std::lock_guard lock(mutex_);
  for (const auto& [topic, sub] : subscriptions_) topics.push_back(topic);
  return topics;
}

void PushConsumerImpl::DoRebalance() {
  if (!started_) return;
  std::lock_guard rebalance(rebalance_mutex_);
  for (const auto& topic : SubscribedTopics()) RebalanceTopic(topic);
}

void PushConsumerImpl::RebalanceTopic(const std::string& topic) {
  auto allocated = rmq::client::ComputeAllocation(*instance_, topic, group_, !clustering(), strategy);
  if (!allocated.ok()) {
    Log()->debug("rebalance of {} for {} skipped: {}", topic, group_, allocated.status().ToString());
    return;
  }
  std::set<MessageQueue> wanted(allocated->begin(), allocated->end());
  std::vector<std::pair<MessageQueue, ProcessQueuePtr>> removed;
  std::vector<MessageQueue> added;
  {
    std::lock_guard lock(mutex_);
    for (auto it = process_queues_.begin(); it != process_queues_.end();) {
      if (it->first.topic == topic && !wanted.count(it->first)) {
        removed.emplace_back(it->first, it->second);
        it = process_queues_.erase(it);
      } else {
        ++it;
      }
    }
    for (const auto& mq : wanted) {
      if (!process_queues_.count(mq)) added.push_back(mq);
    }
  }
  for (auto& [mq, pq] : removed) RemoveQueue(mq, pq);
  for (const auto& mq : added) {
    auto pq = std::make_shared<ProcessQueue>();
    if (orderly && clustering() && !orderly_service_.LockQueue(mq, pq)) {
      Log()->info("consumer {}: {} is locked by another consumer; retrying at the next rebalance", group_,
                  mq.ToString());
      continue;
    }
    offset_store_->Remove(mq);
    auto offset = rmq::client::ComputePullFromWhere(*instance_, *offset_store_, mq, consume_from_where,
                                                    consume_timestamp_ms_);
    if (!offset.ok()) {
      Log()->warn("consumer {}: cannot compute the start offset of {}: {}", group_, mq.ToString(),
                  offset.status().message());
      continue;
    }
    pq->next_offset = *offset;
    {
      std::lock_guard lock(mutex_);
      if (process_queues_.count(mq)) continue;
      process_queues_[mq] = pq;
    }
    Log()->info("consumer {} ({}): now consuming {} from offset {}", group_, instance_->client_id(), mq.ToString(),
                *offset);
    ExecutePull(mq, pq);
  }
}

void PushConsumerImpl::RemoveQueue(const MessageQueue& mq, const ProcessQueuePtr& pq) {
  pq->dropped = true;
  Status persisted = offset_store_->Persist(mq);
  if (!persisted.ok()) Log()->debug("commit of {} on removal failed: {}", mq.ToString(), persisted.ToString());
  offset_store_->Remove(mq);
  if (orderly && clustering()) orderly_service_.UnlockWhenIdle(mq, pq, 0);
  pq->Clear();
  Log()->info("consumer {}: dropped {}", group_, mq.ToString());
}

void PushConsumerImpl::RenewLocks() {
  if (!started_ || !orderly || !clustering()) return;
  orderly_service_.RenewLocks();
}

void PushConsumerImpl::PersistOffsets() {
  if (!started_) return;
  std::set<MessageQueue> mqs;
  {
    std::lock_guard lock(mutex_);
    for (auto& [mq, pq] : process_queues_) mqs.insert(mq);
  }
  if (!mqs.empty()) offset_store_->PersistAll(mqs);
}

void PushConsumerImpl::PullLater(const MessageQueue& mq, ProcessQueuePtr pq, int64_t delay_ms) {
  if (!started_ || pq->dropped) return;
  auto timer = std::make_shared<rmq::asio::steady_timer>(instance_->io_context(), Millis(delay_ms));
  std::weak_ptr<PushConsumerImpl> weak = weak_from_this();
  timer->async_wait([timer, weak, mq, pq](const boost::system::error_code& ec) {
    if (ec) return;
    if (auto self = weak.lock()) self->ExecutePull(mq, pq);
  });
}

void PushConsumerImpl::ExecutePull(const MessageQueue& mq, ProcessQueuePtr pq) {
  if (!started_ || pq->dropped) return;
  pq->last_pull_ms = rmq::SteadyClockMs();
  if (pq->count() > max_cache_count_per_queue || pq->bytes() > max_cache_bytes_per_queue) {
    PullLater(mq, pq, kPullFlowControlDelayMs);
    return;
  }
  if (orderly && clustering() && (!pq->locked || pq->LockExpired(rmq::SteadyClockMs()))) {
    PullLater(mq, pq, kPullNotLockedDelayMs);
    return;
  }
  rmq::SubscriptionData sub;
  {
    std::lock_guard lock(mutex_);
    auto it = subscriptions_.find(mq.topic);
    if (it == subscriptions_.end()) return;
    sub = it->second;
  }
  auto addr = instance_->FindBrokerForPull(mq.broker_name, pq->suggested_broker_id);
  if (!addr) {
    PullLater(mq, pq, kPullErrorDelayMs);
    return;
  }
  int64_t commit_offset = clustering() ? offset_store_->Read(mq, rmq::client::ReadOffsetType::kMemory) : 0;
  rmq::remoting::PullMessageRequestHeader header;
  header.consumer_group = group_;
  header.topic = mq.topic;
  header.queue_id = mq.queue_id;
  header.queue_offset = pq->next_offset;
  header.max_msg_nums = pull_batch_size;
  header.sys_flag = rmq::remoting::PullSysFlag::kSuspend | rmq::remoting::PullSysFlag::kSubscription;
  if (commit_offset > 0) header.sys_flag |= rmq::remoting::PullSysFlag::kCommitOffset;
  header.commit_offset = std::max<int64_t>(commit_offset, 0);
  header.suspend_timeout_millis = kSuspendTimeoutMs;
  header.subscription = sub.sub_string;
  header.sub_version = sub.sub_version;
  header.expression_type = sub.expression_type;
  std::weak_ptr<PushConsumerImpl> weak = weak_from_this();
  // The subscription copied above moves into the callback (it needs the tags) rather than being
  // copied a second time.
  instance_->api().PullMessageAsync(*addr, header, Millis(kPullTimeoutMs),
                                    [weak, mq, pq = std::move(pq), sub = std::move(sub)](
                                        Result<rmq::client::PullResponse> response) {
                                      if (auto self = weak.lock()) self->OnPulled(mq, pq, sub, std::move(response));
                                    });
}

void PushConsumerImpl::OnPulled(const MessageQueue& mq, ProcessQueuePtr pq, const rmq::SubscriptionData& sub,
                                Result<rmq::client::PullResponse> response) {
  if (!started_ || pq->dropped) return;
  if (!response.ok()) {
    Log()->debug("pull of {} failed: {}", mq.ToString(), response.status().ToString());
    PullLater(mq, pq, kPullErrorDelayMs);
    return;
  }
  pq->suggested_broker_id = response->suggest_which_broker_id;
  using PullStatus = rmq::client::PullResponse::Status;
  switch (response->status) {
    case PullStatus::kFound: {
      pq->next_offset = response->next_begin_offset;
      size_t queued = 0;
      Status decoded;
      if (orderly) {
        std::vector<MQMessageExt> msgs;
        msgs.reserve(static_cast<size_t>(std::max(pull_batch_size, 1)));
        decoded = rmq::client::DecodePulledMessages(response->body, mq.broker_name, sub.tags_set, true,
                                                    response->min_offset, response->max_offset, &msgs);
        queued = msgs.size();
        if (decoded.ok() && !msgs.empty() && pq->PutMessages(std::move(msgs))) orderly_service_.Dispatch(mq, pq, 0);
      } else {
        // The consume tasks decode the records: this (I/O) thread only walks them.
        auto dispatched = concurrent_service_.Dispatch(mq, pq, std::move(response->body), sub.tags_set,
                                                       response->min_offset, response->max_offset);
        if (dispatched.ok()) queued = *dispatched;
        decoded = dispatched.status();
      }
      if (!decoded.ok()) {
        Log()->warn("undecodable pull body from {}: {}", mq.ToString(), decoded.ToString());
      } else if (queued == 0 && pq->count() == 0) {
        UpdateOffsetIfCurrent(mq, pq, pq->next_offset, true);
      }
      ExecutePull(mq, pq);
      return;
    }
    case PullStatus::kNoNewMsg:
    case PullStatus::kNoMatchedMsg:
      pq->next_offset = response->next_begin_offset;
      // As correctTagsOffset: nothing cached, so everything up to here counts as consumed.
      if (pq->count() == 0) UpdateOffsetIfCurrent(mq, pq, pq->next_offset, true);
      ExecutePull(mq, pq);
      return;
    case PullStatus::kOffsetIllegal: {
      Log()->warn("consumer {}: offset {} of {} is illegal; moving to {}", group_, pq->next_offset.load(),
                  mq.ToString(), response->next_begin_offset);
      pq->next_offset = response->next_begin_offset;
      pq->dropped = true;
      int64_t next = response->next_begin_offset;
      std::weak_ptr<PushConsumerImpl> weak = weak_from_this();
      instance_->scheduler().Schedule(Millis(0), [weak, mq, pq, next] {
        auto self = weak.lock();
        if (!self || !self->started_) return;
        self->offset_store_->Update(mq, next, false);
        (void)self->offset_store_->Persist(mq);
        {
          std::lock_guard lock(self->mutex_);
          auto it = self->process_queues_.find(mq);
          if (it != self->process_queues_.end() && it->second == pq) self->process_queues_.erase(it);
        }
        self->instance_->RebalanceSoon();
      });
      return;
    }
  }
}

ConsumeStatus PushConsumerImpl::CallListener(std::vector<MQMessageExt>& msgs) {
  ResetRetryTopic(msgs, retry_topic_);
  try {
    return listener(msgs);
  } catch (const std::exception& e) {
    Log()->warn("consumer {}: the listener threw: {}; reconsuming later", group_, e.what());
  } catch (...) {
    Log()->warn("consumer {}: the listener threw; reconsuming later", group_);
  }
  return RECONSUME_LATER;
}

bool PushConsumerImpl::SendBack(const MQMessageExt& msg, int delay_level) {
  auto addr = instance_->FindBrokerMaster(msg.getBrokerName());
  if (!addr) return false;
  rmq::MessageExt record;
  record.topic = msg.getTopic();
  record.commit_log_offset = msg.getCommitLogOffset();
  std::string origin = msg.getUniqKey().empty() ? msg.getOffsetMsgId() : msg.getUniqKey();
  Status status = instance_->api().ConsumerSendMessageBack(*addr, group_, record, delay_level,
                                                           std::min(MaxReconsumeTimes(), 1 << 30), origin);
  if (!status.ok()) Log()->warn("send-back of {} failed: {}", msg.getMsgId(), status.ToString());
  return status.ok();
}

std::string PushConsumerImpl::RunningInfo() const {
  rmq::JsonWriter writer;
  writer.BeginObject();
  writer.StringField("jstack", "");
  writer.Key("mqTable");
  writer.BeginObject();
  {
    std::lock_guard lock(mutex_);
    auto offsets = offset_store_ ? offset_store_->Snapshot() : std::map<MessageQueue, int64_t>{};
    for (const auto& [mq, pq] : process_queues_) {
      writer.Key(mq.ToJson());
      writer.BeginObject();
      writer.IntField("cachedMsgCount", pq->count());
      writer.IntField("cachedMsgMaxOffset", pq->max_offset());
      writer.IntField("cachedMsgMinOffset", pq->min_offset());
      writer.IntField("cachedMsgSizeInMiB", pq->bytes() / (1024 * 1024));
      auto it = offsets.find(mq);
      writer.IntField("commitOffset", it == offsets.end() ? -1 : it->second);
      writer.BoolField("droped", pq->dropped);
      writer.IntField("lastConsumeTimestamp", pq->last_consume_ms);
      writer.IntField("lastLockTimestamp", pq->last_lock_ms);
      writer.IntField("lastPullTimestamp", pq->last_pull_ms);
      writer.BoolField("locked", pq->locked);
      writer.EndObject();
    }
  }
  writer.EndObject();
  writer.Key("properties");
  writer.BeginObject();
  writer.StringField("PROP_CLIENT_VERSION", kClientVersion);
  writer.StringField("PROP_CONSUMEORDERLY", orderly ? "true" : "false");
  writer.StringField("PROP_CONSUMER_START_TIMESTAMP", std::to_string(start_ms_));
  writer.StringField("PROP_CONSUME_TYPE", "CONSUME_PASSIVELY");
  writer.StringField("PROP_NAMESERVER_ADDR", settings.namesrv_addr);
  writer.StringField("PROP_THREADPOOL_CORE_SIZE", std::to_string(consume_pool_ ? consume_pool_->size() : 0));
  writer.StringField("consumeFromWhere", ConsumeFromWhereName(consume_from_where));
  writer.StringField("messageModel", clustering() ? "CLUSTERING" : "BROADCASTING");
  writer.StringField("allocateMessageQueueStrategy", strategy.name());
  writer.EndObject();
  writer.Key("statusTable");
  writer.BeginObject();
  writer.EndObject();
  writer.Key("subscriptionSet");
  writer.BeginArray();
  {
    std::lock_guard lock(mutex_);
    for (const auto& [topic, sub] : subscriptions_) sub.WriteJson(&writer);
  }
  writer.EndArray();
  writer.EndObject();
  return writer.Release();
}

void PushConsumerImpl::ResetOffset(const std::string& topic, const std::map<MessageQueue, int64_t>& offsets) {
  if (!started_) return;
  // As the Java client (suspend, drop, reset, resume): the queues' process queues are dropped
  // and the new offsets adopted in one step under mutex_, so a consume thread finishing a
  // batch of the old queue cannot write its offset over the reset (UpdateOffsetIfCurrent).
  std::vector<std::pair<MessageQueue, ProcessQueuePtr>> dropped;
  {
    std::lock_guard lock(mutex_);
    for (auto it = process_queues_.begin(); it != process_queues_.end();) {
      if (it->first.topic == topic && offsets.count(it->first)) {
        it->second->dropped = true;
        dropped.emplace_back(it->first, it->second);
        it = process_queues_.erase(it);
      } else {
        ++it;
      }
    }
    for (const auto& [mq, offset] : offsets) {
      if (mq.topic == topic) offset_store_->Update(mq, offset, false);
    }
  }
  for (const auto& [mq, offset] : offsets) {
    if (mq.topic != topic) continue;
    Status status = offset_store_->Persist(mq);
    if (!status.ok()) Log()->warn("reset offset of {} not committed: {}", mq.ToString(), status.ToString());
  }
  for (auto& [mq, pq] : dropped) {
    // An orderly consume thread inside the old queue finishes its batch first, so the
    // re-consumption from the new offset never overlaps it.
    if (orderly) std::lock_guard consume(pq->consume_mutex);
    pq->Clear();
  }
  Log()->info("consumer {}: offsets of {} reset for {} queue(s); {} queue(s) re-consume from them", group_, topic,
              offsets.size(), dropped.size());
  DoRebalance();
}

bool PushConsumerImpl::UpdateOffsetIfCurrent(const MessageQueue& mq, const ProcessQueuePtr& pq, int64_t offset,
                                             bool increase_only) {
  std::lock_guard lock(mutex_);
  if (pq->dropped) return false;
  auto it = process_queues_.find(mq);
  if (it == process_queues_.end() || it->second != pq) return false;
  offset_store_->Update(mq, offset, increase_only);
  return true;
}

std::string PushConsumerImpl::ConsumeDirectly(const rmq::MessageExt& record, const std::string& broker_name) {
  std::vector<MQMessageExt> msgs{rmq::client::ToMQMessageExt(record, broker_name)};
  int64_t begin = rmq::SteadyClockMs();
  std::string result = "CR_SUCCESS";
  ResetRetryTopic(msgs, rmq::client::RetryTopic(group_));
  try {
    ConsumeStatus status = listener(msgs);
    if (status != CONSUME_SUCCESS) result = "CR_LATER";
  } catch (...) {
    result = "CR_THROW_EXCEPTION";
  }
  rmq::JsonWriter writer;
  writer.BeginObject();
  writer.BoolField("autoCommit", true);
  writer.StringField("consumeResult", result);
  writer.BoolField("order", orderly);
  writer.StringField("remark", "");
  writer.IntField("spentTimeMills", rmq::SteadyClockMs() - begin);
  writer.EndObject();
  return writer.Release();
}

}  // namespace rocketmq::internal

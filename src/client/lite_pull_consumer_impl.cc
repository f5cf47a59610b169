#include "client/lite_pull_consumer_impl.h"

#include <chrono>
#include <cstdlib>
#include <set>

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

namespace {

constexpr int64_t kSuspendTimeoutMs = 20000;
constexpr int64_t kPullTimeoutMs = 30000;
constexpr int64_t kErrorDelayMs = 1000;
constexpr int64_t kFlowControlDelayMs = 50;

std::shared_ptr<spdlog::logger> Log() {
  static auto logger = rmq::GetLogger("client");
  return logger;
}

}  // namespace

Status LitePullConsumerImpl::Start() {
  std::lock_guard lock(lifecycle_mutex_);
  if (started_) return Status::Ok();
  RMQ_RETURN_IF_ERROR(rmq::client::ValidateGroup(group_));
  RMQ_ASSIGN_OR_RETURN(auto instance, rmq::client::ClientInstance::Acquire(settings));
  if (Status checked = CheckFilters(*instance, std::nullopt); !checked.ok()) {
    instance->Release();
    return checked;
  }
  if (message_model == CLUSTERING) {
    offset_store_ = std::make_unique<rmq::client::RemoteOffsetStore>(*instance, group_);
  } else {
    const char* home = std::getenv("HOME");
    offset_store_ = std::make_unique<rmq::client::LocalOffsetStore>(
        std::string(home ? home : "/tmp") + "/.rocketmq_offsets", instance->client_id(), group_);
  }
  Status status = offset_store_->Load();
  if (status.ok()) status = instance->RegisterConsumer(group_, weak_from_this());
  if (!status.ok()) {
    instance->Release();
    return status;
  }
  instance_ = std::move(instance);
  started_ = true;
  for (const auto& topic : SubscribedTopics()) (void)instance_->UpdateTopicRoute(topic);
  instance_->SendHeartbeatToAllBrokers();
  bool assigned;
  std::vector<MessageQueue> pending;
  {
    std::lock_guard state(mutex_);
    assigned = assigned_mode_;
    // Only queues assigned before start wait here. In subscribe mode a rebalance may already
    // have added queues (a NOTIFY_CONSUMER_IDS_CHANGED during the first heartbeat): clearing
    // them would leave their pull chains running beside the next rebalance's, pulling twice.
    if (assigned) {
      for (auto& [mq, st] : queues_) pending.push_back(mq);
      queues_.clear();
    } else {
      std::erase_if(queues_, [](const auto& entry) { return entry.second->dropped.load(); });  // an earlier run's
    }
  }
  if (assigned) {
    for (const auto& mq : pending) AddQueue(mq, -1);
  } else {
    instance_->RebalanceSoon();
  }
  return Status::Ok();
}

void LitePullConsumerImpl::Shutdown() {
  std::lock_guard lock(lifecycle_mutex_);
  if (!started_.exchange(false)) return;
  {
    std::lock_guard state(mutex_);
    for (auto& [mq, st] : queues_) st->dropped = true;
    buffer_.clear();
  }
  cv_.notify_all();
  if (auto_commit) PersistOffsets();
  offset_store_->PersistAll({});
  instance_->UnregisterConsumer(group_);
  instance_->UnregisterClientFromBrokers(std::nullopt, group_);
  instance_->Release();
}

Status LitePullConsumerImpl::CheckStarted() const {
  if (!started_) {
    return Status(rmq::StatusCode::kPermissionDenied, "lite pull consumer " + group_ + " is not started; call start()");
  }
  return Status::Ok();
}

Status LitePullConsumerImpl::Subscribe(const std::string& topic, const std::string& expression,
                                       const std::string& expression_type) {
  RMQ_RETURN_IF_ERROR(rmq::client::ValidateTopic(topic));
  RMQ_RETURN_IF_ERROR(rmq::client::ValidateSelector(expression_type, expression));
  rmq::SubscriptionData sub = rmq::BuildSubscriptionData(topic, expression_type, expression, rmq::WallClockMs());
  if (started_) {
    // Started already: the brokers answer now, before the subscription takes effect.
    (void)instance_->UpdateTopicRoute(topic);
    RMQ_RETURN_IF_ERROR(CheckFilters(*instance_, sub));
  }
  {
    std::lock_guard lock(mutex_);
    if (assigned_mode_) return rmq::InvalidArgument("subscribe after assign; a consumer uses one or the other");
    subscriptions_[topic] = std::move(sub);
  }
  if (started_) {
    instance_->SendHeartbeatToAllBrokers();
    instance_->RebalanceSoon();
  }
  return Status::Ok();
}

Status LitePullConsumerImpl::CheckFilters(rmq::client::ClientInstance& instance,
                                          const std::optional<rmq::SubscriptionData>& only) {
  std::vector<rmq::SubscriptionData> subs;
  if (only) {
    subs.push_back(*only);
  } else {
    std::lock_guard lock(mutex_);
    for (const auto& [topic, sub] : subscriptions_) subs.push_back(sub);
  }
  for (const auto& sub : subs) {
    if (sub.expression_type != "TAG") (void)instance.UpdateTopicRoute(sub.topic);
  }
  return rmq::client::CheckFiltersInBrokers(instance, group_, subs);
}

void LitePullConsumerImpl::Unsubscribe(const std::string& topic) {
  {
    std::lock_guard lock(mutex_);
    subscriptions_.erase(topic);
  }
  UpdateAssignment(topic, {});
}

Status LitePullConsumerImpl::Assign(const std::vector<MessageQueue>& mqs) {
  {
    std::lock_guard lock(mutex_);
    if (!subscriptions_.empty() && !assigned_mode_) {
      return rmq::InvalidArgument("assign after subscribe; a consumer uses one or the other");
    }
    assigned_mode_ = true;
    if (!started_) {
      queues_.clear();
      for (const auto& mq : mqs) queues_[mq] = std::make_shared<QueueState>();
      return Status::Ok();
    }
  }
  std::set<MessageQueue> wanted(mqs.begin(), mqs.end());
  for (const auto& mq : Assignment()) {
    if (!wanted.count(mq)) RemoveQueue(mq);
  }
  for (const auto& mq : wanted) AddQueue(mq, -1);
  return Status::Ok();
}

std::vector<MessageQueue> LitePullConsumerImpl::Assignment() const {
  std::vector<MessageQueue> out;
  std::lock_guard lock(mutex_);
  for (const auto& [mq, st] : queues_) out.push_back(mq);
  return out;
}

Result<std::vector<MessageQueue>> LitePullConsumerImpl::FetchMessageQueues(const std::string& topic) {
  RMQ_RETURN_IF_ERROR(CheckStarted());
  return instance_->GetSubscribeQueues(topic);
}

void LitePullConsumerImpl::AddQueue(const MessageQueue& mq, int64_t offset) {
  {
    std::lock_guard lock(mutex_);
    if (queues_.count(mq)) return;
  }
  if (offset < 0) {
    offset_store_->Remove(mq);
    auto computed =
        rmq::client::ComputePullFromWhere(*instance_, *offset_store_, mq, consume_from_where, rmq::WallClockMs() - 30 * 60 * 1000);
    if (!computed.ok()) {
      Log()->warn("lite pull consumer {}: cannot compute the start offset of {}: {}", group_, mq.ToString(),
                  computed.status().message());
      return;
    }
    offset = *computed;
  }
  auto state = std::make_shared<QueueState>();
  state->next_offset = offset;
  state->consumed_offset = offset;
  {
    std::lock_guard lock(mutex_);
    if (queues_.count(mq)) return;
    queues_[mq] = state;
  }
  PullChain(mq, state, 0);
}

void LitePullConsumerImpl::RemoveQueue(const MessageQueue& mq) {
  StatePtr state;
  {
    std::lock_guard lock(mutex_);
    auto it = queues_.find(mq);
    if (it == queues_.end()) return;
    state = it->second;
    queues_.erase(it);
    std::erase_if(buffer_, [&](const Batch& b) { return b.mq == mq; });
  }
  state->dropped = true;
  if (auto_commit && state->consumed_offset >= 0) {
    offset_store_->Update(mq, state->consumed_offset, false);
    (void)offset_store_->Persist(mq);
  }
  offset_store_->Remove(mq);
}

void LitePullConsumerImpl::UpdateAssignment(const std::string& topic, const std::vector<MessageQueue>& wanted) {
  std::set<MessageQueue> want(wanted.begin(), wanted.end());
  for (const auto& mq : Assignment()) {
    if (mq.topic == topic && !want.count(mq)) RemoveQueue(mq);
  }
  for (const auto& mq : want) AddQueue(mq, -1);
}

void LitePullConsumerImpl::PullLater(MessageQueue mq, StatePtr state, int64_t epoch, int64_t delay_ms) {
  if (!started_ || state->dropped) return;
  auto timer = std::make_shared<rmq::asio::steady_timer>(instance_->io_context(), Millis(delay_ms));
  std::weak_ptr<LitePullConsumerImpl> weak = weak_from_this();
  timer->async_wait([timer, weak, mq, state, epoch](const boost::system::error_code& ec) {
    if (ec) return;
    if (auto self = weak.lock()) self->PullChain(mq, state, epoch);
  });
}

void LitePullConsumerImpl::PullChain(MessageQueue mq, StatePtr state, int64_t epoch) {
  if (!started_ || state->dropped || state->epoch != epoch) return;
  if (state->paused) {
    PullLater(mq, state, epoch, kErrorDelayMs);
    return;
  }
  if (state->cached > pull_threshold_per_queue) {
    PullLater(mq, state, epoch, kFlowControlDelayMs);
    return;
  }
  rmq::SubscriptionData sub;
  {
    std::lock_guard lock(mutex_);
    auto it = subscriptions_.find(mq.topic);
    sub = it != subscriptions_.end() ? it->second : rmq::BuildSubscriptionData(mq.topic, "*", 0);
  }
  auto addr = instance_->FindBrokerForPull(mq.broker_name, rmq::kMasterBrokerId);
  if (!addr) {
    PullLater(mq, state, epoch, kErrorDelayMs);
    return;
  }
  rmq::remoting::PullMessageRequestHeader header;
  header.consumer_group = group_;
  header.topic = mq.topic;
  header.queue_id = mq.queue_id;
  header.queue_offset = state->next_offset;
  header.max_msg_nums = pull_batch_size;
  header.sys_flag = rmq::remoting::PullSysFlag::kSuspend | rmq::remoting::PullSysFlag::kSubscription;
  header.commit_offset = 0;
  header.suspend_timeout_millis = kSuspendTimeoutMs;
  header.subscription = sub.sub_string;
  header.sub_version = sub.sub_version;
  header.expression_type = sub.expression_type;
  std::weak_ptr<LitePullConsumerImpl> weak = weak_from_this();
  instance_->api().PullMessageAsync(
      *addr, header, Millis(kPullTimeoutMs), [weak, mq, state, epoch, sub](Result<rmq::client::PullResponse> response) {
        auto self = weak.lock();
        if (!self || !self->started_ || state->dropped || state->epoch != epoch) return;
        if (!response.ok()) {
          self->PullLater(mq, state, epoch, kErrorDelayMs);
          return;
        }
        using S = rmq::client::PullResponse::Status;
        state->next_offset = response->next_begin_offset;
        if (response->status == S::kFound) {
          std::vector<MQMessageExt> msgs;
          rmq::Status decoded =
              rmq::client::DecodePulledMessages(response->body, mq.broker_name, sub.tags_set, false, 0, 0, &msgs);
          if (decoded.ok()) {
            Batch batch;
            batch.mq = mq;
            batch.state = state;
            batch.epoch = epoch;
            batch.msgs.assign(std::make_move_iterator(msgs.begin()), std::make_move_iterator(msgs.end()));
            if (!batch.msgs.empty()) {
              state->cached += static_cast<int64_t>(batch.msgs.size());
              {
                std::lock_guard lock(self->mutex_);
                self->buffer_.push_back(std::move(batch));
              }
              self->cv_.notify_all();
            }
          }
        } else if (response->status == S::kOffsetIllegal) {
          Log()->warn("lite pull consumer {}: offset of {} was illegal; moved to {}", self->group_, mq.ToString(),
                      response->next_begin_offset);
        }
        self->PullChain(mq, state, epoch);
      });
}

std::vector<MQMessageExt> LitePullConsumerImpl::Poll(int64_t timeout_ms) {
  std::vector<MQMessageExt> out;
  std::unique_lock lock(mutex_);
  auto deadline = std::chrono::steady_clock::now() + Millis(std::max<int64_t>(0, timeout_ms));
  while (out.empty() && started_) {
    while (!buffer_.empty() && static_cast<int>(out.size()) < poll_batch_size) {
      Batch& batch = buffer_.front();
      bool stale = batch.state->dropped || batch.state->epoch != batch.epoch;
      while (!stale && !batch.msgs.empty() && static_cast<int>(out.size()) < poll_batch_size) {
        MQMessageExt& msg = batch.msgs.front();
        batch.state->consumed_offset = msg.getQueueOffset() + 1;
        --batch.state->cached;
        out.push_back(std::move(msg));
        batch.msgs.pop_front();
      }
      if (stale) batch.state->cached -= static_cast<int64_t>(batch.msgs.size());
      if (stale || batch.msgs.empty()) buffer_.pop_front();
    }
    if (!out.empty()) break;
    if (cv_.wait_until(lock, deadline) == std::cv_status::timeout) break;
  }
  lock.unlock();
  if (auto_commit) {
    for (const auto& msg : out) {
      offset_store_->Update(MessageQueue{msg.getTopic(), msg.getBrokerName(), msg.getQueueId()},
                            msg.getQueueOffset() + 1, true);
    }
  }
  return out;
}

Result<std::string> LitePullConsumerImpl::MasterOf(const MessageQueue& mq) {
  RMQ_RETURN_IF_ERROR(CheckStarted());
  auto addr = instance_->FindBrokerMaster(mq.broker_name);
  if (!addr) {
    (void)instance_->UpdateTopicRoute(mq.topic);
    addr = instance_->FindBrokerMaster(mq.broker_name);
  }
  if (!addr) return rmq::NotFound("broker " + mq.broker_name + " has no master in the route of " + mq.topic);
  return *addr;
}

Result<int64_t> LitePullConsumerImpl::MinOffset(const MessageQueue& mq) {
  RMQ_ASSIGN_OR_RETURN(std::string addr, MasterOf(mq));
  return instance_->api().GetMinOffset(addr, mq);
}

Result<int64_t> LitePullConsumerImpl::MaxOffset(const MessageQueue& mq) {
  RMQ_ASSIGN_OR_RETURN(std::string addr, MasterOf(mq));
  return instance_->api().GetMaxOffset(addr, mq);
}

Result<int64_t> LitePullConsumerImpl::OffsetForTimestamp(const MessageQueue& mq, int64_t timestamp) {
  RMQ_ASSIGN_OR_RETURN(std::string addr, MasterOf(mq));
  return instance_->api().SearchOffset(addr, mq, timestamp);
}

Result<int64_t> LitePullConsumerImpl::Committed(const MessageQueue& mq) {
  RMQ_RETURN_IF_ERROR(CheckStarted());
  return offset_store_->Read(mq, rmq::client::ReadOffsetType::kStore);
}

Status LitePullConsumerImpl::Seek(const MessageQueue& mq, int64_t offset) {
  RMQ_RETURN_IF_ERROR(CheckStarted());
  StatePtr state;
  {
    std::lock_guard lock(mutex_);
    auto it = queues_.find(mq);
    if (it == queues_.end()) {
      return rmq::InvalidArgument("seek on " + mq.ToString() + ", which is not assigned to this consumer");
    }
    state = it->second;
  }
  RMQ_ASSIGN_OR_RETURN(int64_t min, MinOffset(mq));
  RMQ_ASSIGN_OR_RETURN(int64_t max, MaxOffset(mq));
  if (offset < min || offset > max) {
    return rmq::InvalidArgument("seek offset " + std::to_string(offset) + " is outside [" + std::to_string(min) +
                                ", " + std::to_string(max) + "] of " + mq.ToString());
  }
  int64_t epoch;
  {
    std::lock_guard lock(mutex_);
    epoch = ++state->epoch;
    state->next_offset = offset;
    state->consumed_offset = offset;
    for (auto& batch : buffer_) {
      if (batch.mq == mq) state->cached -= static_cast<int64_t>(batch.msgs.size());
    }
    std::erase_if(buffer_, [&](const Batch& b) { return b.mq == mq; });
  }
  offset_store_->Update(mq, offset, false);
  PullChain(mq, state, epoch);
  return Status::Ok();
}

Status LitePullConsumerImpl::CommitSync() {
  RMQ_RETURN_IF_ERROR(CheckStarted());
  std::map<MessageQueue, StatePtr> queues;
  {
    std::lock_guard lock(mutex_);
    queues = queues_;
  }
  Status first_error;
  for (auto& [mq, state] : queues) {
    if (state->consumed_offset < 0) continue;
    offset_store_->Update(mq, state->consumed_offset, false);
    Status status = offset_store_->Persist(mq);
    if (!status.ok() && first_error.ok()) first_error = status;
  }
  return first_error;
}

void LitePullConsumerImpl::SetPaused(const std::vector<MessageQueue>& mqs, bool paused) {
  std::lock_guard lock(mutex_);
  for (const auto& mq : mqs) {
    auto it = queues_.find(mq);
    if (it != queues_.end()) it->second->paused = paused;
  }
}

rmq::ConsumerHeartbeat LitePullConsumerImpl::Heartbeat() const {
  rmq::ConsumerHeartbeat data;
  data.group_name = group_;
  data.consume_type = "CONSUME_ACTIVELY";
  data.message_model = message_model == CLUSTERING ? "CLUSTERING" : "BROADCASTING";
  std::lock_guard lock(mutex_);
  for (const auto& [topic, sub] : subscriptions_) data.subscriptions.push_back(sub);
  return data;
}

std::vector<std::string> LitePullConsumerImpl::SubscribedTopics() const {
  std::set<std::string> topics;
  std::lock_guard lock(mutex_);
  for (const auto& [topic, sub] : subscriptions_) topics.insert(topic);
  for (const auto& [mq, state] : queues_) topics.insert(mq.topic);
  return std::vector<std::string>(topics.begin(), topics.end());
}

void LitePullConsumerImpl::DoRebalance() {
  if (!started_) return;
  std::vector<std::string> topics;
  {
    std::lock_guard lock(mutex_);
    if (assigned_mode_) return;
    for (const auto& [topic, sub] : subscriptions_) topics.push_back(topic);
  }
  std::lock_guard rebalance(rebalance_mutex_);
  for (const auto& topic : topics) {
    auto allocated =
        rmq::client::ComputeAllocation(*instance_, topic, group_, message_model == BROADCASTING, strategy);
    if (!allocated.ok()) continue;
    UpdateAssignment(topic, *allocated);
  }
}

void LitePullConsumerImpl::PersistOffsets() {
  if (!started_ || !auto_commit) return;
  std::set<MessageQueue> mqs;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [mq, state] : queues_) mqs.insert(mq);
  }
  if (!mqs.empty()) offset_store_->PersistAll(mqs);
}

std::string LitePullConsumerImpl::RunningInfo() const {
  rmq::JsonWriter writer;
  writer.BeginObject();
  writer.StringField("jstack", "");
  writer.Key("properties");
  writer.BeginObject();
  writer.StringField("PROP_CLIENT_VERSION", kClientVersion);
  writer.StringField("PROP_CONSUME_TYPE", "CONSUME_ACTIVELY");
  writer.StringField("PROP_NAMESERVER_ADDR", settings.namesrv_addr);
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

void LitePullConsumerImpl::ResetOffset(const std::string& topic, const std::map<MessageQueue, int64_t>& offsets) {
  for (const auto& [mq, offset] : offsets) {
    if (mq.topic != topic) continue;
    Status status = Seek(mq, offset);
    if (!status.ok()) offset_store_->Update(mq, offset, false);
  }
}

std::string LitePullConsumerImpl::ConsumeDirectly(const rmq::MessageExt&, const std::string&) {
  return R"({"autoCommit":true,"consumeResult":"CR_THROW_EXCEPTION","order":false,"remark":"a lite pull consumer has no listener","spentTimeMills":0})";
}

}  // namespace rocketmq::internal

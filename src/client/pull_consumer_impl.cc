#include "client/pull_consumer_impl.h"

#include <cstdlib>

#include "client/client_error.h"
#include "client/message_convert.h"
#include "common/heartbeat_data.h"
#include "common/json_writer.h"
#include "common/message_codec.h"
#include "remoting/pull_message_headers.h"

namespace rocketmq::internal {

using rmq::Result;
using rmq::Status;
using rmq::client::Millis;

Result<PullResult> PullOnce(rmq::client::ClientInstance& instance, const std::string& group,
                            const rmq::MessageQueue& mq, const std::string& expression, int64_t offset, int max_nums,
                            bool block) {
  if (offset < 0) return rmq::InvalidArgument("pull offset " + std::to_string(offset) + " is negative");
  if (max_nums <= 0) return rmq::InvalidArgument("maxNums must be positive");
  auto addr = instance.FindBrokerForPull(mq.broker_name, rmq::kMasterBrokerId);
  if (!addr) {
    (void)instance.UpdateTopicRoute(mq.topic);
    addr = instance.FindBrokerForPull(mq.broker_name, rmq::kMasterBrokerId);
  }
  if (!addr) return rmq::NotFound("broker " + mq.broker_name + " is not in the route of " + mq.topic);
  rmq::SubscriptionData sub = rmq::BuildSubscriptionData(mq.topic, expression, 0);
  rmq::remoting::PullMessageRequestHeader header;
  header.consumer_group = group;
  header.topic = mq.topic;
  header.queue_id = mq.queue_id;
  header.queue_offset = offset;
  header.max_msg_nums = max_nums;
  header.sys_flag = rmq::remoting::PullSysFlag::kSubscription | (block ? rmq::remoting::PullSysFlag::kSuspend : 0);
  header.commit_offset = 0;
  header.suspend_timeout_millis = 20000;
  header.subscription = sub.sub_string;
  header.sub_version = 0;
  header.expression_type = sub.expression_type;
  auto response = instance.api().PullMessage(*addr, header, Millis(block ? 30000 : 10000));
  if (!response.ok()) {
    if (response.status().code() == rmq::StatusCode::kTimeout) {
      return PullResult(BROKER_TIMEOUT, offset, 0, 0);
    }
    return response.status();
  }
  using S = rmq::client::PullResponse::Status;
  PullStatus status = response->status == S::kFound         ? FOUND
                      : response->status == S::kNoNewMsg    ? NO_NEW_MSG
                      : response->status == S::kNoMatchedMsg ? NO_MATCHED_MSG
                                                             : OFFSET_ILLEGAL;
  PullResult result(status, response->next_begin_offset, response->min_offset, response->max_offset);
  if (status == FOUND) {
    std::vector<MQMessageExt> found;
    RMQ_RETURN_IF_ERROR(rmq::client::DecodePulledMessages(response->body, mq.broker_name, sub.tags_set, true,
                                                          result.minOffset, result.maxOffset, &found));
    result.msgFoundList = std::move(found);
    if (result.msgFoundList.empty()) result.pullStatus = NO_MATCHED_MSG;
  }
  return result;
}

Status PullConsumerImpl::Start() {
  std::lock_guard lock(lifecycle_mutex_);
  if (started_) return Status::Ok();
  RMQ_RETURN_IF_ERROR(rmq::client::ValidateGroup(group_));
  RMQ_ASSIGN_OR_RETURN(auto instance, rmq::client::ClientInstance::Acquire(settings));
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
  for (const auto& topic : register_topics) (void)instance_->UpdateTopicRoute(topic);
  instance_->SendHeartbeatToAllBrokers();
  return Status::Ok();
}

void PullConsumerImpl::Shutdown() {
  std::lock_guard lock(lifecycle_mutex_);
  if (!started_.exchange(false)) return;
  offset_store_->PersistAll({});
  instance_->UnregisterConsumer(group_);
  instance_->UnregisterClientFromBrokers(std::nullopt, group_);
  instance_->Release();
}

Status PullConsumerImpl::CheckStarted() const {
  if (!started_) {
    return Status(rmq::StatusCode::kPermissionDenied, "pull consumer " + group_ + " is not started; call start()");
  }
  return Status::Ok();
}

Result<std::string> PullConsumerImpl::MasterOf(const rmq::MessageQueue& mq) {
  RMQ_RETURN_IF_ERROR(CheckStarted());
  auto addr = instance_->FindBrokerMaster(mq.broker_name);
  if (!addr) {
    (void)instance_->UpdateTopicRoute(mq.topic);
    addr = instance_->FindBrokerMaster(mq.broker_name);
  }
  if (!addr) return rmq::NotFound("broker " + mq.broker_name + " has no master in the route of " + mq.topic);
  return *addr;
}

rmq::ConsumerHeartbeat PullConsumerImpl::Heartbeat() const {
  rmq::ConsumerHeartbeat data;
  data.group_name = group_;
  data.consume_type = "CONSUME_ACTIVELY";
  data.message_model = message_model == CLUSTERING ? "CLUSTERING" : "BROADCASTING";
  for (const auto& topic : register_topics) data.subscriptions.push_back(rmq::BuildSubscriptionData(topic, "*", 0));
  return data;
}

std::vector<std::string> PullConsumerImpl::SubscribedTopics() const {
  return std::vector<std::string>(register_topics.begin(), register_topics.end());
}

void PullConsumerImpl::PersistOffsets() {
  if (started_) offset_store_->PersistAll({});
}

std::string PullConsumerImpl::RunningInfo() const {
  rmq::JsonWriter writer;
  writer.BeginObject();
  writer.StringField("jstack", "");
  writer.Key("mqTable");
  writer.BeginObject();
  writer.EndObject();
  writer.Key("properties");
  writer.BeginObject();
  writer.StringField("PROP_CLIENT_VERSION", kClientVersion);
  writer.StringField("PROP_CONSUME_TYPE", "CONSUME_ACTIVELY");
  writer.StringField("PROP_NAMESERVER_ADDR", settings.namesrv_addr);
  writer.EndObject();
  writer.Key("statusTable");
  writer.BeginObject();
  writer.EndObject();
  writer.Key("subscriptionSet");
  writer.BeginArray();
  writer.EndArray();
  writer.EndObject();
  return writer.Release();
}

void PullConsumerImpl::ResetOffset(const std::string& topic, const std::map<rmq::MessageQueue, int64_t>& offsets) {
  for (const auto& [mq, offset] : offsets) {
    if (mq.topic == topic) offset_store_->Update(mq, offset, false);
  }
}

std::string PullConsumerImpl::ConsumeDirectly(const rmq::MessageExt&, const std::string&) {
  return R"({"autoCommit":true,"consumeResult":"CR_THROW_EXCEPTION","order":false,"remark":"a pull consumer has no listener","spentTimeMills":0})";
}

}  // namespace rocketmq::internal

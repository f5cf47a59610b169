// ProducerImpl's request-reply (DefaultMQProducerImpl#request): a request is a message with
// CORRELATION_ID, REPLY_TO_CLIENT (this client's id) and TTL (the timeout) set, sent like any
// other; the reply comes back as PUSH_REPLY_MESSAGE_TO_CLIENT and completes the future
// registered under the correlation id in RequestFutureTable.
#include <chrono>

#include "client/producer_impl.h"
#include "client/request_future_table.h"
#include "common/clock_ms.h"
#include "common/logging.h"
#include "common/reply_message.h"

namespace rocketmq::internal {

using rmq::Result;
using rmq::Status;
using rmq::client::RequestFuture;
using rmq::client::RequestFutureTable;

namespace {

constexpr std::string_view kRequestTimeoutPrefix = "request timeout: ";

Status RequestTimeout(const std::string& topic, int64_t timeout_ms) {
  return rmq::Timeout(std::string(kRequestTimeoutPrefix) + "send request message to <" + topic +
                      "> OK, but wait reply message timeout, " + std::to_string(timeout_ms) +
                      " ms (is a consumer replying with MessageUtil::createReplyMessage?)");
}

Status SendFailed(const std::string& topic, const Status& cause) {
  return Status(cause.code(), "send request message to <" + topic + "> fail: " + cause.message());
}

}  // namespace

bool IsRequestTimeout(const Status& status) {
  return status.code() == rmq::StatusCode::kTimeout && status.message().rfind(kRequestTimeoutPrefix, 0) == 0;
}

Result<std::string> ProducerImpl::PrepareRequest(MQMessage& msg, int64_t timeout_ms) {
  RMQ_RETURN_IF_ERROR(CheckStarted());
  RMQ_RETURN_IF_ERROR(Validate(msg));
  if (timeout_ms <= 0) return rmq::InvalidArgument("the request timeout must be > 0 ms");
  const std::string& topic = msg.getTopic();
  std::string cluster;
  {
    std::lock_guard lock(request_mutex_);
    auto it = request_clusters_.find(topic);
    if (it != request_clusters_.end()) cluster = it->second;
  }
  if (cluster.empty()) {
    // First request to this topic: learn the cluster (a replier needs it for the reply topic)
    // and make sure every broker of the route has this client's connection to push to.
    // A topic not created yet is created by its first send from TBW102, in TBW102's cluster.
    auto found = instance_->UpdateTopicRoute(topic);
    if (!found.ok()) found = instance_->UpdateTopicRoute("TBW102");
    if (!found.ok()) return found.status();
    const rmq::TopicRouteData& route = *found;
    for (const auto& broker : route.broker_datas) {
      if (!broker.cluster.empty()) {
        cluster = broker.cluster;
        break;
      }
    }
    if (cluster.empty()) {
      return rmq::NotFound("the route of " + topic + " names no cluster; cannot tell the replier its reply topic");
    }
    instance_->SendHeartbeatToAllBrokers();
    std::lock_guard lock(request_mutex_);
    request_clusters_[topic] = cluster;
  }
  std::string correlation_id = rmq::client::NewCorrelationId();
  msg.setProperty(std::string(rmq::reply::kCorrelationId), correlation_id);
  msg.setProperty(std::string(rmq::reply::kReplyToClient), instance_->client_id());
  msg.setProperty(std::string(rmq::reply::kMessageTtl), std::to_string(timeout_ms));
  // A Java broker adds CLUSTER to every stored message; set it here so any broker works.
  if (msg.getProperty(std::string(rmq::reply::kCluster)).empty()) {
    msg.setProperty(std::string(rmq::reply::kCluster), cluster);
  }
  return correlation_id;
}

Result<MQMessage> ProducerImpl::Request(MQMessage& msg, const QueueChoice& choice, int64_t timeout_ms) {
  const int64_t begin = rmq::SteadyClockMs();
  RMQ_ASSIGN_OR_RETURN(std::string correlation_id, PrepareRequest(msg, timeout_ms));
  const std::string topic = msg.getTopic();
  auto future = std::make_shared<RequestFuture>(correlation_id, topic, timeout_ms);
  auto& table = RequestFutureTable::Instance();
  table.Put(future);
  Result<SendResult> sent = Send(msg, choice, choice.CanRetryElsewhere() ? retry_times : 0);
  if (!sent.ok()) {
    (void)table.Take(correlation_id);
    return SendFailed(topic, sent.status());
  }
  future->set_send_ok(true);
  auto reply = future->Wait(timeout_ms - (rmq::SteadyClockMs() - begin));
  (void)table.Take(correlation_id);
  if (!reply) return RequestTimeout(topic, timeout_ms);
  return std::move(*reply);
}

void ProducerImpl::RequestAsync(MQMessage& msg, const QueueChoice& choice, int64_t timeout_ms,
                                std::function<void(Result<MQMessage>)> done) {
  auto prepared = PrepareRequest(msg, timeout_ms);
  if (!prepared.ok()) {
    done(prepared.status());
    return;
  }
  const std::string correlation_id = *prepared;
  const std::string topic = msg.getTopic();
  // Callbacks leave the I/O threads through the producer's retry thread while it lives.
  std::weak_ptr<ProducerImpl> weak = weak_from_this();
  RequestFuture::Executor executor = [weak](std::function<void()> task) {
    auto self = weak.lock();
    if (self && self->retry_pool_ && self->started_) {
      self->retry_pool_->Submit(std::move(task));
    } else {
      task();
    }
  };
  auto future = std::make_shared<RequestFuture>(correlation_id, topic, timeout_ms, std::move(done), executor);
  auto& table = RequestFutureTable::Instance();
  table.Put(future);
  instance_->scheduler().Schedule(rmq::client::Millis(timeout_ms), [correlation_id, topic, timeout_ms] {
    if (auto expired = RequestFutureTable::Instance().Take(correlation_id)) {
      expired->Complete(RequestTimeout(topic, timeout_ms));
    }
  });
  SendAsync(msg, choice, [future, correlation_id, topic](Result<SendResult> sent) {
    if (sent.ok()) {
      future->set_send_ok(true);
      return;
    }
    if (auto failed = RequestFutureTable::Instance().Take(correlation_id)) {
      failed->Complete(SendFailed(topic, sent.status()));
    }
  });
}

}  // namespace rocketmq::internal

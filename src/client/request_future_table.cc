#include "client/request_future_table.h"

#include <chrono>
#include <cstdio>
#include <random>

#include "client/message_convert.h"
#include "common/logging.h"
#include "common/message_format.h"
#include "common/message_properties.h"
#include "common/reply_message.h"
#include "remoting/reply_message_headers.h"
#include "remoting/response_code.h"

namespace rmq::client {
namespace {

std::shared_ptr<spdlog::logger> Log() {
  static auto logger = GetLogger("client");
  return logger;
}

int64_t WallNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::string NewCorrelationId() {
  thread_local std::mt19937_64 rng(std::random_device{}() ^
                                   static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
  uint64_t hi = rng(), lo = rng();
  hi = (hi & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // variant 10
  char text[37];
  std::snprintf(text, sizeof(text), "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xffff), static_cast<unsigned>(hi & 0xffff),
                static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xffffffffffffULL));
  return text;
}

RequestFuture::RequestFuture(std::string correlation_id, std::string topic, int64_t timeout_ms, Callback callback,
                             Executor executor)
    : correlation_id_(std::move(correlation_id)),
      topic_(std::move(topic)),
      timeout_ms_(timeout_ms),
      callback_(std::move(callback)),
      executor_(std::move(executor)) {}

void RequestFuture::Complete(Result<rocketmq::MQMessage> result) {
  {
    std::lock_guard lock(mutex_);
    if (result_) return;
    result_ = std::move(result);
  }
  cv_.notify_all();
  if (!callback_) return;
  // result_ is never written again, so reading it outside the lock is safe.
  auto run = [callback = callback_, value = *result_]() mutable { callback(std::move(value)); };
  if (executor_) {
    executor_(std::move(run));
  } else {
    run();
  }
}

std::optional<Result<rocketmq::MQMessage>> RequestFuture::Wait(int64_t timeout_ms) {
  std::unique_lock lock(mutex_);
  cv_.wait_for(lock, std::chrono::milliseconds(std::max<int64_t>(0, timeout_ms)), [&] { return result_.has_value(); });
  return result_;
}

RequestFutureTable& RequestFutureTable::Instance() {
  static auto* table = new RequestFutureTable();  // never destroyed: replies may race exit
  return *table;
}

void RequestFutureTable::Put(std::shared_ptr<RequestFuture> future) {
  std::lock_guard lock(mutex_);
  futures_[future->correlation_id()] = std::move(future);
}

std::shared_ptr<RequestFuture> RequestFutureTable::Take(const std::string& correlation_id) {
  std::lock_guard lock(mutex_);
  auto it = futures_.find(correlation_id);
  if (it == futures_.end()) return nullptr;
  auto future = std::move(it->second);
  futures_.erase(it);
  return future;
}

size_t RequestFutureTable::size() const {
  std::lock_guard lock(mutex_);
  return futures_.size();
}

remoting::RemotingCommand RequestFutureTable::OnPushReply(const remoting::RemotingCommand& request,
                                                          const std::string& from) {
  using remoting::ResponseCode;
  auto header = remoting::DecodeCustomHeader<remoting::ReplyMessageRequestHeader>(request);
  if (!header.ok()) {
    return remoting::RemotingCommand::CreateResponse(request, ResponseCode::kSystemError,
                                                     "bad PUSH_REPLY_MESSAGE_TO_CLIENT header: " +
                                                         header.status().message());
  }
  rocketmq::MQMessage reply;
  reply.setTopic(header->topic);
  reply.setFlag(header->flag);
  if ((header->sys_flag & sysflag::kCompressed) != 0) {
    auto inflated = Uncompress(request.body());
    if (!inflated.ok()) {
      return remoting::RemotingCommand::CreateResponse(request, ResponseCode::kSystemError,
                                                       "the reply body does not inflate: " +
                                                           inflated.status().message());
    }
    reply.setBody(std::move(inflated).value());
  } else {
    reply.setBody(request.body());
  }
  std::map<std::string, std::string> properties;
  for (auto& [name, value] : DecodeProperties(header->properties.value_or(""))) properties[name] = value;
  properties[std::string(reply::kArriveTime)] = std::to_string(WallNowMs());
  reply.setProperties(properties);

  std::string correlation_id = reply.getProperty(std::string(reply::kCorrelationId));
  if (auto future = Take(correlation_id)) {
    future->Complete(std::move(reply));
  } else {
    // Late (the request timed out) or not ours; the broker needs no error for it.
    Log()->warn("receive reply message, but not matched any request, CorrelationId: {} , reply from host: {}",
                correlation_id, from);
  }
  return remoting::RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
}

}  // namespace rmq::client

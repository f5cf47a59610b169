// RequestFutureTable: the requests of DefaultMQProducer::request waiting for their reply, keyed
// by CORRELATION_ID (Java RequestFutureHolder + RequestResponseFuture). One table per process,
// because the broker pushes a reply (PUSH_REPLY_MESSAGE_TO_CLIENT) to the client instance, not to
// a producer. A sync request waits on its future; an async one gets its callback through the
// executor it registered. Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "common/status.h"
#include "remoting/remoting_command.h"
#include "rocketmq/MQMessage.h"

namespace rmq::client {

class RequestFuture {
 public:
  using Callback = std::function<void(Result<rocketmq::MQMessage>)>;
  using Executor = std::function<void(std::function<void()>)>;

  RequestFuture(std::string correlation_id, std::string topic, int64_t timeout_ms, Callback callback = nullptr,
                Executor executor = nullptr);

  const std::string& correlation_id() const { return correlation_id_; }
  const std::string& topic() const { return topic_; }
  int64_t timeout_ms() const { return timeout_ms_; }

  // The first completion wins; later ones are ignored. Runs the callback (through the executor
  // when one was given).
  void Complete(Result<rocketmq::MQMessage> result);
  void set_send_ok(bool ok) { send_ok_ = ok; }
  bool send_ok() const { return send_ok_; }
  // Waits up to `timeout_ms` for Complete; nullopt when it did not come.
  std::optional<Result<rocketmq::MQMessage>> Wait(int64_t timeout_ms);

 private:
  const std::string correlation_id_;
  const std::string topic_;
  const int64_t timeout_ms_;
  Callback callback_;
  Executor executor_;
  std::atomic<bool> send_ok_{false};
  std::mutex mutex_;
  std::condition_variable cv_;
  std::optional<Result<rocketmq::MQMessage>> result_;  // Guarded by mutex_.
};

class RequestFutureTable {
 public:
  static RequestFutureTable& Instance();

  void Put(std::shared_ptr<RequestFuture> future);
  // Removes and returns the future, or null when it is not (or no longer) waiting.
  std::shared_ptr<RequestFuture> Take(const std::string& correlation_id);
  size_t size() const;

  // Serves PUSH_REPLY_MESSAGE_TO_CLIENT: completes the matching request with the reply and
  // answers SUCCESS (or SYSTEM_ERROR for an undecodable push). `from` is the broker's address.
  remoting::RemotingCommand OnPushReply(const remoting::RemotingCommand& request, const std::string& from);

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<RequestFuture>> futures_;  // Guarded by mutex_.
};

// A new correlation id: a random UUID string, as CorrelationIdUtil.
std::string NewCorrelationId();

}  // namespace rmq::client

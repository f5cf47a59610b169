#include "client/producer_impl.h"

#include <arpa/inet.h>

#include <chrono>

#include "client/client_error.h"
#include "client/message_convert.h"
#include "common/clock_ms.h"
#include "common/logging.h"
#include "common/message_codec.h"
#include "common/message_format.h"
#include "common/message_id.h"
#include "common/message_properties.h"
#include "remoting/response_code.h"

namespace rocketmq::internal {

using rmq::Result;
using rmq::Status;
using rmq::client::Millis;
using rmq::remoting::ResponseCode;

namespace {

// The largest body whose capacity a recycled async send keeps (a batch of 32 x 1 KiB fits).
constexpr size_t kMaxRecycledBodyBytes = 64 * 1024;

rmq::UniqueIdGenerator& IdGenerator() {
  static rmq::UniqueIdGenerator* generator = [] {
    rmq::HostAddress host;
    in_addr addr{};
    std::string ip = rmq::client::LocalIpv4Address();
    if (inet_pton(AF_INET, ip.c_str(), &addr) == 1) {
      const auto* bytes = reinterpret_cast<const uint8_t*>(&addr.s_addr);
      host = rmq::HostAddress::V4(bytes[0], bytes[1], bytes[2], bytes[3], 0);
    } else {
      host = rmq::HostAddress::V4(127, 0, 0, 1, 0);
    }
    return new rmq::UniqueIdGenerator(host);
  }();
  return *generator;
}

// As DefaultMQProducerImpl#sendDefaultImpl: the broker codes worth another attempt.
bool RetriableCode(int32_t code) {
  switch (code) {
    case ResponseCode::kTopicNotExist:
    case ResponseCode::kServiceNotAvailable:
    case ResponseCode::kSystemError:
    case ResponseCode::kSystemBusy:
    case ResponseCode::kNoPermission:
    case ResponseCode::kNoBuyerId:
    case ResponseCode::kNotInCurrentUnit:
    case ResponseCode::kGoAway:
      return true;
    default:
      return false;
  }
}

bool IsNetworkError(const Status& status) {
  return rmq::client::ResponseCodeOf(status) == 0 &&
         (status.code() == rmq::StatusCode::kTimeout || status.code() == rmq::StatusCode::kUnavailable);
}

bool Retriable(const Status& status) {
  int32_t code = rmq::client::ResponseCodeOf(status);
  return code != 0 ? RetriableCode(code) : IsNetworkError(status);
}

SendStatus ToSendStatus(int32_t code) {
  switch (code) {
    case ResponseCode::kFlushDiskTimeout:
      return SEND_FLUSH_DISK_TIMEOUT;
    case ResponseCode::kFlushSlaveTimeout:
      return SEND_FLUSH_SLAVE_TIMEOUT;
    case ResponseCode::kSlaveNotAvailable:
      return SEND_SLAVE_NOT_AVAILABLE;
    default:
      return SEND_OK;
  }
}

// The message's properties in the wire form, into `out` (cleared first), sized once up front:
// appending pair by pair grew the string two or three times per send.
void EncodeProperties(const MQMessage& msg, std::string* out) {
  size_t size = 0;
  for (const auto& [name, value] : msg.getProperties()) size += name.size() + value.size() + 2;
  out->clear();
  out->reserve(size);
  for (const auto& [name, value] : msg.getProperties()) rmq::AppendProperty(out, name, value);
}

}  // namespace

void SetUniqKey(MQMessage& msg) {
  std::string id;
  SetUniqKey(msg, &id);
}

void SetUniqKey(MQMessage& msg, std::string* id) {
  // A lookup, not getProperty: that copies the value out on every send.
  auto it = msg.getProperties().find(MQMessage::PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
  if (it == msg.getProperties().end() || it->second.empty()) {
    *id = IdGenerator().Next();
    msg.setProperty(MQMessage::PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, std::string(*id));
  } else {
    *id = it->second;
  }
}

// What an async send keeps across its attempts: not the message itself, but its encoded header
// (built once; an attempt fills in its queue, broker and born timestamp) and body, which every
// attempt's request references instead of copying (the request holds this object alive until
// it is written). The attempt in flight is described by the members below `header`; the
// response callback captures only the shared_ptr to this object.
struct ProducerImpl::AsyncSend {
  std::shared_ptr<ProducerImpl> producer;
  std::string topic;
  QueueChoice choice;
  SendCallbacks done;
  int attempts_left = 0;
  int64_t deadline_ms = 0;  // steady clock
  std::optional<std::string> last_broker;
  std::string uniq_key;
  std::string body;
  rmq::remoting::SendMessageRequestHeaderV2 header;
  // The attempt in flight.
  rmq::MessageQueue queue;
  std::string addr;
  int64_t begin_ms = -1;  // steady clock; -1 when the latency is not measured

  // The response (or failure) of the attempt in flight of `send`.
  // Takes `send` from the response callback when the send ends, to recycle it.
  static void Complete(std::shared_ptr<AsyncSend>& send, Result<rmq::remoting::RemotingCommand>& response);
};

void SendCallbacks::operator()(Result<SendResult> result) const {
  if (done) {
    done(std::move(result));
  } else if (result.ok()) {
    if (on_success) on_success(*result);
  } else if (on_exception) {
    rmq::client::WithException(result.status(), on_exception);
  }
}

ProducerImpl::ProducerImpl(std::string group) : group_(std::move(group)) { settings.group_name = group_; }

ProducerImpl::~ProducerImpl() { Shutdown(); }

Status ProducerImpl::Start() {
  std::lock_guard lock(lifecycle_mutex_);
  if (started_) return Status::Ok();
  settings.group_name = group_;
  RMQ_RETURN_IF_ERROR(rmq::client::ValidateGroup(group_));
  RMQ_ASSIGN_OR_RETURN(auto instance, rmq::client::ClientInstance::Acquire(settings));
  Status registered = instance->RegisterProducer(group_, weak_from_this());
  if (!registered.ok()) {
    instance->Release();
    return registered;
  }
  instance_ = std::move(instance);
  retry_pool_ = std::make_unique<rmq::client::ThreadPool>(1, "rmq-send-retry");
  started_ = true;
  instance_->SendHeartbeatToAllBrokers();
  return Status::Ok();
}

void ProducerImpl::Shutdown() {
  std::lock_guard lock(lifecycle_mutex_);
  if (!started_.exchange(false)) return;
  if (retry_pool_) retry_pool_->Shutdown();
  instance_->UnregisterProducer(group_);
  instance_->UnregisterClientFromBrokers(group_, std::nullopt);
  instance_->Release();
}

std::string ProducerImpl::client_id() const {
  return rmq::client::BuildClientId(settings.instance_name, settings.unit_name);
}

Status ProducerImpl::CheckStarted() const {
  if (!started_) {
    return Status(rmq::StatusCode::kPermissionDenied,
                  "producer " + group_ + " is not started; call start() before sending");
  }
  return Status::Ok();
}

Status ProducerImpl::Validate(const MQMessage& msg) const {
  RMQ_RETURN_IF_ERROR(rmq::client::ValidateTopic(msg.getTopic()));
  return ValidateBody(msg);
}

Status ProducerImpl::ValidateBody(const MQMessage& msg) const {
  if (msg.getBody().empty()) return rmq::InvalidArgument("the message body is empty; a message needs a body");
  if (static_cast<int64_t>(msg.getBody().size()) > max_message_size) {
    return rmq::InvalidArgument("the message body is " + std::to_string(msg.getBody().size()) +
                                " bytes, more than maxMessageSize " + std::to_string(max_message_size) +
                                "; raise setMaxMessageSize (and the broker's maxMessageSize) or send less");
  }
  return Status::Ok();
}

Result<std::string> ProducerImpl::BrokerAddr(const rmq::MessageQueue& mq) {
  if (auto addr = instance_->FindBrokerMaster(mq.broker_name)) return *addr;
  (void)instance_->UpdateTopicRoute(mq.topic);
  if (auto addr = instance_->FindBrokerMaster(mq.broker_name)) return *addr;
  return rmq::Unavailable("broker " + mq.broker_name + " has no master address in the route of " + mq.topic +
                          "; check that the broker is running and registered");
}

Result<rmq::MessageQueue> ProducerImpl::PickQueue(const std::string& topic, const MQMessage* msg,
                                                  const QueueChoice& choice,
                                                  const std::optional<std::string>& last_broker) {
  if (choice.fixed) {
    if (choice.fixed->getTopic() != topic) {
      return rmq::InvalidArgument("the queue's topic " + choice.fixed->getTopic() + " is not the message's topic " +
                                  topic);
    }
    return rmq::client::ToMessageQueue(*choice.fixed);
  }
  RMQ_ASSIGN_OR_RETURN(auto info, instance_->GetPublishInfo(topic));
  if (choice.selector && msg != nullptr) {
    std::vector<MQMessageQueue> mqs;
    for (const auto& mq : info->queues()) mqs.push_back(rmq::client::ToMQMessageQueue(mq));
    MQMessageQueue chosen = choice.selector(mqs, *msg);
    return rmq::client::ToMessageQueue(chosen);
  }
  if (latency_fault_enable) return info->SelectWithFaultTolerance(last_broker, faults_, rmq::SteadyClockMs());
  return info->SelectOneMessageQueue(last_broker);
}

void ProducerImpl::UpdateFaultItem(const std::string& broker_name, int64_t latency_ms, bool isolation) {
  // As DefaultMQProducerImpl#updateFaultItem: nothing to record unless the feature is on.
  if (latency_fault_enable) faults_.UpdateFaultItem(broker_name, latency_ms, isolation, rmq::SteadyClockMs());
}

Result<std::pair<std::string, int32_t>> ProducerImpl::EncodeBody(const MQMessage& msg) const {
  int32_t sys_flag = 0;
  std::string body = msg.getBody();
  if (compress_over >= 0 && static_cast<int64_t>(body.size()) >= compress_over) {
    auto compressed = rmq::client::Compress(body, compress_level);
    if (compressed.ok()) {
      body = std::move(compressed).value();
      sys_flag |= rmq::sysflag::kCompressed;
    }
  }
  auto prepared = msg.getProperties().find(MQMessage::PROPERTY_TRANSACTION_PREPARED);
  if (prepared != msg.getProperties().end() && prepared->second == "true") {
    sys_flag |= rmq::sysflag::kTransactionPreparedType;
  }
  return std::make_pair(std::move(body), sys_flag);
}

rmq::remoting::SendMessageRequestHeaderV2 ProducerImpl::BuildHeader(const MQMessage& msg, const rmq::MessageQueue& mq,
                                                                    int32_t sys_flag, bool batch) const {
  rmq::remoting::SendMessageRequestHeaderV2 header;
  FillHeader(msg, mq, sys_flag, batch, &header);
  return header;
}

void ProducerImpl::FillHeader(const MQMessage& msg, const rmq::MessageQueue& mq, int32_t sys_flag, bool batch,
                              rmq::remoting::SendMessageRequestHeaderV2* out) const {
  rmq::remoting::SendMessageRequestHeaderV2& header = *out;
  header.a = group_;
  header.b = mq.topic;
  header.c = "TBW102";
  header.d = 4;
  header.e = mq.queue_id;
  header.f = sys_flag;
  header.g = rmq::WallClockMs();
  header.h = msg.getFlag();
  if (!header.i) header.i.emplace();
  EncodeProperties(msg, &*header.i);
  header.j = 0;
  header.k = false;
  header.l.reset();
  if (rmq::client::IsRetryTopic(mq.topic)) {
    std::string times = msg.getProperty(MQMessage::PROPERTY_RECONSUME_TIME);
    if (!times.empty()) header.j = std::atoi(times.c_str());
    std::string max = msg.getProperty(MQMessage::PROPERTY_MAX_RECONSUME_TIMES);
    if (!max.empty()) header.l = std::atoi(max.c_str());
  }
  header.m = batch;
  if (header.n) {
    *header.n = mq.broker_name;
  } else {
    header.n = mq.broker_name;
  }
}

SendResult ProducerImpl::ToSendResult(rmq::client::SendResponse&& response, const rmq::MessageQueue& mq,
                                      std::string&& uniq_key) const {
  SendResult result(ToSendStatus(response.code), std::move(uniq_key), std::move(response.offset_msg_id),
                    MQMessageQueue(mq.topic, mq.broker_name, response.queue_id), response.queue_offset);
  result.setTransactionId(std::move(response.transaction_id));
  result.setRegionId(std::move(response.region_id));
  return result;
}


Result<SendResult> ProducerImpl::Send(MQMessage& msg, const QueueChoice& choice, int retries) {
  RMQ_RETURN_IF_ERROR(CheckStarted());
  RMQ_RETURN_IF_ERROR(Validate(msg));
  std::string uniq;
  SetUniqKey(msg, &uniq);
  RMQ_ASSIGN_OR_RETURN(auto encoded, EncodeBody(msg));
  int attempts = 1 + (choice.CanRetryElsewhere() ? std::max(0, retries) : 0);
  int64_t deadline = rmq::SteadyClockMs() + send_msg_timeout_ms;
  std::optional<std::string> last_broker;
  Status last_error;
  // Built once; an attempt fills in its queue, broker and born timestamp.
  auto header = BuildHeader(msg, rmq::MessageQueue{msg.getTopic(), std::string(), 0}, encoded.second, false);
  for (int attempt = 0; attempt < attempts; ++attempt) {
    int64_t remaining = deadline - rmq::SteadyClockMs();
    if (remaining <= 0) {
      return rmq::Timeout("send of " + msg.getTopic() + " timed out after " + std::to_string(send_msg_timeout_ms) +
                          " ms and " + std::to_string(attempt) + " attempt(s); last error: " +
                          (last_error.ok() ? "none" : last_error.message()));
    }
    auto mq = PickQueue(msg.getTopic(), &msg, choice, last_broker);
    if (!mq.ok()) return mq.status();
    auto addr = BrokerAddr(*mq);
    if (!addr.ok()) {
      last_error = addr.status();
      last_broker = mq->broker_name;
      continue;
    }
    header.e = mq->queue_id;
    header.n = mq->broker_name;
    header.g = rmq::WallClockMs();
    int64_t begin = rmq::SteadyClockMs();
    // The last attempt takes the body; earlier ones copy it.
    auto response = instance_->api().SendMessage(
        *addr, header, attempt + 1 == attempts ? std::move(encoded.first) : encoded.first, Millis(remaining));
    int64_t latency = rmq::SteadyClockMs() - begin;
    if (response.ok()) {
      UpdateFaultItem(mq->broker_name, latency, false);
      if (response->code != ResponseCode::kSuccess && retry_another_broker_when_not_store_ok &&
          attempt + 1 < attempts) {
        last_broker = mq->broker_name;
        continue;
      }
      return ToSendResult(std::move(*response), *mq, std::move(uniq));
    }
    last_error = response.status();
    last_broker = mq->broker_name;
    UpdateFaultItem(mq->broker_name, latency, IsNetworkError(last_error));
    if (rmq::client::ResponseCodeOf(last_error) == ResponseCode::kTopicNotExist) {
      (void)instance_->UpdateTopicRoute(msg.getTopic());
    }
    if (!Retriable(last_error)) return last_error;
  }
  return last_error;
}

void ProducerImpl::SendAsync(MQMessage& msg, const QueueChoice& choice,
                             std::function<void(Result<SendResult>)> done) {
  SendAsync(msg, choice, SendCallbacks{std::move(done), nullptr, nullptr});
}

void ProducerImpl::SendAsync(MQMessage& msg, const QueueChoice& choice, SendCallbacks done) {
  Status status = CheckStarted();
  if (status.ok()) status = Validate(msg);
  if (!status.ok()) {
    done(status);
    return;
  }
  std::string uniq_key;
  SetUniqKey(msg, &uniq_key);
  int32_t sys_flag = 0;
  const bool compress = compress_over >= 0 && static_cast<int64_t>(msg.getBody().size()) >= compress_over;
  std::optional<std::pair<std::string, int32_t>> encoded;
  if (compress || msg.getProperties().count(MQMessage::PROPERTY_TRANSACTION_PREPARED) != 0) {
    auto result = EncodeBody(msg);
    if (!result.ok()) {
      done(result.status());
      return;
    }
    encoded = std::move(result).value();
    sys_flag = encoded->second;
  }
  std::shared_ptr<AsyncSend> send = AcquireAsyncSend();
  send->producer = shared_from_this();
  send->topic = msg.getTopic();
  send->choice = choice;
  send->done = std::move(done);
  send->attempts_left = 1 + (choice.CanRetryElsewhere() ? std::max(0, retry_times_async) : 0);
  const int64_t now = rmq::SteadyClockMs();
  send->deadline_ms = now + send_msg_timeout_ms;
  send->uniq_key = std::move(uniq_key);
  // The common case (no compression, no transaction flag) copies the body into the recycled
  // state's capacity instead of a new string.
  if (encoded) {
    send->body = std::move(encoded->first);
  } else {
    send->body.assign(msg.getBody());
  }
  FillHeader(msg, rmq::MessageQueue{send->topic, std::string(), 0}, sys_flag, false, &send->header);
  AttemptAsync(std::move(send), &msg, now);
}

void ProducerImpl::AttemptAsync(std::shared_ptr<AsyncSend> send, const MQMessage* msg, int64_t now_ms) {
  --send->attempts_left;
  int64_t remaining = send->deadline_ms - now_ms;
  if (remaining <= 0 || !started_) {
    send->done(rmq::Timeout("async send of " + send->topic + " timed out after " +
                            std::to_string(send_msg_timeout_ms) + " ms"));
    return;
  }
  auto mq = PickQueue(send->topic, msg, send->choice, send->last_broker);
  if (!mq.ok()) {
    send->done(mq.status());
    return;
  }
  auto addr = BrokerAddr(*mq);
  if (!addr.ok()) {
    send->done(addr.status());
    return;
  }
  // Reading the clock is not free on every machine: the latency is measured only for the fault
  // tolerance, which is off by default.
  send->begin_ms = latency_fault_enable ? rmq::SteadyClockMs() : -1;
  // One attempt at a time, so the shared header is not read while it changes.
  send->queue = std::move(mq).value();
  send->addr = std::move(addr).value();
  send->header.e = send->queue.queue_id;
  send->header.n = send->queue.broker_name;
  send->header.g = rmq::WallClockMs();
  // The request references the body (kept alive through `send`) instead of copying it.
  rmq::remoting::BodySegment body{send->body.data(), send->body.size(), send};
  AsyncSend& state = *send;
  // Named, so `send` is not moved from before the arguments that read it are evaluated.
  // The response by rvalue reference: the connection's std::function then hands it through
  // without another move of the command.
  auto on_response = [send = std::move(send)](Result<rmq::remoting::RemotingCommand>&& response) mutable {
    AsyncSend::Complete(send, response);
  };
  instance_->api().SendMessageAsync(state.addr, state.header, std::move(body), Millis(remaining),
                                    std::move(on_response));
}

void ProducerImpl::AsyncSend::Complete(std::shared_ptr<AsyncSend>& send,
                                       Result<rmq::remoting::RemotingCommand>& response) {
  ProducerImpl& self = *send->producer;
  int64_t latency = send->begin_ms >= 0 ? rmq::SteadyClockMs() - send->begin_ms : 0;
  Result<rmq::client::SendResponse> sent =
      response.ok() ? rmq::client::TakeSendResponse(*response, send->addr)
                    : Status(response.status().code(), "send to " + send->addr + ": " + response.status().message());
  if (sent.ok()) {
    self.UpdateFaultItem(send->queue.broker_name, latency, false);
    // The send ends here: its id and the response's strings move into the result.
    send->done(self.ToSendResult(std::move(*sent), send->queue, std::move(send->uniq_key)));
    self.RecycleAsyncSend(std::move(send));
    return;
  }
  Status error = sent.status();
  self.UpdateFaultItem(send->queue.broker_name, latency, IsNetworkError(error));
  if (send->attempts_left > 0 && Retriable(error) && self.started_) {
    send->last_broker = send->queue.broker_name;
    // Route lookups may block; leave the io thread.
    self.retry_pool_->Submit([send] { send->producer->AttemptAsync(send, nullptr, rmq::SteadyClockMs()); });
    return;
  }
  send->done(error);
}

std::shared_ptr<ProducerImpl::AsyncSend> ProducerImpl::AcquireAsyncSend() {
  {
    std::lock_guard lock(spare_sends_mutex_);
    if (!spare_sends_.empty()) {
      std::shared_ptr<AsyncSend> send = std::move(spare_sends_.back());
      spare_sends_.pop_back();
      return send;
    }
  }
  return std::make_shared<AsyncSend>();
}

void ProducerImpl::RecycleAsyncSend(std::shared_ptr<AsyncSend>&& send) {
  // Another holder (the request's body segment, when its write has not finished) means the
  // state is not ours to reuse; it goes when that holder lets go.
  // A large body's capacity is not kept: up to 1 024 spare states of 4 MiB messages would pin
  // gigabytes.
  if (send.use_count() != 1 || send->body.capacity() > kMaxRecycledBodyBytes) {
    send.reset();
    return;
  }
  // Everything that refers to other objects or carries a send's outcome is cleared; the
  // strings only keep their capacity and are overwritten by the next send.
  std::shared_ptr<ProducerImpl> producer = std::move(send->producer);
  send->done = SendCallbacks();
  send->choice = QueueChoice();
  send->last_broker.reset();
  send->begin_ms = -1;
  {
    std::lock_guard lock(spare_sends_mutex_);
    // Bounded by what a burst of async sends in flight needs, not by the producer's history.
    if (spare_sends_.size() < 1024) spare_sends_.push_back(std::move(send));
  }
  send.reset();
}

Status ProducerImpl::SendOneway(MQMessage& msg, const QueueChoice& choice) {
  RMQ_RETURN_IF_ERROR(CheckStarted());
  RMQ_RETURN_IF_ERROR(Validate(msg));
  SetUniqKey(msg);
  RMQ_ASSIGN_OR_RETURN(auto encoded, EncodeBody(msg));
  RMQ_ASSIGN_OR_RETURN(auto mq, PickQueue(msg.getTopic(), &msg, choice, std::nullopt));
  RMQ_ASSIGN_OR_RETURN(auto addr, BrokerAddr(mq));
  return instance_->api().SendMessageOneway(addr, BuildHeader(msg, mq, encoded.second, false), encoded.first);
}

int64_t ProducerImpl::BatchElementSize(const MQMessage& msg) {
  int64_t properties = static_cast<int64_t>(rmq::client::EncodeMessageProperties(msg).size());
  if (msg.getUniqKey().empty()) properties += 8 + 1 + 32 + 1;  // UNIQ_KEY\x01<32 hex>\x02
  return 20 + static_cast<int64_t>(msg.getBody().size()) + 2 + properties;
}

Result<std::vector<ProducerImpl::BatchGroup>> ProducerImpl::EncodeBatch(std::vector<MQMessage>& msgs,
                                                                        std::string&& first_body) const {
  RMQ_RETURN_IF_ERROR(CheckStarted());
  if (msgs.empty()) return rmq::InvalidArgument("the batch is empty");
  const std::string& topic = msgs.front().getTopic();
  // Every message must name this topic, so it is validated once.
  RMQ_RETURN_IF_ERROR(rmq::client::ValidateTopic(topic));
  if (rmq::client::IsRetryTopic(topic)) return rmq::InvalidArgument("a batch cannot go to a %RETRY% topic");
  int64_t estimate = 0;
  for (const auto& msg : msgs) {
    if (msg.getTopic() != topic) {
      return rmq::InvalidArgument("a batch goes to one topic; found " + topic + " and " + msg.getTopic());
    }
    RMQ_RETURN_IF_ERROR(ValidateBody(msg));
    const auto& properties = msg.getProperties();
    if (properties.count(MQMessage::PROPERTY_DELAY_TIME_LEVEL) != 0 && msg.getDelayTimeLevel() > 0) {
      return rmq::InvalidArgument("a batch cannot carry a delay level");
    }
    estimate += 22 + static_cast<int64_t>(msg.getBody().size()) + 64;
  }
  // Split as DefaultMQProducer::splitBatch does, encoding each message's properties once into
  // one reused buffer and appending it to its group's body directly: no per-message strings
  // beyond the UNIQ_KEY the message keeps.
  std::vector<BatchGroup> groups;
  int64_t current = 0;
  std::string properties;
  properties.reserve(256);
  const std::string& uniq_name = MQMessage::PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX;
  for (auto& msg : msgs) {
    auto existing = msg.getProperties().find(uniq_name);
    if (existing == msg.getProperties().end() || existing->second.empty()) {
      msg.setProperty(uniq_name, IdGenerator().Next());
      existing = msg.getProperties().find(uniq_name);
    }
    const std::string& uniq_id = existing->second;
    EncodeProperties(msg, &properties);
    int64_t size = 20 + static_cast<int64_t>(msg.getBody().size()) + 2 + static_cast<int64_t>(properties.size());
    if (groups.empty() || (current + size > max_message_size && !groups.back().body.empty())) {
      groups.emplace_back();
      if (groups.size() == 1) {
        groups.back().body = std::move(first_body);
        groups.back().body.clear();
      }
      groups.back().body.reserve(static_cast<size_t>(std::min<int64_t>(estimate, max_message_size) + 256));
      groups.back().uniq_ids.reserve(msgs.size() * 33);
      current = 0;
    }
    BatchGroup& group = groups.back();
    rmq::AppendBatchElement(msg.getFlag(), msg.getBody(), properties, &group.body);
    if (!group.uniq_ids.empty()) group.uniq_ids += ',';
    group.uniq_ids += uniq_id;
    current += size;
  }
  return groups;
}

Result<SendResult> ProducerImpl::SendBatch(std::vector<MQMessage>& msgs, const std::optional<MQMessageQueue>& mq) {
  RMQ_ASSIGN_OR_RETURN(auto groups, EncodeBatch(msgs));
  const std::string& topic = msgs.front().getTopic();
  std::string ids, offset_ids;
  SendResult first;
  for (size_t g = 0; g < groups.size(); ++g) {
    std::string& body = groups[g].body;
    const std::string& uniq_ids = groups[g].uniq_ids;
    QueueChoice choice;
    choice.fixed = mq;
    int attempts = 1 + (choice.CanRetryElsewhere() ? std::max(0, retry_times) : 0);
    int64_t deadline = rmq::SteadyClockMs() + send_msg_timeout_ms;
    std::optional<std::string> last_broker;
    Status last_error;
    std::optional<SendResult> sent;
    MQMessage outer(topic);
    for (int attempt = 0; attempt < attempts && !sent; ++attempt) {
      int64_t remaining = deadline - rmq::SteadyClockMs();
      if (remaining <= 0) break;
      auto queue = PickQueue(topic, &outer, choice, last_broker);
      if (!queue.ok()) return queue.status();
      auto addr = BrokerAddr(*queue);
      if (!addr.ok()) {
        last_error = addr.status();
        last_broker = queue->broker_name;
        continue;
      }
      int64_t begin = rmq::SteadyClockMs();
      // The last attempt takes the body; earlier ones copy it.
      auto response = instance_->api().SendMessage(*addr, BuildHeader(outer, *queue, 0, true),
                                                   attempt + 1 == attempts ? std::move(body) : body, Millis(remaining));
      UpdateFaultItem(queue->broker_name, rmq::SteadyClockMs() - begin, !response.ok() && IsNetworkError(response.status()));
      if (response.ok()) {
        sent = ToSendResult(std::move(*response), *queue, std::string(uniq_ids));
        break;
      }
      last_error = response.status();
      last_broker = queue->broker_name;
      if (!Retriable(last_error)) return last_error;
    }
    if (!sent) {
      if (last_error.ok()) last_error = rmq::Timeout("batch send to " + topic + " timed out");
      return last_error;
    }
    if (g == 0) first = *sent;
    if (!ids.empty()) ids += ",", offset_ids += ",";
    ids += sent->getMsgId();
    offset_ids += sent->getOffsetMsgId();
  }
  SendResult result(first.getSendStatus(), ids, offset_ids, first.getMessageQueue(), first.getQueueOffset());
  result.setRegionId(first.getRegionId());
  return result;
}

void ProducerImpl::SendBatchAsync(std::vector<MQMessage>& msgs, const std::optional<MQMessageQueue>& mq,
                                  std::function<void(Result<SendResult>)> done) {
  SendBatchAsync(msgs, mq, SendCallbacks{std::move(done), nullptr, nullptr});
}

void ProducerImpl::SendBatchAsync(std::vector<MQMessage>& msgs, const std::optional<MQMessageQueue>& mq,
                                  SendCallbacks done) {
  std::shared_ptr<AsyncSend> send = AcquireAsyncSend();
  auto groups = EncodeBatch(msgs, std::move(send->body));
  if (!groups.ok()) {
    done(groups.status());
    return;
  }
  if (groups->size() > 1) {
    done(rmq::InvalidArgument("the async batch encodes to more than maxMessageSize " +
                              std::to_string(max_message_size) +
                              " bytes; split it with DefaultMQProducer::splitBatch and send each part"));
    return;
  }
  send->producer = shared_from_this();
  send->topic = msgs.front().getTopic();
  send->choice = QueueChoice{mq, nullptr};
  send->done = std::move(done);
  send->attempts_left = 1 + (send->choice.CanRetryElsewhere() ? std::max(0, retry_times_async) : 0);
  const int64_t now = rmq::SteadyClockMs();
  send->deadline_ms = now + send_msg_timeout_ms;
  send->uniq_key = std::move(groups->front().uniq_ids);
  send->body = std::move(groups->front().body);
  // The batch request carries no properties of its own, as the Java MessageBatch.
  FillHeader(MQMessage(send->topic), rmq::MessageQueue{send->topic, std::string(), 0}, 0, true, &send->header);
  AttemptAsync(std::move(send), nullptr, now);
}

Result<std::vector<MQMessageQueue>> ProducerImpl::PublishQueues(const std::string& topic) {
  RMQ_RETURN_IF_ERROR(CheckStarted());
  RMQ_ASSIGN_OR_RETURN(auto info, instance_->GetPublishInfo(topic));
  std::vector<MQMessageQueue> out;
  for (const auto& mq : info->queues()) out.push_back(rmq::client::ToMQMessageQueue(mq));
  return out;
}

}  // namespace rocketmq::internal

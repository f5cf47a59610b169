#include "client/client_instance.h"

#include <algorithm>
#include <random>

#include "client/client_error.h"
#include "client/request_future_table.h"
#include "client/thread_pool.h"
#include "common/json_reader.h"
#include "common/logging.h"
#include "common/message_codec.h"
#include "common/message_properties.h"
#include "common/perm.h"
#include "remoting/consumer_headers.h"
#include "remoting/request_code.h"
#include "remoting/request_processor.h"
#include "remoting/response_code.h"

namespace rmq::client {

using remoting::RemotingCommand;
using remoting::RequestCode;
using remoting::ResponseCode;

namespace {

constexpr const char* kAutoCreateTopicKey = "TBW102";
constexpr int kDefaultTopicQueueNums = 4;

std::mutex& RegistryMutex() {
  static std::mutex mutex;
  return mutex;
}

std::map<std::string, std::shared_ptr<ClientInstance>>& Registry() {
  static auto* registry = new std::map<std::string, std::shared_ptr<ClientInstance>>();
  return *registry;
}

std::shared_ptr<spdlog::logger> Log() {
  static auto logger = GetLogger("client");
  return logger;
}

}  // namespace

// Serves the requests brokers send down the client's connections.
class ClientInstance::Processor : public remoting::RequestProcessor {
 public:
  explicit Processor(ClientInstance& instance) : instance_(instance) {}

  asio::awaitable<std::optional<RemotingCommand>> Process(remoting::RequestContext& context,
                                                          RemotingCommand request) override {
    switch (request.code()) {
      case RequestCode::kCheckTransactionState:
        instance_.OnCheckTransactionState(context.remote_address, std::move(request));
        co_return std::nullopt;
      case RequestCode::kNotifyConsumerIdsChanged: {
        auto header = remoting::DecodeCustomHeader<remoting::NotifyConsumerIdsChangedRequestHeader>(request);
        instance_.OnNotifyConsumerIdsChanged(header.ok() ? header->consumer_group : "");
        co_return std::nullopt;
      }
      case RequestCode::kResetConsumerClientOffset:
        instance_.OnResetOffset(request);
        co_return std::nullopt;
      case RequestCode::kPushReplyMessageToClient:
        co_return RequestFutureTable::Instance().OnPushReply(request, context.remote_address);
      case RequestCode::kGetConsumerRunningInfo: {
        auto header = remoting::DecodeCustomHeader<remoting::GetConsumerRunningInfoRequestHeader>(request);
        std::optional<std::string> info;
        if (header.ok()) info = instance_.OnGetConsumerRunningInfo(header->consumer_group);
        if (!info) {
          co_return RemotingCommand::CreateResponse(request, ResponseCode::kSystemError,
                                                    "The Consumer Group not exist in this consumer");
        }
        RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
        response.set_body(std::move(*info));
        co_return response;
      }
      case RequestCode::kConsumeMessageDirectly: {
        auto result = instance_.OnConsumeMessageDirectly(request);
        if (!result) {
          co_return RemotingCommand::CreateResponse(request, ResponseCode::kSystemError,
                                                    "The Consumer Group not exist in this consumer");
        }
        RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
        response.set_body(std::move(*result));
        co_return response;
      }
      default:
        co_return RemotingCommand::CreateResponse(
            request, ResponseCode::kRequestCodeNotSupported,
            " request type " + std::to_string(request.code()) + " not supported");
    }
  }

 private:
  ClientInstance& instance_;
};

Result<std::shared_ptr<ClientInstance>> ClientInstance::Acquire(const ClientSettings& settings) {
  RMQ_ASSIGN_OR_RETURN(std::vector<std::string> addrs, ResolveNamesrvAddrs(settings.namesrv_addr));
  std::string client_id = BuildClientId(settings.instance_name, settings.unit_name);
  std::string key = client_id;
  for (const auto& addr : addrs) key += ";" + addr;
  std::lock_guard lock(RegistryMutex());
  auto& registry = Registry();
  auto it = registry.find(key);
  if (it != registry.end()) {
    ++it->second->users_;
    return it->second;
  }
  std::shared_ptr<ClientInstance> instance(new ClientInstance(settings, addrs, client_id));
  instance->registry_key_ = key;
  instance->users_ = 1;
  instance->Start();
  registry[key] = instance;
  return instance;
}

void ClientInstance::Release() {
  std::shared_ptr<ClientInstance> last;
  {
    std::lock_guard lock(RegistryMutex());
    if (--users_ > 0) return;
    auto it = Registry().find(registry_key_);
    if (it != Registry().end()) {
      last = std::move(it->second);
      Registry().erase(it);
    }
  }
  Shutdown();
}

ClientInstance::ClientInstance(ClientSettings settings, std::vector<std::string> namesrv_addrs, std::string client_id)
    : settings_(std::move(settings)),
      namesrv_addrs_(std::move(namesrv_addrs)),
      client_id_(std::move(client_id)),
      io_(settings_.io_threads > 0 ? settings_.io_threads : 2, "rmq-client-io"),
      scheduler_("rmq-client-tmr") {
  remoting::RemotingClientConfig config;
  config.connect_timeout = Millis(settings_.connect_timeout_ms);
  remoting_ = std::make_unique<remoting::RemotingClient>(io_, config);
  processor_ = std::make_unique<Processor>(*this);
  for (int32_t code : {RequestCode::kCheckTransactionState, RequestCode::kNotifyConsumerIdsChanged,
                       RequestCode::kResetConsumerClientOffset, RequestCode::kGetConsumerRunningInfo,
                       RequestCode::kConsumeMessageDirectly, RequestCode::kGetConsumerStatusFromClient,
                       RequestCode::kPushReplyMessageToClient}) {
    remoting_->RegisterProcessor(code, *processor_);
  }
  api_ = std::make_unique<ClientApi>(*remoting_, Millis(settings_.request_timeout_ms));
  callback_pool_ = std::make_unique<ThreadPool>(1, "rmq-client-cb");
  std::random_device rd;
  namesrv_index_ = rd() % namesrv_addrs_.size();
}

ClientInstance::~ClientInstance() { Shutdown(); }

void ClientInstance::Start() {
  io_.Start();
  scheduler_.Start();
  std::weak_ptr<ClientInstance> weak = weak_from_this();
  auto every = [&](Millis initial, Millis period, void (*fn)(ClientInstance&)) {
    scheduler_.ScheduleAtFixedRate(initial, period, [weak, fn] {
      if (auto self = weak.lock()) fn(*self);
    });
  };
  every(Millis(10), Millis(30000), [](ClientInstance& self) { self.UpdateAllRoutes(); });
  every(Millis(1000), Millis(30000), [](ClientInstance& self) { self.SendHeartbeatToAllBrokers(); });
  every(Millis(5000), Millis(5000), [](ClientInstance& self) {
    for (auto& consumer : self.Consumers()) consumer->PersistOffsets();
  });
  every(Millis(20000), Millis(20000), [](ClientInstance& self) {
    for (auto& consumer : self.Consumers()) consumer->DoRebalance();
  });
  every(Millis(1000), Millis(20000), [](ClientInstance& self) {
    for (auto& consumer : self.Consumers()) consumer->RenewLocks();
  });
  Log()->info("client instance {} started with name servers {}", client_id_, settings_.namesrv_addr);
}

void ClientInstance::Shutdown() {
  scheduler_.Stop();
  if (callback_pool_) callback_pool_->Shutdown();
  if (remoting_) remoting_->Shutdown();
  io_.Stop();
  io_.Join();
}

Status ClientInstance::RegisterProducer(const std::string& group, std::weak_ptr<ProducerHandle> producer) {
  std::lock_guard lock(mutex_);
  auto it = producers_.find(group);
  if (it != producers_.end() && !it->second.expired()) {
    return Status(StatusCode::kAlreadyExists, "producer group " + group +
                                                  " is already started in this process with instance name " +
                                                  settings_.instance_name + "; use another instance name");
  }
  producers_[group] = std::move(producer);
  return Status::Ok();
}

void ClientInstance::UnregisterProducer(const std::string& group) {
  std::lock_guard lock(mutex_);
  producers_.erase(group);
}

Status ClientInstance::RegisterConsumer(const std::string& group, std::weak_ptr<ConsumerHandle> consumer) {
  std::lock_guard lock(mutex_);
  auto it = consumers_.find(group);
  if (it != consumers_.end() && !it->second.expired()) {
    return Status(StatusCode::kAlreadyExists, "consumer group " + group +
                                                  " is already started in this process with instance name " +
                                                  settings_.instance_name + "; use another instance name");
  }
  consumers_[group] = std::move(consumer);
  return Status::Ok();
}

void ClientInstance::UnregisterConsumer(const std::string& group) {
  std::lock_guard lock(mutex_);
  consumers_.erase(group);
}

std::vector<std::shared_ptr<ConsumerHandle>> ClientInstance::Consumers() {
  std::vector<std::shared_ptr<ConsumerHandle>> out;
  std::lock_guard lock(mutex_);
  for (auto& [group, weak] : consumers_) {
    if (auto consumer = weak.lock()) out.push_back(std::move(consumer));
  }
  return out;
}

std::shared_ptr<ConsumerHandle> ClientInstance::Consumer(const std::string& group) {
  std::lock_guard lock(mutex_);
  auto it = consumers_.find(group);
  return it == consumers_.end() ? nullptr : it->second.lock();
}

Result<TopicRouteData> ClientInstance::UpdateTopicRoute(const std::string& topic) {
  Status last;
  size_t start;
  {
    std::lock_guard lock(mutex_);
    start = namesrv_index_;
  }
  for (size_t i = 0; i < namesrv_addrs_.size(); ++i) {
    size_t index = (start + i) % namesrv_addrs_.size();
    auto route = api_->GetTopicRouteInfo(namesrv_addrs_[index], topic);
    if (route.ok()) {
      ApplyRoute(topic, *route);
      return route;
    }
    last = route.status();
    // A definite answer from a live name server ends the search.
    if (ResponseCodeOf(last) == ResponseCode::kTopicNotExist) return last;
    std::lock_guard lock(mutex_);
    namesrv_index_ = (index + 1) % namesrv_addrs_.size();
  }
  return last;
}

void ClientInstance::ApplyRoute(const std::string& topic, const TopicRouteData& route) {
  auto info = std::make_shared<TopicPublishInfo>(TopicPublishInfo::FromRoute(topic, route));
  bool learned_broker = false;
  {
    std::lock_guard lock(mutex_);
    routes_[topic] = route;
    publish_[topic] = std::move(info);
    topics_.insert(topic);
    for (const auto& broker : route.broker_datas) {
      auto& known = broker_addrs_[broker.broker_name];
      learned_broker |= known != broker.broker_addrs;
      known = broker.broker_addrs;
    }
  }
  if (learned_broker) HeartbeatSoon();
}

void ClientInstance::UpdateAllRoutes() {
  std::set<std::string> topics;
  {
    std::lock_guard lock(mutex_);
    topics = topics_;
  }
  for (auto& consumer : Consumers()) {
    for (auto& topic : consumer->SubscribedTopics()) topics.insert(topic);
  }
  for (const auto& topic : topics) {
    if (topic == kAutoCreateTopicKey) continue;
    auto route = UpdateTopicRoute(topic);
    if (!route.ok()) Log()->debug("route refresh of {} failed: {}", topic, route.status().ToString());
  }
}

Result<std::shared_ptr<const TopicPublishInfo>> ClientInstance::GetPublishInfo(const std::string& topic) {
  {
    std::lock_guard lock(mutex_);
    auto it = publish_.find(topic);
    if (it != publish_.end() && it->second->ok()) return it->second;
  }
  auto route = UpdateTopicRoute(topic);
  if (route.ok()) {
    std::lock_guard lock(mutex_);
    auto it = publish_.find(topic);
    if (it != publish_.end() && it->second->ok()) return it->second;
  }
  // As the Java and C++ producers: build the queues from TBW102 so the broker auto-creates it.
  auto fallback = api_->GetTopicRouteInfo(namesrv_addrs_[0], kAutoCreateTopicKey);
  if (fallback.ok()) {
    TopicRouteData derived = *fallback;
    for (auto& qd : derived.queue_datas) {
      qd.read_queue_nums = std::min(kDefaultTopicQueueNums, qd.read_queue_nums);
      qd.write_queue_nums = std::min(kDefaultTopicQueueNums, qd.write_queue_nums);
    }
    auto info = std::make_shared<TopicPublishInfo>(TopicPublishInfo::FromRoute(topic, derived));
    if (info->ok()) {
      bool learned_broker = false;
      {
        std::lock_guard lock(mutex_);
        for (const auto& broker : derived.broker_datas) {
          auto& known = broker_addrs_[broker.broker_name];
          learned_broker |= known != broker.broker_addrs;
          known = broker.broker_addrs;
        }
        topics_.insert(topic);
      }
      if (learned_broker) HeartbeatSoon();
      return std::shared_ptr<const TopicPublishInfo>(info);
    }
  }
  std::string why = route.ok() ? "the route has no writable queue with a master"
                               : route.status().message();
  return NotFound("No route info of this topic: " + topic +
                  " — the topic does not exist and auto-create is off; create it with mqadmin updateTopic (" + why +
                  ")");
}

Result<std::vector<MessageQueue>> ClientInstance::GetSubscribeQueues(const std::string& topic) {
  TopicRouteData route;
  bool cached = false;
  {
    std::lock_guard lock(mutex_);
    auto it = routes_.find(topic);
    if (it != routes_.end()) {
      route = it->second;
      cached = true;
    }
  }
  if (!cached) {
    auto fetched = UpdateTopicRoute(topic);
    if (!fetched.ok()) {
      return NotFound("No route info of this topic: " + topic +
                      " — create it with mqadmin updateTopic, or check the name server address (" +
                      fetched.status().message() + ")");
    }
    route = std::move(fetched).value();
  }
  std::vector<MessageQueue> queues;
  for (const auto& qd : route.queue_datas) {
    if (!Perm::IsReadable(qd.perm)) continue;
    for (int q = 0; q < qd.read_queue_nums; ++q) queues.push_back(MessageQueue{topic, qd.broker_name, q});
  }
  std::sort(queues.begin(), queues.end());
  return queues;
}

std::optional<std::string> ClientInstance::FindBrokerMaster(const std::string& broker_name) {
  std::lock_guard lock(mutex_);
  auto it = broker_addrs_.find(broker_name);
  if (it == broker_addrs_.end()) return std::nullopt;
  auto master = it->second.find(kMasterBrokerId);
  if (master == it->second.end()) return std::nullopt;
  return master->second;
}

std::optional<std::string> ClientInstance::FindBrokerForPull(const std::string& broker_name, int64_t suggested_id) {
  std::lock_guard lock(mutex_);
  auto it = broker_addrs_.find(broker_name);
  if (it == broker_addrs_.end() || it->second.empty()) return std::nullopt;
  auto suggested = it->second.find(suggested_id);
  if (suggested != it->second.end()) return suggested->second;
  auto master = it->second.find(kMasterBrokerId);
  if (master != it->second.end()) return master->second;
  return it->second.begin()->second;
}

Result<std::vector<std::string>> ClientInstance::FindConsumerIds(const std::string& topic, const std::string& group) {
  std::vector<std::string> candidates;
  {
    std::lock_guard lock(mutex_);
    auto route = routes_.find(topic);
    if (route != routes_.end()) {
      for (const auto& broker : route->second.broker_datas) {
        auto master = broker.broker_addrs.find(kMasterBrokerId);
        if (master != broker.broker_addrs.end()) {
          candidates.push_back(master->second);
        } else if (!broker.broker_addrs.empty()) {
          candidates.push_back(broker.broker_addrs.begin()->second);
        }
      }
    }
  }
  if (candidates.empty()) return NotFound("no broker known for topic " + topic);
  std::shuffle(candidates.begin(), candidates.end(), std::mt19937(std::random_device{}()));
  Status last;
  for (const auto& addr : candidates) {
    auto ids = api_->GetConsumerIdListByGroup(addr, group);
    if (ids.ok()) {
      std::sort(ids->begin(), ids->end());
      return ids;
    }
    last = ids.status();
  }
  return last;
}

std::vector<std::string> ClientInstance::AllBrokerAddrs(bool masters_only) {
  std::vector<std::string> out;
  std::lock_guard lock(mutex_);
  for (const auto& [name, addrs] : broker_addrs_) {
    for (const auto& [id, addr] : addrs) {
      if (masters_only && id != kMasterBrokerId) continue;
      out.push_back(addr);
    }
  }
  return out;
}

void ClientInstance::SendHeartbeatToAllBrokers() {
  HeartbeatData heartbeat;
  heartbeat.client_id = client_id_;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [group, weak] : producers_) {
      if (!weak.expired()) heartbeat.producer_groups.push_back(group);
    }
  }
  for (auto& consumer : Consumers()) heartbeat.consumers.push_back(consumer->Heartbeat());
  if (heartbeat.producer_groups.empty() && heartbeat.consumers.empty()) return;
  for (const auto& addr : AllBrokerAddrs(heartbeat.consumers.empty())) {
    Status status = api_->SendHeartbeat(addr, heartbeat);
    if (!status.ok()) Log()->warn("heartbeat to {} failed: {}", addr, status.ToString());
  }
}

void ClientInstance::HeartbeatSoon() {
  std::weak_ptr<ClientInstance> weak = weak_from_this();
  scheduler_.Schedule(Millis(0), [weak] {
    if (auto self = weak.lock()) self->SendHeartbeatToAllBrokers();
  });
}

void ClientInstance::RebalanceSoon() {
  std::weak_ptr<ClientInstance> weak = weak_from_this();
  scheduler_.Schedule(Millis(0), [weak] {
    if (auto self = weak.lock()) {
      for (auto& consumer : self->Consumers()) consumer->DoRebalance();
    }
  });
}

void ClientInstance::UnregisterClientFromBrokers(const std::optional<std::string>& producer_group,
                                                 const std::optional<std::string>& consumer_group) {
  for (const auto& addr : AllBrokerAddrs(false)) {
    Status status = api_->UnregisterClient(addr, client_id_, producer_group, consumer_group);
    if (!status.ok()) Log()->debug("unregister from {} failed: {}", addr, status.ToString());
  }
}

void ClientInstance::OnCheckTransactionState(const std::string& broker_addr, RemotingCommand request) {
  auto header = remoting::DecodeCustomHeader<remoting::CheckTransactionStateRequestHeader>(request);
  auto msg = DecodeMessage(request.body());
  if (!header.ok() || !msg.ok()) {
    Log()->warn("bad CHECK_TRANSACTION_STATE from {}", broker_addr);
    return;
  }
  auto group = FindProperty(msg->properties, property::kProducerGroup);
  std::shared_ptr<ProducerHandle> producer;
  if (group) {
    std::lock_guard lock(mutex_);
    auto it = producers_.find(std::string(*group));
    if (it != producers_.end()) producer = it->second.lock();
  }
  if (!producer) {
    Log()->warn("CHECK_TRANSACTION_STATE from {} for producer group {} not in this process", broker_addr,
                group ? std::string(*group) : "(none)");
    return;
  }
  callback_pool_->Submit([producer, broker_addr, msg = std::move(msg).value(), header = std::move(header).value()] {
    producer->CheckTransactionState(broker_addr, msg, header);
  });
}

void ClientInstance::OnNotifyConsumerIdsChanged(const std::string& group) {
  Log()->info("consumer ids of group {} changed; rebalancing", group);
  RebalanceSoon();
}

void ClientInstance::OnResetOffset(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::ResetOffsetRequestHeader>(request);
  if (!header.ok()) return;
  auto consumer = Consumer(header->group);
  if (!consumer) return;
  std::map<MessageQueue, int64_t> offsets;
  auto json = ParseLenientJson(request.body(), "ResetOffsetBody");
  if (!json.ok()) return;
  // Java form: {"offsetTable":{{mq}:offset}} (object keys arrive as their JSON text); C++ form:
  // {"offsetTable":[{"brokerName":..,"queueId":..,"topic":..,"offset":n}]}.
  auto table = json->find("offsetTable");
  if (table == json->end()) return;
  if (table->is_object()) {
    for (auto it = table->begin(); it != table->end(); ++it) {
      auto key = ParseLenientJson(it.key(), "MessageQueue");
      if (!key.ok()) continue;
      auto mq = MessageQueue::FromJson(*key);
      int64_t offset = 0;
      if (mq.ok() && JsonValueToInt(it.value(), "offset", &offset).ok()) offsets[*mq] = offset;
    }
  } else if (table->is_array()) {
    for (const auto& element : *table) {
      auto mq = MessageQueue::FromJson(element);
      int64_t offset = 0;
      if (mq.ok() && ReadJsonInt(element, "offset", &offset).ok()) offsets[*mq] = offset;
    }
  }
  std::string topic = header->topic;
  std::weak_ptr<ConsumerHandle> weak = consumer;
  scheduler_.Schedule(Millis(0), [weak, topic, offsets] {
    if (auto c = weak.lock()) c->ResetOffset(topic, offsets);
  });
}

std::optional<std::string> ClientInstance::OnGetConsumerRunningInfo(const std::string& group) {
  auto consumer = Consumer(group);
  if (!consumer) return std::nullopt;
  return consumer->RunningInfo();
}

std::optional<std::string> ClientInstance::OnConsumeMessageDirectly(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::ConsumeMessageDirectlyResultRequestHeader>(request);
  if (!header.ok()) return std::nullopt;
  auto consumer = Consumer(header->consumer_group);
  if (!consumer) return std::nullopt;
  auto msg = DecodeMessage(request.body());
  if (!msg.ok()) return std::nullopt;
  return consumer->ConsumeDirectly(*msg, header->broker_name.value_or(""));
}

}  // namespace rmq::client

#include "namesrv/route_info_manager.h"

#include <chrono>
#include <mutex>

#include "common/logging.h"
#include "common/perm.h"

namespace rmq::namesrv {
namespace {

std::string Describe(const std::string& cluster, const std::string& addr) {
  return "BrokerAddrInfo [clusterName=" + cluster + ", brokerAddr=" + addr + "]";
}

}  // namespace

int64_t SteadyNowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

RouteInfoManager::RouteInfoManager(Clock clock, int64_t default_timeout_millis)
    : clock_(std::move(clock)), default_timeout_millis_(default_timeout_millis) {}

void RouteInfoManager::set_default_timeout_millis(int64_t millis) {
  std::unique_lock lock(mutex_);
  default_timeout_millis_ = millis;
}

Result<RegisterBrokerResult> RouteInfoManager::RegisterBroker(const BrokerRegistration& r,
                                                              bool delete_topic_with_broker_registration) {
  auto logger = GetLogger("namesrv");
  const auto& table = r.topic_config.topic_config_table;
  std::unique_lock lock(mutex_);

  // Checks that can refuse the registration come before any change.
  auto existing = broker_addr_table_.find(r.broker_name);
  bool id_known = existing != broker_addr_table_.end() && existing->second.broker_addrs.count(r.broker_id) > 0;
  if (!id_known && table.size() == 1) {
    logger->warn("Can't register topic config of broker[{}]={} because it has not registered yet", r.broker_id,
                 r.broker_addr);
    return Internal("register broker failed");
  }
  if (id_known) {
    // A registration carrying an older stateVersion than the address already holding this id
    // is stale (RouteInfoManager#registerBroker).
    const std::string& old_addr = existing->second.broker_addrs.at(r.broker_id);
    if (old_addr != r.broker_addr) {
      auto old_live = broker_live_table_.find({r.cluster_name, old_addr});
      if (old_live != broker_live_table_.end() &&
          old_live->second.data_version.state_version > r.topic_config.data_version.state_version) {
        logger->warn("Registered broker conflicts with the existing broker, the state version of {} is older; "
                     "keeping {}",
                     r.broker_addr, old_addr);
        broker_live_table_.erase({r.cluster_name, r.broker_addr});
        return RegisterBrokerResult{};
      }
    }
  }

  cluster_addr_table_[r.cluster_name].insert(r.broker_name);
  bool register_first = false;
  auto [it, inserted] = broker_addr_table_.try_emplace(r.broker_name);
  BrokerData& broker_data = it->second;
  if (inserted) {
    register_first = true;
    broker_data.cluster = r.cluster_name;
    broker_data.broker_name = r.broker_name;
  }
  broker_data.enable_acting_master = r.enable_acting_master.value_or(false);
  broker_data.zone_name = r.zone_name;

  // A slave promoted to master keeps its address under a new id: drop the old id.
  std::erase_if(broker_data.broker_addrs,
                [&](const auto& entry) { return entry.second == r.broker_addr && entry.first != r.broker_id; });
  auto previous = broker_data.broker_addrs.find(r.broker_id);
  register_first = register_first || previous == broker_data.broker_addrs.end() || previous->second.empty();
  broker_data.broker_addrs[r.broker_id] = r.broker_addr;

  const BrokerAddrKey key{r.cluster_name, r.broker_addr};
  if (r.broker_id == kMasterBrokerId) {
    if (delete_topic_with_broker_registration) {
      for (auto topic = topic_queue_table_.begin(); topic != topic_queue_table_.end();) {
        if (table.count(topic->first) == 0) topic->second.erase(r.broker_name);
        topic = topic->second.empty() ? topic_queue_table_.erase(topic) : std::next(topic);
      }
    }
    for (const auto& [topic, config] : table) {
      if (!register_first && !IsTopicConfigChangedLocked(key, r.topic_config.data_version, r.broker_name, topic)) {
        continue;
      }
      QueueData queue{r.broker_name, config.read_queue_nums, config.write_queue_nums, config.perm,
                      config.topic_sys_flag};
      auto& queues = topic_queue_table_[topic];
      auto old = queues.find(r.broker_name);
      if (old == queues.end()) {
        logger->info("new topic registered, {} {}", topic, r.broker_name);
      } else if (!(old->second == queue)) {
        logger->info("topic changed, {} OLD: perm={} read={} write={} NEW: perm={} read={} write={}", topic,
                     old->second.perm, old->second.read_queue_nums, old->second.write_queue_nums, queue.perm,
                     queue.read_queue_nums, queue.write_queue_nums);
      }
      queues[r.broker_name] = queue;
    }
  }

  BrokerLiveInfo live;
  live.last_update_timestamp = clock_();
  live.heartbeat_timeout_millis = r.heartbeat_timeout_millis.value_or(0);
  live.data_version = r.topic_config.data_version;
  live.ha_server_addr = r.ha_server_addr;
  bool new_broker = broker_live_table_.insert_or_assign(key, std::move(live)).second;
  if (new_broker) logger->info("new broker registered, {} HAService: {}", Describe(key.first, key.second), r.ha_server_addr);

  if (r.filter_server_list.empty()) {
    filter_server_table_.erase(key);
  } else {
    filter_server_table_[key] = r.filter_server_list;
  }

  RegisterBrokerResult result;
  if (r.broker_id != kMasterBrokerId) {
    auto master = broker_data.broker_addrs.find(kMasterBrokerId);
    if (master != broker_data.broker_addrs.end()) {
      auto master_live = broker_live_table_.find({r.cluster_name, master->second});
      if (master_live != broker_live_table_.end()) {
        result.master_addr = master->second;
        result.ha_server_addr = master_live->second.ha_server_addr;
      }
    }
  }
  return result;
}

bool RouteInfoManager::IsTopicConfigChangedLocked(const BrokerAddrKey& key, const DataVersion& version,
                                                  const std::string& broker_name, const std::string& topic) const {
  auto live = broker_live_table_.find(key);
  if (live == broker_live_table_.end() || !(live->second.data_version == version)) return true;
  auto queues = topic_queue_table_.find(topic);
  return queues == topic_queue_table_.end() || queues->second.count(broker_name) == 0;
}

void RouteInfoManager::UnregisterBroker(const std::string& cluster_name, const std::string& broker_addr,
                                        const std::string& broker_name, int64_t broker_id) {
  std::unique_lock lock(mutex_);
  UnregisterBrokerLocked(cluster_name, broker_addr, broker_name, broker_id);
}

void RouteInfoManager::UnregisterBrokerLocked(const std::string& cluster_name, const std::string& broker_addr,
                                              const std::string& broker_name, int64_t broker_id) {
  auto logger = GetLogger("namesrv");
  const BrokerAddrKey key{cluster_name, broker_addr};
  bool was_live = broker_live_table_.erase(key) > 0;
  filter_server_table_.erase(key);
  logger->info("unregisterBroker, remove from brokerLiveTable {}, {}", was_live ? "OK" : "Failed",
               Describe(cluster_name, broker_addr));

  bool remove_broker_name = false;
  auto data = broker_addr_table_.find(broker_name);
  if (data != broker_addr_table_.end()) {
    // Java removes by address, whatever id the request names.
    std::erase_if(data->second.broker_addrs, [&](const auto& entry) { return entry.second == broker_addr; });
    if (data->second.broker_addrs.empty()) {
      broker_addr_table_.erase(data);
      remove_broker_name = true;
      logger->info("unregisterBroker, remove name from brokerAddrTable OK, {}", broker_name);
    }
  }
  (void)broker_id;
  if (remove_broker_name) {
    auto cluster = cluster_addr_table_.find(cluster_name);
    if (cluster != cluster_addr_table_.end()) {
      cluster->second.erase(broker_name);
      if (cluster->second.empty()) {
        cluster_addr_table_.erase(cluster);
        logger->info("unregisterBroker, remove cluster from clusterAddrTable {}", cluster_name);
      }
    }
    RemoveBrokerNameFromTopicsLocked(broker_name);
  }
}

void RouteInfoManager::RemoveBrokerNameFromTopicsLocked(const std::string& broker_name) {
  for (auto topic = topic_queue_table_.begin(); topic != topic_queue_table_.end();) {
    if (topic->second.erase(broker_name) > 0) {
      GetLogger("namesrv")->info("removeTopicByBrokerName, remove one broker's topic {} {}", broker_name, topic->first);
    }
    if (topic->second.empty()) {
      GetLogger("namesrv")->info("removeTopicByBrokerName, remove the topic all queue {}", topic->first);
      topic = topic_queue_table_.erase(topic);
    } else {
      ++topic;
    }
  }
}

bool RouteInfoManager::IsBrokerTopicConfigChanged(const std::string& cluster_name, const std::string& broker_addr,
                                                  const DataVersion& version) const {
  std::shared_lock lock(mutex_);
  auto live = broker_live_table_.find({cluster_name, broker_addr});
  return live == broker_live_table_.end() || !(live->second.data_version == version);
}

std::optional<DataVersion> RouteInfoManager::QueryBrokerTopicConfig(const std::string& cluster_name,
                                                                    const std::string& broker_addr) const {
  std::shared_lock lock(mutex_);
  auto live = broker_live_table_.find({cluster_name, broker_addr});
  if (live == broker_live_table_.end()) return std::nullopt;
  return live->second.data_version;
}

void RouteInfoManager::UpdateBrokerInfoUpdateTimestamp(const std::string& cluster_name,
                                                       const std::string& broker_addr) {
  std::unique_lock lock(mutex_);
  auto live = broker_live_table_.find({cluster_name, broker_addr});
  if (live != broker_live_table_.end()) live->second.last_update_timestamp = clock_();
}

std::vector<ExpiredBroker> RouteInfoManager::ScanNotActiveBroker() {
  std::unique_lock lock(mutex_);
  const int64_t now = clock_();
  std::vector<ExpiredBroker> expired;
  for (const auto& [key, live] : broker_live_table_) {
    int64_t timeout = live.heartbeat_timeout_millis > 0 ? live.heartbeat_timeout_millis : default_timeout_millis_;
    if (live.last_update_timestamp + timeout < now) {
      expired.push_back({key.first, key.second, now - live.last_update_timestamp});
    }
  }
  for (const ExpiredBroker& broker : expired) {
    GetLogger("namesrv")->warn("The broker channel expired, {} {}ms", Describe(broker.cluster_name, broker.broker_addr),
                               broker.silent_millis);
    // As onChannelDestroy: find the group and id that hold this address in the cluster.
    std::string broker_name;
    int64_t broker_id = -1;
    for (const auto& [name, data] : broker_addr_table_) {
      if (data.cluster != broker.cluster_name) continue;
      for (const auto& [id, addr] : data.broker_addrs) {
        if (addr == broker.broker_addr) {
          broker_name = name;
          broker_id = id;
        }
      }
    }
    UnregisterBrokerLocked(broker.cluster_name, broker.broker_addr, broker_name, broker_id);
  }
  return expired;
}

std::optional<TopicRouteData> RouteInfoManager::PickupTopicRouteData(const std::string& topic) const {
  std::shared_lock lock(mutex_);
  auto queues = topic_queue_table_.find(topic);
  if (queues == topic_queue_table_.end() || queues->second.empty()) return std::nullopt;
  TopicRouteData route;
  for (const auto& [broker_name, queue] : queues->second) {
    route.queue_datas.push_back(queue);
    auto data = broker_addr_table_.find(broker_name);
    if (data == broker_addr_table_.end()) continue;
    route.broker_datas.push_back(data->second);
    for (const auto& [id, addr] : data->second.broker_addrs) {
      auto filters = filter_server_table_.find({data->second.cluster, addr});
      if (filters != filter_server_table_.end()) route.filter_server_table[addr] = filters->second;
    }
  }
  if (route.broker_datas.empty()) return std::nullopt;
  return route;
}

ClusterInfo RouteInfoManager::GetAllClusterInfo() const {
  std::shared_lock lock(mutex_);
  ClusterInfo info;
  info.broker_addr_table = broker_addr_table_;
  info.cluster_addr_table = cluster_addr_table_;
  return info;
}

TopicList RouteInfoManager::GetAllTopicList() const {
  std::shared_lock lock(mutex_);
  TopicList list;
  for (const auto& [topic, queues] : topic_queue_table_) list.topic_list.insert(topic);
  return list;
}

TopicList RouteInfoManager::GetTopicsByCluster(const std::string& cluster) const {
  std::shared_lock lock(mutex_);
  TopicList list;
  auto names = cluster_addr_table_.find(cluster);
  if (names == cluster_addr_table_.end()) return list;
  for (const auto& [topic, queues] : topic_queue_table_) {
    for (const auto& broker_name : names->second) {
      if (queues.count(broker_name) > 0) {
        list.topic_list.insert(topic);
        break;
      }
    }
  }
  return list;
}

TopicList RouteInfoManager::GetSystemTopicList() const {
  std::shared_lock lock(mutex_);
  TopicList list;
  for (const auto& [cluster, names] : cluster_addr_table_) {
    list.topic_list.insert(cluster);
    list.topic_list.insert(names.begin(), names.end());
  }
  for (const auto& [name, data] : broker_addr_table_) {
    if (!data.broker_addrs.empty()) {
      list.broker_addr = data.broker_addrs.begin()->second;
      break;
    }
  }
  return list;
}

TopicList RouteInfoManager::TopicsWhereLocked(const std::function<bool(int32_t)>& sys_flag_matches) const {
  TopicList list;
  for (const auto& [topic, queues] : topic_queue_table_) {
    // Java looks at the first broker's flag only.
    if (!queues.empty() && sys_flag_matches(queues.begin()->second.topic_sys_flag)) list.topic_list.insert(topic);
  }
  return list;
}

TopicList RouteInfoManager::GetUnitTopics() const {
  std::shared_lock lock(mutex_);
  return TopicsWhereLocked([](int32_t flag) { return TopicSysFlag::HasUnitFlag(flag); });
}

TopicList RouteInfoManager::GetHasUnitSubTopicList() const {
  std::shared_lock lock(mutex_);
  return TopicsWhereLocked([](int32_t flag) { return TopicSysFlag::HasUnitSubFlag(flag); });
}

TopicList RouteInfoManager::GetHasUnitSubUnUnitTopicList() const {
  std::shared_lock lock(mutex_);
  return TopicsWhereLocked(
      [](int32_t flag) { return !TopicSysFlag::HasUnitFlag(flag) && TopicSysFlag::HasUnitSubFlag(flag); });
}

void RouteInfoManager::DeleteTopic(const std::string& topic, const std::optional<std::string>& cluster_name) {
  std::unique_lock lock(mutex_);
  auto queues = topic_queue_table_.find(topic);
  if (queues == topic_queue_table_.end()) return;
  if (!cluster_name) {
    topic_queue_table_.erase(queues);
    return;
  }
  auto names = cluster_addr_table_.find(*cluster_name);
  if (names == cluster_addr_table_.end()) return;
  for (const auto& broker_name : names->second) queues->second.erase(broker_name);
  if (queues->second.empty()) topic_queue_table_.erase(queues);
}

Status RouteInfoManager::RegisterTopic(const std::string& topic, const std::vector<QueueData>& queue_datas) {
  if (queue_datas.empty()) return Status::Ok();
  std::unique_lock lock(mutex_);
  for (const QueueData& queue : queue_datas) {
    if (broker_addr_table_.count(queue.broker_name) == 0) {
      return InvalidArgument("register topic " + topic + ": broker " + queue.broker_name + " is not registered");
    }
  }
  auto& queues = topic_queue_table_[topic];
  for (const QueueData& queue : queue_datas) queues[queue.broker_name] = queue;
  GetLogger("namesrv")->info("register topic {} on {} broker group(s)", topic, queue_datas.size());
  return Status::Ok();
}

int32_t RouteInfoManager::OperateWritePermLocked(const std::string& broker_name, bool wipe) {
  int32_t count = 0;
  for (auto& [topic, queues] : topic_queue_table_) {
    auto queue = queues.find(broker_name);
    if (queue == queues.end()) continue;
    int32_t& perm = queue->second.perm;
    perm = wipe ? (perm & ~Perm::kWrite) : (Perm::kRead | Perm::kWrite);  // as Java: RW, not perm|W
    ++count;
  }
  return count;
}

int32_t RouteInfoManager::WipeWritePermOfBroker(const std::string& broker_name) {
  std::unique_lock lock(mutex_);
  return OperateWritePermLocked(broker_name, /*wipe=*/true);
}

int32_t RouteInfoManager::AddWritePermOfBroker(const std::string& broker_name) {
  std::unique_lock lock(mutex_);
  return OperateWritePermLocked(broker_name, /*wipe=*/false);
}

}  // namespace rmq::namesrv

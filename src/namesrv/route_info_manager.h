// RouteInfoManager: the name server's in-memory route tables, rebuilt purely from broker
// registrations (RouteInfoManager.java; reference/routing-and-clients.md §1). Thread-safe: all
// tables sit under one std::shared_mutex — lookups share it, registrations take it exclusively.
// Time comes from an injected clock so tests can expire brokers without sleeping.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

#include "common/cluster_info.h"
#include "common/data_version.h"
#include "common/register_broker_body.h"
#include "common/route_data.h"
#include "common/status.h"
#include "common/topic_list.h"

namespace rmq::namesrv {

// Milliseconds on a monotonic clock.
using Clock = std::function<int64_t()>;
int64_t SteadyNowMillis();

// One REGISTER_BROKER request, header and body together.
struct BrokerRegistration {
  std::string cluster_name;
  std::string broker_addr;
  std::string broker_name;
  int64_t broker_id = 0;
  std::string ha_server_addr;
  std::optional<std::string> zone_name;
  std::optional<int64_t> heartbeat_timeout_millis;
  std::optional<bool> enable_acting_master;  // absent: a 4.x broker
  TopicConfigSerializeWrapper topic_config;
  std::vector<std::string> filter_server_list;
};

struct RegisterBrokerResult {
  // For a slave whose master is alive: the master's address and HA address.
  std::string master_addr;
  std::string ha_server_addr;
};

// A broker dropped by ScanNotActiveBroker.
struct ExpiredBroker {
  std::string cluster_name;
  std::string broker_addr;
  int64_t silent_millis = 0;
};

class RouteInfoManager {
 public:
  // `default_timeout_millis` is the expiry of brokers that do not send their own.
  explicit RouteInfoManager(Clock clock = SteadyNowMillis, int64_t default_timeout_millis = 120000);

  // As RouteInfoManager#registerBroker. Fails (tables unchanged) for a first registration of a
  // broker id that carries exactly one topic, Java's guard against partial registrations.
  Result<RegisterBrokerResult> RegisterBroker(const BrokerRegistration& registration,
                                              bool delete_topic_with_broker_registration);
  void UnregisterBroker(const std::string& cluster_name, const std::string& broker_addr,
                        const std::string& broker_name, int64_t broker_id);

  // Whether `version` differs from what the broker last registered (true when unknown).
  bool IsBrokerTopicConfigChanged(const std::string& cluster_name, const std::string& broker_addr,
                                  const DataVersion& version) const;
  std::optional<DataVersion> QueryBrokerTopicConfig(const std::string& cluster_name,
                                                    const std::string& broker_addr) const;
  // Refreshes a registered broker's liveness; unknown brokers are ignored.
  void UpdateBrokerInfoUpdateTimestamp(const std::string& cluster_name, const std::string& broker_addr);

  // Drops every broker silent for longer than its timeout, with its queues.
  std::vector<ExpiredBroker> ScanNotActiveBroker();
  void set_default_timeout_millis(int64_t millis);

  // nullopt when no live broker serves the topic (TOPIC_NOT_EXIST).
  std::optional<TopicRouteData> PickupTopicRouteData(const std::string& topic) const;
  ClusterInfo GetAllClusterInfo() const;
  TopicList GetAllTopicList() const;
  TopicList GetTopicsByCluster(const std::string& cluster) const;
  // Every cluster and broker name, plus one broker address (GET_SYSTEM_TOPIC_LIST_FROM_NS).
  TopicList GetSystemTopicList() const;
  TopicList GetUnitTopics() const;
  TopicList GetHasUnitSubTopicList() const;
  TopicList GetHasUnitSubUnUnitTopicList() const;

  // Removes the topic's queues on the brokers of `cluster_name`, or everywhere when absent.
  void DeleteTopic(const std::string& topic, const std::optional<std::string>& cluster_name);
  // Merges queue data of already-registered broker groups into a topic (REGISTER_TOPIC_IN_NAMESRV).
  Status RegisterTopic(const std::string& topic, const std::vector<QueueData>& queue_datas);
  // perm &= ~WRITE / perm |= WRITE on every topic of the broker group; returns how many topics.
  int32_t WipeWritePermOfBroker(const std::string& broker_name);
  int32_t AddWritePermOfBroker(const std::string& broker_name);

 private:
  // (clusterName, brokerAddr), Java's BrokerAddrInfo.
  using BrokerAddrKey = std::pair<std::string, std::string>;

  struct BrokerLiveInfo {
    int64_t last_update_timestamp = 0;
    int64_t heartbeat_timeout_millis = 0;  // 0: the manager's default
    DataVersion data_version;
    std::string ha_server_addr;
  };

  void UnregisterBrokerLocked(const std::string& cluster_name, const std::string& broker_addr,
                              const std::string& broker_name, int64_t broker_id);
  void RemoveBrokerNameFromTopicsLocked(const std::string& broker_name);
  bool IsTopicConfigChangedLocked(const BrokerAddrKey& key, const DataVersion& version,
                                  const std::string& broker_name, const std::string& topic) const;
  int32_t OperateWritePermLocked(const std::string& broker_name, bool wipe);
  TopicList TopicsWhereLocked(const std::function<bool(int32_t)>& sys_flag_matches) const;

  const Clock clock_;
  mutable std::shared_mutex mutex_;
  int64_t default_timeout_millis_;  // Guarded by mutex_.
  // topic -> brokerName -> QueueData. Guarded by mutex_.
  std::map<std::string, std::map<std::string, QueueData>> topic_queue_table_;
  // brokerName -> BrokerData. Guarded by mutex_.
  std::map<std::string, BrokerData> broker_addr_table_;
  // clusterName -> brokerNames. Guarded by mutex_.
  std::map<std::string, std::set<std::string>> cluster_addr_table_;
  // Guarded by mutex_.
  std::map<BrokerAddrKey, BrokerLiveInfo> broker_live_table_;
  // Guarded by mutex_.
  std::map<BrokerAddrKey, std::vector<std::string>> filter_server_table_;
};

}  // namespace rmq::namesrv

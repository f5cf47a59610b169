// ClientInstance: the one client object per process, instance name and name-server list, shared
// by every producer and consumer created with them (Java MQClientInstance). Owns the I/O
// threads, the RemotingClient and ClientApi, the scheduler, the route cache (refreshed every
// 30 s and after failures) and the broker address table; sends heartbeats every 30 s to every
// broker it knows; drives consumers' rebalance (20 s), offset commits (5 s) and lock renewal
// (20 s); answers the broker's calls (CHECK_TRANSACTION_STATE, NOTIFY_CONSUMER_IDS_CHANGED,
// RESET_CONSUMER_CLIENT_OFFSET, GET_CONSUMER_RUNNING_INFO, CONSUME_MESSAGE_DIRECTLY).
// Producers and consumers hold it by shared_ptr and must Release() it from their own thread in
// shutdown(). Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "client/client_api.h"
#include "client/client_settings.h"
#include "client/scheduler.h"
#include "client/topic_publish_info.h"
#include "common/heartbeat_data.h"
#include "common/message.h"
#include "common/message_queue.h"
#include "common/route_data.h"
#include "remoting/io_thread_pool.h"
#include "remoting/remoting_client.h"
#include "remoting/send_message_headers.h"

namespace rmq::client {

// What the instance needs from a producer.
class ProducerHandle {
 public:
  virtual ~ProducerHandle() = default;
  // CHECK_TRANSACTION_STATE for a half message of this producer's group; runs on a library
  // thread and answers with END_TRANSACTION to `broker_addr`.
  virtual void CheckTransactionState(const std::string& broker_addr, const MessageExt& msg,
                                     const remoting::CheckTransactionStateRequestHeader& header) = 0;
};

// What the instance needs from a consumer.
class ConsumerHandle {
 public:
  virtual ~ConsumerHandle() = default;
  virtual ConsumerHeartbeat Heartbeat() const = 0;
  virtual std::vector<std::string> SubscribedTopics() const = 0;
  virtual void DoRebalance() = 0;
  virtual void PersistOffsets() = 0;
  virtual void RenewLocks() {}
  // The ConsumerRunningInfo JSON.
  virtual std::string RunningInfo() const = 0;
  // Moves the consumer's queues of `topic` to the given offsets.
  virtual void ResetOffset(const std::string& topic, const std::map<MessageQueue, int64_t>& offsets) = 0;
  // Runs the listener on one message; returns the ConsumeMessageDirectlyResult JSON.
  virtual std::string ConsumeDirectly(const MessageExt& msg, const std::string& broker_name) = 0;
};

class ClientInstance : public std::enable_shared_from_this<ClientInstance> {
 public:
  // The shared instance for these settings (instance name + name servers), created and started
  // on first use; each Acquire counts one user. InvalidArgument without a name server address.
  static Result<std::shared_ptr<ClientInstance>> Acquire(const ClientSettings& settings);
  // Drops one user; the last one stops the threads and closes the connections. REQUIRES: called
  // from a user thread (not a library thread), once per successful Acquire.
  void Release();

  ~ClientInstance();
  ClientInstance(const ClientInstance&) = delete;
  ClientInstance& operator=(const ClientInstance&) = delete;

  const std::string& client_id() const { return client_id_; }
  const std::vector<std::string>& namesrv_addrs() const { return namesrv_addrs_; }
  ClientApi& api() { return *api_; }
  Scheduler& scheduler() { return scheduler_; }
  asio::io_context& io_context() { return io_.context(); }
  const ClientSettings& settings() const { return settings_; }

  // A group may be registered once per instance. AlreadyExists otherwise.
  Status RegisterProducer(const std::string& group, std::weak_ptr<ProducerHandle> producer);
  void UnregisterProducer(const std::string& group);
  Status RegisterConsumer(const std::string& group, std::weak_ptr<ConsumerHandle> consumer);
  void UnregisterConsumer(const std::string& group);

  // Fetches the topic's route from a name server and updates the cache and broker table.
  Result<TopicRouteData> UpdateTopicRoute(const std::string& topic);
  // The cached publish info, fetched when missing. A topic without a route falls back to TBW102
  // (auto-create on the broker); NotFound with a message saying how to create the topic when
  // that fails too.
  Result<std::shared_ptr<const TopicPublishInfo>> GetPublishInfo(const std::string& topic);
  // Readable queues of the topic (cached route, fetched when missing), sorted.
  Result<std::vector<MessageQueue>> GetSubscribeQueues(const std::string& topic);
  // The master address of a broker group, refreshing `topic`'s route when unknown.
  std::optional<std::string> FindBrokerMaster(const std::string& broker_name);
  // For pulls: the suggested broker id if known, else the master, else any slave.
  std::optional<std::string> FindBrokerForPull(const std::string& broker_name, int64_t suggested_id);
  // The consumer ids of `group` as one broker serving `topic` knows them, sorted.
  Result<std::vector<std::string>> FindConsumerIds(const std::string& topic, const std::string& group);
  // Every broker address of every cached route.
  std::vector<std::string> AllBrokerAddrs(bool masters_only);

  void SendHeartbeatToAllBrokers();
  // Runs every consumer's rebalance soon on the scheduler thread.
  void RebalanceSoon();
  // A heartbeat to every broker on the scheduler thread now (a broker seen for the first time
  // must know the producer groups before it can send them transaction checks).
  void HeartbeatSoon();

  // Sends UNREGISTER_CLIENT for the group to every broker (at shutdown).
  void UnregisterClientFromBrokers(const std::optional<std::string>& producer_group,
                                   const std::optional<std::string>& consumer_group);

  // Served broker→client requests; called by the instance's processor.
  void OnCheckTransactionState(const std::string& broker_addr, remoting::RemotingCommand request);
  void OnNotifyConsumerIdsChanged(const std::string& group);
  void OnResetOffset(const remoting::RemotingCommand& request);
  std::optional<std::string> OnGetConsumerRunningInfo(const std::string& group);
  std::optional<std::string> OnConsumeMessageDirectly(const remoting::RemotingCommand& request);

 private:
  class Processor;

  ClientInstance(ClientSettings settings, std::vector<std::string> namesrv_addrs, std::string client_id);
  void Start();
  void Shutdown();
  void UpdateAllRoutes();
  void ApplyRoute(const std::string& topic, const TopicRouteData& route);
  std::vector<std::shared_ptr<ConsumerHandle>> Consumers();
  std::shared_ptr<ConsumerHandle> Consumer(const std::string& group);

  ClientSettings settings_;
  std::vector<std::string> namesrv_addrs_;
  std::string client_id_;
  remoting::IoThreadPool io_;
  std::unique_ptr<Processor> processor_;
  std::unique_ptr<remoting::RemotingClient> remoting_;
  std::unique_ptr<ClientApi> api_;
  Scheduler scheduler_;
  std::unique_ptr<class ThreadPool> callback_pool_;  // transaction checks

  mutable std::mutex mutex_;
  size_t namesrv_index_ = 0;                                                    // Guarded by mutex_.
  std::map<std::string, TopicRouteData> routes_;                                // Guarded by mutex_.
  std::map<std::string, std::shared_ptr<const TopicPublishInfo>> publish_;      // Guarded by mutex_.
  std::map<std::string, std::map<int64_t, std::string>> broker_addrs_;          // Guarded by mutex_.
  std::map<std::string, std::weak_ptr<ProducerHandle>> producers_;              // Guarded by mutex_.
  std::map<std::string, std::weak_ptr<ConsumerHandle>> consumers_;              // Guarded by mutex_.
  std::set<std::string> topics_;                                                // Guarded by mutex_.
  int users_ = 0;                                                               // Guarded by registry lock.
  std::string registry_key_;
};

}  // namespace rmq::client

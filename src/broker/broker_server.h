// BrokerServer: wires one broker — config, message store, topic/group/offset/client managers,
// long polling, the request processors on two remoting servers (listenPort and the "fast"
// listenPort - 2, identical handlers), name-server registration, and the background threads
// (registration every registerNameServerPeriod and on topic change; metadata persistence,
// channel expiry and stats every flushConsumerOffsetInterval). Only wiring lives here
// (BrokerController.java without the getters). Start/Stop from one thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "broker/broker_config.h"
#include "broker/broker_config_processor.h"
#include "broker/broker_stats.h"
#include "broker/client_manage_processor.h"
#include "broker/registration_rounds.h"
#include "broker/consumer_manage_processor.h"
#include "broker/consumer_manager.h"
#include "broker/consumer_offset_manager.h"
#include "broker/group_admin_processor.h"
#include "broker/lock_batch_processor.h"
#include "broker/name_server_registrar.h"
#include "broker/producer_manager.h"
#include "broker/pull_message_processor.h"
#include "broker/pull_request_hold_service.h"
#include "broker/query_message_processor.h"
#include "broker/queue_offset_processor.h"
#include "broker/rebalance_lock_manager.h"
#include "broker/reply_message_processor.h"
#include "broker/reset_offset_processor.h"
#include "broker/runtime_broker_config.h"
#include "broker/schedule/schedule_message_service.h"
#include "broker/send_message_processor.h"
#include "broker/subscription_group_manager.h"
#include "broker/topic_admin_processor.h"
#include "broker/topic_config_manager.h"
#include "broker/timer/timer_message_service.h"
#include "broker/transaction/end_transaction_processor.h"
#include "broker/transaction/transaction_check_service.h"
#include "common/status.h"
#include "remoting/io_thread_pool.h"
#include "remoting/remoting_client.h"
#include "remoting/remoting_server.h"
#include "store/message_store.h"
#include "store/periodic_thread.h"

namespace rmq::broker {

class BrokerServer {
 public:
  // `config` must have passed ValidateBrokerConfig. A listenPort of 0 is replaced by a free
  // port p whose p - 2 is free too, so the store and the registration know the real address.
  explicit BrokerServer(const BrokerConfig& config);
  // Stops.
  ~BrokerServer();

  BrokerServer(const BrokerServer&) = delete;
  BrokerServer& operator=(const BrokerServer&) = delete;

  // Recovers the store, loads the managers, binds both ports, registers with the name servers
  // and starts the background threads.
  Status Start();
  // Unregisters, closes the ports and connections, persists the managers and shuts the store
  // down (flush, checkpoint, abort file removed). Idempotent.
  void Stop();

  const BrokerConfig& config() const { return config_; }
  // brokerIP1:listenPort, as registered and written into STOREHOST.
  const std::string& broker_addr() const { return broker_addr_; }
  const AdvertisedAddress& advertised() const { return advertised_; }
  uint16_t port() const { return server_.port(); }
  uint16_t fast_port() const { return fast_server_.port(); }

 private:
  void RegisterProcessors(remoting::RemotingServer& server);
  void Housekeeping();
  void RegisterToNameServers();

  // Members in dependency order; destroyed in reverse.
  const BrokerConfig config_;
  const AdvertisedAddress advertised_;
  const std::string broker_addr_;
  RuntimeBrokerConfig runtime_;
  store::MessageStore store_;
  TopicConfigManager topics_;
  SubscriptionGroupManager groups_;
  ConsumerOffsetManager offsets_;
  // Before the processors that wait on it.
  RegistrationRounds registration_rounds_;
  ConsumerManager consumers_;
  ProducerManager producers_;
  RebalanceLockManager locks_;
  BrokerStats stats_;
  PullRequestHoldService hold_;
  const schedule::ScheduleRules schedule_rules_;
  schedule::ScheduleMessageService schedule_service_;  // delay levels
  timer::TimerMessageService timer_service_;           // 5.x timer messages

  SendMessageProcessor send_processor_;
  PullMessageProcessor pull_processor_;
  ClientManageProcessor client_processor_;
  ConsumerManageProcessor consumer_processor_;
  QueueOffsetProcessor offset_processor_;
  QueryMessageProcessor query_processor_;
  LockBatchProcessor lock_processor_;
  TopicAdminProcessor topic_admin_processor_;
  GroupAdminProcessor group_admin_processor_;
  transaction::EndTransactionProcessor end_transaction_processor_;
  transaction::TransactionCheckService transaction_check_;
  BrokerConfigProcessor config_processor_;
  ResetOffsetProcessor reset_offset_processor_;
  ReplyMessageProcessor reply_processor_;

  remoting::IoThreadPool io_pool_;
  remoting::RemotingServer server_;
  remoting::RemotingServer fast_server_;
  remoting::RemotingClient client_;
  NameServerRegistrar registrar_;
  store::PeriodicThread register_thread_;
  store::PeriodicThread housekeeping_thread_;
  std::atomic<bool> stopping_{false};
  bool started_ = false;
};

}  // namespace rmq::broker

// BrokerConfig: every setting of mqbroker under the Java suite's key names (BrokerConfig,
// NettyServerConfig and the MessageStoreConfig keys the store implements), the one key table
// that loads it from broker.conf, prints it (-p, -m, GET_BROKER_CONFIG) and changes the
// allow-listed keys at run time (UPDATE_BROKER_CONFIG), and the advertised-address choice.
// A plain struct; the running broker shares the updatable part through RuntimeBrokerConfig.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/config_binder.h"
#include "common/status.h"
#include "store/store_config.h"

namespace rmq::broker {

struct BrokerConfig {
  // rocketmqHome: install directory (ROCKETMQ_HOME); informational.
  std::string rocketmq_home;
  // brokerClusterName / brokerName / brokerId: identity registered with the name servers.
  std::string broker_cluster_name = "DefaultCluster";
  std::string broker_name;  // default: the host name
  int64_t broker_id = 0;
  // brokerIP1: address advertised to name servers and clients; empty = chosen at start
  // (ChooseAdvertisedAddress). brokerIP2: address slaves use for HA (unused: no replication).
  std::string broker_ip1;
  std::string broker_ip2;
  // namesrvAddr: name servers, separated by ';' (',' accepted); empty = never register.
  std::string namesrv_addr;
  // brokerPermission: 2 write, 4 read, 6 both; registered as the perm of every topic.
  int32_t broker_permission = 6;
  // brokerRole: ASYNC_MASTER, SYNC_MASTER or SLAVE (replication is not implemented; SLAVE is
  // refused at start).
  std::string broker_role = "ASYNC_MASTER";
  // regionId / traceOn: echoed in every send response (MSG_REGION, TRACE_ON).
  std::string region_id = "DefaultRegion";
  bool trace_on = true;

  // NettyServerConfig.
  std::string bind_address = "0.0.0.0";
  int32_t listen_port = 10911;  // the fast port is listenPort - 2; 0 = free ports (tests)
  int32_t server_worker_threads = 0;  // I/O threads; 0 = one per core
  int32_t server_channel_max_idle_time_seconds = 120;

  // Topics, groups, clients.
  bool auto_create_topic_enable = true;
  int32_t default_topic_queue_nums = 8;
  bool auto_create_subscription_group = true;
  bool cluster_topic_enable = true;
  bool broker_topic_enable = true;
  bool trace_topic_enable = false;
  std::string msg_trace_topic_name = "RMQ_SYS_TRACE_TOPIC";
  bool long_polling_enable = true;
  int32_t short_polling_time_mills = 1000;
  bool notify_consumer_ids_changed_enable = true;
  int64_t flush_consumer_offset_interval = 5000;
  int32_t register_name_server_period = 30000;
  int32_t register_broker_timeout_mills = 24000;
  int64_t channel_expired_timeout = 120000;
  bool reject_transaction_message = false;
  // enablePropertyFilter: SQL92 subscriptions (expressionType SQL92) are evaluated at the broker;
  // when false they are refused, as upstream.
  bool enable_property_filter = false;
  // Transaction check service: a half message older than transactionTimeOut ms is checked with
  // its producer every transactionCheckInterval ms, at most transactionCheckMax times.
  int64_t transaction_time_out = 6000;
  int64_t transaction_check_interval = 60000;
  int32_t transaction_check_max = 15;
  // storeReplyMessageEnable: also append request-reply replies to <cluster>_REPLY_TOPIC.
  bool store_reply_message_enable = true;

  // MessageStoreConfig keys, copied into store::StoreConfig by MakeStoreConfig.
  std::string store_path_root_dir;  // default ~/store
  std::string store_path_commit_log;
  int64_t mapped_file_size_commit_log = 1024ll * 1024 * 1024;
  int64_t mapped_file_size_consume_queue = 300000ll * 20;
  std::string flush_disk_type = "ASYNC_FLUSH";  // or SYNC_FLUSH
  int32_t flush_interval_commit_log = 500;
  int32_t flush_commit_log_least_pages = 4;
  int32_t flush_interval_consume_queue = 1000;
  int32_t sync_flush_timeout = 5000;
  std::string delete_when = "04";
  int32_t file_reserved_time = 72;
  int32_t disk_max_used_space_ratio = 75;
  int32_t disk_space_clean_forcibly_ratio = 85;
  int32_t disk_space_warning_level_ratio = 90;
  bool clean_file_forcibly_enable = true;
  int32_t delete_file_batch_max = 10;
  int32_t clean_resource_interval = 10000;
  int32_t max_message_size = 4 * 1024 * 1024;
  bool message_index_enable = true;
  int32_t max_hash_slot_num = 5000000;
  int32_t max_index_num = 5000000 * 4;
  int32_t default_query_max_num = 32;
  int32_t max_transfer_bytes_on_message_in_memory = 256 * 1024;
  int32_t max_transfer_count_on_message_in_memory = 32;
  bool warm_mapped_file_enable = true;
  bool check_crc_on_recover = true;
  std::string message_delay_level = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";
  // Delay-level delivery: delayOffset.json is written every flushDelayOffsetInterval ms.
  int64_t flush_delay_offset_interval = 10000;
  // 5.x timer messages: timerWheelEnable (off: such sends are refused), timerMaxDelaySec (a
  // later delivery time is refused), timerPrecisionMs (slot width; times are rounded up to it),
  // timerFlushIntervalMs (how often config/timerProgress.json is written).
  bool timer_wheel_enable = true;
  int64_t timer_max_delay_sec = 259200;
  int32_t timer_precision_ms = 1000;
  int64_t timer_flush_interval_ms = 1000;

  // Defaults that depend on the environment: brokerName from the host name, storePathRootDir
  // ~/store, namesrvAddr from $NAMESRV_ADDR, rocketmqHome from $ROCKETMQ_HOME.
  static BrokerConfig WithDefaults();

  // name server addresses split on ';' and ','.
  std::vector<std::string> NamesrvAddrList() const;
  int32_t fast_listen_port() const { return listen_port == 0 ? 0 : listen_port - 2; }
};

const ConfigBinder<BrokerConfig>& BrokerConfigBinder();

// The keys -m prints (Java's @ImportantField ones that exist here).
const std::vector<std::string>& ImportantBrokerConfigKeys();

// Defaults, then the file (when `path` is non-empty), then checks that need several keys or
// enum values (flushDiskType, brokerRole, namesrvAddr entries), each error naming key, line
// and accepted values. Warnings about unknown or renamed keys go to `warnings`.
Result<BrokerConfig> LoadBrokerConfig(const std::string& path, std::vector<std::string>* warnings);
// The same checks for a config built in code (tests, -n override).
Status ValidateBrokerConfig(const BrokerConfig& config);

// "key=value\n" for every key, or only the important ones.
std::string FormatBrokerConfig(const BrokerConfig& config, bool important_only = false);

// The store's settings; `store_host` is brokerIP1:listenPort.
store::StoreConfig MakeStoreConfig(const BrokerConfig& config, const HostAddress& store_host);

// Where brokerIP1 came from and anything an operator should know about it.
struct AdvertisedAddress {
  std::string ip;
  std::string reason;                 // "brokerIP1 from the config file", "routes to …", …
  std::vector<std::string> warnings;  // loopback, link-local, container bridge
};
// brokerIP1 when set; else the local address of the interface that routes to the first name
// server; else the first public IPv4 address, else the last private one (Java's rule); else
// 127.0.0.1.
AdvertisedAddress ChooseAdvertisedAddress(const BrokerConfig& config);

}  // namespace rmq::broker

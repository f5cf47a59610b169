// NamesrvConfig: every setting of mqnamesrv, under the Java suite's key names (NamesrvConfig
// and NettyServerConfig), and the one key table that loads it from a properties file, prints
// it (-p, GET_NAMESRV_CONFIG) and changes the harmless keys at run time
// (UPDATE_NAMESRV_CONFIG). A plain struct; the name server shares it through
// RuntimeNamesrvConfig (runtime_namesrv_config.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/config_binder.h"
#include "common/properties_file.h"
#include "common/status.h"

namespace rmq::namesrv {

struct NamesrvConfig {
  // rocketmqHome: install directory (ROCKETMQ_HOME); informational, nothing is read from it.
  std::string rocketmq_home;
  // kvConfigPath: the persisted KV store. Default ~/namesrv/kvConfig.json.
  std::string kv_config_path;
  // configStorePath: where Java would persist runtime updates; set to the -c file. Reported only.
  std::string config_store_path;
  std::string product_env_name = "center";
  bool cluster_test = false;
  // orderMessageEnable: fill orderTopicConf of routes from the ORDER_TOPIC_CONFIG namespace.
  bool order_message_enable = false;
  // returnOrderTopicConfigToBroker: send ORDER_TOPIC_CONFIG in REGISTER_BROKER responses.
  bool return_order_topic_config_to_broker = true;
  // scanNotActiveBrokerInterval (ms): how often expired brokers are looked for.
  int64_t scan_not_active_broker_interval = 5000;
  // brokerChannelExpiredTime (ms): a broker silent this long is dropped (Java's fixed 120 s).
  int64_t broker_channel_expired_time = 120000;
  // enableAllTopicList / enableTopicList: allow the whole-topic-list queries.
  bool enable_all_topic_list = true;
  bool enable_topic_list = true;
  // deleteTopicWithBrokerRegistration: topics missing from a registration are removed.
  bool delete_topic_with_broker_registration = false;
  // needWaitForService / waitSecondsForService: answer route queries with "name server not
  // ready" for this long after start, so brokers can register first.
  bool need_wait_for_service = false;
  int32_t wait_seconds_for_service = 45;

  // NettyServerConfig keys.
  std::string bind_address = "0.0.0.0";
  int32_t listen_port = 9876;  // 0 = any free port, logged at boot
  // serverChannelMaxIdleTimeSeconds: idle connections are closed after this long; 0 = never.
  int32_t server_channel_max_idle_time_seconds = 120;
  // serverWorkerThreads: I/O threads; 0 = one per core.
  int32_t server_worker_threads = 0;

  // Fills the path defaults from $HOME (~/namesrv/...) and rocketmqHome from $ROCKETMQ_HOME.
  static NamesrvConfig WithDefaults();
};

// The key table.
const ConfigBinder<NamesrvConfig>& NamesrvConfigBinder();

// Defaults, then the file (when `path` is non-empty); configStorePath becomes the file, as Java.
// Warnings about unknown or renamed keys are appended to `warnings`.
Result<NamesrvConfig> LoadNamesrvConfig(const std::string& path, std::vector<std::string>* warnings);

// "key=value\n" for every key, in table order (the body of GET_NAMESRV_CONFIG, the -p output).
std::string FormatNamesrvConfig(const NamesrvConfig& config);

}  // namespace rmq::namesrv

#include "namesrv/namesrv_config.h"

#include <cstdlib>

namespace rmq::namesrv {

NamesrvConfig NamesrvConfig::WithDefaults() {
  NamesrvConfig config;
  const char* home = std::getenv("HOME");
  std::string user_home = home != nullptr ? home : ".";
  config.kv_config_path = user_home + "/namesrv/kvConfig.json";
  config.config_store_path = user_home + "/namesrv/namesrv.properties";
  if (const char* rocketmq_home = std::getenv("ROCKETMQ_HOME")) config.rocketmq_home = rocketmq_home;
  return config;
}

const ConfigBinder<NamesrvConfig>& NamesrvConfigBinder() {
  using B = ConfigBinder<NamesrvConfig>;
  using C = NamesrvConfig;
  constexpr auto kUpdatable = B::Runtime::kUpdatable;
  constexpr auto kStartup = B::Runtime::kStartupOnly;
  // Paths and addresses are never updatable at run time: UPDATE_NAMESRV_CONFIG is
  // unauthenticated, and a writable kvConfigPath/configStorePath is CVE-2023-37582.
  static const B binder(
      {
          {"rocketmqHome", &C::rocketmq_home, kStartup},
          {"kvConfigPath", &C::kv_config_path, kStartup},
          {"configStorePath", &C::config_store_path, kStartup},
          {"productEnvName", &C::product_env_name, kStartup},
          {"clusterTest", &C::cluster_test, kStartup},
          {"orderMessageEnable", &C::order_message_enable, kUpdatable},
          {"returnOrderTopicConfigToBroker", &C::return_order_topic_config_to_broker, kUpdatable},
          {"scanNotActiveBrokerInterval", &C::scan_not_active_broker_interval, kUpdatable, 100, 3600000},
          {"brokerChannelExpiredTime", &C::broker_channel_expired_time, kUpdatable, 1000, 86400000},
          {"enableAllTopicList", &C::enable_all_topic_list, kUpdatable},
          {"enableTopicList", &C::enable_topic_list, kUpdatable},
          {"deleteTopicWithBrokerRegistration", &C::delete_topic_with_broker_registration, kUpdatable},
          {"needWaitForService", &C::need_wait_for_service, kStartup},
          {"waitSecondsForService", &C::wait_seconds_for_service, kStartup, 0, 3600},
          {"bindAddress", &C::bind_address, kStartup},
          {"listenPort", &C::listen_port, kStartup, 0, 65535},
          {"serverChannelMaxIdleTimeSeconds", &C::server_channel_max_idle_time_seconds, kStartup, 0, 86400},
          {"serverWorkerThreads", &C::server_worker_threads, kStartup, 0, 256},
      },
      {
          {"brokerExpiredTime", "brokerChannelExpiredTime"},
          {"brokerNotActiveTimeoutMillis", "brokerChannelExpiredTime"},
      },
      {
          {"clientRequestThreadPoolNums", "requests run on the I/O threads (serverWorkerThreads)"},
          {"defaultThreadPoolNums", "requests run on the I/O threads (serverWorkerThreads)"},
          {"clientRequestThreadPoolQueueCapacity", "there are no request queues"},
          {"defaultThreadPoolQueueCapacity", "there are no request queues"},
          {"serverSelectorThreads", "one pool of I/O threads (serverWorkerThreads)"},
          {"serverCallbackExecutorThreads", "one pool of I/O threads (serverWorkerThreads)"},
          {"serverOnewaySemaphoreValue", "no oneway throttling"},
          {"serverAsyncSemaphoreValue", "no async throttling"},
          {"serverSocketSndBufSize", "kernel defaults are used"},
          {"serverSocketRcvBufSize", "kernel defaults are used"},
          {"serverPooledByteBufAllocatorEnable", "no Netty here"},
          {"useEpollNativeSelector", "no Netty here"},
          {"supportActingMaster", "slave-acting-master mode is not supported"},
          {"enableControllerInNamesrv", "the embedded controller is not supported"},
          {"namesrvAddr", "a name server does not use it"},
          {"configBlackList", "runtime updates use a fixed allow-list"},
          {"unRegisterBrokerQueueCapacity", "unregistrations apply at once"},
          {"notifyMinBrokerIdChanged", "slave-acting-master mode is not supported"},
      });
  return binder;
}

Result<NamesrvConfig> LoadNamesrvConfig(const std::string& path, std::vector<std::string>* warnings) {
  NamesrvConfig config = NamesrvConfig::WithDefaults();
  if (path.empty()) return config;
  RMQ_ASSIGN_OR_RETURN(PropertiesFile file, PropertiesFile::Load(path));
  RMQ_RETURN_IF_ERROR(NamesrvConfigBinder().Apply(file, &config, warnings));
  // As NamesrvStartup: runtime updates would be persisted to the -c file.
  config.config_store_path = path;
  return config;
}

std::string FormatNamesrvConfig(const NamesrvConfig& config) {
  std::string out;
  for (const auto& [key, value] : NamesrvConfigBinder().Dump(config)) {
    out += key;
    out += '=';
    out += value;
    out += '\n';
  }
  return out;
}

}  // namespace rmq::namesrv

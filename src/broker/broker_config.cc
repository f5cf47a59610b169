#include "broker/broker_config.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "common/properties_file.h"
#include "store/delay_level_table.h"

namespace rmq::broker {
namespace {

std::string HostName() {
  char buf[256] = {0};
  if (gethostname(buf, sizeof(buf) - 1) != 0 || buf[0] == '\0') return "DEFAULT_BROKER";
  return buf;
}

std::string Where(const PropertiesFile* file, std::string_view key) {
  if (file == nullptr) return "";
  const PropertyEntry* entry = file->Find(key);
  if (entry == nullptr) return "";
  return file->source_name() + ":" + std::to_string(entry->line) + ": ";
}

Status Validate(const BrokerConfig& config, const PropertiesFile* file) {
  if (config.flush_disk_type != "ASYNC_FLUSH" && config.flush_disk_type != "SYNC_FLUSH") {
    return InvalidArgument(Where(file, "flushDiskType") + "flushDiskType=" + config.flush_disk_type +
                           " is not valid; accepted values: ASYNC_FLUSH, SYNC_FLUSH");
  }
  if (config.broker_role != "ASYNC_MASTER" && config.broker_role != "SYNC_MASTER" &&
      config.broker_role != "SLAVE") {
    return InvalidArgument(Where(file, "brokerRole") + "brokerRole=" + config.broker_role +
                           " is not valid; accepted values: ASYNC_MASTER, SYNC_MASTER, SLAVE");
  }
  if (config.broker_role == "SLAVE") {
    return Unsupported(Where(file, "brokerRole") +
                       "brokerRole=SLAVE: master/slave replication is not implemented by this broker");
  }
  for (const std::string& addr : config.NamesrvAddrList()) {
    size_t colon = addr.rfind(':');
    bool ok = colon != std::string::npos && colon > 0 && colon + 1 < addr.size();
    if (ok) {
      for (size_t i = colon + 1; i < addr.size(); ++i) ok = ok && addr[i] >= '0' && addr[i] <= '9';
    }
    if (!ok) {
      return InvalidArgument(Where(file, "namesrvAddr") + "The Name Server Address[" + config.namesrv_addr +
                             "] illegal, please set it as follows, \"127.0.0.1:9876;192.168.0.1:9876\"");
    }
  }
  if (config.broker_name.empty()) return InvalidArgument(Where(file, "brokerName") + "brokerName is empty");
  if (auto levels = store::DelayLevelTable::Parse(config.message_delay_level); !levels.ok()) {
    return InvalidArgument(Where(file, "messageDelayLevel") + "messageDelayLevel=" + config.message_delay_level +
                           " is not valid (" + levels.status().message() +
                           "); expected delays like \"1s 5s 10s 30s 1m 2h 1d\"");
  }
  if (config.listen_port != 0 && config.listen_port < 3) {
    return InvalidArgument(Where(file, "listenPort") + "listenPort must be 0 or at least 3 (listenPort - 2 is served too)");
  }
  return Status::Ok();
}

bool IsPrivate(uint32_t ip) {
  return (ip >> 24) == 10 || (ip >> 20) == (172u << 4 | 1) || (ip >> 16) == (192u << 8 | 168);
}

std::string Ipv4ToString(uint32_t host_order) {
  in_addr addr{};
  addr.s_addr = htonl(host_order);
  char buf[INET_ADDRSTRLEN] = {0};
  inet_ntop(AF_INET, &addr, buf, sizeof(buf));
  return buf;
}

// The interface name that holds `ip` (host order), or "".
std::string InterfaceOf(uint32_t ip) {
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return "";
  std::string name;
  for (ifaddrs* it = list; it != nullptr; it = it->ifa_next) {
    if (it->ifa_addr == nullptr || it->ifa_addr->sa_family != AF_INET) continue;
    uint32_t addr = ntohl(reinterpret_cast<sockaddr_in*>(it->ifa_addr)->sin_addr.s_addr);
    if (addr == ip) {
      name = it->ifa_name;
      break;
    }
  }
  freeifaddrs(list);
  return name;
}

void AddWarnings(AdvertisedAddress* out) {
  in_addr addr{};
  if (inet_pton(AF_INET, out->ip.c_str(), &addr) != 1) return;
  uint32_t ip = ntohl(addr.s_addr);
  if ((ip >> 24) == 127) {
    out->warnings.push_back("brokerIP1 " + out->ip +
                            " is a loopback address: clients on other hosts cannot reach this broker; set brokerIP1");
  } else if ((ip >> 16) == (169u << 8 | 254)) {
    out->warnings.push_back("brokerIP1 " + out->ip + " is a link-local address; set brokerIP1");
  } else {
    std::string ifname = InterfaceOf(ip);
    bool bridge = ifname.rfind("docker", 0) == 0 || ifname.rfind("br-", 0) == 0 || ifname.rfind("cni", 0) == 0 ||
                  ifname.rfind("veth", 0) == 0 || ifname.rfind("virbr", 0) == 0 || ifname.rfind("flannel", 0) == 0;
    if (bridge || (ip >> 16) == (172u << 8 | 17)) {
      out->warnings.push_back("brokerIP1 " + out->ip + " looks like a container bridge address" +
                              (ifname.empty() ? std::string() : " (interface " + ifname + ")") +
                              "; clients outside may not reach it; set brokerIP1");
    }
  }
}

// The local IPv4 address the kernel would use to reach host:port, or "".
std::string RouteSourceTo(const std::string& host_port) {
  size_t colon = host_port.rfind(':');
  if (colon == std::string::npos) return "";
  std::string host = host_port.substr(0, colon);
  int port = std::atoi(host_port.c_str() + colon + 1);
  sockaddr_in dest{};
  dest.sin_family = AF_INET;
  dest.sin_port = htons(static_cast<uint16_t>(port));
  if (inet_pton(AF_INET, host.c_str(), &dest.sin_addr) != 1) return "";
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) return "";
  std::string result;
  if (connect(fd, reinterpret_cast<sockaddr*>(&dest), sizeof(dest)) == 0) {
    sockaddr_in local{};
    socklen_t len = sizeof(local);
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &len) == 0) {
      result = Ipv4ToString(ntohl(local.sin_addr.s_addr));
    }
  }
  close(fd);
  return result;
}

}  // namespace

BrokerConfig BrokerConfig::WithDefaults() {
  BrokerConfig config;
  const char* home = std::getenv("HOME");
  config.store_path_root_dir = std::string(home != nullptr ? home : ".") + "/store";
  config.broker_name = HostName();
  if (const char* addr = std::getenv("NAMESRV_ADDR")) config.namesrv_addr = addr;
  if (const char* rocketmq_home = std::getenv("ROCKETMQ_HOME")) config.rocketmq_home = rocketmq_home;
  return config;
}

std::vector<std::string> BrokerConfig::NamesrvAddrList() const {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    size_t b = current.find_first_not_of(" \t");
    size_t e = current.find_last_not_of(" \t");
    if (b != std::string::npos) out.push_back(current.substr(b, e - b + 1));
    current.clear();
  };
  for (char c : namesrv_addr) {
    if (c == ';' || c == ',') {
      flush();
    } else {
      current += c;
    }
  }
  flush();
  return out;
}

const ConfigBinder<BrokerConfig>& BrokerConfigBinder() {
  using B = ConfigBinder<BrokerConfig>;
  using C = BrokerConfig;
  constexpr auto kU = B::Runtime::kUpdatable;
  constexpr auto kS = B::Runtime::kStartupOnly;
  // UPDATE_BROKER_CONFIG is unauthenticated: only flags read at request time are updatable.
  // Paths, addresses, ports and anything naming a file or a command never are
  // (CVE-2023-33246 reached a shell through a writable path key).
  static const B binder(
      {
          {"rocketmqHome", &C::rocketmq_home, kS},
          {"brokerClusterName", &C::broker_cluster_name, kS},
          {"brokerName", &C::broker_name, kS},
          {"brokerId", &C::broker_id, kS, 0, 1024},
          {"brokerIP1", &C::broker_ip1, kS},
          {"brokerIP2", &C::broker_ip2, kS},
          {"namesrvAddr", &C::namesrv_addr, kS},
          {"brokerPermission", &C::broker_permission, kU, 0, 15},
          {"brokerRole", &C::broker_role, kS},
          {"regionId", &C::region_id, kS},
          {"traceOn", &C::trace_on, kS},
          {"bindAddress", &C::bind_address, kS},
          {"listenPort", &C::listen_port, kS, 0, 65535},
          {"serverWorkerThreads", &C::server_worker_threads, kS, 0, 256},
          {"serverChannelMaxIdleTimeSeconds", &C::server_channel_max_idle_time_seconds, kS, 0, 86400},
          {"autoCreateTopicEnable", &C::auto_create_topic_enable, kU},
          {"defaultTopicQueueNums", &C::default_topic_queue_nums, kS, 1, 1024},
          {"autoCreateSubscriptionGroup", &C::auto_create_subscription_group, kU},
          {"clusterTopicEnable", &C::cluster_topic_enable, kS},
          {"brokerTopicEnable", &C::broker_topic_enable, kS},
          {"traceTopicEnable", &C::trace_topic_enable, kS},
          {"msgTraceTopicName", &C::msg_trace_topic_name, kS},
          {"longPollingEnable", &C::long_polling_enable, kU},
          {"shortPollingTimeMills", &C::short_polling_time_mills, kU, 0, 60000},
          {"notifyConsumerIdsChangedEnable", &C::notify_consumer_ids_changed_enable, kU},
          {"flushConsumerOffsetInterval", &C::flush_consumer_offset_interval, kS, 100, 3600000},
          {"registerNameServerPeriod", &C::register_name_server_period, kS, 1000, 60000},
          {"registerBrokerTimeoutMills", &C::register_broker_timeout_mills, kS, 100, 60000},
          {"channelExpiredTimeout", &C::channel_expired_timeout, kS, 1000, 86400000},
          {"rejectTransactionMessage", &C::reject_transaction_message, kU},
          {"enablePropertyFilter", &C::enable_property_filter, kU},
          {"transactionTimeOut", &C::transaction_time_out, kS, 0, 86400000},
          {"transactionCheckInterval", &C::transaction_check_interval, kS, 10, 86400000},
          {"transactionCheckMax", &C::transaction_check_max, kS, 1, 1000000},
          {"storeReplyMessageEnable", &C::store_reply_message_enable, kS},
          {"storePathRootDir", &C::store_path_root_dir, kS},
          {"storePathCommitLog", &C::store_path_commit_log, kS},
          {"mappedFileSizeCommitLog", &C::mapped_file_size_commit_log, kS, 4096, 1ll << 34},
          {"mappedFileSizeConsumeQueue", &C::mapped_file_size_consume_queue, kS, 20, 1ll << 32},
          {"flushDiskType", &C::flush_disk_type, kS},
          {"flushIntervalCommitLog", &C::flush_interval_commit_log, kS, 1, 60000},
          {"flushCommitLogLeastPages", &C::flush_commit_log_least_pages, kS, 0, 1 << 20},
          {"flushIntervalConsumeQueue", &C::flush_interval_consume_queue, kS, 1, 60000},
          {"syncFlushTimeout", &C::sync_flush_timeout, kS, 1, 600000},
          {"deleteWhen", &C::delete_when, kS},
          {"fileReservedTime", &C::file_reserved_time, kS, 0, 1 << 20},
          {"diskMaxUsedSpaceRatio", &C::disk_max_used_space_ratio, kS, 10, 95},
          {"diskSpaceCleanForciblyRatio", &C::disk_space_clean_forcibly_ratio, kS, 10, 95},
          {"diskSpaceWarningLevelRatio", &C::disk_space_warning_level_ratio, kS, 10, 99},
          {"cleanFileForciblyEnable", &C::clean_file_forcibly_enable, kS},
          {"deleteFileBatchMax", &C::delete_file_batch_max, kS, 1, 1000},
          {"cleanResourceInterval", &C::clean_resource_interval, kS, 100, 3600000},
          {"maxMessageSize", &C::max_message_size, kS, 1, 64 * 1024 * 1024},
          {"messageIndexEnable", &C::message_index_enable, kS},
          {"maxHashSlotNum", &C::max_hash_slot_num, kS, 1, 100000000},
          {"maxIndexNum", &C::max_index_num, kS, 1, 400000000},
          {"defaultQueryMaxNum", &C::default_query_max_num, kS, 1, 10000},
          {"maxTransferBytesOnMessageInMemory", &C::max_transfer_bytes_on_message_in_memory, kS, 1, 1 << 30},
          {"maxTransferCountOnMessageInMemory", &C::max_transfer_count_on_message_in_memory, kS, 1, 100000},
          {"warmMapedFileEnable", &C::warm_mapped_file_enable, kS},
          {"checkCRCOnRecover", &C::check_crc_on_recover, kS},
          {"messageDelayLevel", &C::message_delay_level, kS},
          {"flushDelayOffsetInterval", &C::flush_delay_offset_interval, kS, 100, 3600000},
          {"timerWheelEnable", &C::timer_wheel_enable, kS},
          {"timerMaxDelaySec", &C::timer_max_delay_sec, kS, 1, 10ll * 365 * 86400},
          {"timerPrecisionMs", &C::timer_precision_ms, kS, 10, 60000},
          {"timerFlushIntervalMs", &C::timer_flush_interval_ms, kS, 100, 3600000},
      },
      {
          {"mapedFileSizeCommitLog", "mappedFileSizeCommitLog"},
          {"mapedFileSizeConsumeQueue", "mappedFileSizeConsumeQueue"},
          {"warmMappedFileEnable", "warmMapedFileEnable"},
      },
      {
          {"sendMessageThreadPoolNums", "requests run on the I/O threads (serverWorkerThreads)"},
          {"pullMessageThreadPoolNums", "requests run on the I/O threads (serverWorkerThreads)"},
          {"queryMessageThreadPoolNums", "requests run on the I/O threads (serverWorkerThreads)"},
          {"adminBrokerThreadPoolNums", "requests run on the I/O threads (serverWorkerThreads)"},
          {"clientManageThreadPoolNums", "requests run on the I/O threads (serverWorkerThreads)"},
          {"consumerManageThreadPoolNums", "requests run on the I/O threads (serverWorkerThreads)"},
          {"heartbeatThreadPoolNums", "requests run on the I/O threads (serverWorkerThreads)"},
          {"endTransactionThreadPoolNums", "requests run on the I/O threads (serverWorkerThreads)"},
          {"putMessageFutureThreadPoolNums", "requests run on the I/O threads (serverWorkerThreads)"},
          {"serverSelectorThreads", "one pool of I/O threads (serverWorkerThreads)"},
          {"serverCallbackExecutorThreads", "one pool of I/O threads (serverWorkerThreads)"},
          {"brokerFastFailureEnable", "there are no request queues to clean"},
          {"waitTimeMillsInSendQueue", "there are no request queues"},
          {"waitTimeMillsInPullQueue", "there are no request queues"},
          {"sendThreadPoolQueueCapacity", "there are no request queues"},
          {"pullThreadPoolQueueCapacity", "there are no request queues"},
          {"useReentrantLockWhenPutMessage", "the CommitLog has one writer lock"},
          {"transientStorePoolEnable", "writes go straight to the mapped file"},
          {"haListenPort", "master/slave replication is not implemented"},
          {"haMasterAddress", "master/slave replication is not implemented"},
          {"enableDLegerCommitLog", "DLedger is not implemented"},
          {"aclEnable", "ACL is not implemented; Signature/AccessKey fields are ignored"},
          {"storePathConsumeQueue", "paths are derived from storePathRootDir, as in Java"},
          {"storePathIndex", "paths are derived from storePathRootDir, as in Java"},
          {"storeCheckpoint", "paths are derived from storePathRootDir, as in Java"},
          {"abortFile", "paths are derived from storePathRootDir, as in Java"},
          {"forceRegister", "the broker always registers in full"},
          {"compressedRegister", "registrations are sent as JSON"},
          {"configBlackList", "runtime updates use a fixed allow-list"},
          {"brokerConfigPath", "runtime updates are not written back to a file"},
          {"fetchNamesrvAddrByAddressServer", "the address server is not supported; use namesrvAddr"},
          {"slaveReadEnable", "master/slave replication is not implemented"},
          {"flushCommitLogTimed", "the async flush always runs on a timer"},
      });
  return binder;
}

const std::vector<std::string>& ImportantBrokerConfigKeys() {
  static const std::vector<std::string> keys = {
      "brokerClusterName", "brokerName", "brokerId", "namesrvAddr", "listenPort", "brokerIP1",
      "autoCreateTopicEnable", "autoCreateSubscriptionGroup", "msgTraceTopicName", "traceTopicEnable",
      "rejectTransactionMessage", "storePathRootDir", "storePathCommitLog", "flushIntervalCommitLog",
      "deleteWhen", "fileReservedTime", "deleteFileBatchMax", "maxTransferBytesOnMessageInMemory",
      "maxTransferCountOnMessageInMemory", "messageIndexEnable", "brokerRole", "flushDiskType",
      "cleanFileForciblyEnable"};
  return keys;
}

Result<BrokerConfig> LoadBrokerConfig(const std::string& path, std::vector<std::string>* warnings) {
  BrokerConfig config = BrokerConfig::WithDefaults();
  if (path.empty()) {
    RMQ_RETURN_IF_ERROR(Validate(config, nullptr));
    return config;
  }
  RMQ_ASSIGN_OR_RETURN(PropertiesFile file, PropertiesFile::Load(path));
  RMQ_RETURN_IF_ERROR(BrokerConfigBinder().Apply(file, &config, warnings));
  RMQ_RETURN_IF_ERROR(Validate(config, &file));
  return config;
}

Status ValidateBrokerConfig(const BrokerConfig& config) { return Validate(config, nullptr); }

std::string FormatBrokerConfig(const BrokerConfig& config, bool important_only) {
  std::string out;
  const auto& important = ImportantBrokerConfigKeys();
  for (const auto& [key, value] : BrokerConfigBinder().Dump(config)) {
    if (important_only && std::find(important.begin(), important.end(), key) == important.end()) continue;
    out += key;
    out += '=';
    out += value;
    out += '\n';
  }
  return out;
}

store::StoreConfig MakeStoreConfig(const BrokerConfig& c, const HostAddress& store_host) {
  store::StoreConfig s;
  s.store_path_root_dir = c.store_path_root_dir;
  s.store_path_commit_log = c.store_path_commit_log;
  s.mapped_file_size_commit_log = c.mapped_file_size_commit_log;
  // As MessageStoreConfig#getMappedFileSizeConsumeQueue: rounded up to whole 20-byte entries.
  s.mapped_file_size_consume_queue = (c.mapped_file_size_consume_queue + 19) / 20 * 20;
  s.flush_disk_type =
      c.flush_disk_type == "SYNC_FLUSH" ? store::FlushDiskType::kSyncFlush : store::FlushDiskType::kAsyncFlush;
  s.flush_interval_commit_log = c.flush_interval_commit_log;
  s.flush_commit_log_least_pages = c.flush_commit_log_least_pages;
  s.flush_interval_consume_queue = c.flush_interval_consume_queue;
  s.sync_flush_timeout = c.sync_flush_timeout;
  s.delete_when = c.delete_when;
  s.file_reserved_time = c.file_reserved_time;
  s.disk_max_used_space_ratio = c.disk_max_used_space_ratio;
  s.disk_space_clean_forcibly_ratio = c.disk_space_clean_forcibly_ratio;
  s.disk_space_warning_level_ratio = c.disk_space_warning_level_ratio;
  s.clean_file_forcibly_enable = c.clean_file_forcibly_enable;
  s.delete_file_batch_max = c.delete_file_batch_max;
  s.clean_resource_interval = c.clean_resource_interval;
  s.max_message_size = c.max_message_size;
  s.message_index_enable = c.message_index_enable;
  s.max_hash_slot_num = c.max_hash_slot_num;
  s.max_index_num = c.max_index_num;
  s.max_transfer_bytes_on_message_in_memory = c.max_transfer_bytes_on_message_in_memory;
  s.max_transfer_count_on_message_in_memory = c.max_transfer_count_on_message_in_memory;
  s.warm_mapped_file_enable = c.warm_mapped_file_enable;
  s.check_crc_on_recover = c.check_crc_on_recover;
  s.message_delay_level = c.message_delay_level;
  s.store_host = store_host;
  return s;
}

AdvertisedAddress ChooseAdvertisedAddress(const BrokerConfig& config) {
  AdvertisedAddress out;
  if (!config.broker_ip1.empty()) {
    out.ip = config.broker_ip1;
    out.reason = "brokerIP1 from the configuration";
    AddWarnings(&out);
    return out;
  }
  std::vector<std::string> namesrvs = config.NamesrvAddrList();
  if (!namesrvs.empty()) {
    std::string ip = RouteSourceTo(namesrvs.front());
    if (!ip.empty()) {
      out.ip = ip;
      out.reason = "brokerIP1 unset: the address of the interface that routes to name server " + namesrvs.front();
      AddWarnings(&out);
      return out;
    }
  }
  // NetworkUtil#getLocalInetAddress: the first public IPv4 address, else the last private one.
  ifaddrs* list = nullptr;
  std::string first_public, last_private, last_private_if;
  if (getifaddrs(&list) == 0) {
    for (ifaddrs* it = list; it != nullptr; it = it->ifa_next) {
      if (it->ifa_addr == nullptr || it->ifa_addr->sa_family != AF_INET) continue;
      if ((it->ifa_flags & IFF_LOOPBACK) != 0 || (it->ifa_flags & IFF_UP) == 0) continue;
      uint32_t ip = ntohl(reinterpret_cast<sockaddr_in*>(it->ifa_addr)->sin_addr.s_addr);
      if ((ip >> 24) == 127) continue;
      if (IsPrivate(ip)) {
        last_private = Ipv4ToString(ip);
        last_private_if = it->ifa_name;
      } else if (first_public.empty()) {
        first_public = Ipv4ToString(ip);
      }
    }
    freeifaddrs(list);
  }
  if (!first_public.empty()) {
    out.ip = first_public;
    out.reason = "brokerIP1 unset and no name server to route to: the first public IPv4 address";
  } else if (!last_private.empty()) {
    out.ip = last_private;
    out.reason = "brokerIP1 unset and no name server to route to: the last private IPv4 address (interface " +
                 last_private_if + ")";
  } else {
    out.ip = "127.0.0.1";
    out.reason = "brokerIP1 unset and no non-loopback IPv4 interface";
  }
  AddWarnings(&out);
  return out;
}

}  // namespace rmq::broker

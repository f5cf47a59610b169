#include "broker/broker_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "broker/broker_util.h"
#include "common/logging.h"
#include "remoting/request_code.h"

namespace rmq::broker {
namespace {

// Binds `port` (0 = any) on all interfaces and returns the bound port, or 0.
int TryBind(int port, int* fd_out) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_ANY);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    close(fd);
    return 0;
  }
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  *fd_out = fd;
  return ntohs(addr.sin_port);
}

// listenPort 0: a free port p with p - 2 free too (probed, then released for the servers).
BrokerConfig ResolvePorts(BrokerConfig config) {
  if (config.listen_port != 0) return config;
  for (int attempt = 0; attempt < 64; ++attempt) {
    int fd = -1, fast_fd = -1;
    int port = TryBind(0, &fd);
    if (port < 3) {
      if (fd >= 0) close(fd);
      continue;
    }
    int fast = TryBind(port - 2, &fast_fd);
    close(fd);
    if (fast_fd >= 0) close(fast_fd);
    if (fast == port - 2) {
      config.listen_port = port;
      return config;
    }
  }
  return config;
}

remoting::RemotingServerConfig ServerConfig(const BrokerConfig& config, int port) {
  remoting::RemotingServerConfig server;
  server.bind_address = config.bind_address;
  server.listen_port = static_cast<uint16_t>(port);
  server.idle_timeout = std::chrono::seconds(config.server_channel_max_idle_time_seconds);
  return server;
}

}  // namespace

BrokerServer::BrokerServer(const BrokerConfig& config)
    : config_(ResolvePorts(config)),
      advertised_(ChooseAdvertisedAddress(config_)),
      broker_addr_(advertised_.ip + ":" + std::to_string(config_.listen_port)),
      runtime_(config_),
      store_(MakeStoreConfig(config_, ParseHostAddress(broker_addr_))),
      topics_(config_, store_.config().ConfigDir() + "/topics.json"),
      groups_(store_.config().ConfigDir() + "/subscriptionGroup.json"),
      offsets_(store_.config().ConfigDir() + "/consumerOffset.json"),
      consumers_([this] { return runtime_.notify_consumer_ids_changed_enable(); }),
      schedule_rules_(schedule::ScheduleRules::Make(config_.message_delay_level, config_.timer_wheel_enable,
                                                    config_.timer_max_delay_sec, config_.timer_precision_ms)),
      schedule_service_(store_, schedule_rules_, store_.config().ConfigDir() + "/delayOffset.json",
                        config_.flush_delay_offset_interval),
      timer_service_(store_, store_.config().ConfigDir() + "/timerProgress.json", config_.timer_flush_interval_ms),
      send_processor_(store_, topics_, groups_, runtime_, config_, stats_),
      pull_processor_(store_, topics_, groups_, consumers_, offsets_, hold_, runtime_, stats_),
      client_processor_(consumers_, producers_, groups_, topics_, runtime_, registration_rounds_),
      consumer_processor_(consumers_, offsets_, store_),
      offset_processor_(store_),
      query_processor_(store_, config_),
      lock_processor_(locks_),
      topic_admin_processor_(topics_, store_, offsets_, config_),
      group_admin_processor_(groups_, offsets_, consumers_, producers_, topics_, store_, config_),
      end_transaction_processor_(store_, topics_, schedule_rules_),
      transaction_check_(store_, topics_, offsets_, producers_, config_, end_transaction_processor_.ended()),
      config_processor_(runtime_, store_, stats_),
      reset_offset_processor_(topics_, groups_, offsets_, consumers_, store_, config_),
      reply_processor_(store_, topics_, producers_, consumers_, runtime_, config_, stats_),
      io_pool_(static_cast<size_t>(config_.server_worker_threads), "broker-io"),
      server_(io_pool_, ServerConfig(config_, config_.listen_port)),
      fast_server_(io_pool_, ServerConfig(config_, config_.fast_listen_port())),
      client_(io_pool_, remoting::RemotingClientConfig{}),
      registrar_(client_, config_, runtime_, topics_, broker_addr_,
                 (config_.broker_ip2.empty() ? advertised_.ip : config_.broker_ip2) + ":" +
                     std::to_string(config_.listen_port + 1)) {
  RegisterProcessors(server_);
  RegisterProcessors(fast_server_);
}

BrokerServer::~BrokerServer() { Stop(); }

void BrokerServer::RegisterProcessors(remoting::RemotingServer& server) {
  using remoting::RequestCode;
  for (int32_t code : {RequestCode::kSendMessage, RequestCode::kSendMessageV2, RequestCode::kSendBatchMessage,
                       RequestCode::kConsumerSendMsgBack}) {
    server.RegisterProcessor(code, send_processor_);
  }
  server.RegisterProcessor(RequestCode::kPullMessage, pull_processor_);
  server.RegisterProcessor(RequestCode::kLitePullMessage, pull_processor_);
  server.RegisterProcessor(RequestCode::kHeartBeat, client_processor_);
  server.RegisterProcessor(RequestCode::kUnregisterClient, client_processor_);
  server.RegisterProcessor(RequestCode::kCheckClientConfig, client_processor_);
  for (int32_t code : {RequestCode::kGetConsumerListByGroup, RequestCode::kQueryConsumerOffset,
                       RequestCode::kUpdateConsumerOffset}) {
    server.RegisterProcessor(code, consumer_processor_);
  }
  for (int32_t code : {RequestCode::kSearchOffsetByTimestamp, RequestCode::kGetMaxOffset, RequestCode::kGetMinOffset,
                       RequestCode::kGetEarliestMsgStoretime}) {
    server.RegisterProcessor(code, offset_processor_);
  }
  server.RegisterProcessor(RequestCode::kEndTransaction, end_transaction_processor_);
  server.RegisterProcessor(RequestCode::kQueryMessage, query_processor_);
  server.RegisterProcessor(RequestCode::kViewMessageById, query_processor_);
  server.RegisterProcessor(RequestCode::kLockBatchMq, lock_processor_);
  server.RegisterProcessor(RequestCode::kUnlockBatchMq, lock_processor_);
  for (int32_t code : {RequestCode::kUpdateAndCreateTopic, RequestCode::kDeleteTopicInBroker,
                       RequestCode::kGetAllTopicConfig, RequestCode::kGetTopicStatsInfo}) {
    server.RegisterProcessor(code, topic_admin_processor_);
  }
  for (int32_t code : {RequestCode::kUpdateAndCreateSubscriptiongroup, RequestCode::kDeleteSubscriptiongroup,
                       RequestCode::kGetAllSubscriptiongroupConfig, RequestCode::kGetConsumeStats,
                       RequestCode::kGetConsumerConnectionList, RequestCode::kGetProducerConnectionList,
                       RequestCode::kQueryTopicConsumeByWho}) {
    server.RegisterProcessor(code, group_admin_processor_);
  }
  for (int32_t code :
       {RequestCode::kGetBrokerConfig, RequestCode::kUpdateBrokerConfig, RequestCode::kGetBrokerRuntimeInfo}) {
    server.RegisterProcessor(code, config_processor_);
  }
  server.RegisterProcessor(RequestCode::kInvokeBrokerToResetOffset, reset_offset_processor_);
  server.RegisterProcessor(RequestCode::kSendReplyMessage, reply_processor_);
  server.RegisterProcessor(RequestCode::kSendReplyMessageV2, reply_processor_);
}

Status BrokerServer::Start() {
  auto logger = GetLogger("broker");
  logger->info("advertised address {}: {}", advertised_.ip, advertised_.reason);
  for (const std::string& warning : advertised_.warnings) logger->warn("{}", warning);

  // Long polling wakes on dispatch; the listener must be in place before the store starts.
  store_.AddDispatchListener([this](const store::DispatchRequest& request) {
    hold_.NotifyMessageArriving(request.topic, request.queue_id);
  });
  RMQ_RETURN_IF_ERROR(store_.Load());
  const auto& recovery = store_.recovery_info();
  logger->info("store loaded: last exit {}, CommitLog end {}, {} record(s) re-dispatched in {} ms",
               recovery.last_exit_ok ? "normal" : "abnormal", recovery.commit_log_end, recovery.redispatched,
               recovery.elapsed_ms);
  RMQ_RETURN_IF_ERROR(topics_.Load());
  RMQ_RETURN_IF_ERROR(groups_.Load());
  RMQ_RETURN_IF_ERROR(offsets_.Load());
  RMQ_RETURN_IF_ERROR(schedule_service_.Load());
  RMQ_RETURN_IF_ERROR(timer_service_.Load());
  RMQ_RETURN_IF_ERROR(store_.Start());

  registration_rounds_.SetRoundRequester([this] { register_thread_.Wakeup(); });
  io_pool_.Start();
  Status s = server_.Start();
  if (s.ok()) s = fast_server_.Start();
  if (!s.ok()) {
    server_.Stop();
    io_pool_.Stop();
    io_pool_.Join();
    store_.Shutdown();
    return s;
  }
  started_ = true;
  logger->info("listening on {}:{} and {}:{} (fast port)", config_.bind_address, server_.port(),
               config_.bind_address, fast_server_.port());

  topics_.set_change_listener([this] { register_thread_.Wakeup(); });
  RegisterToNameServers();
  register_thread_.Start(std::chrono::milliseconds(config_.register_name_server_period),
                         [this] { RegisterToNameServers(); });
  housekeeping_thread_.Start(std::chrono::milliseconds(config_.flush_consumer_offset_interval),
                             [this] { Housekeeping(); });
  schedule_service_.Start();
  if (config_.timer_wheel_enable) timer_service_.Start();
  transaction_check_.Start();
  return Status::Ok();
}

void BrokerServer::RegisterToNameServers() {
  registration_rounds_.RoundStarting();
  struct EndRound {
    RegistrationRounds& rounds;
    ~EndRound() { rounds.RoundEnded(); }
  } end_round{registration_rounds_};
  if (stopping_) return;
  (void)topics_.PersistIfDirty();
  if (config_.NamesrvAddrList().empty()) return;
  int accepted = registrar_.RegisterAll();
  GetLogger("broker")->debug("registered with {} of {} name server(s)", accepted, config_.NamesrvAddrList().size());
}

void BrokerServer::Housekeeping() {
  (void)offsets_.PersistIfDirty();
  (void)groups_.PersistIfDirty();
  (void)topics_.PersistIfDirty();
  consumers_.ScanNotActiveChannel(config_.channel_expired_timeout);
  producers_.ScanNotActiveChannel(config_.channel_expired_timeout);
  stats_.Sample(SteadyNowMs());
}

void BrokerServer::Stop() {
  if (stopping_.exchange(true)) return;
  if (!started_) return;
  auto logger = GetLogger("broker");
  register_thread_.Stop();
  housekeeping_thread_.Stop();
  transaction_check_.Stop();  // before the offsets it commits are persisted below
  if (!config_.NamesrvAddrList().empty()) registrar_.UnregisterAll();
  hold_.Shutdown();
  server_.Stop();
  fast_server_.Stop();
  client_.Shutdown();
  io_pool_.Stop();
  io_pool_.Join();
  (void)offsets_.Persist();
  (void)groups_.Persist();
  (void)topics_.Persist();
  // After the servers: no send parks a message any more; before the store: the last deliveries
  // are appended, then the progress files are written.
  timer_service_.Stop();
  schedule_service_.Stop();
  store_.Shutdown();
  logger->info("broker {} stopped", broker_addr_);
}

}  // namespace rmq::broker

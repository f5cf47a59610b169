#include "namesrv/namesrv_server.h"

#include <chrono>

#include "common/logging.h"
#include "remoting/request_code.h"

namespace rmq::namesrv {
namespace {

remoting::RemotingServerConfig ServerConfig(const NamesrvConfig& config) {
  remoting::RemotingServerConfig server;
  server.bind_address = config.bind_address;
  server.listen_port = static_cast<uint16_t>(config.listen_port);
  server.idle_timeout = std::chrono::seconds(config.server_channel_max_idle_time_seconds);
  return server;
}

}  // namespace

NamesrvServer::NamesrvServer(const NamesrvConfig& config)
    : config_(config),
      kv_config_(config.kv_config_path),
      routes_(SteadyNowMillis, config.broker_channel_expired_time),
      broker_processor_(routes_, kv_config_, config_),
      client_processor_(routes_, kv_config_, config_),
      topic_admin_processor_(routes_, config_),
      kv_config_processor_(kv_config_, blocking_pool_),
      config_processor_(config_),
      io_pool_(static_cast<size_t>(config.server_worker_threads), "ns-io"),
      server_(io_pool_, ServerConfig(config)),
      scan_strand_(asio::make_strand(io_pool_.context())),
      scan_timer_(scan_strand_) {
  RegisterProcessors();
}

NamesrvServer::~NamesrvServer() { Stop(); }

void NamesrvServer::RegisterProcessors() {
  using remoting::RequestCode;
  for (int32_t code : {RequestCode::kRegisterBroker, RequestCode::kUnregisterBroker, RequestCode::kQueryDataVersion,
                       RequestCode::kBrokerHeartbeat}) {
    server_.RegisterProcessor(code, broker_processor_);
  }
  server_.RegisterProcessor(RequestCode::kGetRouteinfoByTopic, client_processor_);
  for (int32_t code :
       {RequestCode::kGetBrokerClusterInfo, RequestCode::kGetAllTopicListFromNameserver, RequestCode::kGetTopicsByCluster,
        RequestCode::kGetSystemTopicListFromNs, RequestCode::kGetUnitTopicList, RequestCode::kGetHasUnitSubTopicList,
        RequestCode::kGetHasUnitSubUnunitTopicList, RequestCode::kDeleteTopicInNamesrv,
        RequestCode::kRegisterTopicInNamesrv, RequestCode::kWipeWritePermOfBroker,
        RequestCode::kAddWritePermOfBroker}) {
    server_.RegisterProcessor(code, topic_admin_processor_);
  }
  for (int32_t code : {RequestCode::kPutKvConfig, RequestCode::kGetKvConfig, RequestCode::kDeleteKvConfig,
                       RequestCode::kGetKvlistByNamespace}) {
    server_.RegisterProcessor(code, kv_config_processor_);
  }
  server_.RegisterProcessor(RequestCode::kGetNamesrvConfig, config_processor_);
  server_.RegisterProcessor(RequestCode::kUpdateNamesrvConfig, config_processor_);
}

Status NamesrvServer::Start() {
  RMQ_RETURN_IF_ERROR(kv_config_.Load());
  io_pool_.Start();
  Status s = server_.Start();
  if (!s.ok()) {
    io_pool_.Stop();
    io_pool_.Join();
    return s;
  }
  started_ = true;
  asio::co_spawn(scan_strand_, ScanNotActiveBrokerLoop(), asio::detached);
  return Status::Ok();
}

asio::awaitable<void> NamesrvServer::ScanNotActiveBrokerLoop() {
  auto logger = GetLogger("namesrv");
  while (!stopping_) {
    // Interval and timeout are re-read each round: both may change at run time.
    NamesrvConfig config = config_.Snapshot();
    scan_timer_.expires_after(std::chrono::milliseconds(config.scan_not_active_broker_interval));
    boost::system::error_code ec;
    co_await scan_timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (ec || stopping_) break;
    routes_.set_default_timeout_millis(config.broker_channel_expired_time);
    std::vector<ExpiredBroker> expired = routes_.ScanNotActiveBroker();
    if (!expired.empty()) logger->info("scanNotActiveBroker: {} broker(s) removed", expired.size());
  }
}

void NamesrvServer::Stop() {
  if (stopping_.exchange(true)) return;
  if (!started_) return;
  server_.Stop();
  asio::post(scan_strand_, [this] { scan_timer_.cancel(); });
  blocking_pool_.join();
  io_pool_.Stop();
  io_pool_.Join();
  GetLogger("namesrv")->info("name server stopped");
}

}  // namespace rmq::namesrv

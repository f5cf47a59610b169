// NamesrvServer: wires one name server — config, KV store, route table, processors, the
// remoting server on its I/O threads, and the periodic broker-expiry scan. Only wiring lives
// here (NamesrvController.java without the getters). Several instances may run in one process
// (tests) or side by side on one host; they share nothing. Start/Stop from one thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "common/status.h"
#include "namesrv/broker_request_processor.h"
#include "namesrv/client_request_processor.h"
#include "namesrv/kv_config_manager.h"
#include "namesrv/kv_config_processor.h"
#include "namesrv/namesrv_config.h"
#include "namesrv/namesrv_config_processor.h"
#include "namesrv/route_info_manager.h"
#include "namesrv/runtime_namesrv_config.h"
#include "namesrv/topic_admin_processor.h"
#include "remoting/asio.h"
#include "remoting/io_thread_pool.h"
#include "remoting/remoting_server.h"

namespace rmq::namesrv {

class NamesrvServer {
 public:
  explicit NamesrvServer(const NamesrvConfig& config);
  // Stops.
  ~NamesrvServer();

  NamesrvServer(const NamesrvServer&) = delete;
  NamesrvServer& operator=(const NamesrvServer&) = delete;

  // Loads the KV store, binds the port and starts serving and scanning. Fails when the KV file
  // cannot be read (nor its .bak) or the port cannot be bound.
  Status Start();
  // The bound port; 0 before Start().
  uint16_t port() const { return server_.port(); }
  // Closes the port and every connection, stops the scan and the threads. Idempotent.
  void Stop();

  RouteInfoManager& routes() { return routes_; }

 private:
  asio::awaitable<void> ScanNotActiveBrokerLoop();
  void RegisterProcessors();

  // Members in dependency order; destroyed in reverse.
  RuntimeNamesrvConfig config_;
  KVConfigManager kv_config_;
  RouteInfoManager routes_;
  asio::thread_pool blocking_pool_{1};
  BrokerRequestProcessor broker_processor_;
  ClientRequestProcessor client_processor_;
  TopicAdminProcessor topic_admin_processor_;
  KVConfigProcessor kv_config_processor_;
  NamesrvConfigProcessor config_processor_;
  remoting::IoThreadPool io_pool_;
  remoting::RemotingServer server_;
  asio::strand<asio::io_context::executor_type> scan_strand_;
  asio::steady_timer scan_timer_;  // Used on scan_strand_ only.
  std::atomic<bool> stopping_{false};
  bool started_ = false;
};

}  // namespace rmq::namesrv

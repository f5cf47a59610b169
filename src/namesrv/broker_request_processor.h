// BrokerRequestProcessor: the requests brokers send to a name server — REGISTER_BROKER (103),
// UNREGISTER_BROKER (104), QUERY_DATA_VERSION (322) and BROKER_HEARTBEAT (904)
// (DefaultRequestProcessor.java). Holds references to the name server's tables, which must
// outlive it. Thread-safe (the tables are).
#pragma once

#include <optional>

#include "namesrv/kv_config_manager.h"
#include "namesrv/route_info_manager.h"
#include "namesrv/runtime_namesrv_config.h"
#include "remoting/request_processor.h"

namespace rmq::namesrv {

class BrokerRequestProcessor : public remoting::RequestProcessor {
 public:
  BrokerRequestProcessor(RouteInfoManager& routes, KVConfigManager& kv_config, const RuntimeNamesrvConfig& config)
      : routes_(routes), kv_config_(kv_config), config_(config) {}

  asio::awaitable<std::optional<remoting::RemotingCommand>> Process(remoting::RequestContext& context,
                                                                    remoting::RemotingCommand request) override;

  // The synchronous core, for tests and for Process.
  remoting::RemotingCommand Handle(const remoting::RequestContext& context, const remoting::RemotingCommand& request);

 private:
  remoting::RemotingCommand RegisterBroker(const remoting::RequestContext& context,
                                           const remoting::RemotingCommand& request);
  remoting::RemotingCommand UnregisterBroker(const remoting::RemotingCommand& request);
  remoting::RemotingCommand QueryDataVersion(const remoting::RemotingCommand& request);
  remoting::RemotingCommand BrokerHeartbeat(const remoting::RemotingCommand& request);

  RouteInfoManager& routes_;
  KVConfigManager& kv_config_;
  const RuntimeNamesrvConfig& config_;
};

}  // namespace rmq::namesrv

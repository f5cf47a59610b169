// ClientRequestProcessor: GET_ROUTEINFO_BY_TOPIC (105), the one request every producer and
// consumer sends to name servers (ClientRequestProcessor.java). Chooses standard JSON or
// fastjson's legacy form by the requester's version. Holds references to the name server's
// tables, which must outlive it. Thread-safe.
#pragma once

#include <optional>

#include "namesrv/kv_config_manager.h"
#include "namesrv/route_info_manager.h"
#include "namesrv/runtime_namesrv_config.h"
#include "remoting/request_processor.h"

namespace rmq::namesrv {

// The remark Java clients print for an unknown topic, FAQ sentence included
// (FAQUrl.suggestTodo(APPLY_TOPIC_URL)).
std::string TopicNotExistRemark(const std::string& topic);

class ClientRequestProcessor : public remoting::RequestProcessor {
 public:
  // `clock` and `started_at_millis` time the optional needWaitForService grace period.
  ClientRequestProcessor(const RouteInfoManager& routes, const KVConfigManager& kv_config,
                         const RuntimeNamesrvConfig& config, Clock clock = SteadyNowMillis);

  asio::awaitable<std::optional<remoting::RemotingCommand>> Process(remoting::RequestContext& context,
                                                                    remoting::RemotingCommand request) override;

  remoting::RemotingCommand Handle(const remoting::RemotingCommand& request);

 private:
  const RouteInfoManager& routes_;
  const KVConfigManager& kv_config_;
  const RuntimeNamesrvConfig& config_;
  const Clock clock_;
  const int64_t started_at_millis_;
};

}  // namespace rmq::namesrv

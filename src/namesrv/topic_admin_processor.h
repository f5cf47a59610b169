// TopicAdminProcessor: the admin-side route requests of a name server (DefaultRequestProcessor
// .java) — GET_BROKER_CLUSTER_INFO (106), the topic lists (206, 224, 304, 311, 312, 313),
// DELETE_TOPIC_IN_NAMESRV (216), REGISTER_TOPIC_IN_NAMESRV (217), and WIPE_/ADD_WRITE_PERM_OF_
// BROKER (205, 327). Holds references to the tables, which must outlive it. Thread-safe.
#pragma once

#include <optional>

#include "namesrv/route_info_manager.h"
#include "namesrv/runtime_namesrv_config.h"
#include "remoting/request_processor.h"

namespace rmq::namesrv {

class TopicAdminProcessor : public remoting::RequestProcessor {
 public:
  TopicAdminProcessor(RouteInfoManager& routes, const RuntimeNamesrvConfig& config)
      : routes_(routes), config_(config) {}

  asio::awaitable<std::optional<remoting::RemotingCommand>> Process(remoting::RequestContext& context,
                                                                    remoting::RemotingCommand request) override;

  remoting::RemotingCommand Handle(const remoting::RemotingCommand& request);

 private:
  remoting::RemotingCommand TopicListResponse(const remoting::RemotingCommand& request, const TopicList& list);
  remoting::RemotingCommand GetTopicsByCluster(const remoting::RemotingCommand& request);
  remoting::RemotingCommand DeleteTopic(const remoting::RemotingCommand& request);
  remoting::RemotingCommand RegisterTopic(const remoting::RemotingCommand& request);
  remoting::RemotingCommand WipeWritePerm(const remoting::RemotingCommand& request);
  remoting::RemotingCommand AddWritePerm(const remoting::RemotingCommand& request);

  RouteInfoManager& routes_;
  const RuntimeNamesrvConfig& config_;
};

}  // namespace rmq::namesrv

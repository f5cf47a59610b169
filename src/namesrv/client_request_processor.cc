#include "namesrv/client_request_processor.h"

#include "common/logging.h"
#include "common/mq_version.h"
#include "namesrv/status_response.h"
#include "remoting/custom_header.h"
#include "remoting/namesrv_headers.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"

namespace rmq::namesrv {

using remoting::RemotingCommand;
using remoting::ResponseCode;

std::string TopicNotExistRemark(const std::string& topic) {
  return "No topic route info in name server for the topic: " + topic +
         "\nSee https://rocketmq.apache.org/docs/bestPractice/06FAQ for further details.";
}

ClientRequestProcessor::ClientRequestProcessor(const RouteInfoManager& routes, const KVConfigManager& kv_config,
                                               const RuntimeNamesrvConfig& config, Clock clock)
    : routes_(routes), kv_config_(kv_config), config_(config), clock_(std::move(clock)), started_at_millis_(clock_()) {}

asio::awaitable<std::optional<RemotingCommand>> ClientRequestProcessor::Process(remoting::RequestContext& context,
                                                                                RemotingCommand request) {
  (void)context;
  co_return Handle(request);
}

RemotingCommand ClientRequestProcessor::Handle(const RemotingCommand& request) {
  if (request.code() != remoting::RequestCode::kGetRouteinfoByTopic) {
    return RemotingCommand::CreateResponse(request, ResponseCode::kRequestCodeNotSupported,
                                           "request type " + std::to_string(request.code()) + " not supported");
  }
  auto header = remoting::DecodeCustomHeader<remoting::GetRouteInfoRequestHeader>(request);
  if (!header.ok()) return StatusResponse(request, header.status());
  NamesrvConfig config = config_.Snapshot();
  if (config.need_wait_for_service &&
      clock_() - started_at_millis_ < int64_t{config.wait_seconds_for_service} * 1000) {
    return RemotingCommand::CreateResponse(request, ResponseCode::kSystemError, "name server not ready");
  }
  std::optional<TopicRouteData> route = routes_.PickupTopicRouteData(header->topic);
  if (!route) {
    GetLogger("namesrv")->debug("no route for topic {}", header->topic);
    return RemotingCommand::CreateResponse(request, ResponseCode::kTopicNotExist, TopicNotExistRemark(header->topic));
  }
  if (config.order_message_enable) {
    route->order_topic_conf = kv_config_.GetKVConfig(kNamespaceOrderTopicConfig, header->topic);
  }
  bool standard = request.version() >= MQVersion::kV4_9_4 || header->accept_standard_json_only.value_or(false);
  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  response.set_body(route->Encode(standard ? JsonWriter::Style::kStandard : JsonWriter::Style::kFastjson));
  return response;
}

}  // namespace rmq::namesrv

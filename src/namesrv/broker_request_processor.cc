#include "namesrv/broker_request_processor.h"

#include <zlib.h>

#include "common/logging.h"
#include "common/register_broker_body.h"
#include "namesrv/status_response.h"
#include "remoting/custom_header.h"
#include "remoting/namesrv_headers.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"

namespace rmq::namesrv {

using remoting::RemotingCommand;
using remoting::RequestCode;
using remoting::ResponseCode;

namespace {

// UtilAll#crc32: CRC-32 (zlib/IEEE) & 0x7FFFFFFF.
int32_t BodyCrc32(const std::string& body) {
  uLong crc = crc32(0L, Z_NULL, 0);
  crc = crc32(crc, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
  return static_cast<int32_t>(crc & 0x7FFFFFFF);
}

}  // namespace

asio::awaitable<std::optional<RemotingCommand>> BrokerRequestProcessor::Process(remoting::RequestContext& context,
                                                                                RemotingCommand request) {
  co_return Handle(context, request);
}

RemotingCommand BrokerRequestProcessor::Handle(const remoting::RequestContext& context,
                                               const RemotingCommand& request) {
  switch (request.code()) {
    case RequestCode::kRegisterBroker: return RegisterBroker(context, request);
    case RequestCode::kUnregisterBroker: return UnregisterBroker(request);
    case RequestCode::kQueryDataVersion: return QueryDataVersion(request);
    case RequestCode::kBrokerHeartbeat: return BrokerHeartbeat(request);
    default:
      return RemotingCommand::CreateResponse(request, ResponseCode::kRequestCodeNotSupported,
                                             "request type " + std::to_string(request.code()) + " not supported");
  }
}

RemotingCommand BrokerRequestProcessor::RegisterBroker(const remoting::RequestContext& context,
                                                       const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::RegisterBrokerRequestHeader>(request);
  if (!header.ok()) return StatusResponse(request, header.status());
  auto logger = GetLogger("namesrv");
  int32_t expected_crc = header->body_crc32.value_or(0);
  if (expected_crc != 0 && expected_crc != BodyCrc32(request.body())) {
    logger->warn("receive registerBroker request, crc32 not match, from {}", context.remote_address);
    return RemotingCommand::CreateResponse(request, ResponseCode::kSystemError, "crc32 not match");
  }
  auto body = RegisterBrokerBody::Decode(request.body(), header->compressed.value_or(false), request.version());
  if (!body.ok()) {
    logger->warn("registerBroker from {} ({} {}): bad body: {}", context.remote_address, header->broker_name,
                 header->broker_addr, body.status().message());
    return RemotingCommand::CreateResponse(request, ResponseCode::kSystemError,
                                           "Failed to decode RegisterBrokerBody: " + body.status().message());
  }
  BrokerRegistration registration;
  registration.cluster_name = header->cluster_name;
  registration.broker_addr = header->broker_addr;
  registration.broker_name = header->broker_name;
  registration.broker_id = header->broker_id;
  registration.ha_server_addr = header->ha_server_addr;
  registration.zone_name = header->zone_name;
  registration.heartbeat_timeout_millis = header->heartbeat_timeout_millis;
  registration.enable_acting_master = header->enable_acting_master;
  registration.topic_config = std::move(body->topic_config_serialize_wrapper);
  registration.filter_server_list = std::move(body->filter_server_list);
  logger->debug("registerBroker {} {} id={} cluster={} topics={} from {}", registration.broker_name,
                registration.broker_addr, registration.broker_id, registration.cluster_name,
                registration.topic_config.topic_config_table.size(), context.remote_address);

  NamesrvConfig config = config_.Snapshot();
  auto result = routes_.RegisterBroker(registration, config.delete_topic_with_broker_registration);
  if (!result.ok()) return StatusResponse(request, result.status());

  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  remoting::RegisterBrokerResponseHeader response_header;
  if (!result->master_addr.empty()) response_header.master_addr = result->master_addr;
  if (!result->ha_server_addr.empty()) response_header.ha_server_addr = result->ha_server_addr;
  remoting::EncodeCustomHeader(response_header, &response);
  if (config.return_order_topic_config_to_broker) {
    if (auto order = kv_config_.GetKVListByNamespace(kNamespaceOrderTopicConfig)) response.set_body(order->Encode());
  }
  return response;
}

RemotingCommand BrokerRequestProcessor::UnregisterBroker(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::UnregisterBrokerRequestHeader>(request);
  if (!header.ok()) return StatusResponse(request, header.status());
  routes_.UnregisterBroker(header->cluster_name, header->broker_addr, header->broker_name, header->broker_id);
  return RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
}

RemotingCommand BrokerRequestProcessor::QueryDataVersion(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::QueryDataVersionRequestHeader>(request);
  if (!header.ok()) return StatusResponse(request, header.status());
  auto version = DataVersion::Decode(request.body());
  if (!version.ok()) return StatusResponse(request, version.status());
  bool changed = routes_.IsBrokerTopicConfigChanged(header->cluster_name, header->broker_addr, *version);
  if (!changed) routes_.UpdateBrokerInfoUpdateTimestamp(header->cluster_name, header->broker_addr);
  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  remoting::EncodeCustomHeader(remoting::QueryDataVersionResponseHeader{changed}, &response);
  if (auto stored = routes_.QueryBrokerTopicConfig(header->cluster_name, header->broker_addr)) {
    response.set_body(stored->Encode());
  }
  return response;
}

RemotingCommand BrokerRequestProcessor::BrokerHeartbeat(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::BrokerHeartbeatRequestHeader>(request);
  if (!header.ok()) return StatusResponse(request, header.status());
  routes_.UpdateBrokerInfoUpdateTimestamp(header->cluster_name, header->broker_addr);
  return RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
}

}  // namespace rmq::namesrv

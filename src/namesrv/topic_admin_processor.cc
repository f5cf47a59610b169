#include "namesrv/topic_admin_processor.h"

#include "common/logging.h"
#include "namesrv/status_response.h"
#include "remoting/custom_header.h"
#include "remoting/namesrv_headers.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"

namespace rmq::namesrv {

using remoting::RemotingCommand;
using remoting::RequestCode;
using remoting::ResponseCode;

asio::awaitable<std::optional<RemotingCommand>> TopicAdminProcessor::Process(remoting::RequestContext& context,
                                                                             RemotingCommand request) {
  (void)context;
  co_return Handle(request);
}

RemotingCommand TopicAdminProcessor::Handle(const RemotingCommand& request) {
  switch (request.code()) {
    case RequestCode::kGetBrokerClusterInfo: {
      // Always the legacy form, whatever the requester's version (as Java).
      RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
      response.set_body(routes_.GetAllClusterInfo().Encode());
      return response;
    }
    case RequestCode::kGetAllTopicListFromNameserver:
      if (!config_.Snapshot().enable_all_topic_list) {
        return RemotingCommand::CreateResponse(request, ResponseCode::kSystemError, "disable");
      }
      return TopicListResponse(request, routes_.GetAllTopicList());
    case RequestCode::kGetTopicsByCluster: return GetTopicsByCluster(request);
    case RequestCode::kGetSystemTopicListFromNs: return TopicListResponse(request, routes_.GetSystemTopicList());
    case RequestCode::kGetUnitTopicList:
    case RequestCode::kGetHasUnitSubTopicList:
    case RequestCode::kGetHasUnitSubUnunitTopicList: {
      if (!config_.Snapshot().enable_topic_list) {
        return RemotingCommand::CreateResponse(request, ResponseCode::kSystemError, "disable");
      }
      TopicList list = request.code() == RequestCode::kGetUnitTopicList        ? routes_.GetUnitTopics()
                       : request.code() == RequestCode::kGetHasUnitSubTopicList ? routes_.GetHasUnitSubTopicList()
                                                                                 : routes_.GetHasUnitSubUnUnitTopicList();
      return TopicListResponse(request, list);
    }
    case RequestCode::kDeleteTopicInNamesrv: return DeleteTopic(request);
    case RequestCode::kRegisterTopicInNamesrv: return RegisterTopic(request);
    case RequestCode::kWipeWritePermOfBroker: return WipeWritePerm(request);
    case RequestCode::kAddWritePermOfBroker: return AddWritePerm(request);
    default:
      return RemotingCommand::CreateResponse(request, ResponseCode::kRequestCodeNotSupported,
                                             "request type " + std::to_string(request.code()) + " not supported");
  }
}

RemotingCommand TopicAdminProcessor::TopicListResponse(const RemotingCommand& request, const TopicList& list) {
  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  response.set_body(list.Encode());
  return response;
}

RemotingCommand TopicAdminProcessor::GetTopicsByCluster(const RemotingCommand& request) {
  if (!config_.Snapshot().enable_topic_list) {
    return RemotingCommand::CreateResponse(request, ResponseCode::kSystemError, "disable");
  }
  auto header = remoting::DecodeCustomHeader<remoting::GetTopicsByClusterRequestHeader>(request);
  if (!header.ok()) return StatusResponse(request, header.status());
  return TopicListResponse(request, routes_.GetTopicsByCluster(header->cluster));
}

RemotingCommand TopicAdminProcessor::DeleteTopic(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::DeleteTopicFromNamesrvRequestHeader>(request);
  if (!header.ok()) return StatusResponse(request, header.status());
  std::optional<std::string> cluster = header->cluster_name;
  if (cluster && cluster->empty()) cluster.reset();
  routes_.DeleteTopic(header->topic, cluster);
  GetLogger("namesrv")->info("delete topic {} in name server, cluster {}", header->topic, cluster.value_or("(all)"));
  return RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
}

RemotingCommand TopicAdminProcessor::RegisterTopic(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::RegisterTopicRequestHeader>(request);
  if (!header.ok()) return StatusResponse(request, header.status());
  if (!request.body().empty()) {
    auto route = TopicRouteData::Decode(request.body());
    if (!route.ok()) return StatusResponse(request, route.status());
    Status s = routes_.RegisterTopic(header->topic, route->queue_datas);
    if (!s.ok()) return StatusResponse(request, s);
  }
  return RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
}

RemotingCommand TopicAdminProcessor::WipeWritePerm(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::WipeWritePermOfBrokerRequestHeader>(request);
  if (!header.ok()) return StatusResponse(request, header.status());
  int32_t count = routes_.WipeWritePermOfBroker(header->broker_name);
  GetLogger("namesrv")->info("wipe write perm of broker[{}], topic count {}", header->broker_name, count);
  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  remoting::EncodeCustomHeader(remoting::WipeWritePermOfBrokerResponseHeader{count}, &response);
  return response;
}

RemotingCommand TopicAdminProcessor::AddWritePerm(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::AddWritePermOfBrokerRequestHeader>(request);
  if (!header.ok()) return StatusResponse(request, header.status());
  int32_t count = routes_.AddWritePermOfBroker(header->broker_name);
  GetLogger("namesrv")->info("add write perm of broker[{}], topic count {}", header->broker_name, count);
  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  remoting::EncodeCustomHeader(remoting::AddWritePermOfBrokerResponseHeader{count}, &response);
  return response;
}

}  // namespace rmq::namesrv

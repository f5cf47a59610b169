#include "namesrv/namesrv_config_processor.h"

#include "common/logging.h"
#include "common/properties_file.h"
#include "namesrv/status_response.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"

namespace rmq::namesrv {

using remoting::RemotingCommand;
using remoting::RequestCode;
using remoting::ResponseCode;

asio::awaitable<std::optional<RemotingCommand>> NamesrvConfigProcessor::Process(remoting::RequestContext& context,
                                                                                RemotingCommand request) {
  co_return Handle(context, request);
}

RemotingCommand NamesrvConfigProcessor::Handle(const remoting::RequestContext& context,
                                               const RemotingCommand& request) {
  if (request.code() == RequestCode::kGetNamesrvConfig) {
    RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
    response.set_body(FormatNamesrvConfig(config_.Snapshot()));
    return response;
  }
  if (request.code() != RequestCode::kUpdateNamesrvConfig) {
    return RemotingCommand::CreateResponse(request, ResponseCode::kRequestCodeNotSupported,
                                           "request type " + std::to_string(request.code()) + " not supported");
  }
  auto changes = PropertiesFile::Parse(request.body(), "request body");
  if (!changes.ok()) return StatusResponse(request, changes.status());
  Status s = config_.Update(*changes);
  if (!s.ok()) {
    GetLogger("namesrv")->warn("refused name server config update from {}: {}", context.remote_address, s.message());
  }
  return StatusResponse(request, s);
}

}  // namespace rmq::namesrv

// The one place where the name server turns a Status into a response: every failure is
// SYSTEM_ERROR (1) with the Status message as remark, as the Java name server answers bad
// headers and bodies, except NotFound, which is QUERY_NOT_FOUND (22) for the KV lookups.
#pragma once

#include "common/status.h"
#include "remoting/remoting_command.h"
#include "remoting/response_code.h"

namespace rmq::namesrv {

inline remoting::RemotingCommand StatusResponse(const remoting::RemotingCommand& request, const Status& status) {
  int32_t code = status.ok()                                ? remoting::ResponseCode::kSuccess
                 : status.code() == StatusCode::kNotFound ? remoting::ResponseCode::kQueryNotFound
                                                          : remoting::ResponseCode::kSystemError;
  std::optional<std::string> remark;
  if (!status.ok()) remark = status.message();
  return remoting::RemotingCommand::CreateResponse(request, code, std::move(remark));
}

}  // namespace rmq::namesrv

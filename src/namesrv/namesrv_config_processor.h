// NamesrvConfigProcessor: GET_NAMESRV_CONFIG (319) and UPDATE_NAMESRV_CONFIG (318). Updates
// are limited to the keys NamesrvConfigBinder marks updatable — no path, address or port, so
// an unauthenticated peer cannot point the name server at a file it should not write
// (CVE-2023-37582). Changes apply to the running process only. Thread-safe.
#pragma once

#include <optional>

#include "namesrv/runtime_namesrv_config.h"
#include "remoting/request_processor.h"

namespace rmq::namesrv {

class NamesrvConfigProcessor : public remoting::RequestProcessor {
 public:
  explicit NamesrvConfigProcessor(RuntimeNamesrvConfig& config) : config_(config) {}

  asio::awaitable<std::optional<remoting::RemotingCommand>> Process(remoting::RequestContext& context,
                                                                    remoting::RemotingCommand request) override;

  remoting::RemotingCommand Handle(const remoting::RequestContext& context, const remoting::RemotingCommand& request);

 private:
  RuntimeNamesrvConfig& config_;
};

}  // namespace rmq::namesrv

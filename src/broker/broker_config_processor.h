// BrokerConfigProcessor: the broker-level admin family — GET_BROKER_CONFIG (26),
// UPDATE_BROKER_CONFIG (25, only the allow-listed keys of BrokerConfigBinder; paths, addresses
// and ports are refused with NO_PERMISSION) and GET_BROKER_RUNTIME_INFO (28). Owned by
// BrokerServer; the references must outlive it.
#pragma once

#include <cstdint>
#include <optional>

#include "broker/broker_stats.h"
#include "broker/runtime_broker_config.h"
#include "remoting/request_processor.h"
#include "store/message_store.h"

namespace rmq::broker {

class BrokerConfigProcessor : public remoting::RequestProcessor {
 public:
  BrokerConfigProcessor(RuntimeBrokerConfig& runtime, const store::MessageStore& store, const BrokerStats& stats);

  asio::awaitable<std::optional<remoting::RemotingCommand>> Process(remoting::RequestContext& context,
                                                                    remoting::RemotingCommand request) override;

 private:
  remoting::RemotingCommand GetRuntimeInfo(const remoting::RemotingCommand& request);

  RuntimeBrokerConfig& runtime_;
  const store::MessageStore& store_;
  const BrokerStats& stats_;
  const int64_t boot_timestamp_ms_;
};

}  // namespace rmq::broker

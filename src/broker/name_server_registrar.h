// NameServerRegistrar: the broker's side of registration (BrokerOuterAPI.java) — REGISTER_BROKER
// with the full topic set to every name server in parallel, and UNREGISTER_BROKER at shutdown.
// Called from a background thread (never an I/O thread: it waits for the answers). Owned by
// BrokerServer; the references must outlive it. Thread-safe.
#pragma once

#include <string>

#include "broker/broker_config.h"
#include "broker/runtime_broker_config.h"
#include "broker/topic_config_manager.h"
#include "remoting/remoting_client.h"

namespace rmq::broker {

class NameServerRegistrar {
 public:
  // `broker_addr` is the advertised brokerIP1:listenPort, `ha_addr` brokerIP2:listenPort+1.
  NameServerRegistrar(remoting::RemotingClient& client, const BrokerConfig& config,
                      const RuntimeBrokerConfig& runtime, const TopicConfigManager& topics, std::string broker_addr,
                      std::string ha_addr);

  // Registers with every name server; failures are logged (the next period retries). Returns
  // how many name servers accepted.
  int RegisterAll();
  void UnregisterAll();

 private:
  remoting::RemotingClient& client_;
  const BrokerConfig& config_;
  const RuntimeBrokerConfig& runtime_;
  const TopicConfigManager& topics_;
  const std::string broker_addr_;
  const std::string ha_addr_;
};

}  // namespace rmq::broker

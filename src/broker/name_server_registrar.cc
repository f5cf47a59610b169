#include "broker/name_server_registrar.h"

#include <chrono>
#include <latch>
#include <memory>

#include "common/logging.h"
#include "common/message_codec.h"
#include "common/perm.h"
#include "common/register_broker_body.h"
#include "remoting/namesrv_headers.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"

namespace rmq::broker {

NameServerRegistrar::NameServerRegistrar(remoting::RemotingClient& client, const BrokerConfig& config,
                                         const RuntimeBrokerConfig& runtime, const TopicConfigManager& topics,
                                         std::string broker_addr, std::string ha_addr)
    : client_(client),
      config_(config),
      runtime_(runtime),
      topics_(topics),
      broker_addr_(std::move(broker_addr)),
      ha_addr_(std::move(ha_addr)) {}

int NameServerRegistrar::RegisterAll() {
  std::vector<std::string> namesrvs = config_.NamesrvAddrList();
  if (namesrvs.empty()) return 0;
  RegisterBrokerBody body;
  body.topic_config_serialize_wrapper = topics_.BuildSerializeWrapper();
  // As BrokerController#registerBrokerAll: a broker that is not read-write lends its own
  // permission to every topic it registers.
  int32_t broker_perm = runtime_.broker_permission();
  if (!Perm::IsWriteable(broker_perm) || !Perm::IsReadable(broker_perm)) {
    for (auto& [name, topic] : body.topic_config_serialize_wrapper.topic_config_table) topic.perm = broker_perm;
  }
  std::string encoded = body.EncodeJson();
  remoting::RegisterBrokerRequestHeader header;
  header.broker_name = config_.broker_name;
  header.broker_addr = broker_addr_;
  header.cluster_name = config_.broker_cluster_name;
  header.ha_server_addr = ha_addr_;
  header.broker_id = config_.broker_id;
  header.enable_acting_master = false;
  header.compressed = false;
  header.body_crc32 = BodyCrc(encoded);

  auto logger = GetLogger("broker");
  auto accepted = std::make_shared<std::atomic<int>>(0);
  auto done = std::make_shared<std::latch>(static_cast<std::ptrdiff_t>(namesrvs.size()));
  for (const std::string& addr : namesrvs) {
    auto request = remoting::RemotingCommand::CreateRequest(remoting::RequestCode::kRegisterBroker);
    remoting::EncodeCustomHeader(header, &request);
    request.set_body(encoded);
    client_.InvokeAsync(addr, std::move(request), std::chrono::milliseconds(config_.register_broker_timeout_mills),
                        [addr, accepted, done, logger](Result<remoting::RemotingCommand> response) {
                          if (!response.ok()) {
                            logger->warn("register broker to name server {} failed: {}", addr,
                                         response.status().message());
                          } else if (response->code() != remoting::ResponseCode::kSuccess) {
                            logger->warn("register broker to name server {} refused: code {} {}", addr,
                                         response->code(), response->remark().value_or(""));
                          } else {
                            logger->debug("register broker to name server {} OK", addr);
                            accepted->fetch_add(1);
                          }
                          done->count_down();
                        });
  }
  done->wait();
  return accepted->load();
}

void NameServerRegistrar::UnregisterAll() {
  for (const std::string& addr : config_.NamesrvAddrList()) {
    auto request = remoting::RemotingCommand::CreateRequest(remoting::RequestCode::kUnregisterBroker);
    remoting::UnregisterBrokerRequestHeader header{config_.broker_name, broker_addr_, config_.broker_cluster_name,
                                                   config_.broker_id};
    remoting::EncodeCustomHeader(header, &request);
    auto response = client_.InvokeSync(addr, std::move(request), std::chrono::seconds(3));
    if (!response.ok()) {
      GetLogger("broker")->warn("unregister broker from name server {} failed: {}", addr, response.status().message());
    } else {
      GetLogger("broker")->info("unregister broker from name server {} OK", addr);
    }
  }
}

}  // namespace rmq::broker

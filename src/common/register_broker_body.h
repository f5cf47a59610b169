// RegisterBrokerBody: what a broker sends with REGISTER_BROKER (103) — its DataVersion, every
// TopicConfig and the (legacy, normally empty) filter-server list (reference/remoting.md §5.2).
// Two forms: fastjson JSON, and the zlib form a broker sends with `compressed=true`
// (RegisterBrokerBody#encode(true)/#decode). Decoders take untrusted bytes. A plain value type.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/data_version.h"
#include "common/status.h"
#include "common/topic_config.h"

namespace rmq {

// TopicConfigSerializeWrapper (5.x TopicConfigAndMappingSerializeWrapper): the broker's topic
// set and its version. Static-topic mapping tables are written empty and ignored on decode.
struct TopicConfigSerializeWrapper {
  DataVersion data_version;
  DataVersion mapping_data_version;
  std::map<std::string, TopicConfig> topic_config_table;  // topic -> config

  bool operator==(const TopicConfigSerializeWrapper&) const = default;

  void WriteJson(JsonWriter* writer) const;
  std::string EncodeJson() const;
  static Result<TopicConfigSerializeWrapper> FromJson(const nlohmann::json& json);
};

struct RegisterBrokerBody {
  // Upper bound on the inflated size of a compressed body; a larger one is rejected.
  static constexpr size_t kMaxInflatedSize = 64 * 1024 * 1024;

  TopicConfigSerializeWrapper topic_config_serialize_wrapper;
  std::vector<std::string> filter_server_list;

  bool operator==(const RegisterBrokerBody&) const = default;

  std::string EncodeJson() const;
  // The zlib form (best compression) with the 5.x trailing topic-queue-mapping section (empty).
  // Topic order follows the table; topicSysFlag and order are not carried, as in Java.
  std::string EncodeCompressed() const;

  // Decodes a REGISTER_BROKER body as DefaultRequestProcessor#registerBroker does: a broker
  // older than V3_0_11 sends a bare TopicConfigSerializeWrapper; otherwise JSON, or the zlib
  // form when `compressed` (whose mapping section is read when `version` >= V5_0_0 and present).
  // An empty body is an empty registration.
  static Result<RegisterBrokerBody> Decode(std::string_view body, bool compressed, int32_t version);
  static Result<RegisterBrokerBody> DecodeJson(std::string_view body);
  static Result<RegisterBrokerBody> DecodeCompressed(std::string_view body, int32_t version);
};

}  // namespace rmq

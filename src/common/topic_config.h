// TopicConfig: a topic's queue counts, permission and flags as brokers store and register them
// (TopicConfig.java). Two encodings: the JSON object inside RegisterBrokerBody / topics.json,
// and the space-separated text line of the compressed registration body
// (`name read write perm filterType [attributesJSON]`). A plain value type.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/json_writer.h"
#include "common/perm.h"
#include "common/status.h"

namespace rmq {

struct TopicConfig {
  static constexpr int32_t kDefaultQueueNums = 16;

  std::string topic_name;
  int32_t read_queue_nums = kDefaultQueueNums;
  int32_t write_queue_nums = kDefaultQueueNums;
  int32_t perm = Perm::kRead | Perm::kWrite;
  std::string topic_filter_type = "SINGLE_TAG";  // SINGLE_TAG or MULTI_TAG
  int32_t topic_sys_flag = 0;
  bool order = false;
  std::map<std::string, std::string> attributes;  // 5.x, e.g. "+message.type" -> "NORMAL"

  bool operator==(const TopicConfig&) const = default;

  // {"attributes":{},"order":false,"perm":6,"readQueueNums":4,"topicFilterType":"SINGLE_TAG",
  //  "topicName":"TopicTest","topicSysFlag":0,"writeQueueNums":4}
  void WriteJson(JsonWriter* writer) const;
  std::string EncodeJson() const;
  static Result<TopicConfig> FromJson(const nlohmann::json& json);

  // The text line of TopicConfig#encode (5.x form, with the attributes JSON). topicSysFlag and
  // order are not part of it.
  std::string EncodeLine() const;
  // Parses a 4.x (5 tokens) or 5.x (6 tokens) line, as TopicConfig#decode.
  static Result<TopicConfig> DecodeLine(std::string_view line);
};

}  // namespace rmq

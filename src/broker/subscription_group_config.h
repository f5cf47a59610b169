// SubscriptionGroupConfig: a consumer group's settings as the broker stores them in
// subscriptionGroup.json and exchanges them in UPDATE_AND_CREATE_SUBSCRIPTIONGROUP (200) and
// GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201) (reference/remoting.md §5.7.7). Kept in broker because
// only the broker and the admin path read it. A plain value type.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "common/json_writer.h"
#include "common/status.h"

namespace rmq::broker {

struct SubscriptionGroupConfig {
  std::string group_name;
  bool consume_enable = true;
  bool consume_from_min_enable = true;
  bool consume_broadcast_enable = true;
  bool consume_message_orderly = false;
  int32_t retry_queue_nums = 1;
  int32_t retry_max_times = 16;
  int64_t broker_id = 0;
  int64_t which_broker_when_consume_slowly = 1;
  bool notify_consumer_ids_changed_enable = true;
  int32_t group_sys_flag = 0;
  int32_t consume_timeout_minute = 15;

  bool operator==(const SubscriptionGroupConfig&) const = default;

  // fastjson layout: properties in alphabetical order.
  void WriteJson(JsonWriter* writer) const;
  std::string EncodeJson() const;
  // Unknown properties are ignored; missing ones keep the defaults above.
  static Result<SubscriptionGroupConfig> FromJson(const nlohmann::json& json);
};

}  // namespace rmq::broker

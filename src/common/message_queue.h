// MessageQueue: one queue of a topic on one broker group, as the JSON bodies and the client's
// rebalance name it ({"brokerName":..,"queueId":..,"topic":..}, reference/remoting.md §5.7.5).
// Ordered as Java's MessageQueue#compareTo (topic, then brokerName, then queueId). A plain value
// type.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "common/json_writer.h"
#include "common/status.h"

namespace rmq {

struct MessageQueue {
  std::string topic;
  std::string broker_name;
  int32_t queue_id = 0;

  auto operator<=>(const MessageQueue&) const = default;
  bool operator==(const MessageQueue&) const = default;

  // {"brokerName":"b","queueId":0,"topic":"t"}
  void WriteJson(JsonWriter* writer) const;
  std::string ToJson() const;
  static Result<MessageQueue> FromJson(const nlohmann::json& json);
  // "MessageQueue [topic=t, brokerName=b, queueId=0]", as MessageQueue#toString; the consistent
  // hash strategy hashes this text.
  std::string ToString() const;
};

}  // namespace rmq

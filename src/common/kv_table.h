// KVTable: a string map body, {"table":{"k":"v",...}} — the KV namespace listing of the name
// server (219, and the ORDER_TOPIC_CONFIG body of REGISTER_BROKER responses) and the broker's
// runtime info (28). A plain value type.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "common/status.h"

namespace rmq {

struct KVTable {
  std::map<std::string, std::string> table;

  bool operator==(const KVTable&) const = default;

  std::string Encode() const;
  static Result<KVTable> Decode(std::string_view body);
};

}  // namespace rmq

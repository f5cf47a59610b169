// DelayLevelTable: the messageDelayLevel setting ("1s 5s 10s 30s 1m ... 2h") parsed into
// milliseconds per level, used to compute the tagsCode (delivery time) of messages parked in
// SCHEDULE_TOPIC_XXXX. Immutable after construction; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace rmq::store {

inline constexpr std::string_view kScheduleTopic = "SCHEDULE_TOPIC_XXXX";

class DelayLevelTable {
 public:
  // InvalidArgument names the bad token ("7x").
  static Result<DelayLevelTable> Parse(std::string_view levels);

  int max_level() const { return static_cast<int>(delay_ms_.size()); }
  // Delay of `level` (1-based), clamped to 1..max_level.
  int64_t DelayMs(int level) const;

 private:
  std::vector<int64_t> delay_ms_;
};

}  // namespace rmq::store

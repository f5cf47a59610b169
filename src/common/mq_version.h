// RocketMQ release ordinals (MQVersion.Version) that change behaviour on the wire, and the one
// our processes put into every command they create.
#pragma once

#include <cstdint>

namespace rmq {

struct MQVersion {
  static constexpr int32_t kV3_0_11 = 37;          // REGISTER_BROKER body is a RegisterBrokerBody
  static constexpr int32_t kV3_4_9 = 121;          // ali-ons
  static constexpr int32_t kV4_1_0_Snapshot = 232;  // SQL92 filters accepted by Java consumers
  static constexpr int32_t kV4_5_2 = 317;          // Go client
  static constexpr int32_t kV4_6_0 = 333;          // C++ client
  static constexpr int32_t kV4_9_4 = 401;          // standard JSON route data
  static constexpr int32_t kV5_0_0 = 413;
  static constexpr int32_t kV5_3_3 = 479;
  // What our daemons and clients announce: a modern 5.x ordinal, so Java clients enable
  // every feature they gate on the broker's version.
  static constexpr int32_t kCurrent = kV5_3_3;
};

}  // namespace rmq

// Common definitions of the RocketMQ native C++ client's public API: the export macro and the
// library version. Every public header includes this one.
#pragma once

#define ROCKETMQCLIENT_API __attribute__((visibility("default")))

namespace rocketmq {

// The client library's version, as version() of producers and consumers reports it.
inline constexpr const char* kClientVersion = "rocketmq-native-cpp 0.1.0";

}  // namespace rocketmq

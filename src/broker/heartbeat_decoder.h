// The broker's lenient decoder of HEART_BEAT (34) bodies into common's HeartbeatData: it accepts
// what Java, C++ (enum ordinals, string subVersion, empty sets left out, trailing newline) and
// ali-ons send (reference/remoting.md §5.7.4, client-quirks.md §2.6). Tag codes are always
// recomputed from the tag strings: the C++ client's codeSet holds atoi(tag). Pure function;
// thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/heartbeat_data.h"
#include "common/status.h"

namespace rmq::broker {

// Corruption naming what is wrong when the body is not a usable HeartbeatData.
Result<HeartbeatData> DecodeHeartbeatData(std::string_view body);

// The body of CHECK_CLIENT_CONFIG (46), CheckClientRequestBody.java: a client asks before it
// starts whether the broker can filter with a subscription.
struct CheckClientRequest {
  std::string client_id;
  std::string group;
  std::optional<SubscriptionData> subscription;
};
// Corruption when the body is not a CheckClientRequestBody.
Result<CheckClientRequest> DecodeCheckClientBody(std::string_view body);

}  // namespace rmq::broker

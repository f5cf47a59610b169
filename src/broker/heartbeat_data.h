// HeartbeatData: the body of HEART_BEAT (34) — a client's id, producer groups and consumer
// groups with their subscriptions (reference/remoting.md §5.7.4) — and SubscriptionData, also
// built from a pull's own subscription expression. The decoder accepts what Java, C++ (enum
// ordinals, string subVersion, trailing newline) and ali-ons send. Plain value types.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/json_writer.h"
#include "common/status.h"

namespace rmq::broker {

struct SubscriptionData {
  std::string topic;
  std::string sub_string = "*";
  std::vector<std::string> tags_set;
  std::vector<int32_t> code_set;  // Java String.hashCode of each tag, computed here
  int64_t sub_version = 0;
  std::string expression_type = "TAG";

  bool operator==(const SubscriptionData&) const = default;
  bool IsAll() const { return tags_set.empty(); }
  void WriteJson(JsonWriter* writer) const;
};

// As FilterAPI#buildSubscriptionData for TAG: "*" or "" subscribe everything; otherwise tags
// separated by "||", trimmed, empty ones dropped. The code set is always computed here: the
// C++ client's codeSet holds atoi(tag), so the client's own codes are never trusted.
SubscriptionData BuildSubscriptionData(std::string_view topic, std::string_view expression, int64_t sub_version);

struct ConsumerData {
  std::string group_name;
  std::string consume_type = "CONSUME_PASSIVELY";       // CONSUME_ACTIVELY / _PASSIVELY / _POP
  std::string message_model = "CLUSTERING";             // BROADCASTING / CLUSTERING
  std::string consume_from_where = "CONSUME_FROM_LAST_OFFSET";
  std::vector<SubscriptionData> subscriptions;
  bool unit_mode = false;
};

struct HeartbeatData {
  std::string client_id;
  std::vector<std::string> producer_groups;
  std::vector<ConsumerData> consumers;

  static Result<HeartbeatData> Decode(std::string_view body);
};

}  // namespace rmq::broker

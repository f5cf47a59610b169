// HeartbeatData as a client builds and sends it in HEART_BEAT (34): client id, producer groups,
// consumer groups with their subscriptions (reference/remoting.md §5.7.4). Encoded as the Java
// 5.x client does (enum names, numeric subVersion, codeSet of Java String.hashCode values).
// The broker keeps its own lenient decoder for every client's variant. Plain value types.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/json_writer.h"

namespace rmq {

struct SubscriptionData {
  std::string topic;
  std::string sub_string = "*";       // "*" or "TagA || TagB"
  std::vector<std::string> tags_set;  // empty for "*"
  std::vector<int32_t> code_set;      // Java String.hashCode of each tag
  int64_t sub_version = 0;            // ms when built
  std::string expression_type = "TAG";

  bool operator==(const SubscriptionData&) const = default;
  bool IsAll() const { return tags_set.empty(); }
  void WriteJson(JsonWriter* writer) const;
};

// As FilterAPI#buildSubscriptionData for TAG expressions: "*" or "" subscribe to everything;
// otherwise tags are split on "||", trimmed, empty ones dropped.
SubscriptionData BuildSubscriptionData(std::string_view topic, std::string_view expression, int64_t sub_version);
// As FilterAPI#build: TAG as above; any other type (SQL92) keeps the expression as subString
// with no tags, for the broker to evaluate.
SubscriptionData BuildSubscriptionData(std::string_view topic, std::string_view expression_type,
                                       std::string_view expression, int64_t sub_version);

struct ConsumerHeartbeat {
  std::string group_name;
  std::string consume_type = "CONSUME_PASSIVELY";  // CONSUME_ACTIVELY for pull consumers
  std::string message_model = "CLUSTERING";        // or BROADCASTING
  std::string consume_from_where = "CONSUME_FROM_LAST_OFFSET";
  std::vector<SubscriptionData> subscriptions;
  bool unit_mode = false;
};

struct HeartbeatData {
  std::string client_id;
  std::vector<std::string> producer_groups;
  std::vector<ConsumerHeartbeat> consumers;

  std::string Encode() const;
};

}  // namespace rmq

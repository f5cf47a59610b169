// Typed headers of the consumer-side requests (reference/remoting.md §5.4, §5.6): offsets,
// offset lookups by time, message queries, client registration, and the requests the broker
// sends down a client's connection (notifications, reset offset, status and running-info
// relays, consume directly). Plain value types.
#pragma once

#include <strings.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include "remoting/custom_header.h"

namespace rmq::remoting {

// The `offset` response shared by QUERY_CONSUMER_OFFSET, GET_MAX_OFFSET, GET_MIN_OFFSET and
// SEARCH_OFFSET_BY_TIMESTAMP (four Java classes with the same single required field).
struct OffsetResponseHeader {
  int64_t offset = 0;

  static constexpr auto Fields() { return std::make_tuple(Field("offset", &OffsetResponseHeader::offset)); }
};
using QueryConsumerOffsetResponseHeader = OffsetResponseHeader;
using GetMaxOffsetResponseHeader = OffsetResponseHeader;
using GetMinOffsetResponseHeader = OffsetResponseHeader;
using SearchOffsetResponseHeader = OffsetResponseHeader;

// The `timestamp` response of GET_EARLIEST_MSG_STORETIME.
struct TimestampResponseHeader {
  int64_t timestamp = 0;

  static constexpr auto Fields() {
    return std::make_tuple(Field("timestamp", &TimestampResponseHeader::timestamp));
  }
};
using GetEarliestMsgStoretimeResponseHeader = TimestampResponseHeader;

// QUERY_CONSUMER_OFFSET (14). Response: OffsetResponseHeader, or QUERY_NOT_FOUND.
struct QueryConsumerOffsetRequestHeader {
  std::string consumer_group;
  std::string topic;
  int32_t queue_id = 0;
  std::optional<bool> set_zero_if_not_found;

  static constexpr auto Fields() {
    using H = QueryConsumerOffsetRequestHeader;
    return std::make_tuple(Field("consumerGroup", &H::consumer_group), Field("topic", &H::topic),
                           Field("queueId", &H::queue_id),
                           Field("setZeroIfNotFound", &H::set_zero_if_not_found));
  }
};

// UPDATE_CONSUMER_OFFSET (15); the Java persist timer sends it oneway.
struct UpdateConsumerOffsetRequestHeader {
  std::string consumer_group;
  std::string topic;
  int32_t queue_id = 0;
  int64_t commit_offset = 0;

  static constexpr auto Fields() {
    using H = UpdateConsumerOffsetRequestHeader;
    return std::make_tuple(Field("consumerGroup", &H::consumer_group), Field("topic", &H::topic),
                           Field("queueId", &H::queue_id), Field("commitOffset", &H::commit_offset));
  }
};

// GET_MAX_OFFSET (30). Response: OffsetResponseHeader (exclusive max).
struct GetMaxOffsetRequestHeader {
  std::string topic;
  int32_t queue_id = 0;
  std::optional<bool> committed = true;  // always sent

  static constexpr auto Fields() {
    using H = GetMaxOffsetRequestHeader;
    return std::make_tuple(Field("topic", &H::topic), Field("queueId", &H::queue_id),
                           Field("committed", &H::committed));
  }
};

// GET_MIN_OFFSET (31). Response: OffsetResponseHeader.
struct GetMinOffsetRequestHeader {
  std::string topic;
  int32_t queue_id = 0;

  static constexpr auto Fields() {
    using H = GetMinOffsetRequestHeader;
    return std::make_tuple(Field("topic", &H::topic), Field("queueId", &H::queue_id));
  }
};

// SEARCH_OFFSET_BY_TIMESTAMP's choice among messages stored at the same time (BoundaryType.java).
enum class BoundaryType { kLower, kUpper };

// As BoundaryType#getType: "upper" in any case is kUpper, anything else kLower. Found by
// argument-dependent lookup from custom_header.h's field decoder.
inline Status ParseValue(std::string_view, std::string_view text, BoundaryType* out) {
  bool upper = text.size() == 5 && strncasecmp(text.data(), "upper", 5) == 0;
  *out = upper ? BoundaryType::kUpper : BoundaryType::kLower;
  return Status::Ok();
}
// The Java enum name, as toString() writes it.
inline std::string FormatValue(BoundaryType type) { return type == BoundaryType::kUpper ? "UPPER" : "LOWER"; }

// SEARCH_OFFSET_BY_TIMESTAMP (29). Response: OffsetResponseHeader.
struct SearchOffsetRequestHeader {
  std::string topic;
  int32_t queue_id = 0;
  int64_t timestamp = 0;                      // ms
  std::optional<BoundaryType> boundary_type;  // absent = kLower

  static constexpr auto Fields() {
    using H = SearchOffsetRequestHeader;
    return std::make_tuple(Field("topic", &H::topic), Field("queueId", &H::queue_id),
                           Field("timestamp", &H::timestamp), Field("boundaryType", &H::boundary_type));
  }
};

// GET_EARLIEST_MSG_STORETIME (32). Response: TimestampResponseHeader.
struct GetEarliestMsgStoretimeRequestHeader {
  std::string topic;
  int32_t queue_id = 0;

  static constexpr auto Fields() {
    using H = GetEarliestMsgStoretimeRequestHeader;
    return std::make_tuple(Field("topic", &H::topic), Field("queueId", &H::queue_id));
  }
};

// VIEW_MESSAGE_BY_ID (33): the commit-log offset decoded from an offsetMsgId.
struct ViewMessageRequestHeader {
  std::optional<std::string> topic;
  int64_t offset = 0;

  static constexpr auto Fields() {
    using H = ViewMessageRequestHeader;
    return std::make_tuple(Field("topic", &H::topic), Field("offset", &H::offset));
  }
};

// QUERY_MESSAGE (12), by key or, with _UNIQUE_KEY_QUERY=true, by UNIQ_KEY.
struct QueryMessageRequestHeader {
  std::string topic;
  std::string key;
  int32_t max_num = 0;
  int64_t begin_timestamp = 0;
  int64_t end_timestamp = 0;
  // Not a field of the Java class: the Java client adds it to extFields on every query.
  std::optional<bool> unique_key_query;

  static constexpr auto Fields() {
    using H = QueryMessageRequestHeader;
    return std::make_tuple(Field("topic", &H::topic), Field("key", &H::key), Field("maxNum", &H::max_num),
                           Field("beginTimestamp", &H::begin_timestamp),
                           Field("endTimestamp", &H::end_timestamp),
                           Field("_UNIQUE_KEY_QUERY", &H::unique_key_query));
  }
};

struct QueryMessageResponseHeader {
  int64_t index_last_update_timestamp = 0;
  int64_t index_last_update_phyoffset = 0;

  static constexpr auto Fields() {
    using H = QueryMessageResponseHeader;
    return std::make_tuple(Field("indexLastUpdateTimestamp", &H::index_last_update_timestamp),
                           Field("indexLastUpdatePhyoffset", &H::index_last_update_phyoffset));
  }
};

// UNREGISTER_CLIENT (35). Note the capital "ID" of the wire key.
struct UnregisterClientRequestHeader {
  std::string client_id;
  std::optional<std::string> producer_group;
  std::optional<std::string> consumer_group;

  static constexpr auto Fields() {
    using H = UnregisterClientRequestHeader;
    return std::make_tuple(Field("clientID", &H::client_id), Field("producerGroup", &H::producer_group),
                           Field("consumerGroup", &H::consumer_group));
  }
};

// GET_CONSUMER_LIST_BY_GROUP (38); the response body lists the consumer ids.
struct GetConsumerListByGroupRequestHeader {
  std::string consumer_group;

  static constexpr auto Fields() {
    return std::make_tuple(Field("consumerGroup", &GetConsumerListByGroupRequestHeader::consumer_group));
  }
};

// NOTIFY_CONSUMER_IDS_CHANGED (40), broker -> client, oneway.
struct NotifyConsumerIdsChangedRequestHeader {
  std::string consumer_group;

  static constexpr auto Fields() {
    return std::make_tuple(Field("consumerGroup", &NotifyConsumerIdsChangedRequestHeader::consumer_group));
  }
};

// RESET_CONSUMER_CLIENT_OFFSET (220, broker -> client, oneway) and INVOKE_BROKER_TO_RESET_OFFSET
// (222, admin -> broker) share this header (ResetOffsetRequestHeader.java).
struct ResetOffsetRequestHeader {
  std::string group;
  std::string topic;
  int64_t timestamp = 0;  // ms; -1 = latest
  bool is_force = false;
  std::optional<int32_t> queue_id = -1;  // always sent; -1 = every queue
  std::optional<int64_t> offset;         // absent or -1 = by timestamp

  static constexpr auto Fields() {
    using H = ResetOffsetRequestHeader;
    return std::make_tuple(Field("group", &H::group), Field("topic", &H::topic),
                           Field("timestamp", &H::timestamp), Field("isForce", &H::is_force),
                           Field("queueId", &H::queue_id), Field("offset", &H::offset));
  }
};

// GET_CONSUMER_STATUS_FROM_CLIENT (221, broker -> client) and INVOKE_BROKER_TO_GET_CONSUMER_STATUS
// (223, admin -> broker) share this header (GetConsumerStatusRequestHeader.java).
struct GetConsumerStatusRequestHeader {
  std::string topic;
  std::string group;
  std::optional<std::string> client_addr;

  static constexpr auto Fields() {
    using H = GetConsumerStatusRequestHeader;
    return std::make_tuple(Field("topic", &H::topic), Field("group", &H::group),
                           Field("clientAddr", &H::client_addr));
  }
};

// GET_CONSUMER_RUNNING_INFO (307): admin -> broker, relayed unchanged broker -> client.
struct GetConsumerRunningInfoRequestHeader {
  std::string consumer_group;
  std::string client_id;
  std::optional<bool> jstack_enable = false;  // always sent

  static constexpr auto Fields() {
    using H = GetConsumerRunningInfoRequestHeader;
    return std::make_tuple(Field("consumerGroup", &H::consumer_group), Field("clientId", &H::client_id),
                           Field("jstackEnable", &H::jstack_enable));
  }
};

// CONSUME_MESSAGE_DIRECTLY (309): admin -> broker, relayed broker -> client with the stored
// message as the body and brokerName, topicSysFlag, groupSysFlag added
// (ConsumeMessageDirectlyResultRequestHeader.java).
struct ConsumeMessageDirectlyResultRequestHeader {
  std::string consumer_group;
  std::optional<std::string> client_id;
  std::optional<std::string> msg_id;  // offsetMsgId
  std::optional<std::string> broker_name;
  std::optional<std::string> topic;
  std::optional<int32_t> topic_sys_flag;
  std::optional<int32_t> group_sys_flag;

  static constexpr auto Fields() {
    using H = ConsumeMessageDirectlyResultRequestHeader;
    return std::make_tuple(Field("consumerGroup", &H::consumer_group), Field("clientId", &H::client_id),
                           Field("msgId", &H::msg_id), Field("brokerName", &H::broker_name),
                           Field("topic", &H::topic), Field("topicSysFlag", &H::topic_sys_flag),
                           Field("groupSysFlag", &H::group_sys_flag));
  }
};

}  // namespace rmq::remoting

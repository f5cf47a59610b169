// Typed headers of PULL_MESSAGE (11) and LITE_PULL_MESSAGE (361) and the pull response
// (reference/remoting.md §5.4), with the bits of the request's sysFlag. Plain value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>

#include "remoting/custom_header.h"

namespace rmq::remoting {

// Bits of PullMessageRequestHeader::sys_flag (PullSysFlag.java).
struct PullSysFlag {
  // Store commit_offset as the group's committed offset.
  static constexpr int32_t kCommitOffset = 0x1;
  // The broker may hold the request while nothing is available (long polling).
  static constexpr int32_t kSuspend = 0x2;
  // subscription/expressionType of the request override the heartbeat's copy.
  static constexpr int32_t kSubscription = 0x4;
  // Legacy filter-server mode.
  static constexpr int32_t kClassFilter = 0x8;
  // Sent by the lite pull consumer.
  static constexpr int32_t kLitePull = 0x10;
};

struct PullMessageRequestHeader {
  std::string consumer_group;
  std::string topic;
  int32_t queue_id = 0;
  int64_t queue_offset = 0;  // first consume-queue offset wanted
  int32_t max_msg_nums = 0;
  int32_t sys_flag = 0;  // PullSysFlag bits
  int64_t commit_offset = 0;
  int64_t suspend_timeout_millis = 0;  // long-poll hold time
  // Applies only with PullSysFlag::kSubscription; the Go client always sends it.
  std::optional<std::string> subscription;
  int64_t sub_version = 0;
  std::optional<std::string> expression_type;          // TAG when absent, or SQL92
  std::optional<int32_t> max_msg_bytes;                // 5.x byte budget
  std::optional<int32_t> request_source;               // 5.x proxy
  std::optional<std::string> proxy_froward_client_id;  // upstream's spelling

  static constexpr auto Fields() {
    using H = PullMessageRequestHeader;
    return std::make_tuple(
        Field("consumerGroup", &H::consumer_group), Field("topic", &H::topic), Field("queueId", &H::queue_id),
        Field("queueOffset", &H::queue_offset), Field("maxMsgNums", &H::max_msg_nums),
        Field("sysFlag", &H::sys_flag), Field("commitOffset", &H::commit_offset),
        Field("suspendTimeoutMillis", &H::suspend_timeout_millis), Field("subscription", &H::subscription),
        Field("subVersion", &H::sub_version), Field("expressionType", &H::expression_type),
        Field("maxMsgBytes", &H::max_msg_bytes), Field("requestSource", &H::request_source),
        Field("proxyFrowardClientId", &H::proxy_froward_client_id));
  }
};

// The four required keys must be present on codes 0, 19, 20 and 21: every client reads them.
// The store status name goes in the remark.
struct PullMessageResponseHeader {
  int64_t suggest_which_broker_id = 0;  // 0 = master
  int64_t next_begin_offset = 0;
  int64_t min_offset = 0;               // inclusive
  int64_t max_offset = 0;               // exclusive: the offset the next message will get
  std::optional<int64_t> offset_delta;  // static topics
  std::optional<int32_t> topic_sys_flag;
  std::optional<int32_t> group_sys_flag;
  std::optional<int32_t> forbidden_type;  // with NO_PERMISSION

  static constexpr auto Fields() {
    using H = PullMessageResponseHeader;
    return std::make_tuple(Field("suggestWhichBrokerId", &H::suggest_which_broker_id),
                           Field("nextBeginOffset", &H::next_begin_offset),
                           Field("minOffset", &H::min_offset), Field("maxOffset", &H::max_offset),
                           Field("offsetDelta", &H::offset_delta), Field("topicSysFlag", &H::topic_sys_flag),
                           Field("groupSysFlag", &H::group_sys_flag),
                           Field("forbiddenType", &H::forbidden_type));
  }
};

}  // namespace rmq::remoting

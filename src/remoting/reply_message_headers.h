// Typed header of PUSH_REPLY_MESSAGE_TO_CLIENT (326, broker -> requesting client), the last
// leg of request-reply (ReplyMessageRequestHeader.java): the reply's send fields plus where it
// came from and when the broker stored it. The reply to a request arrives as SEND_REPLY_MESSAGE
// (324, V1 keys) or SEND_REPLY_MESSAGE_V2 (325, V2 keys), decoded with the send headers.
// A plain value type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>

#include "remoting/custom_header.h"

namespace rmq::remoting {

struct ReplyMessageRequestHeader {
  std::string producer_group;
  std::string topic;
  std::string default_topic;
  int32_t default_topic_queue_nums = 0;
  int32_t queue_id = 0;
  int32_t sys_flag = 0;
  int64_t born_timestamp = 0;
  int32_t flag = 0;
  std::optional<std::string> properties;
  std::optional<int32_t> reconsume_times;
  std::optional<bool> unit_mode;
  std::string born_host;   // "/ip:port" as Java's InetSocketAddress#toString writes it
  std::string store_host;  // "/ip:port"
  int64_t store_timestamp = 0;

  static constexpr auto Fields() {
    using H = ReplyMessageRequestHeader;
    return std::make_tuple(
        Field("producerGroup", &H::producer_group), Field("topic", &H::topic),
        Field("defaultTopic", &H::default_topic), Field("defaultTopicQueueNums", &H::default_topic_queue_nums),
        Field("queueId", &H::queue_id), Field("sysFlag", &H::sys_flag), Field("bornTimestamp", &H::born_timestamp),
        Field("flag", &H::flag), Field("properties", &H::properties), Field("reconsumeTimes", &H::reconsume_times),
        Field("unitMode", &H::unit_mode), Field("bornHost", &H::born_host), Field("storeHost", &H::store_host),
        Field("storeTimestamp", &H::store_timestamp));
  }
};

}  // namespace rmq::remoting

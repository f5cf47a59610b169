// Typed headers of the admin requests to the broker (reference/remoting.md §5.5): topic and
// subscription-group management, stats, connection lists, and the GET_BROKER_CONFIG response.
// INVOKE_BROKER_TO_RESET_OFFSET (222) uses ResetOffsetRequestHeader and
// INVOKE_BROKER_TO_GET_CONSUMER_STATUS (223) GetConsumerStatusRequestHeader, both in
// consumer_headers.h because the broker relays them to clients. Plain value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>

#include "remoting/consumer_headers.h"
#include "remoting/custom_header.h"

namespace rmq::remoting {

// UPDATE_AND_CREATE_TOPIC (17) (CreateTopicRequestHeader.java).
struct CreateTopicRequestHeader {
  std::string topic;
  std::string default_topic;  // mqadmin sends TBW102
  int32_t read_queue_nums = 0;
  int32_t write_queue_nums = 0;
  int32_t perm = 0;               // 2 write, 4 read, 1 inherit, 8 priority
  std::string topic_filter_type;  // SINGLE_TAG or MULTI_TAG
  std::optional<int32_t> topic_sys_flag;
  bool order = false;
  std::optional<std::string> attributes;  // 5.x, e.g. "+message.type=NORMAL"
  std::optional<bool> force;

  static constexpr auto Fields() {
    using H = CreateTopicRequestHeader;
    return std::make_tuple(Field("topic", &H::topic), Field("defaultTopic", &H::default_topic),
                           Field("readQueueNums", &H::read_queue_nums),
                           Field("writeQueueNums", &H::write_queue_nums), Field("perm", &H::perm),
                           Field("topicFilterType", &H::topic_filter_type),
                           Field("topicSysFlag", &H::topic_sys_flag), Field("order", &H::order),
                           Field("attributes", &H::attributes), Field("force", &H::force));
  }
};

// DELETE_TOPIC_IN_BROKER (215).
struct DeleteTopicRequestHeader {
  std::string topic;

  static constexpr auto Fields() { return std::make_tuple(Field("topic", &DeleteTopicRequestHeader::topic)); }
};

// DELETE_SUBSCRIPTIONGROUP (207).
struct DeleteSubscriptionGroupRequestHeader {
  std::string group_name;
  std::optional<bool> clean_offset = false;  // always sent

  static constexpr auto Fields() {
    using H = DeleteSubscriptionGroupRequestHeader;
    return std::make_tuple(Field("groupName", &H::group_name), Field("cleanOffset", &H::clean_offset));
  }
};

// GET_TOPIC_STATS_INFO (202); the response body is a TopicStatsTable.
struct GetTopicStatsInfoRequestHeader {
  std::string topic;

  static constexpr auto Fields() {
    return std::make_tuple(Field("topic", &GetTopicStatsInfoRequestHeader::topic));
  }
};

// GET_CONSUME_STATS (208). Without topic or topicList: every topic the group has offsets or
// subscriptions for.
struct GetConsumeStatsRequestHeader {
  std::string consumer_group;
  std::optional<std::string> topic;
  std::optional<std::string> topic_list;  // topics separated by ';'

  static constexpr auto Fields() {
    using H = GetConsumeStatsRequestHeader;
    return std::make_tuple(Field("consumerGroup", &H::consumer_group), Field("topic", &H::topic),
                           Field("topicList", &H::topic_list));
  }
};

// GET_BROKER_CONSUME_STATS (317) (GetConsumeStatsInBrokerHeader.java).
struct GetConsumeStatsInBrokerHeader {
  bool is_order = false;

  static constexpr auto Fields() {
    return std::make_tuple(Field("isOrder", &GetConsumeStatsInBrokerHeader::is_order));
  }
};

// GET_CONSUMER_CONNECTION_LIST (203).
struct GetConsumerConnectionListRequestHeader {
  std::string consumer_group;

  static constexpr auto Fields() {
    return std::make_tuple(Field("consumerGroup", &GetConsumerConnectionListRequestHeader::consumer_group));
  }
};

// GET_PRODUCER_CONNECTION_LIST (204).
struct GetProducerConnectionListRequestHeader {
  std::string producer_group;

  static constexpr auto Fields() {
    return std::make_tuple(Field("producerGroup", &GetProducerConnectionListRequestHeader::producer_group));
  }
};

// QUERY_TOPIC_CONSUME_BY_WHO (300); the response body is a GroupList.
struct QueryTopicConsumeByWhoRequestHeader {
  std::string topic;

  static constexpr auto Fields() {
    return std::make_tuple(Field("topic", &QueryTopicConsumeByWhoRequestHeader::topic));
  }
};

// GET_BROKER_CONFIG (26) response; the body is the config as key=value lines.
struct GetBrokerConfigResponseHeader {
  std::string version;  // a DataVersion JSON string

  static constexpr auto Fields() {
    return std::make_tuple(Field("version", &GetBrokerConfigResponseHeader::version));
  }
};

}  // namespace rmq::remoting

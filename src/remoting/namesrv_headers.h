// Typed headers of the name-server requests (reference/remoting.md §5.1, §5.2): route and topic
// queries, KV config, write permission, and broker registration. Wire keys are the Java field
// names of the classes in org.apache.rocketmq.remoting.protocol.header.namesrv; bind them with
// DecodeCustomHeader/EncodeCustomHeader (custom_header.h). Plain value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>

#include "remoting/custom_header.h"

namespace rmq::remoting {

// GET_ROUTEINFO_BY_TOPIC (105).
struct GetRouteInfoRequestHeader {
  std::string topic;
  // true = answer with standard JSON even to a peer older than V4_9_4.
  std::optional<bool> accept_standard_json_only;

  static constexpr auto Fields() {
    using H = GetRouteInfoRequestHeader;
    return std::make_tuple(Field("topic", &H::topic),
                           Field("acceptStandardJsonOnly", &H::accept_standard_json_only));
  }
};

// GET_TOPICS_BY_CLUSTER (224).
struct GetTopicsByClusterRequestHeader {
  std::string cluster;

  static constexpr auto Fields() {
    return std::make_tuple(Field("cluster", &GetTopicsByClusterRequestHeader::cluster));
  }
};

// DELETE_TOPIC_IN_NAMESRV (216). Without clusterName the topic is removed from every broker.
struct DeleteTopicFromNamesrvRequestHeader {
  std::string topic;
  std::optional<std::string> cluster_name;

  static constexpr auto Fields() {
    using H = DeleteTopicFromNamesrvRequestHeader;
    return std::make_tuple(Field("topic", &H::topic), Field("clusterName", &H::cluster_name));
  }
};

// REGISTER_TOPIC_IN_NAMESRV (217); the body is a TopicRouteData whose queueDatas are merged in.
struct RegisterTopicRequestHeader {
  std::string topic;

  static constexpr auto Fields() {
    return std::make_tuple(Field("topic", &RegisterTopicRequestHeader::topic));
  }
};

// PUT_KV_CONFIG (100).
struct PutKvConfigRequestHeader {
  std::string name_space;
  std::string key;
  std::string value;

  static constexpr auto Fields() {
    using H = PutKvConfigRequestHeader;
    return std::make_tuple(Field("namespace", &H::name_space), Field("key", &H::key),
                           Field("value", &H::value));
  }
};

// GET_KV_CONFIG (101).
struct GetKvConfigRequestHeader {
  std::string name_space;
  std::string key;

  static constexpr auto Fields() {
    using H = GetKvConfigRequestHeader;
    return std::make_tuple(Field("namespace", &H::name_space), Field("key", &H::key));
  }
};

// GET_KV_CONFIG response; code 0 carries the value, QUERY_NOT_FOUND none.
struct GetKvConfigResponseHeader {
  std::optional<std::string> value;

  static constexpr auto Fields() {
    return std::make_tuple(Field("value", &GetKvConfigResponseHeader::value));
  }
};

// DELETE_KV_CONFIG (102).
struct DeleteKvConfigRequestHeader {
  std::string name_space;
  std::string key;

  static constexpr auto Fields() {
    using H = DeleteKvConfigRequestHeader;
    return std::make_tuple(Field("namespace", &H::name_space), Field("key", &H::key));
  }
};

// GET_KVLIST_BY_NAMESPACE (219); the response body is a KVTable.
struct GetKvListByNamespaceRequestHeader {
  std::string name_space;

  static constexpr auto Fields() {
    return std::make_tuple(Field("namespace", &GetKvListByNamespaceRequestHeader::name_space));
  }
};

// WIPE_WRITE_PERM_OF_BROKER (205).
struct WipeWritePermOfBrokerRequestHeader {
  std::string broker_name;

  static constexpr auto Fields() {
    return std::make_tuple(Field("brokerName", &WipeWritePermOfBrokerRequestHeader::broker_name));
  }
};

struct WipeWritePermOfBrokerResponseHeader {
  int32_t wipe_topic_count = 0;

  static constexpr auto Fields() {
    return std::make_tuple(Field("wipeTopicCount", &WipeWritePermOfBrokerResponseHeader::wipe_topic_count));
  }
};

// ADD_WRITE_PERM_OF_BROKER (327).
struct AddWritePermOfBrokerRequestHeader {
  std::string broker_name;

  static constexpr auto Fields() {
    return std::make_tuple(Field("brokerName", &AddWritePermOfBrokerRequestHeader::broker_name));
  }
};

struct AddWritePermOfBrokerResponseHeader {
  int32_t add_topic_count = 0;

  static constexpr auto Fields() {
    return std::make_tuple(Field("addTopicCount", &AddWritePermOfBrokerResponseHeader::add_topic_count));
  }
};

// REGISTER_BROKER (103). The body is a RegisterBrokerBody, zlib-compressed when `compressed`.
struct RegisterBrokerRequestHeader {
  std::string broker_name;
  std::string broker_addr;  // ip:listenPort
  std::string cluster_name;
  std::string ha_server_addr;  // ip:haPort
  int64_t broker_id = 0;       // 0 = master
  // Sent only in slave-acting-master mode; the default expiry is 120 s.
  std::optional<int64_t> heartbeat_timeout_millis;
  // Absent from a 4.x broker, which the name server then treats as an "old broker".
  std::optional<bool> enable_acting_master;
  // Always sent; a missing value reads as Java's primitive default.
  std::optional<bool> compressed = false;
  // CRC-32 of the body & 0x7FFFFFFF; 0 skips the check. Always sent.
  std::optional<int32_t> body_crc32 = 0;
  std::optional<std::string> zone_name;

  static constexpr auto Fields() {
    using H = RegisterBrokerRequestHeader;
    return std::make_tuple(
        Field("brokerName", &H::broker_name), Field("brokerAddr", &H::broker_addr),
        Field("clusterName", &H::cluster_name), Field("haServerAddr", &H::ha_server_addr),
        Field("brokerId", &H::broker_id), Field("heartbeatTimeoutMillis", &H::heartbeat_timeout_millis),
        Field("enableActingMaster", &H::enable_acting_master), Field("compressed", &H::compressed),
        Field("bodyCrc32", &H::body_crc32), Field("__ZONE_NAME", &H::zone_name));
  }
};

// REGISTER_BROKER response: filled for a slave whose master is alive.
struct RegisterBrokerResponseHeader {
  std::optional<std::string> ha_server_addr;
  std::optional<std::string> master_addr;

  static constexpr auto Fields() {
    using H = RegisterBrokerResponseHeader;
    return std::make_tuple(Field("haServerAddr", &H::ha_server_addr), Field("masterAddr", &H::master_addr));
  }
};

// UNREGISTER_BROKER (104).
struct UnregisterBrokerRequestHeader {
  std::string broker_name;
  std::string broker_addr;
  std::string cluster_name;
  int64_t broker_id = 0;

  static constexpr auto Fields() {
    using H = UnregisterBrokerRequestHeader;
    return std::make_tuple(Field("brokerName", &H::broker_name), Field("brokerAddr", &H::broker_addr),
                           Field("clusterName", &H::cluster_name), Field("brokerId", &H::broker_id));
  }
};

// QUERY_DATA_VERSION (322); the body is the broker's DataVersion JSON.
struct QueryDataVersionRequestHeader {
  std::string broker_name;
  std::string broker_addr;
  std::string cluster_name;
  int64_t broker_id = 0;

  static constexpr auto Fields() {
    using H = QueryDataVersionRequestHeader;
    return std::make_tuple(Field("brokerName", &H::broker_name), Field("brokerAddr", &H::broker_addr),
                           Field("clusterName", &H::cluster_name), Field("brokerId", &H::broker_id));
  }
};

struct QueryDataVersionResponseHeader {
  bool changed = false;

  static constexpr auto Fields() {
    return std::make_tuple(Field("changed", &QueryDataVersionResponseHeader::changed));
  }
};

// BROKER_HEARTBEAT (904), oneway, 5.x slave-acting-master mode only.
struct BrokerHeartbeatRequestHeader {
  std::string cluster_name;
  std::string broker_addr;
  std::string broker_name;
  std::optional<int64_t> broker_id;
  std::optional<int32_t> epoch;
  std::optional<int64_t> max_offset;
  std::optional<int64_t> confirm_offset;
  std::optional<int64_t> heartbeat_timeout_mills;  // "Mills", as upstream spells it
  std::optional<int32_t> election_priority;

  static constexpr auto Fields() {
    using H = BrokerHeartbeatRequestHeader;
    return std::make_tuple(Field("clusterName", &H::cluster_name), Field("brokerAddr", &H::broker_addr),
                           Field("brokerName", &H::broker_name), Field("brokerId", &H::broker_id),
                           Field("epoch", &H::epoch), Field("maxOffset", &H::max_offset),
                           Field("confirmOffset", &H::confirm_offset),
                           Field("heartbeatTimeoutMills", &H::heartbeat_timeout_mills),
                           Field("electionPriority", &H::election_priority));
  }
};

}  // namespace rmq::remoting

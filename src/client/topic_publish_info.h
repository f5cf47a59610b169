// TopicPublishInfo: the writable queues of a topic built from its route (Java
// MQClientInstance#topicRouteData2TopicPublishInfo) and the producer's queue choice (round robin
// from a per-thread counter, skipping the broker that just failed, avoiding brokers the fault
// tolerance marks unavailable). Immutable after construction except the counter; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "client/latency_fault_tolerance.h"
#include "common/message_queue.h"
#include "common/route_data.h"

namespace rmq::client {

class TopicPublishInfo {
 public:
  // Queues of broker groups with WRITE perm and a master, sorted by broker name; with an
  // orderTopicConf ("broker-a:4;broker-b:4") exactly those queues, in that order.
  static TopicPublishInfo FromRoute(const std::string& topic, const TopicRouteData& route);

  bool ok() const { return !queues_.empty(); }
  bool order_topic() const { return order_topic_; }
  const std::vector<MessageQueue>& queues() const { return queues_; }

  // Round robin, avoiding `last_broker` when another broker has queues.
  MessageQueue SelectOneMessageQueue(const std::optional<std::string>& last_broker) const;
  // As MQFaultStrategy#selectOneMessageQueue with sendLatencyFaultEnable: prefer available
  // brokers (not last_broker), then the least bad one, then plain round robin.
  MessageQueue SelectWithFaultTolerance(const std::optional<std::string>& last_broker,
                                        const LatencyFaultTolerance& faults, int64_t now_ms) const;

 private:
  static uint32_t NextIndex();

  std::vector<MessageQueue> queues_;
  bool order_topic_ = false;
};

}  // namespace rmq::client

// ConsumerManager: live consumer groups — per group the connections of its clients and the
// merged subscriptions from their heartbeats (ConsumerManager.java, ConsumerGroupInfo.java).
// When a group's members or subscriptions change it sends NOTIFY_CONSUMER_IDS_CHANGED (oneway,
// JSON) to every member. Channels whose connection closed or that sent no heartbeat for
// channelExpiredTimeout are dropped by ScanNotActiveChannel. Owned by BrokerServer.
// Thread-safe: one mutex guards the table; notifications are sent outside it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "broker/client_channel_info.h"
#include "broker/consumer_filter_manager.h"
#include "common/heartbeat_data.h"

namespace rmq::broker {

struct ConsumerGroupSnapshot {
  std::string consume_type;
  std::string message_model;
  std::string consume_from_where;
  std::vector<ClientChannelInfo> channels;
  std::map<std::string, SubscriptionData> subscriptions;  // topic -> subscription
};

class ConsumerManager {
 public:
  // `notify_enabled` is read at each change (notifyConsumerIdsChangedEnable may change at run
  // time); it must outlive the manager.
  explicit ConsumerManager(std::function<bool()> notify_enabled);

  // Registers the channel and subscriptions of one consumer group from a heartbeat. Returns
  // true when the group's members or subscriptions changed (members were then notified).
  bool RegisterConsumer(const ConsumerHeartbeat& data, const ClientChannelInfo& channel, const void* key);
  // Removes the client's channel from the group (UNREGISTER_CLIENT).
  void UnregisterConsumer(std::string_view group, const void* key);

  // Client ids of the group's live members, in registration order, duplicates removed.
  std::vector<std::string> GetConsumerIdList(std::string_view group) const;
  std::optional<SubscriptionData> FindSubscription(std::string_view group, std::string_view topic) const;
  std::optional<ConsumerGroupSnapshot> GetGroup(std::string_view group) const;
  std::vector<std::string> GroupNames() const;
  // The open connection of the client with this id in any group, or null (request-reply).
  std::shared_ptr<remoting::Connection> FindChannel(std::string_view client_id) const;
  // Groups with a subscription to `topic`.
  std::vector<std::string> GroupsOfTopic(std::string_view topic) const;
  // The groups' compiled SQL92 selectors; dropped with the group. Thread-safe on its own.
  ConsumerFilterManager& filters() const { return filters_; }

  // Drops channels whose connection is gone or silent for `expire_ms`, closing the latter;
  // notifies the remaining members of affected groups. Returns how many were dropped.
  int ScanNotActiveChannel(int64_t expire_ms);

 private:
  struct Group {
    std::string consume_type;
    std::string message_model;
    std::string consume_from_where;
    std::vector<std::pair<const void*, ClientChannelInfo>> channels;
    std::map<std::string, SubscriptionData> subscriptions;
  };
  // Sends NOTIFY_CONSUMER_IDS_CHANGED to the connections; call without holding mutex_.
  void Notify(const std::string& group, const std::vector<std::shared_ptr<remoting::Connection>>& members) const;
  // The group's live connections. REQUIRES: mutex_ held.
  static std::vector<std::shared_ptr<remoting::Connection>> Members(const Group& group);

  std::function<bool()> notify_enabled_;
  mutable std::mutex mutex_;
  std::map<std::string, Group, std::less<>> groups_;  // Guarded by mutex_.
  mutable ConsumerFilterManager filters_;
};

}  // namespace rmq::broker

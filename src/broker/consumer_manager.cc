#include "broker/consumer_manager.h"

#include <algorithm>
#include <chrono>

#include "common/logging.h"
#include "remoting/consumer_headers.h"
#include "remoting/request_code.h"

namespace rmq::broker {

int64_t SteadyNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

ConsumerManager::ConsumerManager(std::function<bool()> notify_enabled) : notify_enabled_(std::move(notify_enabled)) {}

std::vector<std::shared_ptr<remoting::Connection>> ConsumerManager::Members(const Group& group) {
  std::vector<std::shared_ptr<remoting::Connection>> out;
  for (const auto& [key, channel] : group.channels) {
    if (auto connection = channel.connection.lock()) out.push_back(std::move(connection));
  }
  return out;
}

void ConsumerManager::Notify(const std::string& group,
                             const std::vector<std::shared_ptr<remoting::Connection>>& members) const {
  if (members.empty() || (notify_enabled_ && !notify_enabled_())) return;
  GetLogger("broker")->debug("notify {} member(s) of consumer group {} that the ids changed", members.size(), group);
  for (const auto& connection : members) {
    // As Broker2Client#notifyConsumerIdsChanged: oneway, JSON, string extFields.
    auto request = remoting::RemotingCommand::CreateRequest(remoting::RequestCode::kNotifyConsumerIdsChanged);
    remoting::NotifyConsumerIdsChangedRequestHeader header{group};
    remoting::EncodeCustomHeader(header, &request);
    connection->SendOneway(std::move(request));
  }
}

bool ConsumerManager::RegisterConsumer(const ConsumerHeartbeat& data, const ClientChannelInfo& channel, const void* key) {
  bool changed = false;
  std::vector<std::shared_ptr<remoting::Connection>> members;
  {
    std::lock_guard lock(mutex_);
    Group& group = groups_[data.group_name];
    group.consume_type = data.consume_type;
    group.message_model = data.message_model;
    group.consume_from_where = data.consume_from_where;
    bool found = false;
    for (auto& [k, existing] : group.channels) {
      if (k == key) {
        // A closed connection's address may be reused by a new one before the scan runs.
        if (existing.connection.expired()) {
          existing = channel;
          changed = true;
        }
        existing.last_update_ms = channel.last_update_ms;
        existing.client_id = channel.client_id;
        existing.language = channel.language;
        existing.version = channel.version;
        found = true;
        break;
      }
    }
    if (!found) {
      group.channels.emplace_back(key, channel);
      changed = true;
      GetLogger("broker")->info("new consumer connected, group: {} {} {}", data.group_name, channel.client_id,
                                channel.remote_address);
    }
    // As ConsumerGroupInfo#updateSubscription: new topics and newer versions replace, topics the
    // client no longer lists are removed.
    std::map<std::string, SubscriptionData> updated;
    for (const SubscriptionData& sub : data.subscriptions) {
      auto old = group.subscriptions.find(sub.topic);
      if (old == group.subscriptions.end()) {
        changed = true;
        updated[sub.topic] = sub;
      } else if (sub.sub_version > old->second.sub_version || !(sub.sub_string == old->second.sub_string)) {
        if (!(sub.sub_string == old->second.sub_string)) changed = true;
        updated[sub.topic] = sub;
      } else {
        updated[sub.topic] = old->second;
      }
    }
    if (updated.size() != group.subscriptions.size()) changed = true;
    group.subscriptions = std::move(updated);
    if (changed) members = Members(group);
  }
  if (changed) Notify(data.group_name, members);
  return changed;
}

void ConsumerManager::UnregisterConsumer(std::string_view group_name, const void* key) {
  std::vector<std::shared_ptr<remoting::Connection>> members;
  std::string name(group_name);
  {
    std::lock_guard lock(mutex_);
    auto it = groups_.find(group_name);
    if (it == groups_.end()) return;
    size_t before = it->second.channels.size();
    std::erase_if(it->second.channels, [&](const auto& entry) { return entry.first == key; });
    if (it->second.channels.size() == before) return;
    GetLogger("broker")->info("unregister consumer ok, no any connection from this group {}?", name);
    if (it->second.channels.empty()) {
      groups_.erase(it);
      filters_.RemoveGroup(name);
    } else {
      members = Members(it->second);
    }
  }
  Notify(name, members);
}

std::vector<std::string> ConsumerManager::GetConsumerIdList(std::string_view group) const {
  std::vector<std::string> ids;
  std::lock_guard lock(mutex_);
  auto it = groups_.find(group);
  if (it == groups_.end()) return ids;
  for (const auto& [key, channel] : it->second.channels) {
    if (channel.connection.expired()) continue;
    if (std::find(ids.begin(), ids.end(), channel.client_id) == ids.end()) ids.push_back(channel.client_id);
  }
  return ids;
}

std::optional<SubscriptionData> ConsumerManager::FindSubscription(std::string_view group, std::string_view topic) const {
  std::lock_guard lock(mutex_);
  auto it = groups_.find(group);
  if (it == groups_.end()) return std::nullopt;
  auto sub = it->second.subscriptions.find(std::string(topic));
  if (sub == it->second.subscriptions.end()) return std::nullopt;
  return sub->second;
}

std::optional<ConsumerGroupSnapshot> ConsumerManager::GetGroup(std::string_view group) const {
  std::lock_guard lock(mutex_);
  auto it = groups_.find(group);
  if (it == groups_.end()) return std::nullopt;
  ConsumerGroupSnapshot snapshot;
  snapshot.consume_type = it->second.consume_type;
  snapshot.message_model = it->second.message_model;
  snapshot.consume_from_where = it->second.consume_from_where;
  for (const auto& entry : it->second.channels) snapshot.channels.push_back(entry.second);
  snapshot.subscriptions = it->second.subscriptions;
  return snapshot;
}

std::shared_ptr<remoting::Connection> ConsumerManager::FindChannel(std::string_view client_id) const {
  std::lock_guard lock(mutex_);
  for (const auto& [name, group] : groups_) {
    for (const auto& [key, channel] : group.channels) {
      if (channel.client_id != client_id) continue;
      if (auto connection = channel.connection.lock(); connection && connection->is_open()) return connection;
    }
  }
  return nullptr;
}

std::vector<std::string> ConsumerManager::GroupNames() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> names;
  for (const auto& entry : groups_) names.push_back(entry.first);
  return names;
}

std::vector<std::string> ConsumerManager::GroupsOfTopic(std::string_view topic) const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> names;
  for (const auto& [name, group] : groups_) {
    if (group.subscriptions.count(std::string(topic)) > 0) names.push_back(name);
  }
  return names;
}

int ConsumerManager::ScanNotActiveChannel(int64_t expire_ms) {
  int64_t now = SteadyNowMs();
  int dropped = 0;
  std::vector<std::pair<std::string, std::vector<std::shared_ptr<remoting::Connection>>>> notifications;
  std::vector<std::shared_ptr<remoting::Connection>> to_close;
  {
    std::lock_guard lock(mutex_);
    for (auto it = groups_.begin(); it != groups_.end();) {
      size_t before = it->second.channels.size();
      std::erase_if(it->second.channels, [&](const auto& entry) {
        auto connection = entry.second.connection.lock();
        bool dead = connection == nullptr || !connection->is_open();
        bool silent = now - entry.second.last_update_ms > expire_ms;
        if (!dead && silent) to_close.push_back(connection);
        if (dead || silent) {
          GetLogger("broker")->warn("consumer channel {} ({}) of group {} {}; removed", entry.second.remote_address,
                                    entry.second.client_id, it->first, dead ? "closed" : "expired");
        }
        return dead || silent;
      });
      dropped += static_cast<int>(before - it->second.channels.size());
      if (it->second.channels.empty()) {
        filters_.RemoveGroup(it->first);
        it = groups_.erase(it);
        continue;
      }
      if (it->second.channels.size() != before) notifications.emplace_back(it->first, Members(it->second));
      ++it;
    }
  }
  for (const auto& connection : to_close) connection->Close();
  for (const auto& [group, members] : notifications) Notify(group, members);
  return dropped;
}

}  // namespace rmq::broker

#include "broker/producer_manager.h"

#include "common/logging.h"

namespace rmq::broker {

void ProducerManager::RegisterProducer(const std::string& group, const ClientChannelInfo& channel, const void* key) {
  std::lock_guard lock(mutex_);
  auto& channels = groups_[group];
  auto [it, inserted] = channels.emplace(key, channel);
  if (inserted) {
    GetLogger("broker")->info("new producer connected, group: {} channel: {} {}", group, channel.client_id,
                              channel.remote_address);
  } else if (it->second.connection.expired()) {
    it->second = channel;  // the address of a closed connection was reused
  } else {
    it->second.last_update_ms = channel.last_update_ms;
  }
}

void ProducerManager::UnregisterProducer(std::string_view group, const void* key) {
  std::lock_guard lock(mutex_);
  auto it = groups_.find(group);
  if (it == groups_.end()) return;
  it->second.erase(key);
  if (it->second.empty()) groups_.erase(it);
}

std::vector<ClientChannelInfo> ProducerManager::GetConnections(std::string_view group) const {
  std::vector<ClientChannelInfo> out;
  std::lock_guard lock(mutex_);
  auto it = groups_.find(group);
  if (it == groups_.end()) return out;
  for (const auto& entry : it->second) out.push_back(entry.second);
  return out;
}

std::shared_ptr<remoting::Connection> ProducerManager::FindChannel(std::string_view client_id) const {
  std::lock_guard lock(mutex_);
  for (const auto& [group, channels] : groups_) {
    for (const auto& [key, channel] : channels) {
      if (channel.client_id != client_id) continue;
      if (auto connection = channel.connection.lock(); connection && connection->is_open()) return connection;
    }
  }
  return nullptr;
}

int ProducerManager::ScanNotActiveChannel(int64_t expire_ms) {
  int64_t now = SteadyNowMs();
  int dropped = 0;
  std::vector<std::shared_ptr<remoting::Connection>> to_close;
  {
    std::lock_guard lock(mutex_);
    for (auto it = groups_.begin(); it != groups_.end();) {
      dropped += static_cast<int>(std::erase_if(it->second, [&](const auto& entry) {
        auto connection = entry.second.connection.lock();
        bool dead = connection == nullptr || !connection->is_open();
        bool silent = now - entry.second.last_update_ms > expire_ms;
        if (!dead && silent) to_close.push_back(connection);
        return dead || silent;
      }));
      it = it->second.empty() ? groups_.erase(it) : std::next(it);
    }
  }
  for (const auto& connection : to_close) connection->Close();
  return dropped;
}

}  // namespace rmq::broker

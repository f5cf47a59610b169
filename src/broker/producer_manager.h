// ProducerManager: the producer groups' client connections learned from heartbeats
// (ProducerManager.java), for GET_PRODUCER_CONNECTION_LIST and, later, transaction check-backs.
// Owned by BrokerServer. Thread-safe: one mutex guards the table.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "broker/client_channel_info.h"

namespace rmq::broker {

class ProducerManager {
 public:
  void RegisterProducer(const std::string& group, const ClientChannelInfo& channel, const void* key);
  void UnregisterProducer(std::string_view group, const void* key);
  std::vector<ClientChannelInfo> GetConnections(std::string_view group) const;
  // The open connection of the client with this id in any group (where request-reply pushes a
  // reply, ProducerManager#findChannel), or null.
  std::shared_ptr<remoting::Connection> FindChannel(std::string_view client_id) const;
  // Drops channels whose connection closed or that were silent for `expire_ms` (closing those).
  int ScanNotActiveChannel(int64_t expire_ms);

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::map<const void*, ClientChannelInfo>, std::less<>> groups_;  // Guarded by mutex_.
};

}  // namespace rmq::broker

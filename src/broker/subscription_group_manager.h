// SubscriptionGroupManager: the consumer groups the broker knows, created by admins or on a
// group's first heartbeat/pull when autoCreateSubscriptionGroup is on, persisted to
// <storePathRootDir>/config/subscriptionGroup.json (SubscriptionGroupManager.java). Owned by
// BrokerServer. Thread-safe: one shared_mutex guards the table.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "broker/subscription_group_config.h"
#include "common/data_version.h"
#include "common/status.h"

namespace rmq::broker {

class SubscriptionGroupManager {
 public:
  explicit SubscriptionGroupManager(std::string path);

  // Creates the built-in groups, then reads the file (or its .bak); a missing file is fine.
  Status Load();
  Status Persist();
  // Changes only mark the table dirty (request paths never write files); a background thread
  // calls this.
  Status PersistIfDirty();

  std::optional<SubscriptionGroupConfig> Find(std::string_view group) const;
  // The group's config; created with defaults when absent and `auto_create` (the group name
  // must be validated), else nullopt.
  std::optional<SubscriptionGroupConfig> FindOrCreate(std::string_view group, bool auto_create);
  void Update(const SubscriptionGroupConfig& config);
  bool Delete(std::string_view group);
  std::vector<SubscriptionGroupConfig> All() const;
  // {"dataVersion":…,"subscriptionGroupTable":{…}} — the file and the 201 response body.
  std::string Encode() const;

 private:
  const std::string path_;
  std::mutex persist_mutex_;
  std::atomic<bool> dirty_{false};
  mutable std::shared_mutex mutex_;
  std::map<std::string, SubscriptionGroupConfig, std::less<>> groups_;  // Guarded by mutex_.
  DataVersion data_version_;                                            // Guarded by mutex_.
};

}  // namespace rmq::broker

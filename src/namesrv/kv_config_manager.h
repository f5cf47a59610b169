// KVConfigManager: the name server's namespace -> key -> value store (KVConfigManager.java),
// persisted as {"configTable":{namespace:{key:value}}} to kvConfigPath after every change
// (atomic replace, previous file kept as .bak). Thread-safe: one shared_mutex guards the table;
// writes to the file happen under it so the file always matches the table.
#pragma once

#include <map>
#include <optional>
#include <shared_mutex>
#include <string>

#include "common/kv_table.h"
#include "common/status.h"

namespace rmq::namesrv {

// The namespace whose entries become orderTopicConf of routes (NamesrvUtil).
inline constexpr char kNamespaceOrderTopicConfig[] = "ORDER_TOPIC_CONFIG";

class KVConfigManager {
 public:
  explicit KVConfigManager(std::string path) : path_(std::move(path)) {}

  // Reads kvConfigPath. A missing file is an empty store; a corrupt one falls back to the .bak
  // with an error logged; an error only when neither can be read.
  Status Load();

  // Put and delete persist before returning; when persisting fails the change is kept in
  // memory and the error returned.
  Status PutKVConfig(const std::string& name_space, const std::string& key, const std::string& value);
  Status DeleteKVConfig(const std::string& name_space, const std::string& key);
  std::optional<std::string> GetKVConfig(const std::string& name_space, const std::string& key) const;
  // nullopt when the namespace has no entries.
  std::optional<KVTable> GetKVListByNamespace(const std::string& name_space) const;

  const std::string& path() const { return path_; }

 private:
  using Table = std::map<std::string, std::map<std::string, std::string>>;

  static std::string Encode(const Table& table);
  static Status Decode(const std::string& text, Table* table);
  Status PersistLocked() const;

  const std::string path_;
  mutable std::shared_mutex mutex_;
  Table config_table_;  // Guarded by mutex_.
};

}  // namespace rmq::namesrv

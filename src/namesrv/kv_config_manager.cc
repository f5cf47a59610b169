#include "namesrv/kv_config_manager.h"

#include <mutex>

#include "common/atomic_file.h"
#include "common/json_reader.h"
#include "common/json_writer.h"
#include "common/logging.h"

namespace rmq::namesrv {

std::string KVConfigManager::Encode(const Table& table) {
  JsonWriter writer;
  writer.BeginObject();
  writer.Key("configTable");
  writer.BeginObject();
  for (const auto& [name_space, entries] : table) {
    writer.Key(name_space);
    writer.BeginObject();
    for (const auto& [key, value] : entries) writer.StringField(key, value);
    writer.EndObject();
  }
  writer.EndObject();
  writer.EndObject();
  return writer.Release();
}

Status KVConfigManager::Decode(const std::string& text, Table* table) {
  RMQ_ASSIGN_OR_RETURN(nlohmann::json json, ParseLenientJson(text, "KV config file"));
  if (!json.is_object()) return Corruption("KV config file must hold a JSON object");
  Table decoded;
  if (auto it = json.find("configTable"); it != json.end() && !it->is_null()) {
    if (!it->is_object()) return Corruption("configTable must be a JSON object");
    for (const auto& [name_space, entries] : it->items()) {
      nlohmann::json holder = {{"entries", entries}};
      RMQ_RETURN_IF_ERROR(ReadJsonStringMap(holder, "entries", &decoded[name_space]));
    }
  }
  *table = std::move(decoded);
  return Status::Ok();
}

Status KVConfigManager::Load() {
  auto logger = GetLogger("namesrv");
  Table loaded;
  Status main_error;
  auto source = LoadWithBackup(
      path_, [&](const std::string& text) { return Decode(text, &loaded); }, &main_error);
  if (!source.ok()) {
    logger->error("cannot load KV config: {}", source.status().ToString());
    return source.status();
  }
  if (*source == LoadSource::kBackup) {
    logger->error("KV config {} is unreadable ({}); loaded {}.bak instead", path_, main_error.ToString(), path_);
  }
  size_t count = 0;
  for (const auto& [name_space, entries] : loaded) count += entries.size();
  {
    std::unique_lock lock(mutex_);
    config_table_ = std::move(loaded);
  }
  if (*source != LoadSource::kNone) logger->info("load KV config table OK, {} entries from {}", count, path_);
  return Status::Ok();
}

Status KVConfigManager::PersistLocked() const {
  Status s = WriteFileAtomically(path_, Encode(config_table_));
  if (!s.ok()) GetLogger("namesrv")->error("persist KV config failed: {}", s.ToString());
  return s;
}

Status KVConfigManager::PutKVConfig(const std::string& name_space, const std::string& key, const std::string& value) {
  std::unique_lock lock(mutex_);
  auto& entries = config_table_[name_space];
  auto [it, inserted] = entries.insert_or_assign(key, value);
  GetLogger("namesrv")->info("{} KV config, namespace={} key={} value={}", inserted ? "put new" : "replace",
                             name_space, key, value);
  return PersistLocked();
}

Status KVConfigManager::DeleteKVConfig(const std::string& name_space, const std::string& key) {
  std::unique_lock lock(mutex_);
  auto ns = config_table_.find(name_space);
  if (ns == config_table_.end() || ns->second.erase(key) == 0) return Status::Ok();
  if (ns->second.empty()) config_table_.erase(ns);
  GetLogger("namesrv")->info("delete KV config, namespace={} key={}", name_space, key);
  return PersistLocked();
}

std::optional<std::string> KVConfigManager::GetKVConfig(const std::string& name_space, const std::string& key) const {
  std::shared_lock lock(mutex_);
  auto ns = config_table_.find(name_space);
  if (ns == config_table_.end()) return std::nullopt;
  auto it = ns->second.find(key);
  if (it == ns->second.end()) return std::nullopt;
  return it->second;
}

std::optional<KVTable> KVConfigManager::GetKVListByNamespace(const std::string& name_space) const {
  std::shared_lock lock(mutex_);
  auto ns = config_table_.find(name_space);
  if (ns == config_table_.end() || ns->second.empty()) return std::nullopt;
  return KVTable{ns->second};
}

}  // namespace rmq::namesrv

#include "broker/subscription_group_manager.h"

#include "common/atomic_file.h"
#include "common/json_reader.h"
#include "common/logging.h"

namespace rmq::broker {

SubscriptionGroupManager::SubscriptionGroupManager(std::string path)
    : path_(std::move(path)), data_version_(DataVersion::Now()) {}

Status SubscriptionGroupManager::Load() {
  {
    std::unique_lock lock(mutex_);
    // As the SubscriptionGroupManager constructor of the Java broker.
    for (const char* name : {"TOOLS_CONSUMER", "FILTERSRV_CONSUMER", "SELF_TEST_C_GROUP", "CID_ONS-HTTP-PROXY",
                             "CID_ONSAPI_PULL", "CID_ONSAPI_PERMISSION", "CID_ONSAPI_OWNER", "CID_SYS_RMQ_TRANS"}) {
      SubscriptionGroupConfig config;
      config.group_name = name;
      if (std::string_view(name) == "CID_ONSAPI_PULL") config.consume_broadcast_enable = true;
      groups_[name] = config;
    }
  }
  Status main_error;
  auto loaded = LoadWithBackup(
      path_,
      [this](const std::string& text) -> Status {
        RMQ_ASSIGN_OR_RETURN(nlohmann::json json, ParseLenientJson(text, "subscriptionGroup.json"));
        std::map<std::string, SubscriptionGroupConfig, std::less<>> loaded;
        if (json.contains("subscriptionGroupTable") && json["subscriptionGroupTable"].is_object()) {
          for (const auto& [name, value] : json["subscriptionGroupTable"].items()) {
            RMQ_ASSIGN_OR_RETURN(SubscriptionGroupConfig config, SubscriptionGroupConfig::FromJson(value));
            loaded[name] = std::move(config);
          }
        }
        DataVersion version = DataVersion::Now();
        if (json.contains("dataVersion")) {
          RMQ_ASSIGN_OR_RETURN(version, DataVersion::FromJson(json["dataVersion"]));
        }
        std::unique_lock lock(mutex_);
        for (auto& [name, config] : loaded) groups_[name] = std::move(config);
        data_version_ = version;
        return Status::Ok();
      },
      &main_error);
  if (!loaded.ok()) return loaded.status();
  if (*loaded == LoadSource::kBackup) {
    GetLogger("broker")->error("{} is unreadable ({}); loaded {}.bak instead", path_, main_error.message(), path_);
  }
  return Status::Ok();
}

std::string SubscriptionGroupManager::Encode() const {
  JsonWriter w;
  std::shared_lock lock(mutex_);
  w.BeginObject();
  w.Key("dataVersion");
  data_version_.WriteJson(&w);
  w.Key("subscriptionGroupTable");
  w.BeginObject();
  for (const auto& [name, config] : groups_) {
    w.Key(name);
    config.WriteJson(&w);
  }
  w.EndObject();
  w.EndObject();
  return w.Release();
}

Status SubscriptionGroupManager::Persist() {
  std::lock_guard persist_lock(persist_mutex_);
  Status s = WriteFileAtomically(path_, Encode());
  if (!s.ok()) GetLogger("broker")->error("persist {} failed: {}", path_, s.message());
  return s;
}

Status SubscriptionGroupManager::PersistIfDirty() {
  if (!dirty_.exchange(false)) return Status::Ok();
  Status s = Persist();
  if (!s.ok()) dirty_ = true;
  return s;
}

std::optional<SubscriptionGroupConfig> SubscriptionGroupManager::Find(std::string_view group) const {
  std::shared_lock lock(mutex_);
  auto it = groups_.find(group);
  if (it == groups_.end()) return std::nullopt;
  return it->second;
}

std::optional<SubscriptionGroupConfig> SubscriptionGroupManager::FindOrCreate(std::string_view group,
                                                                              bool auto_create) {
  {
    std::shared_lock lock(mutex_);
    auto it = groups_.find(group);
    if (it != groups_.end()) return it->second;
  }
  if (!auto_create) return std::nullopt;
  SubscriptionGroupConfig config;
  config.group_name = std::string(group);
  {
    std::unique_lock lock(mutex_);
    auto [it, inserted] = groups_.emplace(config.group_name, config);
    if (!inserted) return it->second;
    data_version_.Next();
  }
  GetLogger("broker")->info("auto create a subscription group, {}", group);
  dirty_ = true;
  return config;
}

void SubscriptionGroupManager::Update(const SubscriptionGroupConfig& config) {
  {
    std::unique_lock lock(mutex_);
    groups_[config.group_name] = config;
    data_version_.Next();
  }
  GetLogger("broker")->info("update subscription group config, {}", config.group_name);
  dirty_ = true;
}

bool SubscriptionGroupManager::Delete(std::string_view group) {
  {
    std::unique_lock lock(mutex_);
    auto it = groups_.find(group);
    if (it == groups_.end()) return false;
    groups_.erase(it);
    data_version_.Next();
  }
  GetLogger("broker")->info("delete subscription group {}", group);
  dirty_ = true;
  return true;
}

std::vector<SubscriptionGroupConfig> SubscriptionGroupManager::All() const {
  std::shared_lock lock(mutex_);
  std::vector<SubscriptionGroupConfig> out;
  for (const auto& entry : groups_) out.push_back(entry.second);
  return out;
}

}  // namespace rmq::broker

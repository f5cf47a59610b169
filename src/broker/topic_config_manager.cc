#include "broker/topic_config_manager.h"

#include "broker/topic_validator.h"
#include "common/atomic_file.h"
#include "common/json_reader.h"
#include "common/logging.h"
#include "common/perm.h"

namespace rmq::broker {
namespace {

TopicConfig MakeTopic(std::string name, int32_t queues, int32_t perm) {
  TopicConfig config;
  config.topic_name = std::move(name);
  config.read_queue_nums = queues;
  config.write_queue_nums = queues;
  config.perm = perm;
  return config;
}

}  // namespace

TopicConfigManager::TopicConfigManager(const BrokerConfig& config, std::string path)
    : config_(config), path_(std::move(path)), data_version_(DataVersion::Now()) {}

void TopicConfigManager::PutSystemTopic(TopicConfig config) {
  system_topics_[config.topic_name] = true;
  topics_[config.topic_name] = std::move(config);
}

Status TopicConfigManager::Load() {
  constexpr int32_t kRw = Perm::kRead | Perm::kWrite;
  {
    std::unique_lock lock(mutex_);
    // As the TopicConfigManager constructor of the Java broker.
    PutSystemTopic(MakeTopic(std::string(kSelfTestTopic), 1, kRw));
    if (config_.auto_create_topic_enable) {
      PutSystemTopic(MakeTopic(std::string(kAutoCreateTopicKeyTopic), config_.default_topic_queue_nums,
                               Perm::kInherit | kRw));
    }
    PutSystemTopic(MakeTopic(std::string(kBenchmarkTopic), 1024, kRw));
    PutSystemTopic(MakeTopic(config_.broker_cluster_name, 16,
                             Perm::kInherit | (config_.cluster_topic_enable ? kRw : 0)));
    PutSystemTopic(MakeTopic(config_.broker_name, 1, Perm::kInherit | (config_.broker_topic_enable ? kRw : 0)));
    PutSystemTopic(MakeTopic(std::string(kOffsetMovedEventTopic), 1, kRw));
    PutSystemTopic(MakeTopic(std::string(kScheduleTopic), 18, kRw));
    if (config_.trace_topic_enable) PutSystemTopic(MakeTopic(config_.msg_trace_topic_name, 1, kRw));
    PutSystemTopic(MakeTopic(config_.broker_cluster_name + std::string(kReplyTopicSuffix), 1, kRw));
    PutSystemTopic(MakeTopic(std::string(kTransHalfTopic), 1, kRw));
    PutSystemTopic(MakeTopic(std::string(kTransOpHalfTopic), 1, kRw));
  }
  auto logger = GetLogger("broker");
  Status main_error;
  auto loaded = LoadWithBackup(
      path_,
      [this](const std::string& text) -> Status {
        RMQ_ASSIGN_OR_RETURN(nlohmann::json json, ParseLenientJson(text, "topics.json"));
        RMQ_ASSIGN_OR_RETURN(TopicConfigSerializeWrapper wrapper, TopicConfigSerializeWrapper::FromJson(json));
        std::unique_lock lock(mutex_);
        for (auto& [name, topic] : wrapper.topic_config_table) {
          if (!ValidateTopic(name).ok()) continue;
          if (system_topics_.count(name) > 0 && name != kAutoCreateTopicKeyTopic) continue;
          topics_[name] = topic;
        }
        data_version_ = wrapper.data_version;
        return Status::Ok();
      },
      &main_error);
  if (!loaded.ok()) return loaded.status();
  if (*loaded == LoadSource::kBackup) {
    logger->error("{} is unreadable ({}); loaded {}.bak instead", path_, main_error.message(), path_);
  }
  {
    std::unique_lock lock(mutex_);
    auto tbw = topics_.find(kAutoCreateTopicKeyTopic);
    if (!config_.auto_create_topic_enable && tbw != topics_.end()) {
      // As the Java broker: without auto-create nothing may inherit from TBW102.
      tbw->second.perm = Perm::kRead | Perm::kWrite;
    }
    data_version_.Next();
  }
  return Persist();
}

Status TopicConfigManager::Persist() {
  std::lock_guard persist_lock(persist_mutex_);
  std::string text = BuildSerializeWrapper().EncodeJson();
  Status s = WriteFileAtomically(path_, text);
  if (!s.ok()) GetLogger("broker")->error("persist {} failed: {}", path_, s.message());
  return s;
}

Status TopicConfigManager::PersistIfDirty() {
  if (!dirty_.exchange(false)) return Status::Ok();
  Status s = Persist();
  if (!s.ok()) dirty_ = true;
  return s;
}

void TopicConfigManager::Changed() {
  dirty_ = true;
  if (change_listener_) change_listener_();
}

std::optional<TopicConfig> TopicConfigManager::Find(std::string_view topic) const {
  std::shared_lock lock(mutex_);
  auto it = topics_.find(topic);
  if (it == topics_.end()) return std::nullopt;
  return it->second;
}

bool TopicConfigManager::Contains(std::string_view topic) const {
  std::shared_lock lock(mutex_);
  return topics_.find(topic) != topics_.end();
}

bool TopicConfigManager::IsSystemTopic(std::string_view topic) const {
  std::shared_lock lock(mutex_);
  return system_topics_.find(topic) != system_topics_.end() || topic.starts_with(kSystemTopicPrefix);
}

Result<TopicConfig> TopicConfigManager::CreateTopicInSendMessageMethod(std::string_view topic,
                                                                       std::string_view default_topic,
                                                                       int32_t queue_nums, int32_t topic_sys_flag,
                                                                       bool auto_create_enabled) {
  TopicConfig created;
  {
    std::unique_lock lock(mutex_);
    auto existing = topics_.find(topic);
    if (existing != topics_.end()) return existing->second;
    auto tmpl = topics_.find(default_topic);
    if (tmpl == topics_.end()) {
      return NotFound("topic[" + std::string(topic) + "] not exist, apply first please! (default topic[" +
                      std::string(default_topic) + "] not exist" +
                      (auto_create_enabled ? ")" : "; autoCreateTopicEnable=false)"));
    }
    if (default_topic == kAutoCreateTopicKeyTopic && !auto_create_enabled) {
      return NotFound("topic[" + std::string(topic) +
                      "] not exist, apply first please! (autoCreateTopicEnable=false on this broker)");
    }
    if (!Perm::IsInherited(tmpl->second.perm)) {
      return NotFound("topic[" + std::string(topic) + "] not exist, apply first please! (default topic[" +
                      std::string(default_topic) + "] has no inherit permission)");
    }
    created.topic_name = std::string(topic);
    int32_t queues = std::min(queue_nums, tmpl->second.write_queue_nums);
    if (queues < 1) queues = 1;
    created.read_queue_nums = queues;
    created.write_queue_nums = queues;
    created.perm = tmpl->second.perm & ~Perm::kInherit;
    created.topic_sys_flag = topic_sys_flag;
    created.topic_filter_type = tmpl->second.topic_filter_type;
    topics_[created.topic_name] = created;
    data_version_.Next();
  }
  GetLogger("broker")->info("create new topic by default topic:[{}] config:[{} {}/{} perm {}]", default_topic,
                            created.topic_name, created.read_queue_nums, created.write_queue_nums, created.perm);
  Changed();
  return created;
}

TopicConfig TopicConfigManager::CreateTopicIfAbsent(std::string_view topic, int32_t queue_nums, int32_t perm,
                                                    int32_t topic_sys_flag) {
  TopicConfig created;
  {
    std::unique_lock lock(mutex_);
    auto existing = topics_.find(topic);
    if (existing != topics_.end()) return existing->second;
    created = MakeTopic(std::string(topic), queue_nums, perm);
    created.topic_sys_flag = topic_sys_flag;
    topics_[created.topic_name] = created;
    data_version_.Next();
  }
  GetLogger("broker")->info("create new topic [{}] with {} queue(s), perm {}", topic, queue_nums, perm);
  Changed();
  return created;
}

void TopicConfigManager::UpdateTopicConfig(const TopicConfig& config) {
  {
    std::unique_lock lock(mutex_);
    auto it = topics_.find(config.topic_name);
    if (it != topics_.end() && it->second == config) return;
    topics_[config.topic_name] = config;
    data_version_.Next();
  }
  GetLogger("broker")->info("update topic config [{} read {} write {} perm {}]", config.topic_name,
                            config.read_queue_nums, config.write_queue_nums, config.perm);
  Changed();
}

bool TopicConfigManager::DeleteTopic(std::string_view topic) {
  {
    std::unique_lock lock(mutex_);
    auto it = topics_.find(topic);
    if (it == topics_.end()) return false;
    topics_.erase(it);
    data_version_.Next();
  }
  GetLogger("broker")->info("delete topic [{}]", topic);
  Changed();
  return true;
}

TopicConfigSerializeWrapper TopicConfigManager::BuildSerializeWrapper() const {
  TopicConfigSerializeWrapper wrapper;
  std::shared_lock lock(mutex_);
  wrapper.data_version = data_version_;
  for (const auto& [name, topic] : topics_) wrapper.topic_config_table.emplace(name, topic);
  return wrapper;
}

std::vector<std::string> TopicConfigManager::TopicNames() const {
  std::shared_lock lock(mutex_);
  std::vector<std::string> names;
  names.reserve(topics_.size());
  for (const auto& entry : topics_) names.push_back(entry.first);
  return names;
}

DataVersion TopicConfigManager::data_version() const {
  std::shared_lock lock(mutex_);
  return data_version_;
}

}  // namespace rmq::broker

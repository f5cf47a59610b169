// TopicConfigManager: the broker's topics — the system topics a Java broker creates, topics
// made by admins, auto-created on first send from TBW102, and the retry/DLQ topics of consumer
// groups — with the DataVersion registered with name servers, persisted to
// <storePathRootDir>/config/topics.json through the atomic writer (TopicConfigManager.java).
// Owned by BrokerServer. Thread-safe: one shared_mutex guards the table; a change listener
// (set before use) runs after every change that name servers must learn about.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "broker/broker_config.h"
#include "common/data_version.h"
#include "common/register_broker_body.h"
#include "common/status.h"
#include "common/topic_config.h"

namespace rmq::broker {

class TopicConfigManager {
 public:
  // `config` must outlive the manager. `path` is the topics.json file.
  TopicConfigManager(const BrokerConfig& config, std::string path);

  // Creates the system topics, then reads topics.json (or its .bak). A missing file is fine.
  Status Load();
  // Writes topics.json atomically. Errors are logged and returned.
  Status Persist();
  // Persists when something changed since the last write. Changes only mark the table dirty,
  // so that request paths on I/O threads never write files; a background thread calls this.
  Status PersistIfDirty();

  // Runs after a topic was created, changed or deleted (outside the lock, on the thread that
  // made the change: it must not block).
  void set_change_listener(std::function<void()> listener) { change_listener_ = std::move(listener); }

  std::optional<TopicConfig> Find(std::string_view topic) const;
  bool Contains(std::string_view topic) const;

  // As TopicConfigManager#createTopicInSendMessageMethod: a new topic from `default_topic`
  // when that template exists with the INHERIT bit, min(queue_nums, template write queues)
  // queues and the template's perm minus INHERIT. NotFound (remark saying why) otherwise.
  // Returns the existing config when the topic exists already.
  Result<TopicConfig> CreateTopicInSendMessageMethod(std::string_view topic, std::string_view default_topic,
                                                     int32_t queue_nums, int32_t topic_sys_flag,
                                                     bool auto_create_enabled);
  // Retry and DLQ topics: created on demand with `queue_nums` queues and `perm`.
  TopicConfig CreateTopicIfAbsent(std::string_view topic, int32_t queue_nums, int32_t perm, int32_t topic_sys_flag = 0);

  // Admin create/update (UPDATE_AND_CREATE_TOPIC); `config.topic_name` must be validated.
  void UpdateTopicConfig(const TopicConfig& config);
  // True when it existed.
  bool DeleteTopic(std::string_view topic);

  // Every topic and the current DataVersion, for registration and GET_ALL_TOPIC_CONFIG.
  TopicConfigSerializeWrapper BuildSerializeWrapper() const;
  std::vector<std::string> TopicNames() const;
  DataVersion data_version() const;
  bool IsSystemTopic(std::string_view topic) const;

 private:
  void PutSystemTopic(TopicConfig config);
  void Changed();

  const BrokerConfig& config_;
  const std::string path_;
  std::function<void()> change_listener_;
  std::mutex persist_mutex_;  // serializes writers of path_
  std::atomic<bool> dirty_{false};
  mutable std::shared_mutex mutex_;
  std::map<std::string, TopicConfig, std::less<>> topics_;  // Guarded by mutex_.
  std::map<std::string, bool, std::less<>> system_topics_;  // Guarded by mutex_.
  DataVersion data_version_;                                // Guarded by mutex_.
};

}  // namespace rmq::broker

// ConsumerOffsetManager: committed consumer offsets per (topic, group, queue) and the last
// pulled offsets, persisted to <storePathRootDir>/config/consumerOffset.json in the Java
// layout {"offsetTable":{"topic@group":{0:5,1:3}}} (ConsumerOffsetManager.java). Owned by
// BrokerServer; a background thread persists it every flushConsumerOffsetInterval and at
// shutdown. Thread-safe: one mutex guards both tables.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/status.h"

namespace rmq::broker {

class ConsumerOffsetManager {
 public:
  explicit ConsumerOffsetManager(std::string path);

  // Reads the file (or its .bak); a missing file is fine.
  Status Load();
  // Writes the file atomically when an offset changed since the last write.
  Status PersistIfDirty();
  Status Persist();

  void CommitOffset(std::string_view group, std::string_view topic, int32_t queue_id, int64_t offset);
  std::optional<int64_t> QueryOffset(std::string_view group, std::string_view topic, int32_t queue_id) const;
  // Every queue's committed offset of the group on the topic.
  std::map<int32_t, int64_t> QueryOffsets(std::string_view group, std::string_view topic) const;
  // The last offset a pull of the group asked for (pullOffset of consume stats).
  void RecordPullOffset(std::string_view group, std::string_view topic, int32_t queue_id, int64_t offset);
  std::optional<int64_t> QueryPullOffset(std::string_view group, std::string_view topic, int32_t queue_id) const;

  // Topics the group has committed offsets for.
  std::set<std::string> TopicsOfGroup(std::string_view group) const;
  // Groups with committed offsets on the topic.
  std::set<std::string> GroupsOfTopic(std::string_view topic) const;
  void RemoveGroup(std::string_view group);
  void RemoveTopic(std::string_view topic);

  // The file's JSON.
  std::string Encode() const;

 private:
  using QueueOffsets = std::map<int32_t, int64_t>;
  static std::string Key(std::string_view topic, std::string_view group);

  const std::string path_;
  std::mutex persist_mutex_;
  std::atomic<bool> dirty_{false};
  mutable std::mutex mutex_;
  std::map<std::string, QueueOffsets, std::less<>> offsets_;                 // Guarded by mutex_.
  std::unordered_map<std::string, QueueOffsets> pull_offsets_;               // Guarded by mutex_.
};

}  // namespace rmq::broker

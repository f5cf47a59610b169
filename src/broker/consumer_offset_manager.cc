#include "broker/consumer_offset_manager.h"

#include "common/atomic_file.h"
#include "common/json_reader.h"
#include "common/json_writer.h"
#include "common/logging.h"

namespace rmq::broker {

ConsumerOffsetManager::ConsumerOffsetManager(std::string path) : path_(std::move(path)) {}

std::string ConsumerOffsetManager::Key(std::string_view topic, std::string_view group) {
  std::string key;
  key.reserve(topic.size() + group.size() + 1);
  key.append(topic).append("@").append(group);
  return key;
}

Status ConsumerOffsetManager::Load() {
  Status main_error;
  auto loaded = LoadWithBackup(
      path_,
      [this](const std::string& text) -> Status {
        RMQ_ASSIGN_OR_RETURN(nlohmann::json json, ParseLenientJson(text, "consumerOffset.json"));
        std::map<std::string, QueueOffsets, std::less<>> table;
        if (json.contains("offsetTable") && json["offsetTable"].is_object()) {
          for (const auto& [key, queues] : json["offsetTable"].items()) {
            if (!queues.is_object()) return Corruption("consumerOffset.json: " + key + " is not an object");
            QueueOffsets offsets;
            for (const auto& [qid, value] : queues.items()) {
              int64_t offset = 0;
              RMQ_RETURN_IF_ERROR(JsonValueToInt(value, key, &offset));
              offsets[std::stoi(qid)] = offset;
            }
            table[key] = std::move(offsets);
          }
        }
        std::lock_guard lock(mutex_);
        offsets_ = std::move(table);
        return Status::Ok();
      },
      &main_error);
  if (!loaded.ok()) return loaded.status();
  if (*loaded == LoadSource::kBackup) {
    GetLogger("broker")->error("{} is unreadable ({}); loaded {}.bak instead", path_, main_error.message(), path_);
  }
  return Status::Ok();
}

std::string ConsumerOffsetManager::Encode() const {
  JsonWriter w;
  std::lock_guard lock(mutex_);
  w.BeginObject();
  w.Key("offsetTable");
  w.BeginObject();
  for (const auto& [key, queues] : offsets_) {
    w.Key(key);
    w.BeginObject();
    for (const auto& [qid, offset] : queues) {
      w.IntKey(qid);
      w.Int(offset);
    }
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  return w.Release();
}

Status ConsumerOffsetManager::Persist() {
  std::lock_guard persist_lock(persist_mutex_);
  Status s = WriteFileAtomically(path_, Encode());
  if (!s.ok()) GetLogger("broker")->error("persist {} failed: {}", path_, s.message());
  return s;
}

Status ConsumerOffsetManager::PersistIfDirty() {
  if (!dirty_.exchange(false)) return Status::Ok();
  Status s = Persist();
  if (!s.ok()) dirty_ = true;
  return s;
}

void ConsumerOffsetManager::CommitOffset(std::string_view group, std::string_view topic, int32_t queue_id,
                                         int64_t offset) {
  std::string key = Key(topic, group);
  std::lock_guard lock(mutex_);
  auto it = offsets_.find(key);
  if (it == offsets_.end()) it = offsets_.emplace(std::move(key), QueueOffsets{}).first;
  auto [entry, inserted] = it->second.emplace(queue_id, offset);
  if (!inserted) {
    if (entry->second == offset) return;
    entry->second = offset;
  }
  dirty_.store(true, std::memory_order_relaxed);
}

std::optional<int64_t> ConsumerOffsetManager::QueryOffset(std::string_view group, std::string_view topic,
                                                          int32_t queue_id) const {
  std::string key = Key(topic, group);
  std::lock_guard lock(mutex_);
  auto it = offsets_.find(key);
  if (it == offsets_.end()) return std::nullopt;
  auto q = it->second.find(queue_id);
  if (q == it->second.end()) return std::nullopt;
  return q->second;
}

std::map<int32_t, int64_t> ConsumerOffsetManager::QueryOffsets(std::string_view group, std::string_view topic) const {
  std::string key = Key(topic, group);
  std::lock_guard lock(mutex_);
  auto it = offsets_.find(key);
  return it == offsets_.end() ? QueueOffsets{} : it->second;
}

void ConsumerOffsetManager::RecordPullOffset(std::string_view group, std::string_view topic, int32_t queue_id,
                                             int64_t offset) {
  std::string key = Key(topic, group);
  std::lock_guard lock(mutex_);
  pull_offsets_[key][queue_id] = offset;
}

std::optional<int64_t> ConsumerOffsetManager::QueryPullOffset(std::string_view group, std::string_view topic,
                                                              int32_t queue_id) const {
  std::string key = Key(topic, group);
  std::lock_guard lock(mutex_);
  auto it = pull_offsets_.find(key);
  if (it == pull_offsets_.end()) return std::nullopt;
  auto q = it->second.find(queue_id);
  if (q == it->second.end()) return std::nullopt;
  return q->second;
}

std::set<std::string> ConsumerOffsetManager::TopicsOfGroup(std::string_view group) const {
  std::set<std::string> topics;
  std::lock_guard lock(mutex_);
  for (const auto& entry : offsets_) {
    size_t at = entry.first.rfind('@');
    if (at != std::string::npos && std::string_view(entry.first).substr(at + 1) == group) {
      topics.insert(entry.first.substr(0, at));
    }
  }
  return topics;
}

std::set<std::string> ConsumerOffsetManager::GroupsOfTopic(std::string_view topic) const {
  std::set<std::string> groups;
  std::lock_guard lock(mutex_);
  for (const auto& entry : offsets_) {
    size_t at = entry.first.rfind('@');
    if (at != std::string::npos && std::string_view(entry.first).substr(0, at) == topic) {
      groups.insert(entry.first.substr(at + 1));
    }
  }
  return groups;
}

void ConsumerOffsetManager::RemoveGroup(std::string_view group) {
  std::lock_guard lock(mutex_);
  std::erase_if(offsets_, [&](const auto& entry) {
    size_t at = entry.first.rfind('@');
    return at != std::string::npos && std::string_view(entry.first).substr(at + 1) == group;
  });
  dirty_ = true;
}

void ConsumerOffsetManager::RemoveTopic(std::string_view topic) {
  std::lock_guard lock(mutex_);
  std::erase_if(offsets_, [&](const auto& entry) {
    size_t at = entry.first.rfind('@');
    return at != std::string::npos && std::string_view(entry.first).substr(0, at) == topic;
  });
  dirty_ = true;
}

}  // namespace rmq::broker

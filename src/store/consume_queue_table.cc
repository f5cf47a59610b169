#include "store/consume_queue_table.h"

#include <filesystem>
#include <mutex>
#include <vector>

#include "common/logging.h"

namespace rmq::store {

namespace fs = std::filesystem;

ConsumeQueueTable::ConsumeQueueTable(const StoreConfig& config, AllocateMappedFileService* allocator)
    : config_(config), allocator_(allocator) {}

Status ConsumeQueueTable::Load() {
  std::error_code ec;
  const std::string root = config_.ConsumeQueueDir();
  fs::create_directories(root, ec);
  if (ec) return IoError("cannot create " + root + ": " + ec.message());
  std::unique_lock<std::shared_mutex> lock(mutex_);
  table_.clear();
  generation_.fetch_add(1, std::memory_order_acq_rel);
  for (const auto& topic_dir : fs::directory_iterator(root, ec)) {
    if (!topic_dir.is_directory()) continue;
    std::string topic = topic_dir.path().filename().string();
    for (const auto& queue_dir : fs::directory_iterator(topic_dir.path(), ec)) {
      std::string name = queue_dir.path().filename().string();
      if (!queue_dir.is_directory() || name.empty() || name.size() > 9 ||
          name.find_first_not_of("0123456789") != std::string::npos) {
        continue;
      }
      int32_t queue_id = std::stoi(name);
      auto cq = std::make_shared<ConsumeQueue>(topic, queue_id, root, config_.mapped_file_size_consume_queue, allocator_);
      RMQ_RETURN_IF_ERROR(cq->Load());
      table_[topic][queue_id] = std::move(cq);
    }
  }
  if (ec) return IoError("cannot list " + root + ": " + ec.message());
  return Status::Ok();
}

std::shared_ptr<ConsumeQueue> ConsumeQueueTable::Find(std::string_view topic, int32_t queue_id) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  auto it = table_.find(topic);
  if (it == table_.end()) return nullptr;
  auto q = it->second.find(queue_id);
  return q == it->second.end() ? nullptr : q->second;
}

std::shared_ptr<ConsumeQueue> ConsumeQueueTable::FindOrCreate(std::string_view topic, int32_t queue_id) {
  if (auto cq = Find(topic, queue_id)) return cq;
  std::unique_lock<std::shared_mutex> lock(mutex_);
  auto& queues = table_[std::string(topic)];
  auto& slot = queues[queue_id];
  if (!slot) {
    slot = std::make_shared<ConsumeQueue>(std::string(topic), queue_id, config_.ConsumeQueueDir(),
                                          config_.mapped_file_size_consume_queue, allocator_);
  }
  return slot;
}

void ConsumeQueueTable::ForEach(const std::function<void(ConsumeQueue&)>& fn) const {
  std::vector<std::shared_ptr<ConsumeQueue>> all;
  {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    for (const auto& [topic, queues] : table_) {
      for (const auto& [id, cq] : queues) all.push_back(cq);
    }
  }
  for (auto& cq : all) fn(*cq);
}

void ConsumeQueueTable::DestroyTopic(std::string_view topic) {
  std::map<int32_t, std::shared_ptr<ConsumeQueue>> queues;
  {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    auto it = table_.find(topic);
    if (it == table_.end()) return;
    queues = std::move(it->second);
    table_.erase(it);
    generation_.fetch_add(1, std::memory_order_acq_rel);
  }
  for (auto& [id, cq] : queues) cq->Destroy();
  std::error_code ec;
  fs::remove_all(config_.ConsumeQueueDir() + "/" + std::string(topic), ec);
}

void ConsumeQueueTable::DestroyAll() {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  for (auto& [topic, queues] : table_) {
    for (auto& [id, cq] : queues) cq->Destroy();
  }
  table_.clear();
  generation_.fetch_add(1, std::memory_order_acq_rel);
}

}  // namespace rmq::store

// ConsumeQueueTable: every ConsumeQueue of the store, by topic and queue id, created on first
// dispatch and found again under consumequeue/ at load. Owned by MessageStore. Thread-safe (one
// shared_mutex over the map; the queues themselves are shared_ptr so a reader keeps one alive).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>

#include "common/status.h"
#include "store/consume_queue.h"
#include "store/store_config.h"

namespace rmq::store {

class ConsumeQueueTable {
 public:
  // `config` and `allocator` (nullable) must outlive the table.
  ConsumeQueueTable(const StoreConfig& config, AllocateMappedFileService* allocator);

  // Opens consumequeue/<topic>/<queueId>/ directories.
  Status Load();

  std::shared_ptr<ConsumeQueue> Find(std::string_view topic, int32_t queue_id) const;
  std::shared_ptr<ConsumeQueue> FindOrCreate(std::string_view topic, int32_t queue_id);
  void ForEach(const std::function<void(ConsumeQueue&)>& fn) const;
  // Deletes the queues of `topic` and their files.
  void DestroyTopic(std::string_view topic);
  void DestroyAll();
  // Changes whenever queues may have left the table (load, destroy): a caller that keeps
  // queues it found must drop them when this moved.
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

 private:
  const StoreConfig& config_;
  AllocateMappedFileService* const allocator_;
  mutable std::shared_mutex mutex_;
  std::atomic<uint64_t> generation_{0};
  std::map<std::string, std::map<int32_t, std::shared_ptr<ConsumeQueue>>, std::less<>> table_;  // Guarded by mutex_.
};

}  // namespace rmq::store

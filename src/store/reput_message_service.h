// ReputMessageService: the dispatch thread. It follows the CommitLog from `reput_from_offset`,
// writes each record's ConsumeQueue entry and index keys, then calls the registered listeners
// (the broker's long polling). Recovery runs the same loop synchronously before the thread starts.
// Owned by MessageStore; thread-safe (Wakeup from any thread, listeners added before Start).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/commit_log.h"
#include "store/consume_queue_table.h"
#include "store/dispatch_request.h"
#include "store/index_service.h"
#include "store/periodic_thread.h"

namespace rmq::store {

class ReputMessageService {
 public:
  // All references must outlive the service.
  ReputMessageService(CommitLog& commit_log, ConsumeQueueTable& queues, IndexService& index);

  // REQUIRES: not started.
  void AddListener(DispatchListener listener) { listeners_.push_back(std::move(listener)); }

  int64_t reput_from_offset() const { return reput_from_offset_.load(std::memory_order_acquire); }
  void set_reput_from_offset(int64_t offset) { reput_from_offset_.store(offset, std::memory_order_release); }
  // STORETIMESTAMP of the last dispatched record.
  int64_t last_dispatched_store_timestamp() const { return last_store_timestamp_.load(std::memory_order_acquire); }
  // Bytes of CommitLog not yet dispatched.
  int64_t behind() const { return commit_log_.GetMaxOffset() - reput_from_offset(); }

  // Dispatches everything written so far. `dispatch_listeners` false during recovery.
  // Returns the number of records dispatched.
  int64_t DoReput(bool dispatch_listeners);

  void Start();
  void Wakeup() { thread_.Wakeup(); }
  // Dispatches what is left, then stops.
  void Shutdown();

 private:
  // False when the ConsumeQueue entry could not be written (disk full); the record is retried.
  bool Dispatch(const DispatchRequest& req, bool dispatch_listeners);
  // The queue of a record, from queue_cache_ when the table has not changed since it was found:
  // the table's lookup takes a shared lock, two map searches and a reference count per record.
  ConsumeQueue& QueueFor(std::string_view topic, int32_t queue_id);

  struct CachedQueue {
    std::string topic;
    int32_t queue_id = 0;
    std::shared_ptr<ConsumeQueue> queue;
  };

  CommitLog& commit_log_;
  ConsumeQueueTable& queues_;
  IndexService& index_;
  std::vector<DispatchListener> listeners_;
  std::atomic<int64_t> reput_from_offset_{0};
  std::atomic<int64_t> last_store_timestamp_{0};
  bool reported_stuck_ = false;  // Only touched by the dispatching thread.
  bool reported_cq_error_ = false;  // Only touched by the dispatching thread.
  // Recently dispatched-to queues (a handful: most stores write few topics at a time) and the
  // table generation they were found in. Only touched by the dispatching thread.
  std::vector<CachedQueue> queue_cache_;
  size_t queue_cache_next_ = 0;
  uint64_t queue_cache_generation_ = 0;
  PeriodicThread thread_;
};

}  // namespace rmq::store

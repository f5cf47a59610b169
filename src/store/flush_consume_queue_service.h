// FlushConsumeQueueService: every flushIntervalConsumeQueue ms flushes the ConsumeQueues (at
// least flushConsumeQueueLeastPages dirty pages; everything every
// flushConsumeQueueThoroughInterval ms, after which checkpoint.logicsMsgTimestamp moves to the
// store time captured before that flush), then writes the checkpoint file.
// Owned by MessageStore; thread-safe.
#pragma once

#include <chrono>
#include <functional>

#include "common/status.h"
#include "store/consume_queue_table.h"
#include "store/periodic_thread.h"
#include "store/store_checkpoint.h"
#include "store/store_config.h"

namespace rmq::store {

class FlushConsumeQueueService {
 public:
  // References must outlive the service. `dispatched_timestamp` gives the store time of the last
  // dispatched record.
  FlushConsumeQueueService(const StoreConfig& config, ConsumeQueueTable& queues, StoreCheckpoint& checkpoint,
                           std::function<int64_t()> dispatched_timestamp);

  void Start();
  void Shutdown() { thread_.Stop(); }
  Status FlushOnce(bool thorough);

 private:
  const StoreConfig& config_;
  ConsumeQueueTable& queues_;
  StoreCheckpoint& checkpoint_;
  std::function<int64_t()> dispatched_timestamp_;
  std::chrono::steady_clock::time_point last_thorough_;
  PeriodicThread thread_;
};

}  // namespace rmq::store

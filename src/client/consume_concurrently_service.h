// ConsumeConcurrentlyService: the push consumer's concurrently consumption (Java
// ConsumeMessageConcurrentlyService). Caches pulled messages in the queue's ProcessQueue, hands
// them to the consume pool in batches of consumeMessageBatchMaxSize, calls the listener, sends
// failed messages back to the broker (retrying them here when the send-back fails) and advances
// the queue's offset. Owned by its PushConsumerImpl; consume tasks hold the consumer weakly.
// One pull's messages are consumed by as few pool tasks as the listener's speed calls for: a
// task works through the pull's batches one after another and asks for a helper only while the
// work left (batches left x the recent time per batch) is worth a thread wake-up, so
// a fast listener costs no hand-off per message and a slow one still gets every consume thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "client/process_queue.h"
#include "common/status.h"
#include "common/message_queue.h"
#include "rocketmq/MQMessageExt.h"

namespace rocketmq::internal {

class PushConsumerImpl;

class ConsumeConcurrentlyService {
 public:
  explicit ConsumeConcurrentlyService(PushConsumerImpl& consumer) : consumer_(consumer) {}

  // Caches the offsets of the records in a pull `body` from `mq` whose TAGS match `tags_set`
  // and queues their consumption; the consume tasks turn them into messages, so the I/O
  // thread only walks the records. Returns how many were queued, or Corruption for a malformed
  // body (nothing queued then).
  rmq::Result<size_t> Dispatch(const rmq::MessageQueue& mq, std::shared_ptr<rmq::client::ProcessQueue> pq,
                               std::string body, const std::vector<std::string>& tags_set, int64_t min_offset,
                               int64_t max_offset);
  // One consume task: listener, send-back of failures, offset. On a consume thread.
  void Consume(const rmq::MessageQueue& mq, std::shared_ptr<rmq::client::ProcessQueue> pq,
               std::vector<MQMessageExt> msgs);

  // Work left (ns) above which a task running a pull's batches asks the pool for a helper.
  static constexpr int64_t kHelperWorthNs = 100'000;
  // Batches faster than this (ns) share one clock read among kFastTimingStride of them.
  static constexpr int64_t kFastBatchNs = 20'000;
  static constexpr int64_t kFastTimingStride = 8;

 private:
  struct PulledBatch;
  // A pool task: claims batches of `pulled` until none is left, then commits their offsets.
  void RunBatches(const std::shared_ptr<PulledBatch>& pulled);
  // Submits one more RunBatches task for `pulled` if the work left is worth it.
  void MaybeAddHelper(const std::shared_ptr<PulledBatch>& pulled, size_t next_begin);
  // Listener and send-back of one batch; appends the offsets done with to `done`. On a consume
  // thread.
  void ConsumeBatch(const rmq::MessageQueue& mq, const std::shared_ptr<rmq::client::ProcessQueue>& pq,
                    std::vector<MQMessageExt>& msgs, std::vector<int64_t>* done);
  // Reads the clock after `batches` batches that began at `*clock`: feeds their average time into
  // batch_ns_, stamps the queue's last consume time, and moves `*clock` to now.
  void TimeBatches(rmq::client::ProcessQueue& pq, int64_t batches, std::chrono::steady_clock::time_point* clock);
  // How many batches run between two clock reads: one while batches are slow enough for a clock
  // read not to matter, more for a fast listener (a clock read costs about as much as a small
  // message's whole batch on some virtual machines).
  int64_t TimingStride() const;
  // Forgets `done` in the process queue and moves the queue's offset.
  void CommitDone(const rmq::MessageQueue& mq, const std::shared_ptr<rmq::client::ProcessQueue>& pq,
                  const std::vector<int64_t>& done);

  PushConsumerImpl& consumer_;
  // Recent time per batch (ns: building its messages and the listener), a moving average;
  // starts high so the first pulls spread over the threads until the listener is known to be
  // fast.
  std::atomic<int64_t> batch_ns_{1'000'000};
};

}  // namespace rocketmq::internal

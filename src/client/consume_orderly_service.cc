#include "client/consume_orderly_service.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <thread>

#include "client/push_consumer_impl.h"
#include "common/clock_ms.h"
#include "common/logging.h"

namespace rocketmq::internal {

using rmq::MessageQueue;
using rmq::client::Millis;
using ProcessQueuePtr = std::shared_ptr<rmq::client::ProcessQueue>;

namespace {

constexpr int64_t kOrderlyTimeSliceMs = 60000;
constexpr int64_t kUnlockWaitMs = 1000;
constexpr int kUnlockAttempts = 30;

std::shared_ptr<spdlog::logger> Log() {
  static auto logger = rmq::GetLogger("client");
  return logger;
}

}  // namespace

bool ConsumeOrderlyService::LockQueue(const MessageQueue& mq, const ProcessQueuePtr& pq) {
  auto addr = consumer_.instance_->FindBrokerMaster(mq.broker_name);
  if (!addr) return false;
  auto locked =
      consumer_.instance_->api().LockBatchMq(*addr, consumer_.group(), consumer_.instance_->client_id(), {mq});
  if (!locked.ok()) return false;
  bool ok = std::find(locked->begin(), locked->end(), mq) != locked->end();
  pq->locked = ok;
  if (ok) pq->last_lock_ms = rmq::SteadyClockMs();
  return ok;
}

void ConsumeOrderlyService::RenewLocks() {
  std::map<std::string, std::vector<std::pair<MessageQueue, ProcessQueuePtr>>> by_broker;
  {
    std::lock_guard lock(consumer_.mutex_);
    for (auto& [mq, pq] : consumer_.process_queues_) by_broker[mq.broker_name].emplace_back(mq, pq);
  }
  for (auto& [broker, queues] : by_broker) {
    auto addr = consumer_.instance_->FindBrokerMaster(broker);
    if (!addr) continue;
    std::vector<MessageQueue> mqs;
    for (auto& [mq, pq] : queues) mqs.push_back(mq);
    auto locked =
        consumer_.instance_->api().LockBatchMq(*addr, consumer_.group(), consumer_.instance_->client_id(), mqs);
    if (!locked.ok()) continue;
    std::set<MessageQueue> held(locked->begin(), locked->end());
    for (auto& [mq, pq] : queues) {
      if (held.count(mq)) {
        pq->locked = true;
        pq->last_lock_ms = rmq::SteadyClockMs();
      } else {
        pq->locked = false;
      }
    }
  }
}

void ConsumeOrderlyService::UnlockWhenIdle(const MessageQueue& mq, const ProcessQueuePtr& pq, int attempt) {
  // Unlock only when no consume thread is inside the queue, so a message is never consumed by
  // two consumers at once. Wait up to 1 s for the thread as the Java client does; if it is
  // still busy, try again later — leaving the lock to expire would stall the queue's new owner
  // for the broker's whole lock lifetime (60 s).
  std::unique_lock consume(pq->consume_mutex, std::defer_lock);
  for (int64_t deadline = rmq::SteadyClockMs() + kUnlockWaitMs; !consume.try_lock();) {
    if (rmq::SteadyClockMs() >= deadline) {
      if (attempt >= kUnlockAttempts) {
        Log()->warn("consumer {}: {} still busy; its broker lock is left to expire", consumer_.group(),
                    mq.ToString());
        return;
      }
      std::weak_ptr<PushConsumerImpl> weak = consumer_.weak_from_this();
      consumer_.instance_->scheduler().Schedule(Millis(kUnlockWaitMs), [weak, mq, pq, attempt] {
        if (auto self = weak.lock(); self && self->started_) {
          self->orderly_service_.UnlockWhenIdle(mq, pq, attempt + 1);
        }
      });
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  {
    // The queue came back to this consumer meanwhile: its new process queue owns the lock.
    std::lock_guard lock(consumer_.mutex_);
    if (consumer_.process_queues_.count(mq)) return;
  }
  if (auto addr = consumer_.instance_->FindBrokerMaster(mq.broker_name)) {
    (void)consumer_.instance_->api().UnlockBatchMq(*addr, consumer_.group(), consumer_.instance_->client_id(), {mq},
                                                   true);
  }
}

void ConsumeOrderlyService::UnlockAll(const std::map<MessageQueue, ProcessQueuePtr>& queues) {
  std::map<std::string, std::vector<MessageQueue>> by_broker;
  for (auto& [mq, pq] : queues) by_broker[mq.broker_name].push_back(mq);
  for (auto& [broker, mqs] : by_broker) {
    if (auto addr = consumer_.instance_->FindBrokerMaster(broker)) {
      (void)consumer_.instance_->api().UnlockBatchMq(*addr, consumer_.group(), consumer_.instance_->client_id(), mqs,
                                                     false);
    }
  }
}

void ConsumeOrderlyService::Dispatch(const MessageQueue& mq, ProcessQueuePtr pq, int64_t delay_ms) {
  std::weak_ptr<PushConsumerImpl> weak = consumer_.weak_from_this();
  auto task = [weak, mq, pq] {
    auto self = weak.lock();
    if (!self || !self->started_ || pq->dropped) return;
    self->consume_pool_->Submit([weak, mq, pq] {
      if (auto s = weak.lock()) s->orderly_service_.Consume(mq, pq);
    });
  };
  if (delay_ms <= 0) {
    task();
  } else {
    consumer_.instance_->scheduler().Schedule(Millis(delay_ms), task);
  }
}

void ConsumeOrderlyService::Consume(const MessageQueue& mq, ProcessQueuePtr pq) {
  if (pq->dropped) return;
  std::lock_guard consume(pq->consume_mutex);
  int64_t begin = rmq::SteadyClockMs();
  for (;;) {
    if (pq->dropped || !consumer_.started_) return;
    if (consumer_.clustering() && (!pq->locked || pq->LockExpired(rmq::SteadyClockMs()))) {
      // Try to (re)lock on the scheduler thread, then come back.
      std::weak_ptr<PushConsumerImpl> weak = consumer_.weak_from_this();
      consumer_.instance_->scheduler().Schedule(Millis(100), [weak, mq, pq] {
        auto self = weak.lock();
        if (!self || !self->started_ || pq->dropped) return;
        self->orderly_service_.LockQueue(mq, pq);
        self->orderly_service_.Dispatch(mq, pq, pq->locked ? 0 : 3000);
      });
      return;
    }
    if (rmq::SteadyClockMs() - begin > kOrderlyTimeSliceMs) {
      Dispatch(mq, pq, 10);
      return;
    }
    std::vector<MQMessageExt> msgs = pq->TakeMessages(std::max(1, consumer_.consume_batch_max_size));
    if (msgs.empty()) return;
    ConsumeStatus status = consumer_.CallListener(msgs);
    pq->last_consume_ms = rmq::SteadyClockMs();
    if (pq->dropped) return;
    if (status == CONSUME_SUCCESS) {
      int64_t offset = pq->Commit();
      if (offset >= 0) consumer_.UpdateOffsetIfCurrent(mq, pq, offset, false);
      continue;
    }
    // A message past maxReconsumeTimes goes to the broker (which moves it to the DLQ); the
    // others are retried here after a pause, in order.
    int max_reconsume = consumer_.MaxReconsumeTimes();
    bool give_up = std::any_of(msgs.begin(), msgs.end(),
                               [&](const MQMessageExt& m) { return m.getReconsumeTimes() >= max_reconsume; });
    if (give_up) {
      bool all_sent = true;
      for (const auto& msg : msgs) all_sent = consumer_.SendBack(msg, -1) && all_sent;
      if (all_sent) {
        int64_t offset = pq->Commit();
        if (offset >= 0) consumer_.UpdateOffsetIfCurrent(mq, pq, offset, false);
        continue;
      }
    }
    pq->MakeMessagesToConsumeAgain(msgs);
    Dispatch(mq, pq, consumer_.suspend_current_queue_ms);
    return;
  }
}

}  // namespace rocketmq::internal

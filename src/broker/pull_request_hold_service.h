// PullRequestHoldService: long polling. A pull that found nothing parks here under its
// topic@queueId until the dispatch thread reports a new message for that queue, the hold time
// ends, or the broker stops (PullRequestHoldService.java, without the 5 s sweep: wake-ups are
// exact). A parked pull is a coroutine waiting on a timer on its connection's strand; waking
// it cancels the timer on that strand. Owned by BrokerServer. Thread-safe: one mutex guards
// the table; NotifyMessageArriving is cheap when nothing is parked.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "remoting/asio.h"

namespace rmq::broker {

class PullRequestHoldService {
 public:
  struct Waiter {
    explicit Waiter(asio::any_io_executor executor) : timer(std::move(executor)) {}
    asio::steady_timer timer;  // used on its executor (the connection's strand) only
    std::atomic<bool> woken{false};
  };

  // Parks a waiter for topic/queue_id; the caller then waits on waiter->timer (expiring at the
  // hold deadline) and calls Remove afterwards. Returns null after Shutdown().
  std::shared_ptr<Waiter> Park(asio::any_io_executor executor, std::string_view topic, int32_t queue_id);
  void Remove(std::string_view topic, int32_t queue_id, const std::shared_ptr<Waiter>& waiter);

  // From the dispatch thread: a message was appended to topic/queue_id. Wakes its waiters.
  void NotifyMessageArriving(std::string_view topic, int32_t queue_id);
  // Wakes every waiter, empties the table and refuses new waiters. Call while the io_context
  // of the waiters' timers still exists. Idempotent.
  void Shutdown();

 private:
  static std::string Key(std::string_view topic, int32_t queue_id);
  static void Wake(const std::shared_ptr<Waiter>& waiter);

  std::atomic<int> parked_{0};
  std::mutex mutex_;
  bool shutdown_ = false;                                                          // Guarded by mutex_.
  std::unordered_map<std::string, std::vector<std::shared_ptr<Waiter>>> waiters_;  // Guarded by mutex_.
};

}  // namespace rmq::broker

// RegistrationRounds: counts the broker's rounds of registration with its name servers, so that a
// request which created a topic can answer only once a round that includes the topic has ended —
// as the Java broker registers at once, inside the heartbeat that creates a group's %RETRY% topic.
// Without the wait a client that rebalances right after its first heartbeat asks the name server
// before it knows the retry topic, and picks the queue up only at its next rebalance (20 s).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>

#include "remoting/asio.h"

namespace rmq::broker {

class RegistrationRounds {
 public:
  // The registering thread calls these around each round (also a round with no name server).
  void RoundStarting() { started_.fetch_add(1, std::memory_order_acq_rel); }
  void RoundEnded() { ended_.fetch_add(1, std::memory_order_acq_rel); }

  // After a change to what is registered: the number of the first round that sees the change.
  uint64_t NextRound() const { return started_.load(std::memory_order_acquire) + 1; }
  // The same, and asks for that round at once. The change itself wakes the registering thread,
  // but that wake-up may start a round before NextRound() is read, and the round the caller
  // then waits for would otherwise come only with the next period (30 s by default).
  uint64_t RequestRoundAfterChange() const {
    uint64_t round = NextRound();
    if (request_round_) request_round_();
    return round;
  }
  // Set once before any request is served.
  void SetRoundRequester(std::function<void()> request_round) { request_round_ = std::move(request_round); }
  bool Ended(uint64_t round) const { return ended_.load(std::memory_order_acquire) >= round; }

  // Suspends the calling coroutine until `round` has ended or `limit` has passed (a name server
  // that does not answer must not hold a client's heartbeat past its timeout).
  asio::awaitable<void> AwaitEnded(uint64_t round, std::chrono::milliseconds limit) const;

 private:
  std::atomic<uint64_t> started_{0};
  std::atomic<uint64_t> ended_{0};
  std::function<void()> request_round_;
};

}  // namespace rmq::broker

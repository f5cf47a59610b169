#include "broker/pull_request_hold_service.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace rmq::broker {
namespace {

using Clock = std::chrono::steady_clock;

class PullRequestHoldServiceTest : public ::testing::Test {
 protected:
  // Parks one waiter for topic/queue on a strand and waits up to `hold`; returns how long the
  // wait took, measured when the io_context finishes.
  void ParkAndWait(std::string topic, int32_t queue_id, std::chrono::milliseconds hold) {
    auto strand = asio::make_strand(context_);
    asio::co_spawn(
        strand,
        [this, topic, queue_id, hold]() -> asio::awaitable<void> {
          auto waiter = hold_.Park(co_await asio::this_coro::executor, topic, queue_id);
          if (!waiter) co_return;
          waiter->timer.expires_after(hold);
          boost::system::error_code ec;
          co_await waiter->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
          woken_ = waiter->woken.load();
          hold_.Remove(topic, queue_id, waiter);
        },
        asio::detached);
  }
  std::chrono::milliseconds Run() {
    auto begin = Clock::now();
    context_.run_for(std::chrono::seconds(5));
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - begin);
  }

  asio::io_context context_;
  PullRequestHoldService hold_;
  bool woken_ = false;
};

TEST_F(PullRequestHoldServiceTest, NewMessageOnTheQueueWakesTheParkedPull) {
  ParkAndWait("TopicA", 1, std::chrono::seconds(4));
  std::thread dispatcher([this] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    hold_.NotifyMessageArriving("TopicA", 0);  // another queue: no effect
    hold_.NotifyMessageArriving("TopicA", 1);
  });
  auto elapsed = Run();
  dispatcher.join();
  EXPECT_TRUE(woken_);
  EXPECT_LT(elapsed, std::chrono::seconds(2));
}

TEST_F(PullRequestHoldServiceTest, NothingArrivesSoTheHoldTimeEnds) {
  ParkAndWait("TopicA", 0, std::chrono::milliseconds(200));
  auto elapsed = Run();
  EXPECT_FALSE(woken_);
  EXPECT_GE(elapsed, std::chrono::milliseconds(190));
}

TEST_F(PullRequestHoldServiceTest, ShutdownWakesEveryoneAndRefusesNewWaiters) {
  ParkAndWait("TopicA", 0, std::chrono::seconds(4));
  std::thread stopper([this] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    hold_.Shutdown();
  });
  auto elapsed = Run();
  stopper.join();
  EXPECT_TRUE(woken_);
  EXPECT_LT(elapsed, std::chrono::seconds(2));
  EXPECT_EQ(hold_.Park(context_.get_executor(), "TopicA", 0), nullptr);
}

}  // namespace
}  // namespace rmq::broker

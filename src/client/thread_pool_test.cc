// ThreadPool::SubmitLazily: when it leaves a task to a running thread, and when it wakes one
// anyway (no thread running, or tasks backing up behind a held-up one).
#include "client/thread_pool.h"

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include <gtest/gtest.h>

namespace rmq::client {
namespace {

using namespace std::chrono_literals;

// Waits up to 10 s for `flag`; a hang is a failure, not a stuck test.
bool WaitFor(const std::atomic<bool>& flag) {
  auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!flag.load() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
  return flag.load();
}

TEST(ThreadPoolTest, LazySubmitWakesAThreadWhenNoneIsRunning) {
  ThreadPool pool(4, "lazy-test");
  std::atomic<bool> ran{false};
  pool.SubmitLazily([&] { ran = true; }, 1);
  EXPECT_TRUE(WaitFor(ran));
}

TEST(ThreadPoolTest, LazySubmitLeavesOneTaskToTheRunningThreadButNotTwo) {
  ThreadPool pool(4, "lazy-test");
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> blocker_running{false};
  pool.Submit([&, released] {
    blocker_running = true;
    released.wait();
  });
  ASSERT_TRUE(WaitFor(blocker_running));
  std::atomic<bool> first{false};
  std::atomic<bool> second{false};
  // One thread is running: the first task waits for it.
  pool.SubmitLazily([&] { first = true; }, 1);
  std::this_thread::sleep_for(100ms);
  EXPECT_FALSE(first.load()) << "a lazily submitted task woke a thread although one was running";
  // A second waiting task wakes a thread, which runs both while the blocker is still held.
  pool.SubmitLazily([&] { second = true; }, 1);
  EXPECT_TRUE(WaitFor(first));
  EXPECT_TRUE(WaitFor(second));
  release.set_value();
}

TEST(ThreadPoolTest, ShutdownRunsLazilySubmittedTasks) {
  std::atomic<int> ran{0};
  {
    ThreadPool pool(2, "lazy-test");
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    pool.Submit([released] { released.wait(); });
    pool.Submit([released] { released.wait(); });
    for (int i = 0; i < 5; ++i) pool.SubmitLazily([&] { ++ran; }, 2);
    release.set_value();
    pool.Shutdown();
  }
  EXPECT_EQ(ran.load(), 5);
}

}  // namespace
}  // namespace rmq::client

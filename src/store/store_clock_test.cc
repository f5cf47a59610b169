#include "store/store_clock.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace rmq::store {
namespace {

int64_t SystemMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Over 150 ms (past the TSC calibration), every value lies between the system clock just before
// (less the 1 ms a 20 µs reuse can cost at a millisecond boundary) and just after the call.
TEST(StoreClockTest, FollowsTheSystemClockWithinAMillisecond) {
  StoreClock clock;
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(150);
  int calls = 0;
  while (std::chrono::steady_clock::now() < end) {
    const int64_t before = SystemMs();
    const int64_t now = clock.NowMs();
    const int64_t after = SystemMs();
    ASSERT_GE(now, before - 1);
    ASSERT_LE(now, after);
    if (++calls % 1000 == 0) std::this_thread::sleep_for(std::chrono::microseconds(300));
  }
  EXPECT_GT(calls, 1000);
}

// A value read once is not reused for long: after a sleep the clock has moved on.
TEST(StoreClockTest, DoesNotReuseAStaleValue) {
  StoreClock clock;
  for (int i = 0; i < 5; ++i) {
    const int64_t first = clock.NowMs();
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
    EXPECT_GE(clock.NowMs(), first + 50);
  }
}

}  // namespace
}  // namespace rmq::store

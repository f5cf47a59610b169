#include "broker/timer/timer_wheel.h"

#include <gtest/gtest.h>

#include <vector>

namespace rmq::broker::timer {
namespace {

// Delivers every slot due at `now` and returns the queue offsets delivered, in order.
std::vector<int64_t> DeliverDue(TimerWheel& wheel, int64_t now) {
  std::vector<int64_t> out;
  int64_t slot_ms = 0;
  while (TimerWheel::Slot* slot = wheel.DueSlot(now, &slot_ms)) {
    for (const TimerEntry& e : slot->entries) out.push_back(e.queue_offset);
    wheel.FinishSlot(slot_ms);
  }
  return out;
}

TEST(TimerWheelTest, DeliversSlotsInTimeOrderNotArrivalOrder) {
  TimerWheel wheel;
  wheel.Add(0, 100, 5000);
  wheel.Add(1, 200, 2000);
  wheel.Add(2, 300, 5000);
  wheel.Add(3, 400, 3000);
  EXPECT_TRUE(DeliverDue(wheel, 1999).empty());
  EXPECT_EQ(DeliverDue(wheel, 3000), (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(wheel.pending(), 2);
  EXPECT_EQ(DeliverDue(wheel, 9000), (std::vector<int64_t>{0, 2}));
  EXPECT_EQ(wheel.pending(), 0);
}

TEST(TimerWheelTest, LowOffsetStaysAtTheOldestUndeliveredEntry) {
  TimerWheel wheel;
  wheel.Add(0, 0, 9000);  // a long timer holds the low mark
  wheel.Add(1, 0, 1000);
  wheel.Add(2, 0, 1000);
  DeliverDue(wheel, 1000);
  EXPECT_EQ(wheel.progress().low_offset, 0);
  EXPECT_EQ(wheel.progress().read_offset, 3);
  EXPECT_EQ(wheel.progress().delivered_until_ms, 1001);
  DeliverDue(wheel, 9000);
  EXPECT_EQ(wheel.progress().low_offset, 3);
}

TEST(TimerWheelTest, RestartRebuildSkipsDeliveredAndKeepsPendingEntries) {
  // Before the restart: 0 (due 9 s), 1 (due 1 s), 2 (due 2 s) read; 1 and 2 delivered.
  TimerWheel before;
  before.Add(0, 10, 9000);
  before.Add(1, 11, 1000);
  before.Add(2, 12, 2000);
  DeliverDue(before, 2500);
  ASSERT_TRUE(before.Consistent());
  TimerWheel::Progress saved = before.progress();

  // After: the queue is read again from the low mark; entry 3 arrived meanwhile, late.
  TimerWheel after(saved);
  EXPECT_EQ(after.next_read_offset(), 0);
  EXPECT_TRUE(after.Add(0, 10, 9000));
  EXPECT_FALSE(after.Add(1, 11, 1000));
  EXPECT_FALSE(after.Add(2, 12, 2000));
  EXPECT_TRUE(after.Add(3, 13, 1500));  // never read before: pending although its time has passed
  EXPECT_FALSE(after.Consistent());
  EXPECT_EQ(DeliverDue(after, 3000), (std::vector<int64_t>{3}));
  EXPECT_TRUE(after.Consistent());
  EXPECT_EQ(DeliverDue(after, 9000), (std::vector<int64_t>{0}));
  EXPECT_EQ(after.progress().low_offset, 4);
}

TEST(TimerWheelTest, GapsCountAsDeliveredAndReadingTwiceIsIgnored) {
  TimerWheel wheel;
  wheel.Add(0, 0, 1000);
  wheel.SkipTo(5);
  EXPECT_EQ(wheel.next_read_offset(), 5);
  EXPECT_FALSE(wheel.Add(3, 0, 1000));
  wheel.Add(7, 0, 1000);
  EXPECT_EQ(wheel.pending(), 2);
  DeliverDue(wheel, 1000);
  EXPECT_EQ(wheel.progress().low_offset, 8);
}

TEST(TimerWheelTest, AMillionPendingEntriesCostOnlyTheirSlots) {
  TimerWheel wheel;
  for (int64_t q = 0; q < 1000000; ++q) wheel.Add(q, q * 100, 1000 + (q % 86400) * 1000);
  EXPECT_EQ(wheel.pending(), 1000000);
  EXPECT_EQ(wheel.earliest_ms(), 1000);
  int64_t slot_ms = 0;
  ASSERT_NE(wheel.DueSlot(1000, &slot_ms), nullptr);
  EXPECT_EQ(wheel.DueSlot(999, &slot_ms), nullptr);
  EXPECT_EQ(DeliverDue(wheel, 3000).size(), 3u * (1000000 / 86400 + 1));
}

}  // namespace
}  // namespace rmq::broker::timer

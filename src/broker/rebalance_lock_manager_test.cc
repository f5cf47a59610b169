// RebalanceLockManager: LOCK_BATCH_MQ semantics — a queue goes to the first client, is renewed
// by it, is refused to others until it expires (60 s by default, configurable), and only the
// holder can unlock it.
#include "broker/rebalance_lock_manager.h"

#include <gtest/gtest.h>

namespace rmq::broker {
namespace {

const MessageQueue kQ0{"OrderTopic", "broker-a", 0};
const MessageQueue kQ1{"OrderTopic", "broker-a", 1};

TEST(RebalanceLockManagerTest, HolderKeepsTheLockUntilItExpiresAfterSixtySeconds) {
  RebalanceLockManager locks;
  EXPECT_EQ(locks.TryLockBatch("G", {kQ0, kQ1}, "A", 1000).size(), 2u);
  EXPECT_TRUE(locks.TryLockBatch("G", {kQ0}, "B", 1000 + 60000).empty()) << "expired at exactly 60 s";
  // Renewal by the holder moves the expiry.
  EXPECT_EQ(locks.TryLockBatch("G", {kQ0}, "A", 30000).size(), 1u);
  EXPECT_TRUE(locks.TryLockBatch("G", {kQ0}, "B", 30000 + 60000).empty());
  auto taken = locks.TryLockBatch("G", {kQ0, kQ1}, "B", 30000 + 60001);
  EXPECT_EQ(taken, (std::vector<MessageQueue>{kQ0, kQ1}));  // both expired for A now
  EXPECT_TRUE(locks.TryLockBatch("G", {kQ0}, "A", 30000 + 60002).empty());
}

TEST(RebalanceLockManagerTest, ExpiryIsConfigurable) {
  RebalanceLockManager locks(200);
  EXPECT_EQ(locks.TryLockBatch("G", {kQ0}, "A", 0).size(), 1u);
  EXPECT_TRUE(locks.TryLockBatch("G", {kQ0}, "B", 200).empty());
  EXPECT_EQ(locks.TryLockBatch("G", {kQ0}, "B", 201).size(), 1u);
}

TEST(RebalanceLockManagerTest, OnlyTheHolderUnlocksAndGroupsAreSeparate) {
  RebalanceLockManager locks;
  EXPECT_EQ(locks.TryLockBatch("G", {kQ0}, "A", 0).size(), 1u);
  EXPECT_EQ(locks.TryLockBatch("OtherGroup", {kQ0}, "B", 0).size(), 1u);
  locks.UnlockBatch("G", {kQ0}, "B");
  EXPECT_TRUE(locks.TryLockBatch("G", {kQ0}, "B", 1).empty());
  locks.UnlockBatch("G", {kQ0}, "A");
  EXPECT_EQ(locks.TryLockBatch("G", {kQ0}, "B", 2).size(), 1u);
}

}  // namespace
}  // namespace rmq::broker

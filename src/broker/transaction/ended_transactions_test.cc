// EndedTransactions: the first verdict claims a transaction, later ones see it ended; a failed
// store re-opens it; the ring forgets offsets a whole capacity older than the newest; copies name
// their transaction by TRAN_PREPARED_QUEUE_OFFSET.
#include "broker/transaction/ended_transactions.h"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "common/message_properties.h"

namespace rmq::broker::transaction {
namespace {

using State = EndedTransactions::State;

TEST(EndedTransactionsTest, FirstClaimWinsAndLaterOnesSeeItEnding) {
  EndedTransactions ended(1024);
  EXPECT_EQ(ended.Get(7), State::kOpen);
  EXPECT_FALSE(ended.IsEndedOrEnding(7));
  EXPECT_EQ(ended.Claim(7), State::kOpen);
  EXPECT_EQ(ended.Get(7), State::kEnding);
  EXPECT_TRUE(ended.IsEndedOrEnding(7));
  EXPECT_EQ(ended.Claim(7), State::kEnding);  // a duplicate while the first is being stored
  ended.Finish(7);
  EXPECT_EQ(ended.Claim(7), State::kEnded);
  EXPECT_EQ(ended.Get(7), State::kEnded);
  // Neighbours are untouched (2-bit slots share words).
  EXPECT_EQ(ended.Get(6), State::kOpen);
  EXPECT_EQ(ended.Get(8), State::kOpen);
}

TEST(EndedTransactionsTest, AbandonReopensOnlyAClaimInFlight) {
  EndedTransactions ended(1024);
  ASSERT_EQ(ended.Claim(3), State::kOpen);
  ended.Abandon(3);
  EXPECT_EQ(ended.Get(3), State::kOpen);
  EXPECT_EQ(ended.Claim(3), State::kOpen);  // the retry claims it again
  ended.Finish(3);
  ended.Abandon(3);  // an ended transaction stays ended
  EXPECT_EQ(ended.Get(3), State::kEnded);
}

TEST(EndedTransactionsTest, RingForgetsOffsetsOlderThanItsCapacity) {
  EndedTransactions ended(64);
  ASSERT_EQ(ended.capacity(), 64);
  ended.MarkEnded(10);
  ended.MarkEnded(73);  // window now [10, 74): 10 still remembered
  EXPECT_EQ(ended.Get(10), State::kEnded);
  EXPECT_EQ(ended.Get(73), State::kEnded);
  ended.MarkEnded(74);  // 10 falls out; its slot now belongs to 74
  EXPECT_EQ(ended.Get(10), State::kOpen);
  EXPECT_EQ(ended.Get(74), State::kEnded);
  // Too old to be recorded: reported open and not remembered.
  EXPECT_EQ(ended.Claim(5), State::kOpen);
  EXPECT_EQ(ended.Get(5), State::kOpen);
  // Slots skipped over by a jump are cleared, not inherited from a ring earlier.
  EXPECT_EQ(ended.Get(73 + 64), State::kOpen);
  ended.MarkEnded(1000);
  EXPECT_EQ(ended.Get(73), State::kOpen);
  EXPECT_EQ(ended.Get(1000 - 64 + 10), State::kOpen);
  EXPECT_EQ(ended.Get(1000), State::kEnded);
  EXPECT_EQ(ended.Claim(-1), State::kOpen);
}

TEST(EndedTransactionsTest, CapacityIsRoundedUpToAPowerOfTwo) {
  EXPECT_EQ(EndedTransactions(100).capacity(), 128);
  EXPECT_EQ(EndedTransactions(1).capacity(), 64);
  EXPECT_EQ(EndedTransactions().capacity(), EndedTransactions::kDefaultCapacity);
}

TEST(EndedTransactionsTest, ConcurrentClaimsOfOneTransactionHaveOneWinner) {
  EndedTransactions ended(1 << 12);
  for (int64_t origin = 0; origin < 200; ++origin) {
    std::atomic<int> winners{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&] {
        if (ended.Claim(origin) == State::kOpen) winners.fetch_add(1);
      });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(winners.load(), 1) << origin;
  }
}

TEST(EndedTransactionsTest, OriginIsThePreparedQueueOffsetOfACopy) {
  EXPECT_EQ(TransactionOrigin(12, ""), 12);
  std::string props;
  AppendProperty(&props, "TRAN_PREPARED_QUEUE_OFFSET", "4");
  EXPECT_EQ(TransactionOrigin(12, props), 4);
  std::string bad;
  AppendProperty(&bad, "TRAN_PREPARED_QUEUE_OFFSET", "4x");
  EXPECT_EQ(TransactionOrigin(12, bad), 12);
  std::string later;  // a copy cannot precede its first record
  AppendProperty(&later, "TRAN_PREPARED_QUEUE_OFFSET", "40");
  EXPECT_EQ(TransactionOrigin(12, later), 12);
}

}  // namespace
}  // namespace rmq::broker::transaction

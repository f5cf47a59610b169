#include "store/consume_queue.h"

#include <gtest/gtest.h>

#include "common/coding.h"
#include "store/store_test_util.h"

namespace rmq::store {
namespace {

using testing::TempDir;

class ConsumeQueueTest : public ::testing::Test {
 protected:
  ConsumeQueue& Queue() {
    if (!cq_) {
      cq_ = std::make_unique<ConsumeQueue>("T", 2, dir_.path(), 20 * 4, nullptr);
      EXPECT_TRUE(cq_->Load().ok());
    }
    return *cq_;
  }
  void Reopen() {
    cq_.reset();
    Queue().Recover();
  }
  TempDir dir_;
  std::unique_ptr<ConsumeQueue> cq_;
};

TEST_F(ConsumeQueueTest, EntriesAreLookedUpByQueueOffsetAcrossFiles) {
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(Queue().PutMessagePositionInfo(i * 100, 100, i - 5, i).ok());
  EXPECT_EQ(Queue().GetMinOffsetInQueue(), 0);
  EXPECT_EQ(Queue().GetMaxOffsetInQueue(), 10);
  auto e = Queue().GetEntry(6);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->commit_log_offset, 600);
  EXPECT_EQ(e->tags_code, 1);
  EXPECT_EQ(Queue().GetEntry(3)->tags_code, -2);  // sign-extended on disk
  auto buf = Queue().GetIndexBuffer(5);
  ASSERT_TRUE(buf.has_value());
  EXPECT_EQ(buf->count, 3);  // to the end of the second file (entries 4..7)
  EXPECT_EQ(Queue().RollNextFile(5), 8);
  EXPECT_FALSE(Queue().GetEntry(10).has_value());
  std::string second = testing::ReadFile(dir_.path() + "/T/2/00000000000000000080");
  EXPECT_EQ(DecodeBigEndian64(second.data() + 12), static_cast<uint64_t>(int64_t{-1}));
}

TEST_F(ConsumeQueueTest, RedispatchIsIgnored) {
  ASSERT_TRUE(Queue().PutMessagePositionInfo(0, 100, 0, 0).ok());
  ASSERT_TRUE(Queue().PutMessagePositionInfo(100, 100, 0, 1).ok());
  ASSERT_TRUE(Queue().PutMessagePositionInfo(0, 100, 0, 0).ok());
  EXPECT_EQ(Queue().GetMaxOffsetInQueue(), 2);
  EXPECT_EQ(Queue().max_physic_offset(), 200);
}

TEST_F(ConsumeQueueTest, QueueStartingLateIsPaddedWithFillers) {
  ASSERT_TRUE(Queue().PutMessagePositionInfo(5000, 50, 7, 6).ok());
  EXPECT_EQ(Queue().GetMinOffsetInQueue(), 6);
  EXPECT_EQ(Queue().GetMaxOffsetInQueue(), 7);
  Reopen();
  EXPECT_EQ(Queue().GetMaxOffsetInQueue(), 7);
  EXPECT_EQ(Queue().GetEntry(6)->commit_log_offset, 5000);
  EXPECT_TRUE(Queue().GetEntry(5)->IsFiller());
}

TEST_F(ConsumeQueueTest, RecoveryStopsAtTheFirstEmptyEntryAndTruncationCutsByCommitLogOffset) {
  for (int i = 0; i < 7; ++i) ASSERT_TRUE(Queue().PutMessagePositionInfo(i * 100, 100, 0, i).ok());
  Reopen();
  EXPECT_EQ(Queue().GetMaxOffsetInQueue(), 7);
  EXPECT_EQ(Queue().max_physic_offset(), 700);
  Queue().TruncateDirtyLogicFiles(300);
  EXPECT_EQ(Queue().GetMaxOffsetInQueue(), 3);
  EXPECT_EQ(Queue().max_physic_offset(), 300);
  EXPECT_EQ(Queue().queue().file_count(), 1u);
  ASSERT_TRUE(Queue().PutMessagePositionInfo(300, 10, 0, 3).ok());
  ASSERT_TRUE(Queue().GetEntry(3).has_value());
  EXPECT_EQ(Queue().GetEntry(3)->commit_log_offset, 300);
}

TEST_F(ConsumeQueueTest, DeletingOldFilesMovesTheMinimum) {
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(Queue().PutMessagePositionInfo(i * 100, 100, 0, i).ok());
  EXPECT_EQ(Queue().DeleteExpiredFiles(550), 1);  // file 0 (entries 0..3) ends at 300 < 550
  EXPECT_EQ(Queue().GetMinOffsetInQueue(), 6);     // first entry at or above 550 is 600
  EXPECT_FALSE(Queue().GetIndexBuffer(5).has_value());
}

}  // namespace
}  // namespace rmq::store

// Consumer pieces that need no server: ProcessQueue bookkeeping, the local offset store, the
// scheduler, heartbeat and lock bodies.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>

#include "client/offset_store.h"
#include "client/process_queue.h"
#include "client/rebalance.h"
#include "client/scheduler.h"
#include "common/heartbeat_data.h"
#include "common/lock_batch_body.h"

namespace rmq::client {
namespace {

rocketmq::MQMessageExt Msg(int64_t offset) {
  rocketmq::MQMessageExt msg;
  msg.setQueueOffset(offset);
  msg.setBody("x");
  return msg;
}

TEST(ProcessQueueTest, CommitOffsetIsTheSmallestUnconsumed) {
  ProcessQueue pq;
  EXPECT_EQ(pq.RemoveMessages({}), -1);
  pq.PutMessages({Msg(10), Msg(11), Msg(12)});
  EXPECT_EQ(pq.count(), 3);
  EXPECT_EQ(pq.RemoveMessages({Msg(11)}), 10);
  EXPECT_EQ(pq.RemoveMessages({Msg(10)}), 12);
  EXPECT_EQ(pq.RemoveMessages({Msg(12)}), 13);
  EXPECT_EQ(pq.count(), 0);
}

TEST(ProcessQueueTest, TrackedOffsetsCommitTheSmallestUnconsumed) {
  ProcessQueue pq;
  EXPECT_EQ(pq.RemoveOffsets(nullptr, 0), -1);
  pq.PutOffsets({Msg(10), Msg(11), Msg(12)});
  EXPECT_EQ(pq.count(), 3);
  EXPECT_EQ(pq.bytes(), 3);
  EXPECT_EQ(pq.min_offset(), 10);
  const int64_t middle[] = {11};
  EXPECT_EQ(pq.RemoveOffsets(middle, 1), 10);
  EXPECT_EQ(pq.RemoveOffsets(middle, 1), 10) << "a second removal of the same offset changes nothing";
  EXPECT_EQ(pq.count(), 2);
  const int64_t first[] = {10};
  EXPECT_EQ(pq.RemoveOffsets(first, 1), 12);
  EXPECT_EQ(pq.min_offset(), 12);
  // A later pull, and one delivered out of order, keep the offsets sorted.
  pq.PutOffsets({Msg(20), Msg(15)});
  EXPECT_EQ(pq.max_offset(), 20);
  const int64_t rest[] = {12, 20};
  EXPECT_EQ(pq.RemoveOffsets(rest, 2), 15);
  const int64_t last[] = {15, 99};
  EXPECT_EQ(pq.RemoveOffsets(last, 2), 21);
  EXPECT_EQ(pq.count(), 0);
  EXPECT_EQ(pq.bytes(), 0);
  pq.PutOffsets({Msg(21)});
  pq.Clear();
  EXPECT_EQ(pq.count(), 0);
  EXPECT_EQ(pq.RemoveOffsets(nullptr, 0), -1);
}

TEST(ProcessQueueTest, OrderlyTakeCommitAndRetry) {
  ProcessQueue pq;
  EXPECT_TRUE(pq.PutMessages({Msg(0), Msg(1), Msg(2)}));
  EXPECT_FALSE(pq.PutMessages({Msg(3)}));  // a consume task is already running
  auto taken = pq.TakeMessages(2);
  ASSERT_EQ(taken.size(), 2u);
  EXPECT_EQ(taken[0].getQueueOffset(), 0);
  pq.MakeMessagesToConsumeAgain(taken);
  taken = pq.TakeMessages(2);
  ASSERT_EQ(taken.size(), 2u);
  EXPECT_EQ(taken[0].getQueueOffset(), 0);
  EXPECT_EQ(taken[0].getReconsumeTimes(), 1);
  EXPECT_EQ(pq.Commit(), 2);
  EXPECT_EQ(pq.TakeMessages(5).size(), 2u);
  EXPECT_EQ(pq.Commit(), 4);
  EXPECT_TRUE(pq.TakeMessages(5).empty());
  EXPECT_TRUE(pq.PutMessages({Msg(4)}));  // the task ended, so a new one starts
}

TEST(OffsetStoreTest, LocalStoreSurvivesARestart) {
  std::string dir = ::testing::TempDir() + "/rmq_offsets_" + std::to_string(::getpid());
  MessageQueue mq{"T", "broker-a", 1};
  {
    LocalOffsetStore store(dir, "client", "group");
    ASSERT_TRUE(store.Load().ok());
    EXPECT_EQ(store.Read(mq, ReadOffsetType::kMemoryThenStore), -1);
    store.Update(mq, 42, true);
    store.Update(mq, 40, true);  // increase only
    EXPECT_EQ(store.Read(mq, ReadOffsetType::kMemory), 42);
    store.PersistAll({});
  }
  LocalOffsetStore reloaded(dir, "client", "group");
  ASSERT_TRUE(reloaded.Load().ok());
  EXPECT_EQ(reloaded.Read(mq, ReadOffsetType::kStore), 42);
  std::filesystem::remove_all(dir);
}

TEST(SchedulerTest, RunsDelayedAndPeriodicJobsInTimeOrder) {
  Scheduler scheduler("test-sched");
  scheduler.Start();
  std::atomic<int> ticks{0};
  std::atomic<int> order{0};
  std::atomic<int> first{-1}, second{-1};
  scheduler.Schedule(std::chrono::milliseconds(60), [&] { second = order++; });
  scheduler.Schedule(std::chrono::milliseconds(10), [&] { first = order++; });
  scheduler.ScheduleAtFixedRate(std::chrono::milliseconds(0), std::chrono::milliseconds(10), [&] { ++ticks; });
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while ((ticks < 3 || second < 0) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  scheduler.Stop();
  EXPECT_GE(ticks.load(), 3);
  EXPECT_LT(first.load(), second.load());
}

TEST(HeartbeatDataTest, EncodesAsTheJavaClient) {
  HeartbeatData data;
  data.client_id = "10.0.0.9@1#DEFAULT";
  data.producer_groups = {"pg"};
  ConsumerHeartbeat consumer;
  consumer.group_name = "cg";
  consumer.subscriptions.push_back(BuildSubscriptionData("TopicTest", "TagA || TagB", 1700000000001));
  data.consumers.push_back(consumer);
  EXPECT_EQ(data.Encode(),
            R"({"clientID":"10.0.0.9@1#DEFAULT","consumerDataSet":[{"consumeFromWhere":"CONSUME_FROM_LAST_OFFSET",)"
            R"("consumeType":"CONSUME_PASSIVELY","groupName":"cg","messageModel":"CLUSTERING","subscriptionDataSet":)"
            R"([{"classFilterMode":false,"codeSet":[2598919,2598920],"expressionType":"TAG","subString":"TagA || TagB",)"
            R"("subVersion":1700000000001,"tagsSet":["TagA","TagB"],"topic":"TopicTest"}],"unitMode":false}],)"
            R"("heartbeatFingerprint":0,"producerDataSet":[{"groupName":"pg"}],"withoutSub":false})");
}

TEST(HeartbeatDataTest, StarSubscribesToEverything) {
  EXPECT_TRUE(BuildSubscriptionData("T", "*", 0).IsAll());
  EXPECT_TRUE(BuildSubscriptionData("T", " ", 0).IsAll());
  EXPECT_EQ(BuildSubscriptionData("T", "a||b ||", 0).tags_set.size(), 2u);
}

TEST(LockBatchBodyTest, RoundTrip) {
  LockBatchRequestBody request;
  request.client_id = "c";
  request.consumer_group = "g";
  request.mq_set = {MessageQueue{"T", "broker-a", 1}};
  EXPECT_EQ(request.Encode(),
            R"({"clientId":"c","consumerGroup":"g","mqSet":[{"brokerName":"broker-a","queueId":1,"topic":"T"}],)"
            R"("onlyThisBroker":false})");
  auto response = LockBatchResponseBody::Decode(R"({"lockOKMQSet":[{"brokerName":"b","queueId":"3","topic":"T"}]})");
  ASSERT_TRUE(response.ok());
  ASSERT_EQ(response->lock_ok_mq_set.size(), 1u);
  EXPECT_EQ(response->lock_ok_mq_set[0].queue_id, 3);
}

TEST(RebalanceTest, ConsumeTimestampParses) {
  auto ms = ParseConsumeTimestamp("20240101120000");
  ASSERT_TRUE(ms.ok());
  EXPECT_GT(*ms, 1700000000000);
  EXPECT_FALSE(ParseConsumeTimestamp("2024").ok());
}

}  // namespace
}  // namespace rmq::client

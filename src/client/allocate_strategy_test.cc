#include "client/allocate_strategy.h"

#include <gtest/gtest.h>

#include "client/md5.h"

namespace rmq::client {
namespace {

// reference/routing-and-clients.md §2.5: TopicTest on broker-a/broker-b queues 0..3.
std::vector<MessageQueue> EightQueues() {
  std::vector<MessageQueue> mqs;
  for (const char* broker : {"broker-a", "broker-b"}) {
    for (int q = 0; q < 4; ++q) mqs.push_back(MessageQueue{"TopicTest", broker, q});
  }
  return mqs;
}

const std::vector<std::string> kConsumers = {"10.0.0.1@1", "10.0.0.2@1", "10.0.0.3@1"};

std::string Names(const std::vector<MessageQueue>& mqs) {
  std::string out;
  for (const auto& mq : mqs) {
    if (!out.empty()) out += " ";
    out += mq.broker_name == "broker-a" ? 'a' : 'b';
    out += std::to_string(mq.queue_id);
  }
  return out;
}

TEST(AllocateStrategyTest, AveragelyMatchesTheWorkedExample) {
  EXPECT_EQ(Names(AllocateAveragely(kConsumers[0], EightQueues(), kConsumers)), "a0 a1 a2");
  EXPECT_EQ(Names(AllocateAveragely(kConsumers[1], EightQueues(), kConsumers)), "a3 b0 b1");
  EXPECT_EQ(Names(AllocateAveragely(kConsumers[2], EightQueues(), kConsumers)), "b2 b3");
}

TEST(AllocateStrategyTest, AveragelyByCircleMatchesTheWorkedExample) {
  EXPECT_EQ(Names(AllocateAveragelyByCircle(kConsumers[0], EightQueues(), kConsumers)), "a0 a3 b2");
  EXPECT_EQ(Names(AllocateAveragelyByCircle(kConsumers[1], EightQueues(), kConsumers)), "a1 b0 b3");
  EXPECT_EQ(Names(AllocateAveragelyByCircle(kConsumers[2], EightQueues(), kConsumers)), "a2 b1");
}

TEST(AllocateStrategyTest, ConsistentHashMatchesTheWorkedExample) {
  EXPECT_EQ(Names(AllocateConsistentHash(kConsumers[0], EightQueues(), kConsumers)), "a1");
  EXPECT_EQ(Names(AllocateConsistentHash(kConsumers[1], EightQueues(), kConsumers)), "a0 b0 b2 b3");
  EXPECT_EQ(Names(AllocateConsistentHash(kConsumers[2], EightQueues(), kConsumers)), "a2 a3 b1");
}

TEST(AllocateStrategyTest, MoreConsumersThanQueuesLeavesSomeIdle) {
  std::vector<MessageQueue> two = {MessageQueue{"T", "b", 0}, MessageQueue{"T", "b", 1}};
  std::vector<std::string> cids = {"a", "b", "c"};
  EXPECT_EQ(AllocateAveragely("a", two, cids).size(), 1u);
  EXPECT_EQ(AllocateAveragely("b", two, cids).size(), 1u);
  EXPECT_TRUE(AllocateAveragely("c", two, cids).empty());
}

TEST(AllocateStrategyTest, UnknownConsumerGetsNothing) {
  EXPECT_TRUE(AllocateAveragely("nobody", EightQueues(), kConsumers).empty());
  EXPECT_TRUE(AllocateAveragelyByCircle("nobody", EightQueues(), kConsumers).empty());
  EXPECT_TRUE(AllocateConsistentHash("nobody", EightQueues(), kConsumers).empty());
}

TEST(AllocateStrategyTest, EveryQueueGoesToExactlyOneConsumer) {
  for (auto kind : {AllocateStrategyKind::kAveragely, AllocateStrategyKind::kAveragelyByCircle,
                    AllocateStrategyKind::kConsistentHash}) {
    AllocateStrategy strategy{kind, {}};
    std::map<MessageQueue, int> owners;
    for (const auto& cid : kConsumers) {
      for (const auto& mq : strategy.Allocate(cid, EightQueues(), kConsumers)) ++owners[mq];
    }
    EXPECT_EQ(owners.size(), 8u) << strategy.name();
    for (const auto& [mq, n] : owners) EXPECT_EQ(n, 1) << strategy.name() << " " << mq.ToString();
  }
}

TEST(AllocateStrategyTest, ByConfigReturnsTheConfiguredQueues) {
  AllocateStrategy strategy{AllocateStrategyKind::kByConfig, {MessageQueue{"T", "b", 3}}};
  auto mqs = strategy.Allocate("x", EightQueues(), kConsumers);
  ASSERT_EQ(mqs.size(), 1u);
  EXPECT_EQ(mqs[0].queue_id, 3);
}

TEST(Md5Test, KnownDigests) {
  auto hex = [](const std::array<uint8_t, 16>& d) {
    static const char* k = "0123456789abcdef";
    std::string s;
    for (uint8_t b : d) s += std::string{k[b >> 4], k[b & 15]};
    return s;
  };
  EXPECT_EQ(hex(Md5("")), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(hex(Md5("abc")), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(hex(Md5(std::string(100, 'a'))), "36a92cc94a9e0fa21f625f8bfb007adf");
}

}  // namespace
}  // namespace rmq::client

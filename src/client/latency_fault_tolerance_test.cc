#include "client/latency_fault_tolerance.h"

#include <set>

#include <gtest/gtest.h>

#include "client/topic_publish_info.h"

namespace rmq::client {
namespace {

TEST(LatencyFaultToleranceTest, DurationFollowsTheFiveXTable) {
  EXPECT_EQ(LatencyFaultTolerance::NotAvailableDuration(10), 0);
  EXPECT_EQ(LatencyFaultTolerance::NotAvailableDuration(549), 0);
  EXPECT_EQ(LatencyFaultTolerance::NotAvailableDuration(550), 2000);
  EXPECT_EQ(LatencyFaultTolerance::NotAvailableDuration(1800), 5000);
  EXPECT_EQ(LatencyFaultTolerance::NotAvailableDuration(3000), 6000);
  EXPECT_EQ(LatencyFaultTolerance::NotAvailableDuration(5000), 10000);
  EXPECT_EQ(LatencyFaultTolerance::NotAvailableDuration(15000), 30000);
}

TEST(LatencyFaultToleranceTest, FailedBrokerIsAvoidedUntilItsPeriodEnds) {
  LatencyFaultTolerance faults;
  faults.UpdateFaultItem("broker-a", 0, /*isolation=*/true, 1000);
  EXPECT_FALSE(faults.IsAvailable("broker-a", 1000));
  EXPECT_FALSE(faults.IsAvailable("broker-a", 10999));
  EXPECT_TRUE(faults.IsAvailable("broker-a", 11000));
  EXPECT_TRUE(faults.IsAvailable("broker-b", 1000));
}

TEST(LatencyFaultToleranceTest, PickOneAtLeastPrefersTheEarliestRecovery) {
  LatencyFaultTolerance faults;
  faults.UpdateFaultItem("slow", 600, false, 0);     // back at 2000
  faults.UpdateFaultItem("broken", 0, true, 0);      // back at 10000
  EXPECT_EQ(faults.PickOneAtLeast().value(), "slow");
}

TopicRouteData TwoBrokerRoute() {
  TopicRouteData route;
  for (const char* name : {"broker-b", "broker-a"}) {
    route.queue_datas.push_back(QueueData{name, 2, 2, 6, 0});
    BrokerData bd;
    bd.broker_name = name;
    bd.broker_addrs[0] = std::string("127.0.0.1:") + (name[7] == 'a' ? "1" : "2");
    route.broker_datas.push_back(bd);
  }
  return route;
}

TEST(TopicPublishInfoTest, QueuesSortedByBrokerAndOnlyWritableMasters) {
  TopicRouteData route = TwoBrokerRoute();
  route.queue_datas.push_back(QueueData{"broker-c", 4, 4, 4, 0});  // read-only
  auto info = TopicPublishInfo::FromRoute("T", route);
  ASSERT_EQ(info.queues().size(), 4u);
  EXPECT_EQ(info.queues()[0].broker_name, "broker-a");
  EXPECT_EQ(info.queues()[3].broker_name, "broker-b");
}

TEST(TopicPublishInfoTest, OrderTopicConfDefinesTheQueues) {
  TopicRouteData route = TwoBrokerRoute();
  route.order_topic_conf = "broker-b:1;broker-a:2";
  auto info = TopicPublishInfo::FromRoute("T", route);
  ASSERT_EQ(info.queues().size(), 3u);
  EXPECT_TRUE(info.order_topic());
  EXPECT_EQ(info.queues()[0].broker_name, "broker-b");
}

TEST(TopicPublishInfoTest, RetryAvoidsTheLastBroker) {
  auto info = TopicPublishInfo::FromRoute("T", TwoBrokerRoute());
  for (int i = 0; i < 20; ++i) EXPECT_EQ(info.SelectOneMessageQueue(std::string("broker-a")).broker_name, "broker-b");
}

TEST(TopicPublishInfoTest, RoundRobinVisitsEveryQueue) {
  auto info = TopicPublishInfo::FromRoute("T", TwoBrokerRoute());
  std::set<MessageQueue> seen;
  for (int i = 0; i < 4; ++i) seen.insert(info.SelectOneMessageQueue(std::nullopt));
  EXPECT_EQ(seen.size(), 4u);
}

TEST(TopicPublishInfoTest, FaultToleranceSkipsUnavailableBrokers) {
  auto info = TopicPublishInfo::FromRoute("T", TwoBrokerRoute());
  LatencyFaultTolerance faults;
  faults.UpdateFaultItem("broker-a", 0, true, 0);
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(info.SelectWithFaultTolerance(std::nullopt, faults, 5).broker_name, "broker-b");
  }
}

}  // namespace
}  // namespace rmq::client

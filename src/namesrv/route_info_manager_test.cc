#include "namesrv/route_info_manager.h"

#include <gtest/gtest.h>

#include "common/perm.h"

namespace rmq::namesrv {
namespace {

// The route table with a hand-driven clock, and verbs for brokers coming and going.
class RouteInfoManagerTest : public ::testing::Test {
 protected:
  RouteInfoManagerTest() : routes_([this] { return now_; }, kTimeout) {}

  static constexpr int64_t kTimeout = 120000;

  static BrokerRegistration Broker(std::string cluster, std::string name, int64_t id, std::string addr,
                                   std::vector<std::string> topics, int64_t counter = 1) {
    BrokerRegistration r;
    r.cluster_name = std::move(cluster);
    r.broker_name = std::move(name);
    r.broker_id = id;
    r.broker_addr = std::move(addr);
    r.ha_server_addr = r.broker_addr + "-ha";
    r.topic_config.data_version = DataVersion{1700000000000, counter, 0};
    for (auto& topic : topics) {
      TopicConfig config;
      config.topic_name = topic;
      config.read_queue_nums = 4;
      config.write_queue_nums = 4;
      r.topic_config.topic_config_table[topic] = config;
    }
    return r;
  }

  RegisterBrokerResult Register(const BrokerRegistration& r) {
    auto result = routes_.RegisterBroker(r, /*delete_topic_with_broker_registration=*/false);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return result.ok() ? *result : RegisterBrokerResult{};
  }

  void Advance(int64_t millis) { now_ += millis; }

  bool HasRoute(const std::string& topic) { return routes_.PickupTopicRouteData(topic).has_value(); }

  int64_t now_ = 1000000;
  RouteInfoManager routes_;
};

TEST_F(RouteInfoManagerTest, RegisteredMasterServesItsTopics) {
  Register(Broker("DefaultCluster", "broker-a", 0, "10.0.0.1:10911", {"TopicTest", "TBW102"}));
  auto route = routes_.PickupTopicRouteData("TopicTest");
  ASSERT_TRUE(route.has_value());
  ASSERT_EQ(route->queue_datas.size(), 1u);
  EXPECT_EQ(route->queue_datas[0], (QueueData{"broker-a", 4, 4, 6, 0}));
  ASSERT_EQ(route->broker_datas.size(), 1u);
  EXPECT_EQ(route->broker_datas[0].cluster, "DefaultCluster");
  EXPECT_EQ(route->broker_datas[0].broker_addrs.at(0), "10.0.0.1:10911");
  EXPECT_FALSE(HasRoute("Unknown"));
  EXPECT_EQ(routes_.GetAllTopicList().topic_list, (std::set<std::string>{"TBW102", "TopicTest"}));
}

TEST_F(RouteInfoManagerTest, FirstRegistrationWithOneTopicIsRefusedAndChangesNothing) {
  auto result = routes_.RegisterBroker(Broker("C", "broker-a", 0, "10.0.0.1:10911", {"OnlyOne"}), false);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(), "register broker failed");
  EXPECT_TRUE(routes_.GetAllClusterInfo().broker_addr_table.empty());
  EXPECT_TRUE(routes_.GetAllClusterInfo().cluster_addr_table.empty());
  // After a full registration, a single-topic one is accepted.
  Register(Broker("C", "broker-a", 0, "10.0.0.1:10911", {"A", "B"}));
  Register(Broker("C", "broker-a", 0, "10.0.0.1:10911", {"OnlyOne"}, 2));
  EXPECT_TRUE(HasRoute("OnlyOne"));
}

TEST_F(RouteInfoManagerTest, ReRegistrationWithNewerDataVersionUpdatesQueues) {
  Register(Broker("C", "broker-a", 0, "10.0.0.1:10911", {"T", "U"}, 1));
  BrokerRegistration changed = Broker("C", "broker-a", 0, "10.0.0.1:10911", {"T", "U"}, 2);
  changed.topic_config.topic_config_table["T"].write_queue_nums = 8;
  changed.topic_config.topic_config_table["T"].perm = Perm::kRead;
  Register(changed);
  auto route = routes_.PickupTopicRouteData("T");
  ASSERT_TRUE(route.has_value());
  EXPECT_EQ(route->queue_datas[0].write_queue_nums, 8);
  EXPECT_EQ(route->queue_datas[0].perm, Perm::kRead);
}

TEST_F(RouteInfoManagerTest, ReRegistrationWithSameDataVersionOnlyRefreshesLiveness) {
  Register(Broker("C", "broker-a", 0, "10.0.0.1:10911", {"T", "U"}, 1));
  BrokerRegistration same = Broker("C", "broker-a", 0, "10.0.0.1:10911", {"T", "U"}, 1);
  same.topic_config.topic_config_table["T"].write_queue_nums = 99;  // ignored: version unchanged
  Advance(kTimeout - 1000);
  Register(same);
  EXPECT_EQ(routes_.PickupTopicRouteData("T")->queue_datas[0].write_queue_nums, 4);
  Advance(kTimeout - 1000);  // alive thanks to the refresh
  EXPECT_TRUE(routes_.ScanNotActiveBroker().empty());
  EXPECT_TRUE(HasRoute("T"));
  EXPECT_FALSE(routes_.IsBrokerTopicConfigChanged("C", "10.0.0.1:10911", same.topic_config.data_version));
  EXPECT_TRUE(routes_.IsBrokerTopicConfigChanged("C", "10.0.0.1:10911", DataVersion{1, 2, 0}));
  EXPECT_TRUE(routes_.IsBrokerTopicConfigChanged("C", "10.9.9.9:10911", DataVersion{}));
}

TEST_F(RouteInfoManagerTest, SilentBrokerExpiresWithItsQueues) {
  Register(Broker("C", "broker-a", 0, "10.0.0.1:10911", {"T", "Shared"}));
  Register(Broker("C", "broker-b", 0, "10.0.0.2:10911", {"Shared", "Other"}));
  Advance(kTimeout / 2);
  Register(Broker("C", "broker-b", 0, "10.0.0.2:10911", {"Shared", "Other"}));
  Advance(kTimeout / 2 + 1);
  std::vector<ExpiredBroker> expired = routes_.ScanNotActiveBroker();
  ASSERT_EQ(expired.size(), 1u);
  EXPECT_EQ(expired[0].broker_addr, "10.0.0.1:10911");
  EXPECT_FALSE(HasRoute("T"));
  auto shared = routes_.PickupTopicRouteData("Shared");
  ASSERT_TRUE(shared.has_value());
  ASSERT_EQ(shared->queue_datas.size(), 1u);
  EXPECT_EQ(shared->queue_datas[0].broker_name, "broker-b");
  EXPECT_EQ(routes_.GetAllClusterInfo().broker_addr_table.count("broker-a"), 0u);
  EXPECT_EQ(routes_.GetAllClusterInfo().cluster_addr_table.at("C"), (std::set<std::string>{"broker-b"}));
}

TEST_F(RouteInfoManagerTest, ExpiryUsesBrokerTimeoutAndTheConfiguredDefault) {
  BrokerRegistration quick = Broker("C", "broker-a", 0, "10.0.0.1:10911", {"T", "U"});
  quick.heartbeat_timeout_millis = 5000;
  Register(quick);
  Register(Broker("C", "broker-b", 0, "10.0.0.2:10911", {"V", "W"}));
  Advance(5001);
  ASSERT_EQ(routes_.ScanNotActiveBroker().size(), 1u);
  routes_.set_default_timeout_millis(3000);
  Advance(1000);
  ASSERT_EQ(routes_.ScanNotActiveBroker().size(), 1u);
  EXPECT_TRUE(routes_.GetAllClusterInfo().cluster_addr_table.empty());
}

TEST_F(RouteInfoManagerTest, UnregisterRemovesBrokerAndEmptyCluster) {
  Register(Broker("C", "broker-a", 0, "10.0.0.1:10911", {"T", "U"}));
  routes_.UnregisterBroker("C", "10.0.0.1:10911", "broker-a", 0);
  EXPECT_FALSE(HasRoute("T"));
  EXPECT_TRUE(routes_.GetAllClusterInfo().broker_addr_table.empty());
  EXPECT_TRUE(routes_.GetAllClusterInfo().cluster_addr_table.empty());
  EXPECT_TRUE(routes_.GetAllTopicList().topic_list.empty());
  EXPECT_FALSE(routes_.QueryBrokerTopicConfig("C", "10.0.0.1:10911").has_value());
}

TEST_F(RouteInfoManagerTest, MasterAndSlaveIdsShareOneBrokerGroup) {
  Register(Broker("C", "broker-a", 0, "10.0.0.1:10911", {"T", "U"}));
  RegisterBrokerResult slave = Register(Broker("C", "broker-a", 1, "10.0.0.2:10911", {"T", "U"}));
  EXPECT_EQ(slave.master_addr, "10.0.0.1:10911");
  EXPECT_EQ(slave.ha_server_addr, "10.0.0.1:10911-ha");
  auto route = routes_.PickupTopicRouteData("T");
  ASSERT_TRUE(route.has_value());
  EXPECT_EQ(route->broker_datas[0].broker_addrs,
            (std::map<int64_t, std::string>{{0, "10.0.0.1:10911"}, {1, "10.0.0.2:10911"}}));
  // Slaves do not contribute queues.
  EXPECT_EQ(route->queue_datas.size(), 1u);
  // The master leaves: the group stays with its slave, the queues stay.
  routes_.UnregisterBroker("C", "10.0.0.1:10911", "broker-a", 0);
  route = routes_.PickupTopicRouteData("T");
  ASSERT_TRUE(route.has_value());
  EXPECT_EQ(route->broker_datas[0].broker_addrs, (std::map<int64_t, std::string>{{1, "10.0.0.2:10911"}}));
  // The slave is promoted: its address moves from id 1 to id 0.
  Register(Broker("C", "broker-a", 0, "10.0.0.2:10911", {"T", "U"}, 5));
  EXPECT_EQ(routes_.PickupTopicRouteData("T")->broker_datas[0].broker_addrs,
            (std::map<int64_t, std::string>{{0, "10.0.0.2:10911"}}));
}

TEST_F(RouteInfoManagerTest, SlaveWithoutLiveMasterGetsNoMasterAddress) {
  Register(Broker("C", "broker-a", 1, "10.0.0.2:10911", {"T", "U"}));
  RegisterBrokerResult again = Register(Broker("C", "broker-a", 1, "10.0.0.2:10911", {"T", "U"}));
  EXPECT_TRUE(again.master_addr.empty());
  EXPECT_FALSE(HasRoute("T"));
}

TEST_F(RouteInfoManagerTest, SeveralClustersKeepTheirOwnBrokers) {
  Register(Broker("C1", "broker-a", 0, "10.0.0.1:10911", {"Shared", "OnlyA"}));
  Register(Broker("C2", "broker-b", 0, "10.0.0.2:10911", {"Shared", "OnlyB"}));
  EXPECT_EQ(routes_.GetTopicsByCluster("C1").topic_list, (std::set<std::string>{"OnlyA", "Shared"}));
  EXPECT_EQ(routes_.GetTopicsByCluster("C2").topic_list, (std::set<std::string>{"OnlyB", "Shared"}));
  EXPECT_TRUE(routes_.GetTopicsByCluster("C3").topic_list.empty());
  ClusterInfo info = routes_.GetAllClusterInfo();
  EXPECT_EQ(info.cluster_addr_table.size(), 2u);
  EXPECT_EQ(routes_.PickupTopicRouteData("Shared")->broker_datas.size(), 2u);
  TopicList system = routes_.GetSystemTopicList();
  EXPECT_EQ(system.topic_list, (std::set<std::string>{"C1", "C2", "broker-a", "broker-b"}));
  ASSERT_TRUE(system.broker_addr.has_value());
}

TEST_F(RouteInfoManagerTest, DeleteTopicInOneClusterOrEverywhere) {
  Register(Broker("C1", "broker-a", 0, "10.0.0.1:10911", {"Shared", "X"}));
  Register(Broker("C2", "broker-b", 0, "10.0.0.2:10911", {"Shared", "Y"}));
  routes_.DeleteTopic("Shared", std::string("C1"));
  auto route = routes_.PickupTopicRouteData("Shared");
  ASSERT_TRUE(route.has_value());
  ASSERT_EQ(route->queue_datas.size(), 1u);
  EXPECT_EQ(route->queue_datas[0].broker_name, "broker-b");
  routes_.DeleteTopic("X", std::nullopt);
  EXPECT_FALSE(HasRoute("X"));
  routes_.DeleteTopic("Shared", std::string("C2"));
  EXPECT_FALSE(HasRoute("Shared"));
  // As Java: a broker that still has the topic brings it back with its next registration,
  // even with an unchanged version (mqadmin deleteTopic deletes on the brokers first).
  Register(Broker("C1", "broker-a", 0, "10.0.0.1:10911", {"Shared", "X"}));
  EXPECT_TRUE(HasRoute("X"));
}

TEST_F(RouteInfoManagerTest, TopicsMissingFromRegistrationAreDeletedOnlyWhenConfigured) {
  Register(Broker("C", "broker-a", 0, "10.0.0.1:10911", {"Keep", "Drop"}, 1));
  ASSERT_TRUE(routes_.RegisterBroker(Broker("C", "broker-a", 0, "10.0.0.1:10911", {"Keep", "New"}, 2), false).ok());
  EXPECT_TRUE(HasRoute("Drop"));
  ASSERT_TRUE(routes_.RegisterBroker(Broker("C", "broker-a", 0, "10.0.0.1:10911", {"Keep", "New"}, 3), true).ok());
  EXPECT_FALSE(HasRoute("Drop"));
  EXPECT_TRUE(HasRoute("New"));
}

TEST_F(RouteInfoManagerTest, WipeAndAddWritePerm) {
  Register(Broker("C", "broker-a", 0, "10.0.0.1:10911", {"T", "U"}));
  Register(Broker("C", "broker-b", 0, "10.0.0.2:10911", {"T", "V", "W"}));
  EXPECT_EQ(routes_.WipeWritePermOfBroker("broker-b"), 3);
  auto route = routes_.PickupTopicRouteData("T");
  for (const auto& queue : route->queue_datas) {
    EXPECT_EQ(queue.perm, queue.broker_name == "broker-b" ? Perm::kRead : Perm::kRead | Perm::kWrite);
  }
  EXPECT_EQ(routes_.WipeWritePermOfBroker("nope"), 0);
  EXPECT_EQ(routes_.AddWritePermOfBroker("broker-b"), 3);
  auto restored = routes_.PickupTopicRouteData("V");
  ASSERT_TRUE(restored.has_value());
  for (const auto& queue : restored->queue_datas) {
    EXPECT_EQ(queue.perm, Perm::kRead | Perm::kWrite);
  }
}

TEST_F(RouteInfoManagerTest, RegisterTopicNeedsRegisteredBrokers) {
  Register(Broker("C", "broker-a", 0, "10.0.0.1:10911", {"T", "U"}));
  EXPECT_TRUE(routes_.RegisterTopic("Static", {QueueData{"broker-a", 2, 2, 6, 0}}).ok());
  EXPECT_EQ(routes_.PickupTopicRouteData("Static")->queue_datas[0].read_queue_nums, 2);
  EXPECT_FALSE(routes_.RegisterTopic("Bad", {QueueData{"broker-zzz", 2, 2, 6, 0}}).ok());
  EXPECT_FALSE(HasRoute("Bad"));
}

TEST_F(RouteInfoManagerTest, UnitTopicLists) {
  BrokerRegistration r = Broker("C", "broker-a", 0, "10.0.0.1:10911", {"Plain", "Unit", "UnitSub", "Both"});
  r.topic_config.topic_config_table["Unit"].topic_sys_flag = TopicSysFlag::kUnit;
  r.topic_config.topic_config_table["UnitSub"].topic_sys_flag = TopicSysFlag::kUnitSub;
  r.topic_config.topic_config_table["Both"].topic_sys_flag = TopicSysFlag::kUnit | TopicSysFlag::kUnitSub;
  Register(r);
  EXPECT_EQ(routes_.GetUnitTopics().topic_list, (std::set<std::string>{"Both", "Unit"}));
  EXPECT_EQ(routes_.GetHasUnitSubTopicList().topic_list, (std::set<std::string>{"Both", "UnitSub"}));
  EXPECT_EQ(routes_.GetHasUnitSubUnUnitTopicList().topic_list, (std::set<std::string>{"UnitSub"}));
}

}  // namespace
}  // namespace rmq::namesrv

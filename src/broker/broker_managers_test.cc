#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "broker/consumer_offset_manager.h"
#include "broker/heartbeat_decoder.h"
#include "broker/subscription_group_manager.h"
#include "broker/topic_config_manager.h"
#include "broker/topic_validator.h"
#include "common/java_string_hash.h"
#include "common/perm.h"

namespace rmq::broker {
namespace {

class ManagersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("broker_managers_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    config_ = BrokerConfig::WithDefaults();
    config_.broker_name = "broker-a";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::string Read(const std::string& name) const {
    std::ifstream in(Path(name));
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  std::filesystem::path dir_;
  BrokerConfig config_;
};

TEST_F(ManagersTest, SystemTopicsAndTbw102WhenAutoCreateIsOn) {
  TopicConfigManager topics(config_, Path("topics.json"));
  ASSERT_TRUE(topics.Load().ok());
  auto tbw = topics.Find("TBW102");
  ASSERT_TRUE(tbw);
  EXPECT_EQ(tbw->perm, 7);
  EXPECT_EQ(tbw->write_queue_nums, 8);
  for (const char* name : {"SELF_TEST_TOPIC", "BenchmarkTest", "DefaultCluster", "broker-a", "OFFSET_MOVED_EVENT",
                           "SCHEDULE_TOPIC_XXXX", "DefaultCluster_REPLY_TOPIC", "RMQ_SYS_TRANS_HALF_TOPIC"}) {
    EXPECT_TRUE(topics.Contains(name)) << name;
  }
  EXPECT_NE(Read("topics.json").find("\"TBW102\""), std::string::npos);
}

TEST_F(ManagersTest, NoTbw102WhenAutoCreateIsOff) {
  config_.auto_create_topic_enable = false;
  TopicConfigManager topics(config_, Path("topics.json"));
  ASSERT_TRUE(topics.Load().ok());
  EXPECT_FALSE(topics.Contains("TBW102"));
  auto created = topics.CreateTopicInSendMessageMethod("NewTopic", "TBW102", 4, 0, false);
  ASSERT_FALSE(created.ok());
  EXPECT_NE(created.status().message().find("autoCreateTopicEnable=false"), std::string::npos);
}

TEST_F(ManagersTest, AutoCreatedTopicSurvivesReload) {
  {
    TopicConfigManager topics(config_, Path("topics.json"));
    ASSERT_TRUE(topics.Load().ok());
    auto created = topics.CreateTopicInSendMessageMethod("NewTopic", "TBW102", 4, 0, true);
    ASSERT_TRUE(created.ok());
    EXPECT_EQ(created->write_queue_nums, 4);
    EXPECT_EQ(created->perm, Perm::kRead | Perm::kWrite);
    ASSERT_TRUE(topics.PersistIfDirty().ok());
  }
  TopicConfigManager reloaded(config_, Path("topics.json"));
  ASSERT_TRUE(reloaded.Load().ok());
  auto topic = reloaded.Find("NewTopic");
  ASSERT_TRUE(topic);
  EXPECT_EQ(topic->read_queue_nums, 4);
}

TEST_F(ManagersTest, CorruptTopicsFileFallsBackToBackup) {
  {
    TopicConfigManager topics(config_, Path("topics.json"));
    ASSERT_TRUE(topics.Load().ok());
    TopicConfig kept;
    kept.topic_name = "Kept";
    topics.UpdateTopicConfig(kept);
    ASSERT_TRUE(topics.Persist().ok());
    ASSERT_TRUE(topics.Persist().ok());  // the previous content becomes the .bak
  }
  std::ofstream(Path("topics.json")) << "{not json";
  TopicConfigManager reloaded(config_, Path("topics.json"));
  ASSERT_TRUE(reloaded.Load().ok());
  EXPECT_TRUE(reloaded.Contains("Kept"));
}

TEST_F(ManagersTest, ConsumerOffsetsPersistInJavaLayout) {
  {
    ConsumerOffsetManager offsets(Path("consumerOffset.json"));
    offsets.CommitOffset("GroupA", "TopicTest", 0, 5);
    offsets.CommitOffset("GroupA", "TopicTest", 1, 3);
    ASSERT_TRUE(offsets.PersistIfDirty().ok());
  }
  EXPECT_EQ(Read("consumerOffset.json"), "{\"offsetTable\":{\"TopicTest@GroupA\":{0:5,1:3}}}");
  ConsumerOffsetManager reloaded(Path("consumerOffset.json"));
  ASSERT_TRUE(reloaded.Load().ok());
  EXPECT_EQ(reloaded.QueryOffset("GroupA", "TopicTest", 1), 3);
  EXPECT_FALSE(reloaded.QueryOffset("GroupA", "TopicTest", 2));
  EXPECT_EQ(reloaded.TopicsOfGroup("GroupA"), std::set<std::string>{"TopicTest"});
}

TEST_F(ManagersTest, SubscriptionGroupsAutoCreatedAndPersisted) {
  {
    SubscriptionGroupManager groups(Path("subscriptionGroup.json"));
    ASSERT_TRUE(groups.Load().ok());
    EXPECT_FALSE(groups.FindOrCreate("GroupB", false));
    auto group = groups.FindOrCreate("GroupB", true);
    ASSERT_TRUE(group);
    EXPECT_EQ(group->retry_max_times, 16);
    ASSERT_TRUE(groups.PersistIfDirty().ok());
  }
  SubscriptionGroupManager reloaded(Path("subscriptionGroup.json"));
  ASSERT_TRUE(reloaded.Load().ok());
  EXPECT_TRUE(reloaded.Find("GroupB"));
}

TEST(TopicValidatorTest, RejectsPathCharactersAndLongNames) {
  EXPECT_TRUE(ValidateTopic("TopicTest").ok());
  EXPECT_TRUE(ValidateTopic("%RETRY%group-1").ok());
  EXPECT_FALSE(ValidateTopic("../etc").ok());
  EXPECT_FALSE(ValidateTopic("a/b").ok());
  EXPECT_FALSE(ValidateTopic("").ok());
  EXPECT_FALSE(ValidateTopic(std::string(128, 'a')).ok());
  EXPECT_TRUE(ValidateTopic("%RETRY%" + std::string(200, 'a')).ok());
  EXPECT_FALSE(ValidateGroup("group name").ok());
  EXPECT_TRUE(IsNotAllowedSendTopic("SCHEDULE_TOPIC_XXXX"));
}

TEST(HeartbeatDataTest, DecodesCppOrdinalsAndIgnoresItsCodeSet) {
  std::string body =
      "{\"clientID\":\"127.0.0.1@20705#DEFAULT\",\"consumerDataSet\":[{\"consumeFromWhere\":4,\"consumeType\":1,"
      "\"groupName\":\"G\",\"messageModel\":1,\"subscriptionDataSet\":[{\"codeSet\":[0],\"subString\":\"TagA || "
      "TagB\",\"subVersion\":\"1700000000001\",\"tagsSet\":[\"TagA\",\"TagB\"],\"topic\":\"T\"}]}],"
      "\"producerDataSet\":[{\"groupName\":\"P\"}]}\n";
  auto data = DecodeHeartbeatData(body);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  ASSERT_EQ(data->consumers.size(), 1u);
  const ConsumerHeartbeat& consumer = data->consumers[0];
  EXPECT_EQ(consumer.consume_type, "CONSUME_PASSIVELY");
  EXPECT_EQ(consumer.message_model, "CLUSTERING");
  EXPECT_EQ(consumer.consume_from_where, "CONSUME_FROM_FIRST_OFFSET");
  ASSERT_EQ(consumer.subscriptions.size(), 1u);
  EXPECT_EQ(consumer.subscriptions[0].sub_version, 1700000000001);
  EXPECT_EQ(consumer.subscriptions[0].code_set,
            (std::vector<int32_t>{JavaStringHashCode("TagA"), JavaStringHashCode("TagB")}));
  EXPECT_EQ(data->producer_groups, std::vector<std::string>{"P"});
}

TEST(HeartbeatDataTest, StarSubscribesEverything) {
  EXPECT_TRUE(BuildSubscriptionData("T", "*", 1).IsAll());
  EXPECT_TRUE(BuildSubscriptionData("T", "", 1).IsAll());
  EXPECT_EQ(BuildSubscriptionData("T", " TagA ||TagB", 1).tags_set, (std::vector<std::string>{"TagA", "TagB"}));
}

}  // namespace
}  // namespace rmq::broker

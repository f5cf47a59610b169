#include "broker/broker_config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace rmq::broker {
namespace {

class BrokerConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("broker_config_test_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& text) {
    std::string path = (dir_ / "broker.conf").string();
    std::ofstream(path) << text;
    return path;
  }
  Result<BrokerConfig> Load(const std::string& text) { return LoadBrokerConfig(Write(text), &warnings_); }

  std::filesystem::path dir_;
  std::vector<std::string> warnings_;
};

TEST_F(BrokerConfigTest, StockKeysLoad) {
  auto config = Load(
      "brokerClusterName = DefaultCluster\nbrokerName = broker-a\nbrokerId = 0\ndeleteWhen = 04\n"
      "fileReservedTime = 48\nbrokerRole = ASYNC_MASTER\nflushDiskType = SYNC_FLUSH\nlistenPort=30911\n"
      "namesrvAddr=127.0.0.1:9876;127.0.0.2:9876\n");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->broker_name, "broker-a");
  EXPECT_EQ(config->file_reserved_time, 48);
  EXPECT_EQ(config->listen_port, 30911);
  EXPECT_EQ(config->fast_listen_port(), 30909);
  EXPECT_EQ(config->NamesrvAddrList(), (std::vector<std::string>{"127.0.0.1:9876", "127.0.0.2:9876"}));
  EXPECT_TRUE(warnings_.empty());
  store::StoreConfig store = MakeStoreConfig(*config, HostAddress::V4(127, 0, 0, 1, 30911));
  EXPECT_EQ(store.flush_disk_type, store::FlushDiskType::kSyncFlush);
  EXPECT_EQ(store.file_reserved_time, 48);
}

TEST_F(BrokerConfigTest, OldSpellingAcceptedWithWarning) {
  auto config = Load("mapedFileSizeCommitLog=1048576\n");
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->mapped_file_size_commit_log, 1048576);
  ASSERT_EQ(warnings_.size(), 1u);
  EXPECT_NE(warnings_[0].find("mappedFileSizeCommitLog"), std::string::npos);
}

TEST_F(BrokerConfigTest, UnknownKeyWarned) {
  auto config = Load("noSuchKey=1\n");
  ASSERT_TRUE(config.ok());
  ASSERT_EQ(warnings_.size(), 1u);
  EXPECT_NE(warnings_[0].find("unknown key noSuchKey"), std::string::npos);
}

TEST_F(BrokerConfigTest, BadEnumNamesKeyLineAndAcceptedValues) {
  auto config = Load("brokerName=b\nbrokerRole=master\n");
  ASSERT_FALSE(config.ok());
  const std::string message = config.status().message();
  EXPECT_NE(message.find("broker.conf:2"), std::string::npos) << message;
  EXPECT_NE(message.find("ASYNC_MASTER, SYNC_MASTER, SLAVE"), std::string::npos) << message;
}

TEST_F(BrokerConfigTest, TrailingBlankInBooleanIsAnError) {
  auto config = Load("autoCreateTopicEnable=true \n");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("autoCreateTopicEnable"), std::string::npos);
}

TEST_F(BrokerConfigTest, IllegalNamesrvAddrRejected) {
  auto config = Load("namesrvAddr=localhost\n");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("illegal"), std::string::npos);
}

TEST_F(BrokerConfigTest, CommaSeparatedNamesrvAddrAccepted) {
  BrokerConfig config = BrokerConfig::WithDefaults();
  config.namesrv_addr = "10.0.0.1:9876, 10.0.0.2:9876";
  EXPECT_TRUE(ValidateBrokerConfig(config).ok());
  EXPECT_EQ(config.NamesrvAddrList().size(), 2u);
}

TEST_F(BrokerConfigTest, PathsAreNotUpdatableAtRunTime) {
  BrokerConfig config = BrokerConfig::WithDefaults();
  Status s = BrokerConfigBinder().Set(&config, "storePathRootDir", "/tmp/evil", true);
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(BrokerConfigBinder().Set(&config, "autoCreateTopicEnable", "false", true).ok());
  EXPECT_FALSE(config.auto_create_topic_enable);
}

TEST_F(BrokerConfigTest, ExplicitBrokerIp1IsKeptAndLoopbackWarned) {
  BrokerConfig config = BrokerConfig::WithDefaults();
  config.broker_ip1 = "127.0.0.1";
  AdvertisedAddress address = ChooseAdvertisedAddress(config);
  EXPECT_EQ(address.ip, "127.0.0.1");
  ASSERT_FALSE(address.warnings.empty());
  EXPECT_NE(address.warnings[0].find("loopback"), std::string::npos);
}

TEST_F(BrokerConfigTest, AddressRoutingToNameServerIsChosen) {
  BrokerConfig config = BrokerConfig::WithDefaults();
  config.namesrv_addr = "127.0.0.1:9876";
  AdvertisedAddress address = ChooseAdvertisedAddress(config);
  EXPECT_EQ(address.ip, "127.0.0.1");
  EXPECT_NE(address.reason.find("routes to name server"), std::string::npos);
}

}  // namespace
}  // namespace rmq::broker

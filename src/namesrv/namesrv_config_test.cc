#include "namesrv/namesrv_config.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace rmq::namesrv {
namespace {

class NamesrvConfigFileTest : public ::testing::Test {
 protected:
  NamesrvConfigFileTest() {
    char pattern[] = "/tmp/rmq_ns_config_XXXXXX";
    dir_ = mkdtemp(pattern);
  }
  ~NamesrvConfigFileTest() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& content) {
    std::string path = dir_ + "/namesrv.conf";
    std::ofstream(path) << content;
    return path;
  }

  std::string dir_;
};

TEST_F(NamesrvConfigFileTest, DefaultsFollowTheJavaSuite) {
  std::vector<std::string> warnings;
  auto config = LoadNamesrvConfig("", &warnings);
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->listen_port, 9876);
  EXPECT_EQ(config->scan_not_active_broker_interval, 5000);
  EXPECT_EQ(config->broker_channel_expired_time, 120000);
  EXPECT_TRUE(config->return_order_topic_config_to_broker);
  EXPECT_FALSE(config->order_message_enable);
  const char* home = std::getenv("HOME");
  EXPECT_EQ(config->kv_config_path, std::string(home ? home : ".") + "/namesrv/kvConfig.json");
}

TEST_F(NamesrvConfigFileTest, FileOverridesAndConfigStorePathBecomesTheFile) {
  std::vector<std::string> warnings;
  std::string path = Write(
      "# Java-style file\nlistenPort = 9886\nkvConfigPath=/data/ns/kv.json\n"
      "brokerNotActiveTimeoutMillis=30000\nclientRequestThreadPoolNums=8\nnoSuchKey=1\n");
  auto config = LoadNamesrvConfig(path, &warnings);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->listen_port, 9886);
  EXPECT_EQ(config->kv_config_path, "/data/ns/kv.json");
  EXPECT_EQ(config->broker_channel_expired_time, 30000);
  EXPECT_EQ(config->config_store_path, path);
  ASSERT_EQ(warnings.size(), 3u);
  EXPECT_NE(warnings[0].find("use brokerChannelExpiredTime"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[1].find("no effect"), std::string::npos) << warnings[1];
  EXPECT_NE(warnings[2].find("unknown key noSuchKey"), std::string::npos) << warnings[2];
}

TEST_F(NamesrvConfigFileTest, BadValuesAndMissingFileAreErrors) {
  std::vector<std::string> warnings;
  EXPECT_FALSE(LoadNamesrvConfig(Write("listenPort=98765\n"), &warnings).ok());
  EXPECT_FALSE(LoadNamesrvConfig(Write("scanNotActiveBrokerInterval=0\n"), &warnings).ok());
  auto bad = LoadNamesrvConfig(Write("\norderMessageEnable=yes\n"), &warnings);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("namesrv.conf:2"), std::string::npos) << bad.status().message();
  EXPECT_FALSE(LoadNamesrvConfig(dir_ + "/missing.conf", &warnings).ok());
}

TEST_F(NamesrvConfigFileTest, FormatListsEveryKeyOnce) {
  std::string text = FormatNamesrvConfig(NamesrvConfig::WithDefaults());
  EXPECT_NE(text.find("listenPort=9876\n"), std::string::npos);
  EXPECT_NE(text.find("orderMessageEnable=false\n"), std::string::npos);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), static_cast<long>(NamesrvConfigBinder().keys().size()));
}

}  // namespace
}  // namespace rmq::namesrv

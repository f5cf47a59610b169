#include "namesrv/kv_config_manager.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace rmq::namesrv {
namespace {

class KVConfigManagerTest : public ::testing::Test {
 protected:
  KVConfigManagerTest() {
    char pattern[] = "/tmp/rmq_kv_config_XXXXXX";
    dir_ = mkdtemp(pattern);
    path_ = dir_ + "/namesrv/kvConfig.json";
  }
  ~KVConfigManagerTest() override { std::filesystem::remove_all(dir_); }

  std::string ReadFile(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  std::string dir_;
  std::string path_;
};

TEST_F(KVConfigManagerTest, PutGetDeleteArePersistedAsJava) {
  KVConfigManager kv(path_);
  ASSERT_TRUE(kv.Load().ok());
  ASSERT_TRUE(kv.PutKVConfig(kNamespaceOrderTopicConfig, "TopicTest", "broker-a:4;broker-b:4").ok());
  ASSERT_TRUE(kv.PutKVConfig("ns", "k", "v").ok());
  EXPECT_EQ(ReadFile(path_),
            R"({"configTable":{"ORDER_TOPIC_CONFIG":{"TopicTest":"broker-a:4;broker-b:4"},"ns":{"k":"v"}}})");
  EXPECT_EQ(kv.GetKVConfig("ns", "k"), "v");
  EXPECT_FALSE(kv.GetKVConfig("ns", "other").has_value());
  ASSERT_TRUE(kv.DeleteKVConfig("ns", "k").ok());
  EXPECT_FALSE(kv.GetKVListByNamespace("ns").has_value());

  KVConfigManager reloaded(path_);
  ASSERT_TRUE(reloaded.Load().ok());
  auto table = reloaded.GetKVListByNamespace(kNamespaceOrderTopicConfig);
  ASSERT_TRUE(table.has_value());
  EXPECT_EQ(table->Encode(), R"({"table":{"TopicTest":"broker-a:4;broker-b:4"}})");
}

TEST_F(KVConfigManagerTest, CorruptFileFallsBackToBackup) {
  {
    KVConfigManager kv(path_);
    ASSERT_TRUE(kv.Load().ok());
    ASSERT_TRUE(kv.PutKVConfig("ns", "a", "1").ok());
    ASSERT_TRUE(kv.PutKVConfig("ns", "b", "2").ok());
  }
  std::ofstream(path_, std::ios::trunc) << R"({"configTable":{"ns":{"a":"1","b)";
  KVConfigManager kv(path_);
  ASSERT_TRUE(kv.Load().ok());
  EXPECT_EQ(kv.GetKVConfig("ns", "a"), "1");
  EXPECT_FALSE(kv.GetKVConfig("ns", "b").has_value());  // the .bak predates the last put
}

TEST_F(KVConfigManagerTest, BothFilesCorruptIsAnError) {
  std::filesystem::create_directories(dir_ + "/namesrv");
  std::ofstream(path_) << "garbage";
  std::ofstream(path_ + ".bak") << "garbage too";
  KVConfigManager kv(path_);
  EXPECT_FALSE(kv.Load().ok());
}

TEST_F(KVConfigManagerTest, ReadsJavaWrittenFile) {
  std::filesystem::create_directories(dir_ + "/namesrv");
  std::ofstream(path_) << "{\n\t\"configTable\":{\n\t\t\"ORDER_TOPIC_CONFIG\":{\n\t\t\t\"T\":\"broker-a:8\"\n\t\t}\n\t}\n}";
  KVConfigManager kv(path_);
  ASSERT_TRUE(kv.Load().ok());
  EXPECT_EQ(kv.GetKVConfig(kNamespaceOrderTopicConfig, "T"), "broker-a:8");
}

}  // namespace
}  // namespace rmq::namesrv

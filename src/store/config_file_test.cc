#include "store/config_file.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/store_test_util.h"

namespace rmq::store {
namespace {

using testing::TempDir;

bool LooksLikeJson(std::string_view s) { return s.size() >= 2 && s.front() == '{' && s.back() == '}'; }

TEST(ConfigFileTest, WritesAtomicallyAndKeepsTheOldVersion) {
  TempDir dir;
  std::string path = dir.path() + "/config/topics.json";
  ASSERT_TRUE(WriteConfigFile(path, "{\"v\":1}").ok());
  ASSERT_TRUE(WriteConfigFile(path, "{\"v\":2}").ok());
  EXPECT_EQ(testing::ReadFile(path), "{\"v\":2}");
  EXPECT_EQ(testing::ReadFile(path + ".bak"), "{\"v\":1}");
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  auto r = ReadConfigFile(path, LooksLikeJson);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "{\"v\":2}");
}

TEST(ConfigFileTest, CorruptFileFallsBackToTheBak) {
  TempDir dir;
  std::string path = dir.path() + "/consumerOffset.json";
  ASSERT_TRUE(WriteConfigFile(path, "{\"offsetTable\":{}}").ok());
  ASSERT_TRUE(WriteConfigFile(path, "{\"offsetTable\":{\"T@g\":{0:5}}}").ok());
  std::filesystem::resize_file(path, 10);  // torn
  auto r = ReadConfigFile(path, LooksLikeJson);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "{\"offsetTable\":{}}");
  std::filesystem::remove(path);
  EXPECT_TRUE(ReadConfigFile(path, LooksLikeJson).ok());
  std::filesystem::remove(path + ".bak");
  EXPECT_EQ(ReadConfigFile(path, LooksLikeJson).status().code(), StatusCode::kNotFound);
}

TEST(ConfigFileTest, BothUnusableIsCorruption) {
  TempDir dir;
  std::string path = dir.path() + "/topics.json";
  ASSERT_TRUE(WriteConfigFile(path, "not json").ok());
  ASSERT_TRUE(WriteConfigFile(path, "still not json").ok());
  EXPECT_EQ(ReadConfigFile(path, LooksLikeJson).status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace rmq::store

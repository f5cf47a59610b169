#include "common/config_binder.h"

#include <gtest/gtest.h>

namespace rmq {
namespace {

struct TestConfig {
  int32_t listen_port = 9876;
  int64_t interval_ms = 5000;
  bool enabled = false;
  std::string path = "/default";
};

const ConfigBinder<TestConfig>& Binder() {
  using B = ConfigBinder<TestConfig>;
  static const B binder(
      {
          {"listenPort", &TestConfig::listen_port, B::Runtime::kStartupOnly, 0, 65535},
          {"intervalMs", &TestConfig::interval_ms, B::Runtime::kUpdatable, 1},
          {"enabled", &TestConfig::enabled, B::Runtime::kUpdatable},
          {"path", &TestConfig::path},
      },
      {{"enable", "enabled"}}, {{"threadPoolNums", "threads are sized automatically"}});
  return binder;
}

Status Apply(std::string_view text, TestConfig* config, std::vector<std::string>* warnings) {
  auto file = PropertiesFile::Parse(text, "conf/test.properties");
  if (!file.ok()) return file.status();
  return Binder().Apply(*file, config, warnings);
}

TEST(ConfigBinderTest, AppliesTypedValues) {
  TestConfig config;
  std::vector<std::string> warnings;
  ASSERT_TRUE(Apply("listenPort=0\nintervalMs = 250\nenabled=TRUE\npath =  /tmp/x  \n", &config, &warnings).ok());
  EXPECT_EQ(config.listen_port, 0);
  EXPECT_EQ(config.interval_ms, 250);
  EXPECT_TRUE(config.enabled);
  EXPECT_EQ(config.path, "/tmp/x");
  EXPECT_TRUE(warnings.empty());
}

TEST(ConfigBinderTest, TrailingSpaceOnBooleanIsAnErrorNamingKeyLineAndValues) {
  TestConfig config;
  std::vector<std::string> warnings;
  Status s = Apply("# x\nenabled=true \n", &config, &warnings);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("conf/test.properties:2"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("key enabled"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("trailing whitespace"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("accepted values: true, false"), std::string::npos) << s.message();
}

TEST(ConfigBinderTest, BadIntegersAreErrors) {
  TestConfig config;
  std::vector<std::string> warnings;
  Status s = Apply("listenPort=70000\n", &config, &warnings);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("from 0 to 65535"), std::string::npos) << s.message();
  EXPECT_FALSE(Apply("listenPort=98x\n", &config, &warnings).ok());
  EXPECT_FALSE(Apply("listenPort=10911 \n", &config, &warnings).ok());
  EXPECT_FALSE(Apply("intervalMs=0\n", &config, &warnings).ok());
  EXPECT_FALSE(Apply("enabled=yes\n", &config, &warnings).ok());
}

TEST(ConfigBinderTest, WarnsOnUnknownAliasedAndIgnoredKeys) {
  TestConfig config;
  std::vector<std::string> warnings;
  ASSERT_TRUE(Apply("enable=true\nbogusKey=1\nthreadPoolNums=8\n", &config, &warnings).ok());
  EXPECT_TRUE(config.enabled);
  ASSERT_EQ(warnings.size(), 3u);
  EXPECT_NE(warnings[0].find("use enabled"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[0].find(":1"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[1].find("unknown key bogusKey"), std::string::npos) << warnings[1];
  EXPECT_NE(warnings[2].find("no effect"), std::string::npos) << warnings[2];
}

TEST(ConfigBinderTest, RuntimeSetHonoursTheAllowList) {
  TestConfig config;
  EXPECT_TRUE(Binder().Set(&config, "intervalMs", "100", /*runtime_only=*/true).ok());
  EXPECT_EQ(config.interval_ms, 100);
  Status s = Binder().Set(&config, "path", "/etc", /*runtime_only=*/true);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_NE(s.message().find("intervalMs, enabled"), std::string::npos) << s.message();
  EXPECT_EQ(config.path, "/default");
  EXPECT_FALSE(Binder().Set(&config, "nope", "1", true).ok());
  EXPECT_TRUE(Binder().Set(&config, "path", "/etc", /*runtime_only=*/false).ok());
}

TEST(ConfigBinderTest, DumpListsEveryKeyInTableOrder) {
  TestConfig config;
  auto dump = Binder().Dump(config);
  ASSERT_EQ(dump.size(), 4u);
  EXPECT_EQ(dump[0], (std::pair<std::string, std::string>{"listenPort", "9876"}));
  EXPECT_EQ(dump[2], (std::pair<std::string, std::string>{"enabled", "false"}));
  EXPECT_EQ(dump[3], (std::pair<std::string, std::string>{"path", "/default"}));
}

}  // namespace
}  // namespace rmq

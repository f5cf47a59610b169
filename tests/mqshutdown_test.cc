// bin/mqshutdown against real processes: it stops exactly the broker or name server its pid
// file names, waits for the exit, leaves every other process running, and fails in plain words
// when there is nothing to stop.
#if defined(MQNAMESRV_PATH) && defined(MQBROKER_PATH)

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "ops_cluster.h"

namespace rmq::testing {
namespace {

std::string MqshutdownPath() {
  return (std::filesystem::path(__FILE__).parent_path().parent_path() / "bin" / "mqshutdown").string();
}

bool Contains(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

TEST(MqshutdownTest, StopsOnlyTheNamedBrokerAndWaitsForIt) {
  OpsCluster cluster("mqshutdown_it");
  ASSERT_TRUE(cluster.StartNamesrv());
  ASSERT_FALSE(cluster.StartBroker("broker-a").empty());
  ASSERT_FALSE(cluster.StartBroker("broker-b").empty());
  std::string pid_file = cluster.StoreDir("broker-a") + "/mqbroker.pid";
  ASSERT_TRUE(std::filesystem::exists(pid_file));
  std::string pid = std::to_string(cluster.broker("broker-a").pid());

  auto [code, output] = cluster.Run(MqshutdownPath(), {"broker", "-c", cluster.BrokerConfig("broker-a")});
  EXPECT_EQ(code, 0) << output;
  EXPECT_TRUE(Contains(output, "The mqbroker(" + pid + ") is running...")) << output;
  EXPECT_TRUE(Contains(output, "Send shutdown request to mqbroker(" + pid + ") OK")) << output;
  EXPECT_TRUE(Contains(output, "The mqbroker(" + pid + ") has stopped.")) << output;

  auto exit_code = cluster.broker("broker-a").WaitForExit(std::chrono::seconds(5));
  ASSERT_TRUE(exit_code.ok()) << exit_code.status().ToString();
  EXPECT_EQ(*exit_code, 0) << "a SIGTERM stop is a clean exit";
  EXPECT_FALSE(std::filesystem::exists(pid_file)) << "a clean stop removes the pid file";
  EXPECT_TRUE(Contains(cluster.broker("broker-a").Output(), "Shutdown hook")) << cluster.broker("broker-a").Output();
  EXPECT_TRUE(cluster.broker("broker-b").running()) << "the other broker on the host must keep running";
  EXPECT_TRUE(cluster.namesrv().process().running());

  auto [again, again_output] = cluster.Run(MqshutdownPath(), {"broker", "-c", cluster.BrokerConfig("broker-a")});
  EXPECT_EQ(again, 1) << again_output;
  EXPECT_TRUE(Contains(again_output, "No mqbroker running.")) << again_output;
}

TEST(MqshutdownTest, StopsTheNameServerByItsConfigFile) {
  OpsCluster cluster("mqshutdown_ns");
  ASSERT_TRUE(cluster.StartNamesrv());
  ASSERT_FALSE(cluster.StartBroker("broker-a").empty());
  std::string pid = std::to_string(cluster.namesrv().process().pid());
  auto [code, output] = cluster.Run(MqshutdownPath(), {"namesrv", "-c", cluster.NamesrvConfig()});
  EXPECT_EQ(code, 0) << output;
  EXPECT_TRUE(Contains(output, "The mqnamesrv(" + pid + ") is running...")) << output;
  auto exit_code = cluster.namesrv().process().WaitForExit(std::chrono::seconds(5));
  ASSERT_TRUE(exit_code.ok());
  EXPECT_TRUE(cluster.broker("broker-a").running());
}

TEST(MqshutdownTest, NothingToStopFails) {
  OpsCluster cluster("mqshutdown_none");
  auto [code, output] = cluster.Run(MqshutdownPath(), {"broker", "-p", cluster.dir().Sub("missing.pid")});
  EXPECT_EQ(code, 1) << output;
  EXPECT_TRUE(Contains(output, "No mqbroker running.")) << output;
  EXPECT_TRUE(Contains(output, "no pid file at")) << output;

  // A stale pid file naming a process that is not a broker (here: this test) stops nothing.
  cluster.dir().WriteFile("stale.pid", std::to_string(getpid()) + "\n");
  auto [stale, stale_output] = cluster.Run(MqshutdownPath(), {"broker", "-p", cluster.dir().Sub("stale.pid")});
  EXPECT_EQ(stale, 1) << stale_output;
  EXPECT_TRUE(Contains(stale_output, "is stale")) << stale_output;

  auto [usage, usage_output] = cluster.Run(MqshutdownPath(), {"controllerx"});
  EXPECT_EQ(usage, 2) << usage_output;
  EXPECT_TRUE(Contains(usage_output, "Usage: mqshutdown broker | namesrv")) << usage_output;
}

}  // namespace
}  // namespace rmq::testing

#endif

// A few seconds of each benchmark tool against a real name server and broker: messages flow,
// the report lines keep the Java tools' shape (with our latency suffix) and parse, and the
// summary adds up.
#if defined(MQNAMESRV_PATH) && defined(MQBROKER_PATH) && defined(BENCHMARK_PRODUCER_PATH) && \
    defined(BENCHMARK_CONSUMER_PATH) && defined(BENCHMARK_BATCH_PRODUCER_PATH)

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ops_cluster.h"

namespace rmq::testing {
namespace {

std::vector<std::string> LinesMatching(const std::string& output, const std::regex& pattern) {
  std::vector<std::string> out;
  std::istringstream in(output);
  std::string line;
  while (std::getline(in, line)) {
    if (std::regex_match(line, pattern)) out.push_back(line);
  }
  return out;
}

const char* kTime = R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3})";
const char* kPercentiles = R"( \| p50\(ms\): [\d.]+ \| p99\(ms\): [\d.]+ \| p999\(ms\): [\d.]+ \| max\(ms\): [\d.]+)";

TEST(BenchmarkSmokeTest, ProducerThenConsumerReportInTheJavaShape) {
  OpsCluster cluster("bench_it");
  ASSERT_TRUE(cluster.StartNamesrv());
  ASSERT_FALSE(cluster.StartBroker("broker-a").empty());
  std::string ns = cluster.namesrv().address();

  auto [code, output] = cluster.Run(BENCHMARK_PRODUCER_PATH, {"-n", ns, "-t", "SmokeTopic", "-w", "4", "-s", "128",
                                                              "-k", "true", "-ri", "500", "--rate", "300",
                                                              "--duration", "3", "--warmup", "1", "--json"});
  ASSERT_EQ(code, 0) << output;
  EXPECT_TRUE(output.find("topic: SmokeTopic, threadCount: 4, messageSize: 128, keyEnable: true") !=
              std::string::npos)
      << output;
  auto reports = LinesMatching(output, std::regex(std::string("Current Time: ") + kTime +
                                                  R"( \| Send TPS: \d+ \| Max RT\(ms\): \d+ \| Average RT\(ms\): +[\d.]+)"
                                                  R"( \| Send Failed: 0 \| Response Failed: 0)" + kPercentiles));
  EXPECT_GE(reports.size(), 3u) << output;
  std::smatch total;
  ASSERT_TRUE(std::regex_search(output, total, std::regex(R"(\[Complete\] Send Total: (\d+) \| Send TPS: (\d+) \|)")))
      << output;
  long sent = std::stol(total[1]);
  EXPECT_GT(sent, 300) << output;
  EXPECT_LT(sent, 1500) << "--rate 300 for 3 s";
  EXPECT_TRUE(output.find("{\"tool\":\"producer\",\"sendTotal\":" + std::to_string(sent)) != std::string::npos)
      << output;

  auto [ccode, coutput] = cluster.Run(BENCHMARK_CONSUMER_PATH, {"-n", ns, "-t", "SmokeTopic", "-g", "smoke_group",
                                                                "--from", "first", "--duration", "4", "-ri", "500"});
  ASSERT_EQ(ccode, 0) << coutput;
  EXPECT_TRUE(coutput.find("Consumer Started.") != std::string::npos) << coutput;
  std::smatch consumed;
  ASSERT_TRUE(std::regex_search(coutput, consumed, std::regex(R"(\[Complete\] Consume Total: (\d+) \|)"))) << coutput;
  EXPECT_GE(std::stol(consumed[1]), sent) << coutput;
  auto consume_reports =
      LinesMatching(coutput, std::regex(std::string("Current Time: ") + kTime +
                                        R"( \| Consume TPS: \d+ \| AVG\(B2C\) RT\(ms\): +[-\d.]+ \| AVG\(S2C\) RT\(ms\): +[-\d.]+)"
                                        R"( \| MAX\(B2C\) RT\(ms\): -?\d+ \| MAX\(S2C\) RT\(ms\): -?\d+ \| Consume Fail: 0)" +
                                        kPercentiles));
  EXPECT_GE(consume_reports.size(), 1u) << coutput;
}

TEST(BenchmarkSmokeTest, BatchProducerSendsBatches) {
  OpsCluster cluster("bench_batch");
  ASSERT_TRUE(cluster.StartNamesrv());
  ASSERT_FALSE(cluster.StartBroker("broker-a").empty());
  auto [code, output] = cluster.Run(BENCHMARK_BATCH_PRODUCER_PATH,
                                    {"-n", cluster.namesrv().address(), "-t", "SmokeBatch", "-w", "2", "-b", "8",
                                     "-ri", "500", "--duration", "2", "--rate", "100"});
  ASSERT_EQ(code, 0) << output;
  auto reports = LinesMatching(output, std::regex(std::string("Current Time: ") + kTime +
                                                  R"( \| Send TPS: \d+ \| Send MPS: \d+ \| Max RT\(ms\): \d+)"
                                                  R"( \| Average RT\(ms\): +[\d.]+ \| Average Message RT\(ms\): +[\d.]+)"
                                                  R"( \| Send Failed: 0 \| Send Message Failed: 0)" + kPercentiles));
  EXPECT_GE(reports.size(), 2u) << output;
  std::smatch total;
  ASSERT_TRUE(std::regex_search(output, total, std::regex(R"(\[Complete\] Send Total: (\d+) \|)"))) << output;
  EXPECT_GT(std::stol(total[1]), 50) << output;
}

// -y true: one sender keeps --inflight batches in flight; every message it counts is stored
// (the consumer tool reads them all back).
TEST(BenchmarkSmokeTest, AsyncBatchProducerKeepsBatchesInFlight) {
  OpsCluster cluster("bench_abatch");
  ASSERT_TRUE(cluster.StartNamesrv());
  ASSERT_FALSE(cluster.StartBroker("broker-a").empty());
  std::string ns = cluster.namesrv().address();
  auto [code, output] = cluster.Run(BENCHMARK_BATCH_PRODUCER_PATH,
                                    {"-n", ns, "-t", "SmokeAsyncBatch", "-y", "true", "--inflight", "4", "-b", "16",
                                     "-ri", "500", "--duration", "2", "--rate", "50"});
  ASSERT_EQ(code, 0) << output;
  EXPECT_TRUE(output.find("asyncEnable: true") != std::string::npos) << output;
  auto reports = LinesMatching(output, std::regex(std::string("Current Time: ") + kTime +
                                                  R"( \| Send TPS: \d+ \| Send MPS: \d+ \| Max RT\(ms\): \d+)"
                                                  R"( \| Average RT\(ms\): +[\d.]+ \| Average Message RT\(ms\): +[\d.]+)"
                                                  R"( \| Send Failed: 0 \| Send Message Failed: 0)" + kPercentiles));
  EXPECT_GE(reports.size(), 2u) << output;
  std::smatch total;
  ASSERT_TRUE(std::regex_search(output, total, std::regex(R"(\[Complete\] Send Total: (\d+) \|)"))) << output;
  long batches = std::stol(total[1]);
  EXPECT_GT(batches, 30) << output;
  EXPECT_LT(batches, 200) << "--rate 50 for 2 s";

  const std::string messages = std::to_string(batches * 16);
  auto [ccode, coutput] = cluster.Run(BENCHMARK_CONSUMER_PATH, {"-n", ns, "-t", "SmokeAsyncBatch", "-g", "smoke_abatch",
                                                                "--from", "first", "--count", messages, "--duration",
                                                                "30", "-ri", "500"});
  ASSERT_EQ(ccode, 0) << coutput;
  std::smatch consumed;
  ASSERT_TRUE(std::regex_search(coutput, consumed, std::regex(R"(\[Complete\] Consume Total: (\d+) \|)"))) << coutput;
  EXPECT_EQ(consumed[1].str(), messages) << coutput;
}

}  // namespace
}  // namespace rmq::testing

#endif

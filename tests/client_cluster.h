// ClientCluster: a real mqnamesrv and one or two mqbroker processes on free ports with temporary
// stores, for the client library's integration tests (tests/client_*_test.cc), plus small
// helpers to wait for conditions. Every wait is bounded. Use from one thread.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "support/namesrv_process.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace rmq::testing {

// Polls `condition` every 20 ms until it holds or `timeout` passes.
inline bool WaitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}

#if defined(MQNAMESRV_PATH) && defined(MQBROKER_PATH)

class ClientCluster {
 public:
  // Starts the name server and `brokers` brokers (broker-a, broker-b, ...).
  explicit ClientCluster(int brokers = 1, const std::string& broker_extra = "") : dir_("client_it") {
    auto namesrv = NamesrvProcess::Start(MQNAMESRV_PATH, dir_);
    if (!namesrv.ok()) {
      ADD_FAILURE() << "mqnamesrv: " << namesrv.status().ToString();
      return;
    }
    namesrv_ = std::move(namesrv).value();
    for (int i = 0; i < brokers; ++i) {
      std::string name = std::string("broker-") + static_cast<char>('a' + i);
      std::string home = dir_.Sub(name);
      dir_.WriteFile(name + ".properties",
                     "brokerClusterName=DefaultCluster\nbrokerName=" + name + "\nbrokerId=0\nlistenPort=0\n" +
                         "brokerIP1=127.0.0.1\nnamesrvAddr=" + namesrv_->address() + "\nstorePathRootDir=" + home +
                         "/store\nautoCreateTopicEnable=true\nflushDiskType=ASYNC_FLUSH\n" + broker_extra);
      ProcessOptions options;
      options.executable = MQBROKER_PATH;
      options.args = {"-c", dir_.Sub(name + ".properties")};
      options.env = {{"HOME", home}};
      options.output_path = dir_.Sub(name + ".out");
      auto process = Process::Start(options);
      if (!process.ok()) {
        ADD_FAILURE() << "mqbroker: " << process.status().ToString();
        return;
      }
      auto line = (*process)->WaitForLine("boot success", std::chrono::seconds(30));
      if (!line.ok()) {
        ADD_FAILURE() << "mqbroker did not boot: " << line.status().ToString();
        return;
      }
      brokers_.push_back(std::move(process).value());
      // "The broker[broker-a, 127.0.0.1:12345] boot success..."
      size_t comma = line->find(", ");
      size_t end = line->find(']', comma);
      broker_addrs_.push_back(line->substr(comma + 2, end - comma - 2));
    }
  }

  bool ok() const { return namesrv_ != nullptr && brokers_.size() == broker_addrs_.size() && !brokers_.empty(); }
  std::string namesrv() const { return namesrv_ ? namesrv_->address() : ""; }
  const std::vector<std::string>& broker_addrs() const { return broker_addrs_; }
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
  std::unique_ptr<NamesrvProcess> namesrv_;
  std::vector<std::unique_ptr<Process>> brokers_;
  std::vector<std::string> broker_addrs_;
};

#endif

}  // namespace rmq::testing

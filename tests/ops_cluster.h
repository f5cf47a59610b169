// OpsCluster: a real mqnamesrv and named mqbroker processes on free ports with temporary stores,
// for the operations tests (mqshutdown, benchmark tools). Every wait is bounded. Header-only;
// use from one thread.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "support/broker_process.h"
#include "support/namesrv_process.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace rmq::testing {

#if defined(MQNAMESRV_PATH) && defined(MQBROKER_PATH)

class OpsCluster {
 public:
  explicit OpsCluster(const std::string& prefix) : dir_(prefix) {}

  // Starts the name server; false (with a test failure) if it did not boot.
  bool StartNamesrv() {
    auto namesrv = NamesrvProcess::Start(MQNAMESRV_PATH, dir_);
    if (!namesrv.ok()) {
      ADD_FAILURE() << "mqnamesrv: " << namesrv.status().ToString();
      return false;
    }
    namesrv_ = std::move(namesrv).value();
    return true;
  }

  // Starts broker `name` (store <dir>/<name>/store, config <dir>/<name>.properties) and returns
  // its address, or "" (with a test failure).
  std::string StartBroker(const std::string& name) {
    dir_.WriteFile(name + ".properties",
                   "brokerClusterName=DefaultCluster\nbrokerName=" + name + "\nbrokerId=0\nlistenPort=0\n"
                   "brokerIP1=127.0.0.1\nnamesrvAddr=" + namesrv_->address() + "\nstorePathRootDir=" +
                       StoreDir(name) + "\nautoCreateTopicEnable=true\nflushDiskType=ASYNC_FLUSH\n"
                       "mappedFileSizeCommitLog=67108864\nmappedFileSizeConsumeQueue=600000\n"
                       "warmMapedFileEnable=false\n");
    auto broker =
        StartBrokerProcess(MQBROKER_PATH, dir_.Sub(name + ".properties"), dir_.Sub(name), dir_.Sub(name + ".out"));
    if (!broker.ok()) {
      ADD_FAILURE() << broker.status().ToString();
      return "";
    }
    brokers_[name] = std::move(broker->process);
    return broker->address;
  }

  // Runs `executable args` to completion (bounded) and returns its exit code and output.
  std::pair<int, std::string> Run(const std::string& executable, const std::vector<std::string>& args,
                                  std::chrono::seconds timeout = std::chrono::seconds(60)) {
    ProcessOptions options;
    options.executable = executable;
    options.args = args;
    options.env = {{"HOME", dir_.Sub("home")}};
    options.output_path = dir_.Sub("run_" + std::to_string(runs_++) + ".out");
    return RunToExit(std::move(options), timeout);
  }

  std::string StoreDir(const std::string& name) const { return dir_.Sub(name) + "/store"; }
  std::string BrokerConfig(const std::string& name) const { return dir_.Sub(name + ".properties"); }
  std::string NamesrvConfig() const { return dir_.Sub("namesrv.properties"); }
  NamesrvProcess& namesrv() { return *namesrv_; }
  Process& broker(const std::string& name) { return *brokers_.at(name); }
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
  std::unique_ptr<NamesrvProcess> namesrv_;
  std::map<std::string, std::unique_ptr<Process>> brokers_;
  int runs_ = 0;
};

#endif

}  // namespace rmq::testing

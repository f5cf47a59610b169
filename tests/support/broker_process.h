// StartBrokerProcess: an mqbroker started on a config file the caller wrote (listenPort=0),
// waited for until its boot line, whose address it reads. Shared by the fixtures that start
// brokers (ClientCluster, OpsCluster, the mqadmin suite).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "common/status.h"
#include "support/process.h"

namespace rmq::testing {

struct BrokerProcess {
  std::unique_ptr<Process> process;
  std::string address;  // "127.0.0.1:<port>", as the boot line names it
};

// Starts `executable -c config_path` with HOME=home and its output appended to output_path, and
// waits up to `timeout` for "boot success". An error says whether it could not start or did not
// boot.
Result<BrokerProcess> StartBrokerProcess(const std::string& executable, const std::string& config_path,
                                         const std::string& home, const std::string& output_path,
                                         std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace rmq::testing

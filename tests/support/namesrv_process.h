// NamesrvProcess: a real mqnamesrv started for a test on a free port (listenPort=0; the port is
// read from its boot line), with HOME, kvConfigPath and logs inside a TempDir. Used by the
// name-server tests and by anything that needs a name server (broker, client tests).
// Use from one thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "common/status.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace rmq::testing {

class NamesrvProcess {
 public:
  static constexpr std::chrono::seconds kBootTimeout{20};

  // Writes <dir>/<name>.properties (listenPort=0, kvConfigPath=<dir>/<name>/kvConfig.json, then
  // `extra_config` lines), starts `executable -c` on it with HOME=<dir>/<name>, and waits for
  // the boot line. `dir` must outlive the process.
  static Result<std::unique_ptr<NamesrvProcess>> Start(const std::string& executable, const TempDir& dir,
                                                       const std::string& extra_config = "",
                                                       const std::string& name = "namesrv");

  uint16_t port() const { return port_; }
  // "127.0.0.1:<port>".
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  Process& process() { return *process_; }
  // SIGTERM (SIGKILL after a bound); returns the exit code.
  Result<int> Stop() { return process_->Stop(); }

 private:
  NamesrvProcess() = default;

  std::unique_ptr<Process> process_;
  uint16_t port_ = 0;
};

}  // namespace rmq::testing

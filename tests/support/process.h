// Process: one child process under test (mqnamesrv, mqbroker, ...) with its stdout and stderr
// captured to a file. Every wait is bounded; the destructor kills a child still running, and
// the child is killed by the kernel if the test binary dies (PR_SET_PDEATHSIG). Use from one
// thread.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace rmq::testing {

struct ProcessOptions {
  std::string executable;
  std::vector<std::string> args;
  // Added to (or replacing in) the test binary's environment.
  std::vector<std::pair<std::string, std::string>> env;
  // Where stdout and stderr go (appended, so restarts keep one log).
  std::string output_path;
};

class Process {
 public:
  static Result<std::unique_ptr<Process>> Start(ProcessOptions options);
  // Kills (SIGKILL) and reaps the child if it is still running.
  ~Process();

  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  // Everything the child printed so far (not what an earlier process wrote to the same file).
  std::string Output() const;

  // Waits until a line containing `needle` appears in the output and returns that line.
  // Fails with kTimeout after `timeout`, or kUnavailable if the child exits first (the message
  // then carries the tail of the output).
  Result<std::string> WaitForLine(std::string_view needle, std::chrono::milliseconds timeout);

  // Waits up to `timeout` for the child to exit by itself; returns its exit code (128 + signal
  // when killed by one) or kTimeout.
  Result<int> WaitForExit(std::chrono::milliseconds timeout);

  // SIGTERM, then SIGKILL if it has not exited after `grace`. Returns the exit code as
  // WaitForExit. Idempotent.
  Result<int> Stop(std::chrono::milliseconds grace = std::chrono::seconds(10));

  bool running() const { return !exit_code_.has_value(); }

 private:
  explicit Process(ProcessOptions options) : options_(std::move(options)) {}
  // Reaps the child if it exited; true when it has.
  bool Poll();

  ProcessOptions options_;
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
  // Size of the output file when this child started: restarts append to one file.
  size_t output_offset_ = 0;
};

// Runs `options` to completion: waits up to `timeout` for the child to exit (stopping it if it
// does not) and returns its exit code and output; the code is -1 when it did not exit in time,
// or when it could not start (the output then says why).
std::pair<int, std::string> RunToExit(ProcessOptions options, std::chrono::milliseconds timeout);

}  // namespace rmq::testing

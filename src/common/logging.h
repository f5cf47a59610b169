// The project's named spdlog loggers, one per module ("common", "remoting", "store", "namesrv",
// "broker", "client"). Only main() chooses sinks and levels; until it does, loggers write warnings
// and errors to stderr so tests stay quiet. Thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <spdlog/logger.h>

#include "common/status.h"

namespace rmq {

// Returns the logger for `module`, creating it on first use with the current sinks and level.
std::shared_ptr<spdlog::logger> GetLogger(std::string_view module);

struct LogOptions {
  std::string level = "info";  // trace, debug, info, warn, error, off
  std::string log_file;        // empty: console only
  bool console = true;
};

// Points every module logger (existing and future) at the chosen sinks and level.
// An unknown level or a log file that cannot be opened is an error; logging is then unchanged.
Status ConfigureLogging(const LogOptions& options);

}  // namespace rmq

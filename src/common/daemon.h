// What the daemons (mqnamesrv, mqbroker) do alike around their server: the stop signals taken by
// one sigwait, logging to $HOME/logs/rocketmqlogs/<file> with a console fallback, and the pid file
// mqshutdown reads. For main() only.
#pragma once

#include <string>
#include <string_view>

#include <spdlog/logger.h>

namespace rmq {

// Blocks SIGINT and SIGTERM in the calling thread and ignores SIGPIPE. Call before any thread
// starts: threads inherit the mask, so only WaitForStopSignal sees the stop signals.
void BlockStopSignals();
// Waits for SIGINT or SIGTERM (blocked by BlockStopSignals); returns the signal's number.
int WaitForStopSignal();

// Logs to the console and $HOME/logs/rocketmqlogs/<log_file_name>. A log file that cannot be
// opened (a read-only home) must not stop the daemon: says so on stderr, prefixed by `program`,
// and logs to the console only.
void ConfigureDaemonLogging(std::string_view program, const std::string& log_file_name);

// Writes this process's id to `path` (creating its directory) through a temporary file and a
// rename, so mqshutdown never reads half a number, and logs where; when it cannot, logs a warning
// (only mqshutdown needs the file). Returns whether the file was written.
bool WritePidFile(const std::string& path, spdlog::logger& logger);

}  // namespace rmq

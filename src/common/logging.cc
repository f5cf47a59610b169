#include "common/logging.h"

#include <mutex>
#include <vector>

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace rmq {
namespace {

struct LoggingState {
  std::mutex mutex;
  std::vector<spdlog::sink_ptr> sinks;  // Guarded by mutex.
  spdlog::level::level_enum level = spdlog::level::warn;  // Guarded by mutex.
};

LoggingState& State() {
  static LoggingState* state = [] {
    auto* s = new LoggingState;
    s->sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    return s;
  }();
  return *state;
}

}  // namespace

std::shared_ptr<spdlog::logger> GetLogger(std::string_view module) {
  LoggingState& state = State();
  std::lock_guard lock(state.mutex);
  std::string name(module);
  if (auto existing = spdlog::get(name)) return existing;
  auto logger = std::make_shared<spdlog::logger>(name, state.sinks.begin(), state.sinks.end());
  logger->set_level(state.level);
  logger->flush_on(spdlog::level::warn);
  spdlog::register_logger(logger);
  return logger;
}

Status ConfigureLogging(const LogOptions& options) {
  auto level = spdlog::level::from_str(options.level);
  if (level == spdlog::level::off && options.level != "off") {
    return InvalidArgument("unknown log level '" + options.level +
                           "' (accepted: trace, debug, info, warn, error, off)");
  }
  std::vector<spdlog::sink_ptr> sinks;
  if (options.console) sinks.push_back(std::make_shared<spdlog::sinks::stdout_color_sink_mt>());
  if (!options.log_file.empty()) {
    try {
      sinks.push_back(std::make_shared<spdlog::sinks::basic_file_sink_mt>(options.log_file));
    } catch (const spdlog::spdlog_ex& e) {
      return IoError("cannot open log file " + options.log_file + ": " + e.what());
    }
  }
  LoggingState& state = State();
  std::lock_guard lock(state.mutex);
  state.sinks = sinks;
  state.level = level;
  spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& logger) {
    logger->sinks() = sinks;
    logger->set_level(level);
  });
  return Status::Ok();
}

}  // namespace rmq

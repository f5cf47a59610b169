#include "common/daemon.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "common/logging.h"

namespace rmq {
namespace {

sigset_t StopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

bool WritePid(const std::string& path) {
  std::error_code ignored;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ignored);
  std::string tmp = path + ".tmp";
  std::FILE* file = std::fopen(tmp.c_str(), "w");
  if (file == nullptr) return false;
  bool ok = std::fprintf(file, "%d\n", static_cast<int>(getpid())) > 0;
  ok = std::fclose(file) == 0 && ok;
  return ok && std::rename(tmp.c_str(), path.c_str()) == 0;
}

}  // namespace

void BlockStopSignals() {
  sigset_t set = StopSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  signal(SIGPIPE, SIG_IGN);
}

int WaitForStopSignal() {
  sigset_t set = StopSignals();
  int signal_number = 0;
  sigwait(&set, &signal_number);
  return signal_number;
}

void ConfigureDaemonLogging(std::string_view program, const std::string& log_file_name) {
  const char* home = std::getenv("HOME");
  LogOptions options;
  options.log_file = std::string(home != nullptr ? home : ".") + "/logs/rocketmqlogs/" + log_file_name;
  if (Status s = ConfigureLogging(options); !s.ok()) {
    std::cerr << program << ": " << s.message() << "; logging to the console only" << std::endl;
    options.log_file.clear();
    (void)ConfigureLogging(options);
  }
}

bool WritePidFile(const std::string& path, spdlog::logger& logger) {
  if (!WritePid(path)) {
    logger.warn("could not write the pid file {}; mqshutdown will not find this process", path);
    return false;
  }
  logger.info("pid {} written to {}", static_cast<int>(getpid()), path);
  return true;
}

}  // namespace rmq

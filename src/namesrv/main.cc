// mqnamesrv: the name server executable. Options follow the Java script (NamesrvStartup):
// -c FILE, -p, -n (accepted, no effect), -h. Flag parsing, logging set-up, signals and exit
// codes live here and nowhere else.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "common/logging.h"
#include "namesrv/namesrv_config.h"
#include "namesrv/namesrv_server.h"

namespace {

// Writes this process's id to `path` through a temporary file and a rename, so mqshutdown never
// reads half a number. Returns false when it could not (only mqshutdown needs the file).
bool WritePidFile(const std::string& path) {
  std::error_code ignored;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ignored);
  std::string tmp = path + ".tmp";
  std::FILE* file = std::fopen(tmp.c_str(), "w");
  if (file == nullptr) return false;
  bool ok = std::fprintf(file, "%d\n", static_cast<int>(getpid())) > 0;
  ok = std::fclose(file) == 0 && ok;
  return ok && std::rename(tmp.c_str(), path.c_str()) == 0;
}

std::string DefaultLogFile() {
  const char* home = std::getenv("HOME");
  return std::string(home != nullptr ? home : ".") + "/logs/rocketmqlogs/namesrv.log";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"mqnamesrv: RocketMQ-compatible name server", "mqnamesrv"};
  std::string config_file;
  bool print_config = false;
  std::string namesrv_addr;
  app.add_option("-c,--configFile", config_file, "Name server config properties file");
  app.add_flag("-p,--printConfigItem", print_config, "Print all config items and exit");
  app.add_option("-n,--namesrvAddr", namesrv_addr, "Accepted for compatibility; has no effect on a name server");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  std::vector<std::string> warnings;
  auto config = rmq::namesrv::LoadNamesrvConfig(config_file, &warnings);
  if (!config.ok()) {
    std::cerr << "mqnamesrv: " << config.status().message() << std::endl;
    return 1;
  }
  if (print_config) {
    for (const auto& warning : warnings) std::cerr << "warning: " << warning << '\n';
    std::cout << rmq::namesrv::FormatNamesrvConfig(*config) << std::flush;
    return 0;
  }

  // Block the stop signals before any thread starts, so only sigwait below sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  rmq::LogOptions log_options;
  log_options.log_file = DefaultLogFile();
  rmq::Status logging = rmq::ConfigureLogging(log_options);
  if (!logging.ok()) {
    // A read-only home must not stop the name server: log to the console only.
    std::cerr << "mqnamesrv: " << logging.message() << "; logging to the console only" << std::endl;
    log_options.log_file.clear();
    (void)rmq::ConfigureLogging(log_options);
  }
  auto logger = rmq::GetLogger("namesrv");
  if (!config_file.empty()) logger->info("load config properties file OK, {}", config_file);
  for (const auto& warning : warnings) logger->warn("{}", warning);
  if (!namesrv_addr.empty()) logger->warn("-n {} has no effect on a name server", namesrv_addr);
  for (const auto& [key, value] : rmq::namesrv::NamesrvConfigBinder().Dump(*config)) {
    logger->info("{}={}", key, value);
  }

  rmq::namesrv::NamesrvServer server(*config);
  rmq::Status started = server.Start();
  if (!started.ok()) {
    logger->error("the name server failed to start: {}", started.message());
    return 1;
  }
  // mqshutdown finds this process by its pid file, beside the KV store it owns.
  std::string kv_dir = config->kv_config_path.substr(0, config->kv_config_path.find_last_of('/') + 1);
  std::string pid_file = (kv_dir.empty() ? std::string("./") : kv_dir) + "mqnamesrv.pid";
  if (WritePidFile(pid_file)) {
    logger->info("pid {} written to {}", static_cast<int>(getpid()), pid_file);
  } else {
    logger->warn("could not write the pid file {}; mqshutdown will not find this process", pid_file);
  }
  logger->info("The Name Server boot success. serializeType=JSON, address {}:{}", config->bind_address, server.port());

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  logger->info("Shutdown hook was invoked by signal {}", signal_number);
  server.Stop();
  std::remove(pid_file.c_str());
  logger->info("Shutdown hook over");
  logger->flush();
  return 0;
}

// mqbroker: the broker executable. Options follow the Java script (BrokerStartup): -c FILE,
// -n ADDR (overrides namesrvAddr; ';' or ',' separated), -p (print every config item and exit),
// -m (print the important ones and exit), -h. Flag parsing, logging set-up, signals and exit
// codes live here and nowhere else.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "broker/broker_config.h"
#include "broker/broker_server.h"
#include "common/logging.h"

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
  return std::string(home != nullptr ? home : ".") + "/logs/rocketmqlogs/broker.log";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"mqbroker: RocketMQ-compatible broker", "mqbroker"};
  std::string config_file;
  std::string namesrv_addr;
  bool print_config = false;
  bool print_important = false;
  app.add_option("-c,--configFile", config_file, "Broker config properties file");
  app.add_option("-n,--namesrvAddr", namesrv_addr, "Name server address list, eg: '192.168.0.1:9876;192.168.0.2:9876'");
  app.add_flag("-p,--printConfigItem", print_config, "Print all config items and exit");
  app.add_flag("-m,--printImportantConfig", print_important, "Print important config items and exit");
  app.allow_extras();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  std::vector<std::string> warnings;
  auto loaded = rmq::broker::LoadBrokerConfig(config_file, &warnings);
  if (!loaded.ok()) {
    std::cerr << "mqbroker: " << loaded.status().message() << std::endl;
    return 1;
  }
  rmq::broker::BrokerConfig config = std::move(*loaded);
  if (!namesrv_addr.empty()) {
    config.namesrv_addr = namesrv_addr;
    if (rmq::Status s = rmq::broker::ValidateBrokerConfig(config); !s.ok()) {
      std::cerr << "mqbroker: -n: " << s.message() << std::endl;
      return 1;
    }
  }
  for (const std::string& extra : app.remaining()) {
    warnings.push_back("command-line argument '" + extra +
                       "' ignored: only -c, -n, -p and -m are read (put config keys in the -c file)");
  }
  if (print_config || print_important) {
    for (const auto& warning : warnings) std::cerr << "warning: " << warning << '\n';
    std::cout << rmq::broker::FormatBrokerConfig(config, print_important && !print_config) << std::flush;
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
  if (rmq::Status s = rmq::ConfigureLogging(log_options); !s.ok()) {
    std::cerr << "mqbroker: " << s.message() << "; logging to the console only" << std::endl;
    log_options.log_file.clear();
    (void)rmq::ConfigureLogging(log_options);
  }
  auto logger = rmq::GetLogger("broker");
  if (!config_file.empty()) logger->info("load config properties file OK, {}", config_file);
  for (const auto& warning : warnings) logger->warn("{}", warning);
  for (const auto& [key, value] : rmq::broker::BrokerConfigBinder().Dump(config)) logger->debug("{}={}", key, value);

  rmq::broker::BrokerServer server(config);
  rmq::Status started = server.Start();
  if (!started.ok()) {
    logger->error("the broker failed to start: {}", started.message());
    logger->flush();
    return 1;
  }
  // BrokerStartup's line, byte for byte; tests and operators wait for it.
  std::string boot = "The broker[" + server.config().broker_name + ", " + server.broker_addr() +
                     "] boot success. serializeType=JSON";
  if (!server.config().namesrv_addr.empty()) boot += " and name server is " + server.config().namesrv_addr;
  // mqshutdown finds this process by its pid file, beside the store it owns.
  std::string pid_file = server.config().store_path_root_dir + "/mqbroker.pid";
  if (WritePidFile(pid_file)) {
    logger->info("pid {} written to {}", static_cast<int>(getpid()), pid_file);
  } else {
    logger->warn("could not write the pid file {}; mqshutdown will not find this process", pid_file);
  }
  logger->info("{}", boot);
  std::cout << boot << std::endl;

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  auto begin = std::chrono::steady_clock::now();
  logger->info("Shutdown hook was invoked, {}", signal_number);
  server.Stop();
  std::remove(pid_file.c_str());
  logger->info("Shutdown hook over, consuming total time(ms): {}",
               std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - begin).count());
  logger->flush();
  return 0;
}

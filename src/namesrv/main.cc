// mqnamesrv: the name server executable. Options follow the Java script (NamesrvStartup):
// -c FILE, -p, -n (accepted, no effect), -h. Flag parsing and exit codes live here; the
// stop signals, logging set-up and pid file are common/daemon.h, shared with the other daemon.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "common/daemon.h"
#include "common/logging.h"
#include "namesrv/namesrv_config.h"
#include "namesrv/namesrv_server.h"

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

  // Before any thread starts, so only WaitForStopSignal below sees the stop signals.
  rmq::BlockStopSignals();
  rmq::ConfigureDaemonLogging("mqnamesrv", "namesrv.log");
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
  rmq::WritePidFile(pid_file, *logger);
  logger->info("The Name Server boot success. serializeType=JSON, address {}:{}", config->bind_address, server.port());

  int signal_number = rmq::WaitForStopSignal();
  logger->info("Shutdown hook was invoked by signal {}", signal_number);
  server.Stop();
  std::remove(pid_file.c_str());
  logger->info("Shutdown hook over");
  logger->flush();
  return 0;
}

// mqbroker: the broker executable. Options follow the Java script (BrokerStartup): -c FILE,
// -n ADDR (overrides namesrvAddr; ';' or ',' separated), -p (print every config item and exit),
// -m (print the important ones and exit), -h. Flag parsing and exit codes live here; the
// stop signals, logging set-up and pid file are common/daemon.h, shared with the other daemon.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "broker/broker_config.h"
#include "broker/broker_server.h"
#include "common/daemon.h"
#include "common/logging.h"

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

  // Before any thread starts, so only WaitForStopSignal below sees the stop signals.
  rmq::BlockStopSignals();
  rmq::ConfigureDaemonLogging("mqbroker", "broker.log");
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
  rmq::WritePidFile(pid_file, *logger);
  logger->info("{}", boot);
  std::cout << boot << std::endl;

  int signal_number = rmq::WaitForStopSignal();
  auto begin = std::chrono::steady_clock::now();
  logger->info("Shutdown hook was invoked, {}", signal_number);
  server.Stop();
  std::remove(pid_file.c_str());
  logger->info("Shutdown hook over, consuming total time(ms): {}",
               std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - begin).count());
  logger->flush();
  return 0;
}

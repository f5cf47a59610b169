#include "support/namesrv_process.h"

#include <charconv>

namespace rmq::testing {

Result<std::unique_ptr<NamesrvProcess>> NamesrvProcess::Start(const std::string& executable, const TempDir& dir,
                                                              const std::string& extra_config,
                                                              const std::string& name) {
  std::string config_name = name + ".properties";
  dir.WriteFile(config_name, "listenPort=0\nbindAddress=127.0.0.1\nkvConfigPath=" + dir.Sub(name) +
                                 "/kvConfig.json\n" + extra_config + "\n");
  ProcessOptions options;
  options.executable = executable;
  options.args = {"-c", dir.Sub(config_name)};
  options.env = {{"HOME", dir.Sub(name)}};
  options.output_path = dir.Sub(name + ".out");
  std::unique_ptr<NamesrvProcess> namesrv(new NamesrvProcess);
  RMQ_ASSIGN_OR_RETURN(namesrv->process_, Process::Start(std::move(options)));
  RMQ_ASSIGN_OR_RETURN(std::string line,
                       namesrv->process_->WaitForLine("The Name Server boot success. serializeType=JSON", kBootTimeout));
  // "... serializeType=JSON, address 127.0.0.1:40123"
  size_t colon = line.rfind(':');
  int port = 0;
  if (colon != std::string::npos) {
    std::from_chars(line.data() + colon + 1, line.data() + line.size(), port);
  }
  if (port <= 0 || port > 65535) return Internal("no port in the boot line: " + line);
  namesrv->port_ = static_cast<uint16_t>(port);
  return namesrv;
}

}  // namespace rmq::testing

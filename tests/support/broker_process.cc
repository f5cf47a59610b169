#include "support/broker_process.h"

#include <utility>

namespace rmq::testing {

Result<BrokerProcess> StartBrokerProcess(const std::string& executable, const std::string& config_path,
                                         const std::string& home, const std::string& output_path,
                                         std::chrono::milliseconds timeout) {
  ProcessOptions options;
  options.executable = executable;
  options.args = {"-c", config_path};
  options.env = {{"HOME", home}};
  options.output_path = output_path;
  auto process = Process::Start(std::move(options));
  if (!process.ok()) return Unavailable("mqbroker: " + process.status().ToString());
  auto line = (*process)->WaitForLine("boot success", timeout);
  if (!line.ok()) return Unavailable("mqbroker did not boot: " + line.status().ToString());
  // "The broker[broker-a, 127.0.0.1:12345] boot success..."
  size_t comma = line->find(", ");
  size_t end = comma == std::string::npos ? std::string::npos : line->find(']', comma);
  if (end == std::string::npos) return Internal("no address in the boot line: " + *line);
  BrokerProcess broker;
  broker.process = std::move(process).value();
  broker.address = line->substr(comma + 2, end - comma - 2);
  return broker;
}

}  // namespace rmq::testing

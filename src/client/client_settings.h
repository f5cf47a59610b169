// ClientSettings: what producers and consumers configure before start() and share with their
// ClientInstance — name servers, group, instance name, transport knobs. A plain value type.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"

namespace rmq::client {

struct ClientSettings {
  // "host:port;host:port"; empty means NAMESRV_ADDR.
  std::string namesrv_addr;
  std::string group_name;
  std::string instance_name = "DEFAULT";
  std::string unit_name;
  // I/O threads of the shared client instance; 0 = 2.
  int io_threads = 0;
  int64_t connect_timeout_ms = 3000;
  // Timeout of name-server lookups, heartbeats, offsets and admin calls.
  int64_t request_timeout_ms = 3000;
};

// The name-server list from settings or NAMESRV_ADDR, split on ';' (',' accepted too).
// InvalidArgument "no name server address: set it or NAMESRV_ADDR" when both are empty.
Result<std::vector<std::string>> ResolveNamesrvAddrs(const std::string& configured);

// The first non-loopback IPv4 address of this host, else 127.0.0.1.
std::string LocalIpv4Address();

// ip@pid#instanceName, the C++ client's id format.
std::string BuildClientId(const std::string& instance_name, const std::string& unit_name);

// %RETRY%<group>, %DLQ%<group>.
inline std::string RetryTopic(const std::string& group) { return "%RETRY%" + group; }
inline std::string DlqTopic(const std::string& group) { return "%DLQ%" + group; }
inline bool IsRetryTopic(const std::string& topic) { return topic.rfind("%RETRY%", 0) == 0; }

// Topic and group names as Java's Validators: non-empty, at most 127 (topic) / 255 (group)
// characters of [A-Za-z0-9%_|-]. The message says what is wrong.
Status ValidateTopic(const std::string& topic);
Status ValidateGroup(const std::string& group);

}  // namespace rmq::client

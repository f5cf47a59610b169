#include "client/client_settings.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <unistd.h>

#include <cstdlib>

namespace rmq::client {

Result<std::vector<std::string>> ResolveNamesrvAddrs(const std::string& configured) {
  std::string text = configured;
  if (text.empty()) {
    const char* env = std::getenv("NAMESRV_ADDR");
    if (env != nullptr) text = env;
  }
  std::vector<std::string> addrs;
  std::string current;
  for (char c : text + ";") {
    if (c == ';' || c == ',') {
      if (!current.empty()) addrs.push_back(current);
      current.clear();
    } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      current.push_back(c);
    }
  }
  if (addrs.empty()) return InvalidArgument("no name server address: set it or NAMESRV_ADDR");
  for (const auto& addr : addrs) {
    size_t colon = addr.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == addr.size()) {
      return InvalidArgument("name server address '" + addr + "' is not host:port");
    }
  }
  return addrs;
}

std::string LocalIpv4Address() {
  ifaddrs* list = nullptr;
  std::string result = "127.0.0.1";
  if (getifaddrs(&list) != 0) return result;
  for (ifaddrs* it = list; it != nullptr; it = it->ifa_next) {
    if (it->ifa_addr == nullptr || it->ifa_addr->sa_family != AF_INET) continue;
    auto* sin = reinterpret_cast<sockaddr_in*>(it->ifa_addr);
    uint32_t ip = ntohl(sin->sin_addr.s_addr);
    if ((ip >> 24) == 127) continue;
    char buf[INET_ADDRSTRLEN];
    if (inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof(buf)) != nullptr) {
      result = buf;
      break;
    }
  }
  freeifaddrs(list);
  return result;
}

std::string BuildClientId(const std::string& instance_name, const std::string& unit_name) {
  std::string id = LocalIpv4Address() + "@" + std::to_string(getpid()) + "#" + instance_name;
  if (!unit_name.empty()) id += "@" + unit_name;
  return id;
}

namespace {

Status ValidateName(const std::string& what, const std::string& name, size_t max_length) {
  if (name.empty()) return InvalidArgument(what + " is empty");
  if (name.size() > max_length) {
    return InvalidArgument(what + " '" + name + "' is longer than " + std::to_string(max_length) + " characters");
  }
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '%' || c == '_' ||
              c == '-' || c == '|';
    if (!ok) {
      return InvalidArgument(what + " '" + name + "' contains '" + std::string(1, c) +
                             "'; use only letters, digits, '%', '_', '-' and '|'");
    }
  }
  return Status::Ok();
}

}  // namespace

Status ValidateTopic(const std::string& topic) { return ValidateName("topic", topic, 127); }
Status ValidateGroup(const std::string& group) { return ValidateName("group name", group, 255); }

}  // namespace rmq::client

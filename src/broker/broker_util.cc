#include "broker/broker_util.h"

#include <arpa/inet.h>

#include <cstdlib>
#include <cstring>

namespace rmq::broker {

HostAddress ParseHostAddress(std::string_view address) {
  HostAddress host;
  size_t colon = address.rfind(':');
  if (colon == std::string_view::npos) return host;
  std::string ip(address.substr(0, colon));
  int port = std::atoi(std::string(address.substr(colon + 1)).c_str());
  if (ip.size() >= 2 && ip.front() == '[' && ip.back() == ']') ip = ip.substr(1, ip.size() - 2);
  in_addr v4{};
  if (inet_pton(AF_INET, ip.c_str(), &v4) == 1) {
    std::memcpy(host.ip.data(), &v4, 4);
    host.port = port;
    return host;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, ip.c_str(), &v6) == 1) {
    // An IPv4-mapped address is stored as IPv4: clients only decode 4-byte hosts.
    if (IN6_IS_ADDR_V4MAPPED(&v6)) {
      std::memcpy(host.ip.data(), reinterpret_cast<const char*>(&v6) + 12, 4);
    } else {
      host.ipv6 = true;
      std::memcpy(host.ip.data(), &v6, 16);
    }
    host.port = port;
  }
  return host;
}

}  // namespace rmq::broker

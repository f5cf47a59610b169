#include <arpa/inet.h>

#include "common/message.h"

namespace rmq {

std::string HostAddress::ToString() const {
  char buf[INET6_ADDRSTRLEN] = {0};
  inet_ntop(ipv6 ? AF_INET6 : AF_INET, ip.data(), buf, sizeof(buf));
  if (ipv6) return "[" + std::string(buf) + "]:" + std::to_string(port);
  return std::string(buf) + ":" + std::to_string(port);
}

}  // namespace rmq

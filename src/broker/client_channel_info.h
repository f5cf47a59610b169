// ClientChannelInfo: what the broker knows about one client connection of a producer or consumer
// group — the connection (weakly held), the client id, language and version from its heartbeat,
// its address and when it last sent a heartbeat (ClientChannelInfo.java). A plain value type.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "remoting/connection.h"

namespace rmq::broker {

struct ClientChannelInfo {
  std::weak_ptr<remoting::Connection> connection;
  std::string client_id;
  std::string language = "JAVA";
  int32_t version = 0;
  std::string remote_address;
  int64_t last_update_ms = 0;  // steady clock
};

// The identity of a connection while it lives: the address of its object.
inline const void* ConnectionKey(const std::shared_ptr<remoting::Connection>& connection) {
  return connection.get();
}

// ms on the steady clock, for expiry.
int64_t SteadyNowMs();

}  // namespace rmq::broker

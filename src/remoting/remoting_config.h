// Settings of the remoting server and client, filled by the daemons' and client's config.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "remoting/frame_codec.h"

namespace rmq::remoting {

struct RemotingServerConfig {
  // Address to bind; daemons listen on all interfaces, tests on 127.0.0.1.
  std::string bind_address = "0.0.0.0";
  // 0 picks a free port; RemotingServer::port() tells which.
  uint16_t listen_port = 0;
  // Largest frame accepted, length prefix included; a bigger one closes the connection.
  size_t max_frame_size = kDefaultMaxFrameSize;
  // A connection with no traffic in either direction for this long is closed; 0 = never.
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(120)};
};

struct RemotingClientConfig {
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(3)};
  size_t max_frame_size = kDefaultMaxFrameSize;
  // A channel with no traffic for this long is closed and re-created on next use; 0 = never.
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(120)};
};

}  // namespace rmq::remoting

// The interface a request handler implements, and what it learns about the request's origin.
// Processors are owned by the daemon that registers them and must outlive the server or
// client they are registered with. Process() runs on the connection's strand; it may be
// called concurrently for different connections.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "remoting/asio.h"
#include "remoting/remoting_command.h"

namespace rmq::remoting {

class Connection;

struct RequestContext {
  // "ip:port" of the peer.
  std::string remote_address;
  // The connection the request came in on: lets a broker call its clients back later
  // (transaction checks, consumer notifications). Holders keep a weak_ptr.
  std::shared_ptr<Connection> connection;
};

class RequestProcessor {
 public:
  virtual ~RequestProcessor() = default;
  // Returns the response, or nullopt to send none. For oneway requests any response is
  // dropped by the caller.
  virtual asio::awaitable<std::optional<RemotingCommand>> Process(RequestContext& context,
                                                                  RemotingCommand request) = 0;
  // True when Process never suspends for `request`. The connection then runs it inside its
  // reader instead of spawning a coroutine per request (a post through the strand, an extra
  // scheduler pass and a work-tracking executor each). A processor that suspends anyway is not
  // wrong, only slower: that connection reads its next request after the response.
  virtual bool CompletesInline(const RemotingCommand& /*request*/) const { return false; }
};

}  // namespace rmq::remoting

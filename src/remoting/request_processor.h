// The interface a request handler implements, and what it learns about the request's origin.
// Processors are owned by the daemon that registers them and must outlive the server or
// client they are registered with. Process() runs on the connection's strand; it may be
// called concurrently for different connections.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "common/status.h"
#include "remoting/asio.h"
#include "remoting/remoting_command.h"
#include "remoting/send_message_headers.h"

namespace rmq::remoting {

class Connection;

struct RequestContext {
  // "ip:port" of the peer.
  std::string remote_address;
  // The connection the request came in on: lets a broker call its clients back later
  // (transaction checks, consumer notifications). Holders keep a weak_ptr.
  std::shared_ptr<Connection> connection;
  // A send request's header, decoded by the connection straight from the JSON bytes (or the
  // error that decoding gave) when the processor asked for it (TakesSendHeader); the request's
  // extFields are then empty. Null otherwise. Valid until Process returns.
  Result<SendMessageRequestHeader>* send_header = nullptr;
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
  // True when Process, for an inline request of this send code, reads its header from
  // RequestContext::send_header: the connection then decodes a JSON header in one pass straight
  // into SendMessageRequestHeader (send_header_json.h) instead of into extFields.
  virtual bool TakesSendHeader(int32_t /*code*/) const { return false; }
};

}  // namespace rmq::remoting

// RemotingServer: accepts TCP connections for a daemon (name server, broker) and serves each
// with a Connection whose requests go to the registered processors. The daemon owns the
// server; the io_context (and its threads) belong to the daemon's IoThreadPool and must outlive
// Start()..Stop(). Given the pool, the server spreads connections over its threads, one thread
// per connection. Thread-safe, except that RegisterProcessor must precede Start().
#pragma once

#include <cstdint>
#include <memory>

#include "common/status.h"
#include "remoting/asio.h"
#include "remoting/connection.h"
#include "remoting/io_thread_pool.h"
#include "remoting/remoting_config.h"
#include "remoting/request_processor.h"

namespace rmq::remoting {

class RemotingServer {
 public:
  // Every connection on `context`.
  RemotingServer(asio::io_context& context, RemotingServerConfig config);
  // Each accepted connection pinned to the next of the pool's contexts (round-robin); the
  // acceptor runs on the first.
  RemotingServer(IoThreadPool& pool, RemotingServerConfig config);
  // Stops the server.
  ~RemotingServer();

  RemotingServer(const RemotingServer&) = delete;
  RemotingServer& operator=(const RemotingServer&) = delete;

  // Serves `code` with `processor`, which must outlive the server's connections.
  // REQUIRES: before Start(). A second registration of a code replaces the first.
  void RegisterProcessor(int32_t code, RequestProcessor& processor);

  // Binds bind_address:listen_port and starts accepting. Fails (naming address and port) when
  // the address cannot be bound, e.g. the port is in use.
  Status Start();
  // The bound port (the chosen one when listen_port was 0); 0 before Start().
  uint16_t port() const;
  // Closes the acceptor (the port is free on return) and every live connection. Idempotent;
  // the server may be destroyed afterwards while the io_context keeps running.
  void Stop();
  // Connections accepted and not yet closed.
  size_t connection_count() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace rmq::remoting

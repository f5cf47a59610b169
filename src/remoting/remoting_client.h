// RemotingClient: calls name servers and brokers over the remoting protocol. Keeps one
// Connection per "host:port", created on first use and re-created on the next use after it
// dropped; requests that servers send down these connections go to the registered processors.
// Owned by its user (client library, broker, admin tool); the io_context (or pool) must outlive
// it and be run by other threads. Given a pool, each connection is pinned to one of its
// contexts (round-robin), so its responses are read and handled on one thread. Thread-safe, except that RegisterProcessor must precede the first
// request.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "common/status.h"
#include "remoting/asio.h"
#include "remoting/connection.h"
#include "remoting/io_thread_pool.h"
#include "remoting/remoting_config.h"
#include "remoting/request_processor.h"

namespace rmq::remoting {

class RemotingClient {
 public:
  // Every connection on `context`.
  RemotingClient(asio::io_context& context, RemotingClientConfig config);
  // Each connection pinned to the next of the pool's contexts.
  RemotingClient(IoThreadPool& pool, RemotingClientConfig config);
  // Shuts down.
  ~RemotingClient();

  RemotingClient(const RemotingClient&) = delete;
  RemotingClient& operator=(const RemotingClient&) = delete;

  // Serves server-initiated requests with `code` (CHECK_TRANSACTION_STATE, ...); `processor`
  // must outlive the client's connections. REQUIRES: before the first request.
  void RegisterProcessor(int32_t code, RequestProcessor& processor);

  // Sends `request` to `address` ("host:port") and blocks the calling thread for the response.
  // `timeout` covers connecting too. Errors: kUnavailable (cannot connect, connection lost,
  // client shut down), kTimeout, kInternal when called on a thread running the client's
  // io_context or one of its pool's (waiting there could deadlock).
  Result<RemotingCommand> InvokeSync(const std::string& address, RemotingCommand request,
                                     std::chrono::milliseconds timeout);
  // As InvokeSync, but returns at once; `callback` runs exactly once, on an io thread. Takes
  // `request` by rvalue reference: a command is a few hundred bytes, and every by-value hop on
  // the way to the connection moved it once more.
  void InvokeAsync(const std::string& address, RemotingCommand&& request, std::chrono::milliseconds timeout,
                   ResponseCallback callback);
  // Coroutine form; resumes on the awaiting coroutine's executor.
  asio::awaitable<Result<RemotingCommand>> Invoke(std::string address, RemotingCommand request,
                                                  std::chrono::milliseconds timeout);
  // Marks `request` oneway and queues it. Off the io threads this waits for the connection and
  // reports a failure to connect; on an io thread it never blocks and such a failure is logged.
  Status InvokeOneway(const std::string& address, RemotingCommand request);

  // Closes the connection to `address`, if any; the next request reconnects.
  void CloseConnection(const std::string& address);
  // Closes every connection; later requests fail with kUnavailable. Idempotent.
  void Shutdown();

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace rmq::remoting

#include "remoting/remoting_server.h"

#include <mutex>
#include <vector>

#include "common/logging.h"

namespace rmq::remoting {

// Shared with the pending accept so the server object may be destroyed after Stop().
struct RemotingServer::State : std::enable_shared_from_this<State> {
  State(asio::io_context& context, IoThreadPool* pool, RemotingServerConfig config)
      : context(context), pool(pool), config(std::move(config)), acceptor(context) {}

  // Where the next connection runs.
  asio::io_context& ConnectionContext() { return pool != nullptr ? pool->NextContext() : context; }

  // Starts one asynchronous accept. The accept is initiated with a plain completion handler
  // under `mutex` (not from a coroutine) so that Stop() on another thread can never close the
  // acceptor while an accept is being initiated.
  void AcceptNext() {
    std::lock_guard lock(mutex);
    if (stopped) return;
    Connection::Strand strand = asio::make_strand(ConnectionContext());
    acceptor.async_accept(strand, [self = shared_from_this(), strand](const boost::system::error_code& ec,
                                                                      asio::ip::tcp::socket socket) mutable {
      self->OnAccept(ec, std::move(socket), std::move(strand));
    });
  }

  void OnAccept(const boost::system::error_code& ec, asio::ip::tcp::socket socket, Connection::Strand strand) {
    if (ec) {
      if (ec == asio::error::operation_aborted || ec == asio::error::bad_descriptor) return;
      // Running out of descriptors and the like: keep serving the connections we have.
      GetLogger("remoting")->warn("accept on port {} failed: {}", port, ec.message());
    } else {
      auto connection = Connection::Create(std::move(socket), std::move(strand), processors,
                                           ConnectionOptions{config.max_frame_size, config.idle_timeout});
      bool accepted = false;
      {
        std::lock_guard lock(mutex);
        if (!stopped) {
          if (connections.size() >= prune_at) {
            std::erase_if(connections, [](const std::weak_ptr<Connection>& c) { return c.expired(); });
            prune_at = std::max<size_t>(64, connections.size() * 2);
          }
          connections.push_back(connection);
          accepted = true;
        }
      }
      if (!accepted) {
        connection->Close();
        return;
      }
      GetLogger("remoting")->debug("accepted connection from {}", connection->remote_address());
      connection->Start();
    }
    AcceptNext();
  }

  asio::io_context& context;
  IoThreadPool* const pool;  // null: every connection on `context`
  const RemotingServerConfig config;
  std::shared_ptr<ProcessorTable> processors = std::make_shared<ProcessorTable>();
  uint16_t port = 0;

  mutable std::mutex mutex;
  asio::ip::tcp::acceptor acceptor;                    // Guarded by mutex.
  bool started = false;                                // Guarded by mutex.
  bool stopped = false;                                // Guarded by mutex.
  std::vector<std::weak_ptr<Connection>> connections;  // Guarded by mutex.
  size_t prune_at = 64;                                // Guarded by mutex.
};

RemotingServer::RemotingServer(asio::io_context& context, RemotingServerConfig config)
    : state_(std::make_shared<State>(context, nullptr, std::move(config))) {}

RemotingServer::RemotingServer(IoThreadPool& pool, RemotingServerConfig config)
    : state_(std::make_shared<State>(pool.context(), &pool, std::move(config))) {}

RemotingServer::~RemotingServer() { Stop(); }

void RemotingServer::RegisterProcessor(int32_t code, RequestProcessor& processor) {
  std::lock_guard lock(state_->mutex);
  assert(!state_->started && "RegisterProcessor after Start");
  (*state_->processors)[code] = &processor;
}

Status RemotingServer::Start() {
  State& state = *state_;
  {
    std::lock_guard lock(state.mutex);
    if (state.started) return Status::Ok();
    if (state.stopped) return Unavailable("server was stopped");
    const std::string where = state.config.bind_address + ":" + std::to_string(state.config.listen_port);
    boost::system::error_code ec;
    asio::ip::address address = asio::ip::make_address(state.config.bind_address, ec);
    if (ec) return InvalidArgument("cannot listen on " + where + ": bad address: " + ec.message());
    asio::ip::tcp::endpoint endpoint(address, state.config.listen_port);
    auto fail = [&](const char* step) {
      boost::system::error_code ignored;
      state.acceptor.close(ignored);
      return IoError("cannot listen on " + where + ": " + step + ": " + ec.message());
    };
    state.acceptor.open(endpoint.protocol(), ec);
    if (ec) return fail("open");
    state.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (ec) return fail("SO_REUSEADDR");
    state.acceptor.bind(endpoint, ec);
    if (ec) return fail("bind");
    state.acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return fail("listen");
    state.port = state.acceptor.local_endpoint(ec).port();
    state.started = true;
    GetLogger("remoting")->info("listening on {}:{}", state.config.bind_address, state.port);
  }
  state.AcceptNext();
  return Status::Ok();
}

uint16_t RemotingServer::port() const {
  std::lock_guard lock(state_->mutex);
  return state_->port;
}

void RemotingServer::Stop() {
  std::vector<std::weak_ptr<Connection>> connections;
  {
    std::lock_guard lock(state_->mutex);
    if (state_->stopped) return;
    state_->stopped = true;
    boost::system::error_code ec;
    state_->acceptor.close(ec);
    connections.swap(state_->connections);
    if (state_->started) GetLogger("remoting")->info("stopped listening on port {}", state_->port);
  }
  for (auto& weak : connections) {
    if (auto connection = weak.lock()) connection->Close();
  }
}

size_t RemotingServer::connection_count() const {
  std::lock_guard lock(state_->mutex);
  size_t count = 0;
  for (const auto& weak : state_->connections) {
    if (auto connection = weak.lock(); connection && connection->is_open()) ++count;
  }
  return count;
}

}  // namespace rmq::remoting

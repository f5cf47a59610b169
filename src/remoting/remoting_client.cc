#include "remoting/remoting_client.h"

#include <condition_variable>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "common/logging.h"

namespace rmq::remoting {
namespace {

using Clock = std::chrono::steady_clock;
using ConnectionCallback = std::function<void(Result<std::shared_ptr<Connection>>)>;

// One in-progress connect: the timer closes the socket (and cancels the resolve) when
// connect_timeout passes first. Shared with the timer's handler, which may outlive the dial.
struct DialAttempt {
  explicit DialAttempt(const Connection::Strand& strand) : socket(strand), resolver(strand), timer(strand) {}
  asio::ip::tcp::socket socket;
  asio::ip::tcp::resolver resolver;
  asio::steady_timer timer;
  bool done = false;
  bool timed_out = false;
};

}  // namespace

struct RemotingClient::State : std::enable_shared_from_this<State> {
  struct Channel {
    std::shared_ptr<Connection> connection;  // null or closed while (re)connecting
    bool connecting = false;
    std::vector<ConnectionCallback> waiters;
  };

  State(asio::io_context& context, IoThreadPool* pool, RemotingClientConfig config)
      : context(context), pool(pool), config(std::move(config)) {}

  // Where the next connection runs.
  asio::io_context& ConnectionContext() { return pool != nullptr ? pool->NextContext() : context; }
  // True on a thread whose blocking would stall the client's own connections.
  bool OnIoThread() const {
    return pool != nullptr ? pool->InPoolThread() : context.get_executor().running_in_this_thread();
  }

  // An open connection to `address`, or null.
  std::shared_ptr<Connection> FindOpen(const std::string& address) {
    std::lock_guard lock(mutex);
    auto it = channels.find(address);
    if (it == channels.end() || !it->second.connection || !it->second.connection->is_open()) return nullptr;
    return it->second.connection;
  }

  // Calls `callback` with an open connection to `address`, connecting first when needed.
  void Acquire(const std::string& address, ConnectionCallback callback) {
    std::shared_ptr<Connection> ready;
    {
      std::unique_lock lock(mutex);
      if (shut_down) {
        lock.unlock();
        callback(Unavailable("remoting client is shut down"));
        return;
      }
      Channel& channel = channels[address];
      if (channel.connection && channel.connection->is_open()) {
        ready = channel.connection;
      } else {
        channel.waiters.push_back(std::move(callback));
        if (!channel.connecting) {
          channel.connecting = true;
          channel.connection.reset();
          Connection::Strand strand = asio::make_strand(ConnectionContext());
          asio::co_spawn(strand, Connect(shared_from_this(), address, strand), asio::detached);
        }
      }
    }
    if (ready) callback(std::move(ready));
  }

  static asio::awaitable<void> Connect(std::shared_ptr<State> self, std::string address, Connection::Strand strand) {
    Result<std::shared_ptr<Connection>> result = co_await self->Dial(address, strand);
    std::vector<ConnectionCallback> waiters;
    {
      std::lock_guard lock(self->mutex);
      auto it = self->channels.find(address);
      if (it != self->channels.end()) {
        it->second.connecting = false;
        waiters.swap(it->second.waiters);
      }
      if (result.ok()) {
        if (self->shut_down || it == self->channels.end()) {
          (*result)->Close();
          result = Unavailable("remoting client is shut down");
        } else {
          it->second.connection = *result;
        }
      }
    }
    if (result.ok()) {
      GetLogger("remoting")->debug("connected to {}", address);
      (*result)->Start();
    } else {
      GetLogger("remoting")->debug("{}", result.status().message());
    }
    for (auto& waiter : waiters) waiter(result);
  }

  asio::awaitable<Result<std::shared_ptr<Connection>>> Dial(const std::string& address, Connection::Strand strand) {
    size_t colon = address.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == address.size()) {
      co_return Unavailable("cannot connect to " + address + ": not a host:port address");
    }
    std::string host = address.substr(0, colon);
    std::string port = address.substr(colon + 1);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);

    auto attempt = std::make_shared<DialAttempt>(strand);
    attempt->timer.expires_after(config.connect_timeout);
    attempt->timer.async_wait([attempt](const boost::system::error_code& ec) {
      if (ec || attempt->done) return;
      attempt->timed_out = true;
      boost::system::error_code ignored;
      attempt->resolver.cancel();
      attempt->socket.close(ignored);
    });

    boost::system::error_code ec;
    asio::ip::address ip = asio::ip::make_address(host, ec);
    if (!ec) {
      unsigned long port_number = 0;
      try {
        port_number = std::stoul(port);
      } catch (const std::exception&) {
        port_number = 65536;
      }
      if (port_number > 65535) {
        attempt->done = true;
        attempt->timer.cancel();
        co_return Unavailable("cannot connect to " + address + ": bad port");
      }
      co_await attempt->socket.async_connect(asio::ip::tcp::endpoint(ip, static_cast<uint16_t>(port_number)),
                                             asio::redirect_error(asio::use_awaitable, ec));
    } else {
      auto endpoints =
          co_await attempt->resolver.async_resolve(host, port, asio::redirect_error(asio::use_awaitable, ec));
      if (!ec && !attempt->timed_out) {
        co_await asio::async_connect(attempt->socket, endpoints, asio::redirect_error(asio::use_awaitable, ec));
      }
    }
    attempt->done = true;
    attempt->timer.cancel();
    if (attempt->timed_out) {
      co_return Unavailable("cannot connect to " + address + ": timed out after " +
                            std::to_string(config.connect_timeout.count()) + " ms");
    }
    if (ec) co_return Unavailable("cannot connect to " + address + ": " + ec.message());
    co_return Connection::Create(std::move(attempt->socket), std::move(strand), processors,
                                 ConnectionOptions{config.max_frame_size, config.idle_timeout});
  }

  // `request` by reference: a command is a few hundred bytes, and each by-value hop moves it.
  void InvokeAsync(const std::string& address, RemotingCommand&& request, std::chrono::milliseconds timeout,
                   ResponseCallback callback) {
    if (auto connection = FindOpen(address)) {
      connection->InvokeAsync(std::move(request), timeout, std::move(callback));
      return;
    }
    Clock::time_point deadline = Clock::now() + timeout;
    auto shared_request = std::make_shared<RemotingCommand>(std::move(request));
    Acquire(address, [shared_request, deadline, callback = std::move(callback)](
                         Result<std::shared_ptr<Connection>> connection) mutable {
      if (!connection.ok()) {
        callback(connection.status());
        return;
      }
      auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (remaining.count() <= 0) {
        callback(Timeout("request code " + std::to_string(shared_request->code()) + " to " +
                         (*connection)->remote_address() + " timed out while connecting"));
        return;
      }
      (*connection)->InvokeAsync(std::move(*shared_request), remaining, std::move(callback));
    });
  }

  asio::io_context& context;
  IoThreadPool* const pool;  // null: every connection on `context`
  const RemotingClientConfig config;
  std::shared_ptr<ProcessorTable> processors = std::make_shared<ProcessorTable>();

  std::mutex mutex;
  std::unordered_map<std::string, Channel> channels;  // Guarded by mutex.
  bool shut_down = false;                             // Guarded by mutex.
};

RemotingClient::RemotingClient(asio::io_context& context, RemotingClientConfig config)
    : state_(std::make_shared<State>(context, nullptr, std::move(config))) {}

RemotingClient::RemotingClient(IoThreadPool& pool, RemotingClientConfig config)
    : state_(std::make_shared<State>(pool.context(), &pool, std::move(config))) {}

RemotingClient::~RemotingClient() { Shutdown(); }

void RemotingClient::RegisterProcessor(int32_t code, RequestProcessor& processor) {
  std::lock_guard lock(state_->mutex);
  assert(state_->channels.empty() && "RegisterProcessor after the first request");
  (*state_->processors)[code] = &processor;
}

Result<RemotingCommand> RemotingClient::InvokeSync(const std::string& address, RemotingCommand request,
                                                   std::chrono::milliseconds timeout) {
  if (state_->OnIoThread()) {
    return Internal("InvokeSync to " + address + " called on an io thread of the client's own io_context");
  }
  struct Waiter {
    std::mutex mutex;
    std::condition_variable ready;
    std::optional<Result<RemotingCommand>> result;  // Guarded by mutex.
  };
  auto waiter = std::make_shared<Waiter>();
  int32_t code = request.code();
  state_->InvokeAsync(address, std::move(request), timeout, [waiter](Result<RemotingCommand> result) {
    {
      std::lock_guard lock(waiter->mutex);
      waiter->result.emplace(std::move(result));
    }
    waiter->ready.notify_one();
  });
  // The connection's watchdog answers by `timeout`; the extra bound only matters when the
  // io_context is not being run at all.
  auto bound = timeout + state_->config.connect_timeout + std::chrono::seconds(1);
  std::unique_lock lock(waiter->mutex);
  if (!waiter->ready.wait_for(lock, bound, [&] { return waiter->result.has_value(); })) {
    return Timeout("request code " + std::to_string(code) + " to " + address + " got no answer within " +
                   std::to_string(bound.count()) + " ms; is the io_context running?");
  }
  return std::move(*waiter->result);
}

void RemotingClient::InvokeAsync(const std::string& address, RemotingCommand&& request,
                                 std::chrono::milliseconds timeout, ResponseCallback callback) {
  state_->InvokeAsync(address, std::move(request), timeout, std::move(callback));
}

asio::awaitable<Result<RemotingCommand>> RemotingClient::Invoke(std::string address, RemotingCommand request,
                                                                std::chrono::milliseconds timeout) {
  // Holds the state, not `this`, across the suspension.
  auto start = [state = state_, address = std::move(address), request = std::move(request),
                timeout](ResponseCallback callback) mutable {
    state->InvokeAsync(address, std::move(request), timeout, std::move(callback));
  };
  // A named local, not a temporary in the co_await expression (see Connection::Invoke).
  Result<RemotingCommand> result = co_await AwaitResponse(std::move(start));
  co_return result;
}

Status RemotingClient::InvokeOneway(const std::string& address, RemotingCommand request) {
  request.MarkOneway();
  if (auto connection = state_->FindOpen(address)) {
    connection->Send(std::move(request));
    return Status::Ok();
  }
  auto shared_request = std::make_shared<RemotingCommand>(std::move(request));
  if (state_->OnIoThread()) {
    state_->Acquire(address, [shared_request](Result<std::shared_ptr<Connection>> connection) {
      if (!connection.ok()) {
        GetLogger("remoting")->warn("oneway request code {} dropped: {}", shared_request->code(),
                                    connection.status().message());
        return;
      }
      (*connection)->Send(std::move(*shared_request));
    });
    return Status::Ok();
  }
  struct Waiter {
    std::mutex mutex;
    std::condition_variable ready;
    std::optional<Status> status;  // Guarded by mutex.
  };
  auto waiter = std::make_shared<Waiter>();
  state_->Acquire(address, [waiter, shared_request](Result<std::shared_ptr<Connection>> connection) {
    Status status = connection.status();
    if (connection.ok()) (*connection)->Send(std::move(*shared_request));
    {
      std::lock_guard lock(waiter->mutex);
      waiter->status.emplace(std::move(status));
    }
    waiter->ready.notify_one();
  });
  auto bound = state_->config.connect_timeout + std::chrono::seconds(1);
  std::unique_lock lock(waiter->mutex);
  if (!waiter->ready.wait_for(lock, bound, [&] { return waiter->status.has_value(); })) {
    return Timeout("connecting to " + address + " got no answer; is the io_context running?");
  }
  return std::move(*waiter->status);
}

void RemotingClient::CloseConnection(const std::string& address) {
  std::shared_ptr<Connection> connection;
  {
    std::lock_guard lock(state_->mutex);
    auto it = state_->channels.find(address);
    if (it == state_->channels.end()) return;
    connection = std::move(it->second.connection);
    if (!it->second.connecting) state_->channels.erase(it);
  }
  if (connection) connection->Close();
}

void RemotingClient::Shutdown() {
  std::vector<std::shared_ptr<Connection>> connections;
  std::vector<ConnectionCallback> waiters;
  {
    std::lock_guard lock(state_->mutex);
    if (state_->shut_down) return;
    state_->shut_down = true;
    for (auto& [address, channel] : state_->channels) {
      if (channel.connection) connections.push_back(std::move(channel.connection));
      for (auto& waiter : channel.waiters) waiters.push_back(std::move(waiter));
    }
    state_->channels.clear();
  }
  for (auto& connection : connections) connection->Close();
  for (auto& waiter : waiters) waiter(Unavailable("remoting client is shut down"));
}

}  // namespace rmq::remoting

// RemotingClient against a real RemotingServer on loopback: timeouts, connection loss,
// reconnection, connect failures, the coroutine and oneway forms, misuse from io threads, and
// bursts of async and oneway requests from other threads (order, exactly-once callbacks, close).
#include "remoting/remoting_client.h"

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "remoting/io_thread_pool.h"
#include "remoting/remoting_server.h"
#include "remoting/response_code.h"

namespace rmq::remoting {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr int32_t kPingCode = 3001;
constexpr int32_t kSlowCode = 3002;
constexpr int32_t kNoteCode = 3003;

// Answers SUCCESS with body "pong" after `delay`; counts what it saw.
class PongProcessor : public RequestProcessor {
 public:
  explicit PongProcessor(std::chrono::milliseconds delay = 0ms) : delay_(delay) {}
  asio::awaitable<std::optional<RemotingCommand>> Process(RequestContext&, RemotingCommand request) override {
    ++seen_;
    if (delay_.count() > 0) {
      asio::steady_timer timer(co_await asio::this_coro::executor, delay_);
      co_await timer.async_wait(asio::use_awaitable);
    }
    RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
    response.set_body("pong");
    co_return response;
  }
  int seen() const { return seen_.load(); }

 private:
  std::chrono::milliseconds delay_;
  std::atomic<int> seen_{0};
};

template <typename Predicate>
bool WaitFor(Predicate predicate, std::chrono::milliseconds timeout = 2000ms) {
  auto deadline = Clock::now() + timeout;
  while (!predicate()) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

class RemotingClientTest : public ::testing::Test {
 protected:
  RemotingClientTest() : pool_(2) { pool_.Start(); }

  void StartServer(uint16_t port = 0) {
    RemotingServerConfig config;
    config.bind_address = "127.0.0.1";
    config.listen_port = port;
    server_ = std::make_unique<RemotingServer>(pool_, config);
    server_->RegisterProcessor(kPingCode, ping_);
    server_->RegisterProcessor(kSlowCode, slow_);
    server_->RegisterProcessor(kNoteCode, note_);
    Status status = server_->Start();
    ASSERT_TRUE(status.ok()) << status.ToString();
    address_ = "127.0.0.1:" + std::to_string(server_->port());
  }

  // A loopback address nothing listens on.
  static std::string DeadAddress() {
    asio::io_context context;
    asio::ip::tcp::acceptor acceptor(context, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    uint16_t port = acceptor.local_endpoint().port();
    acceptor.close();
    return "127.0.0.1:" + std::to_string(port);
  }

  Result<RemotingCommand> Ping(std::chrono::milliseconds timeout = 1000ms) {
    return client_.InvokeSync(address_, RemotingCommand::CreateRequest(kPingCode), timeout);
  }

  IoThreadPool pool_;
  PongProcessor ping_;
  PongProcessor slow_{1000ms};
  PongProcessor note_;
  RemotingClient client_{pool_, RemotingClientConfig{}};
  std::unique_ptr<RemotingServer> server_;
  std::string address_;
};

TEST_F(RemotingClientTest, InvokeSyncRoundTrip) {
  StartServer();
  Result<RemotingCommand> response = Ping();
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->body(), "pong");
  ASSERT_TRUE(Ping().ok());
  EXPECT_EQ(server_->connection_count(), 1u);  // one connection per address, reused
}

TEST_F(RemotingClientTest, InvokeSyncTimesOutPromptly) {
  StartServer();
  ASSERT_TRUE(Ping().ok());  // connected, so the timeout measures only the request
  Clock::time_point start = Clock::now();
  Result<RemotingCommand> response = client_.InvokeSync(address_, RemotingCommand::CreateRequest(kSlowCode), 200ms);
  auto elapsed = Clock::now() - start;
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kTimeout) << response.status().ToString();
  EXPECT_GE(elapsed, 195ms);
  EXPECT_LT(elapsed, 300ms);
  // The connection survives a timeout and the late response is dropped.
  ASSERT_TRUE(Ping().ok());
}

TEST_F(RemotingClientTest, PendingRequestsFailWhenServerClosesConnection) {
  StartServer();
  std::atomic<int> unavailable{0};
  for (int i = 0; i < 3; ++i) {
    client_.InvokeAsync(address_, RemotingCommand::CreateRequest(kSlowCode), 5s, [&](Result<RemotingCommand> r) {
      if (!r.ok() && r.status().code() == StatusCode::kUnavailable) ++unavailable;
    });
  }
  ASSERT_TRUE(WaitFor([&] { return slow_.seen() == 3; }));
  Clock::time_point start = Clock::now();
  server_->Stop();
  ASSERT_TRUE(WaitFor([&] { return unavailable.load() == 3; }, 1000ms));
  EXPECT_LT(Clock::now() - start, 200ms);
}

TEST_F(RemotingClientTest, ReconnectsAfterServerRestartsOnTheSamePort) {
  StartServer();
  ASSERT_TRUE(Ping().ok());
  uint16_t port = server_->port();
  server_->Stop();
  server_.reset();
  StartServer(port);
  // The old connection may not have seen its close yet; a request on it fails, the next
  // one reconnects.
  bool ok = WaitFor([&] { return Ping(200ms).ok(); });
  EXPECT_TRUE(ok);
  EXPECT_EQ(ping_.seen(), 2);
}

TEST_F(RemotingClientTest, ConnectFailureIsUnavailableNamingTheAddress) {
  std::string dead = DeadAddress();
  Result<RemotingCommand> response = client_.InvokeSync(dead, RemotingCommand::CreateRequest(kPingCode), 1000ms);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(response.status().message().find(dead), std::string::npos) << response.status().ToString();
  Status oneway = client_.InvokeOneway(dead, RemotingCommand::CreateRequest(kNoteCode));
  EXPECT_EQ(oneway.code(), StatusCode::kUnavailable);
  Result<RemotingCommand> bad = client_.InvokeSync("no-port", RemotingCommand::CreateRequest(kPingCode), 1000ms);
  EXPECT_EQ(bad.status().code(), StatusCode::kUnavailable);
}

TEST_F(RemotingClientTest, ConnectTimeoutIsUnavailable) {
  // A listener that never accepts, its backlog filled: further SYNs go unanswered.
  asio::io_context context;
  asio::ip::tcp::acceptor listener(context);
  listener.open(asio::ip::tcp::v4());
  listener.bind(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  listener.listen(0);
  asio::ip::tcp::endpoint endpoint = listener.local_endpoint();
  std::vector<std::unique_ptr<asio::ip::tcp::socket>> fillers;
  for (int i = 0; i < 4; ++i) {
    // Initiating sends the SYN; `context` never runs, so nothing waits for the outcome.
    auto socket = std::make_unique<asio::ip::tcp::socket>(context);
    socket->async_connect(endpoint, [](const boost::system::error_code&) {});
    fillers.push_back(std::move(socket));
  }
  RemotingClientConfig config;
  config.connect_timeout = 150ms;
  RemotingClient client(pool_.context(), config);
  std::string address = "127.0.0.1:" + std::to_string(endpoint.port());
  Clock::time_point start = Clock::now();
  Result<RemotingCommand> response = client.InvokeSync(address, RemotingCommand::CreateRequest(kPingCode), 1000ms);
  auto elapsed = Clock::now() - start;
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kUnavailable) << response.status().ToString();
  EXPECT_NE(response.status().message().find("timed out"), std::string::npos) << response.status().ToString();
  EXPECT_GE(elapsed, 140ms);
  EXPECT_LT(elapsed, 500ms);
}

TEST_F(RemotingClientTest, CoroutineInvoke) {
  StartServer();
  std::promise<Result<RemotingCommand>> promise;
  asio::co_spawn(
      pool_.context(),
      [&]() -> asio::awaitable<void> {
        Result<RemotingCommand> result =
            co_await client_.Invoke(address_, RemotingCommand::CreateRequest(kPingCode), 1000ms);
        promise.set_value(std::move(result));
      },
      asio::detached);
  auto future = promise.get_future();
  ASSERT_EQ(future.wait_for(2s), std::future_status::ready);
  Result<RemotingCommand> result = future.get();
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->body(), "pong");
}

TEST_F(RemotingClientTest, InvokeOnewayReachesServer) {
  StartServer();
  ASSERT_TRUE(client_.InvokeOneway(address_, RemotingCommand::CreateRequest(kNoteCode)).ok());
  ASSERT_TRUE(client_.InvokeOneway(address_, RemotingCommand::CreateRequest(kNoteCode)).ok());
  EXPECT_TRUE(WaitFor([&] { return note_.seen() == 2; }));
}

TEST_F(RemotingClientTest, InvokeSyncOnAnIoThreadIsRefused) {
  StartServer();
  // Every thread of the pool counts, not only the one the connection happens to be pinned to.
  for (size_t i = 0; i < pool_.size(); ++i) {
    std::promise<Result<RemotingCommand>> promise;
    asio::post(pool_.context(i), [&] { promise.set_value(Ping()); });
    auto future = promise.get_future();
    ASSERT_EQ(future.wait_for(2s), std::future_status::ready);
    Result<RemotingCommand> result = future.get();
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), StatusCode::kInternal) << "pool thread " << i;
  }
}

TEST_F(RemotingClientTest, CloseConnectionReconnectsOnNextUse) {
  StartServer();
  ASSERT_TRUE(Ping().ok());
  client_.CloseConnection(address_);
  ASSERT_TRUE(WaitFor([&] { return server_->connection_count() == 0; }));
  ASSERT_TRUE(Ping().ok());
  EXPECT_EQ(server_->connection_count(), 1u);
}

TEST_F(RemotingClientTest, IdleChannelIsClosedAndRecreated) {
  StartServer();
  RemotingClientConfig config;
  config.idle_timeout = 100ms;
  RemotingClient client(pool_.context(), config);
  ASSERT_TRUE(client.InvokeSync(address_, RemotingCommand::CreateRequest(kPingCode), 1000ms).ok());
  ASSERT_TRUE(WaitFor([&] { return server_->connection_count() == 0; }, 1000ms));
  ASSERT_TRUE(client.InvokeSync(address_, RemotingCommand::CreateRequest(kPingCode), 1000ms).ok());
}

TEST_F(RemotingClientTest, ShutdownFailsLaterRequests) {
  StartServer();
  ASSERT_TRUE(Ping().ok());
  client_.Shutdown();
  client_.Shutdown();
  Result<RemotingCommand> result = Ping();
  EXPECT_EQ(result.status().code(), StatusCode::kUnavailable);
  EXPECT_TRUE(WaitFor([&] { return server_->connection_count() == 0; }));
}

TEST_F(RemotingClientTest, ManyThreadsShareOneConnection) {
  StartServer();
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (Ping().ok()) ++ok;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), 200);
  EXPECT_EQ(server_->connection_count(), 1u);
}

// Records the bodies of the requests it sees, in the order it sees them.
class RecordingProcessor : public RequestProcessor {
 public:
  asio::awaitable<std::optional<RemotingCommand>> Process(RequestContext&, RemotingCommand request) override {
    {
      std::lock_guard lock(mutex_);
      bodies_.push_back(request.body());
    }
    if (request.IsOneway()) co_return std::nullopt;
    co_return RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  }
  std::vector<std::string> bodies() {
    std::lock_guard lock(mutex_);
    return bodies_;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> bodies_;
};

// Async requests from several threads at once go through the connection's inbox (one strand
// hand-off per burst): every callback runs exactly once, with the response to its own request.
TEST_F(RemotingClientTest, AsyncBurstsFromManyThreadsEachGetTheirOwnResponse) {
  StartServer();
  ASSERT_TRUE(Ping().ok());
  constexpr int kThreads = 4;
  constexpr int kPerThread = 2000;
  std::vector<std::atomic<int>> calls(kThreads * kPerThread);
  std::atomic<int> ok{0};
  std::atomic<int> mismatched{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const int index = t * kPerThread + i;
        RemotingCommand request = RemotingCommand::CreateRequest(kPingCode);
        const int32_t opaque = request.opaque();
        client_.InvokeAsync(address_, std::move(request), 10s, [&, index, opaque](Result<RemotingCommand> r) {
          calls[static_cast<size_t>(index)].fetch_add(1);
          if (!r.ok()) return;
          if (r->opaque() != opaque || r->body() != "pong") mismatched.fetch_add(1);
          ok.fetch_add(1);
        });
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_TRUE(WaitFor([&] { return ok.load() == kThreads * kPerThread; }, 20000ms)) << ok.load();
  EXPECT_EQ(mismatched.load(), 0);
  std::this_thread::sleep_for(50ms);  // a second call of any callback would show here
  for (auto& count : calls) ASSERT_EQ(count.load(), 1);
  EXPECT_EQ(server_->connection_count(), 1u);
}

// Oneway and async requests queued by one thread reach the server in the order they were made.
TEST_F(RemotingClientTest, OnewayAndAsyncFromOneThreadKeepTheirOrder) {
  RecordingProcessor recorder;
  constexpr int32_t kRecordCode = 3004;
  RemotingServerConfig config;
  config.bind_address = "127.0.0.1";
  config.listen_port = 0;
  RemotingServer server(pool_, config);
  server.RegisterProcessor(kRecordCode, recorder);
  ASSERT_TRUE(server.Start().ok());
  const std::string address = "127.0.0.1:" + std::to_string(server.port());
  RemotingCommand first = RemotingCommand::CreateRequest(kRecordCode);
  first.set_body("warm-up");
  ASSERT_TRUE(client_.InvokeSync(address, std::move(first), 2000ms).ok());
  constexpr int kFrames = 600;
  std::atomic<int> answered{0};
  for (int i = 0; i < kFrames; ++i) {
    RemotingCommand request = RemotingCommand::CreateRequest(kRecordCode);
    request.set_body(std::to_string(i));
    if (i % 3 == 0) {
      ASSERT_TRUE(client_.InvokeOneway(address, std::move(request)).ok());
    } else {
      client_.InvokeAsync(address, std::move(request), 10s, [&](Result<RemotingCommand> r) {
        if (r.ok()) answered.fetch_add(1);
      });
    }
  }
  ASSERT_TRUE(WaitFor([&] { return recorder.bodies().size() == kFrames + 1; }, 10000ms));
  std::vector<std::string> bodies = recorder.bodies();
  for (int i = 0; i < kFrames; ++i) ASSERT_EQ(bodies[static_cast<size_t>(i) + 1], std::to_string(i));
  EXPECT_TRUE(WaitFor([&] { return answered.load() == kFrames - kFrames / 3; }, 10000ms));
  server.Stop();
}

// Requests still queued for the strand when the connection closes are each failed once.
TEST_F(RemotingClientTest, QueuedRequestsAreFailedOnceWhenTheConnectionCloses) {
  StartServer();
  ASSERT_TRUE(Ping().ok());
  constexpr int kRequests = 3000;
  std::vector<std::atomic<int>> calls(kRequests);
  std::atomic<int> done{0};
  for (int i = 0; i < kRequests; ++i) {
    if (i == kRequests / 2) client_.CloseConnection(address_);
    client_.InvokeAsync(address_, RemotingCommand::CreateRequest(kSlowCode), 10s,
                        [&, i](Result<RemotingCommand> r) {
                          calls[static_cast<size_t>(i)].fetch_add(1);
                          if (!r.ok()) {
                            EXPECT_EQ(r.status().code(), StatusCode::kUnavailable) << r.status().ToString();
                          }
                          done.fetch_add(1);
                        });
  }
  // The first half was on the closed connection (failed), the second half on a new one (answered
  // by the slow processor after 1 s).
  ASSERT_TRUE(WaitFor([&] { return done.load() == kRequests; }, 20000ms)) << done.load();
  std::this_thread::sleep_for(50ms);
  for (auto& count : calls) ASSERT_EQ(count.load(), 1);
}

}  // namespace
}  // namespace rmq::remoting

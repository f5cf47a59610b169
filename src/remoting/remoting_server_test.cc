// RemotingServer and Connection over loopback sockets: round trips in both encodings, requests
// answered out of order, oneway and unknown requests, bad frames, idle close, Stop(), and a
// request the server sends down a client's connection; connections pinned to one pool thread.
#include "remoting/remoting_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "common/coding.h"
#include "remoting/frame_codec.h"
#include "remoting/io_thread_pool.h"
#include "remoting/remoting_client.h"
#include "remoting/response_code.h"

namespace rmq::remoting {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr int32_t kEchoCode = 1001;
constexpr int32_t kSlowCode = 1002;
constexpr int32_t kRecordCode = 1003;
constexpr int32_t kSilentCode = 1004;
constexpr int32_t kCallClientCode = 1005;
constexpr int32_t kThreadCode = 1006;
constexpr int32_t kInlineCode = 1007;
constexpr int32_t kInlineSlowCode = 1008;
constexpr int32_t kClientSideCode = 2001;

// Answers with SUCCESS, the request's body and its "key" ext field, after `delay`.
class EchoProcessor : public RequestProcessor {
 public:
  explicit EchoProcessor(std::chrono::milliseconds delay = 0ms) : delay_(delay) {}
  asio::awaitable<std::optional<RemotingCommand>> Process(RequestContext&, RemotingCommand request) override {
    if (delay_.count() > 0) {
      asio::steady_timer timer(co_await asio::this_coro::executor, delay_);
      co_await timer.async_wait(asio::use_awaitable);
    }
    RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
    if (const std::string* key = request.ExtField("key")) response.SetExtField("key", *key);
    response.set_body(request.body());
    co_return response;
  }

 private:
  std::chrono::milliseconds delay_;
};

// An echo that declares it never suspends, so the connection's reader runs it itself.
class InlineEchoProcessor : public EchoProcessor {
 public:
  using EchoProcessor::EchoProcessor;
  bool CompletesInline(const RemotingCommand&) const override { return true; }
};

// Remembers every request; answers `respond` requests with SUCCESS or, if not, nothing.
class RecordingProcessor : public RequestProcessor {
 public:
  explicit RecordingProcessor(bool respond) : respond_(respond) {}
  asio::awaitable<std::optional<RemotingCommand>> Process(RequestContext&, RemotingCommand request) override {
    std::optional<RemotingCommand> response;
    if (respond_) response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
    std::lock_guard lock(mutex_);
    requests_.push_back(std::move(request));
    co_return response;
  }
  std::vector<RemotingCommand> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  bool respond_;
  std::mutex mutex_;
  std::vector<RemotingCommand> requests_;
};

// Asks the client on the request's own connection (code kClientSideCode) and relays its body.
class CallClientProcessor : public RequestProcessor {
 public:
  asio::awaitable<std::optional<RemotingCommand>> Process(RequestContext& context, RemotingCommand request) override {
    RemotingCommand call = RemotingCommand::CreateRequest(kClientSideCode);
    call.set_body("ping");
    Result<RemotingCommand> answer = co_await context.connection->Invoke(std::move(call), 1s);
    RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
    response.set_body(answer.ok() ? "client said " + answer->body() : answer.status().ToString());
    co_return response;
  }
};

// Remembers, per peer address, the threads its requests were processed on.
class ThreadRecordingProcessor : public RequestProcessor {
 public:
  asio::awaitable<std::optional<RemotingCommand>> Process(RequestContext& context, RemotingCommand request) override {
    {
      std::lock_guard lock(mutex_);
      threads_[context.remote_address].insert(std::this_thread::get_id());
    }
    co_return RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  }
  std::map<std::string, std::set<std::thread::id>> threads() {
    std::lock_guard lock(mutex_);
    return threads_;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::set<std::thread::id>> threads_;
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

// A plain blocking socket with a receive timeout, for speaking raw bytes to the server.
class RawSocket {
 public:
  explicit RawSocket(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval timeout{2, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  }
  ~RawSocket() { ::close(fd_); }

  bool connected() const { return connected_; }
  bool Write(std::string_view bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
  }
  // Reads one whole frame; nullopt on EOF, error or the 2 s timeout.
  std::optional<RemotingCommand> ReadFrame() {
    std::string prefix;
    if (!ReadExactly(kFramePrefixSize, &prefix)) return std::nullopt;
    std::string rest;
    if (!ReadExactly(DecodeBigEndian32(prefix.data()) - 4, &rest)) return std::nullopt;
    Result<RemotingCommand> command = DecodeFrame(prefix + rest);
    if (!command.ok()) return std::nullopt;
    return std::move(*command);
  }
  // True when the peer closed the connection (EOF or reset) within 2 s.
  bool SeesClose() {
    char byte;
    ssize_t n = ::recv(fd_, &byte, 1, 0);
    return n == 0 || (n < 0 && errno == ECONNRESET);
  }

 private:
  bool ReadExactly(size_t size, std::string* out) {
    out->resize(size);
    size_t done = 0;
    while (done < size) {
      ssize_t n = ::recv(fd_, out->data() + done, size - done, 0);
      if (n <= 0) return false;
      done += static_cast<size_t>(n);
    }
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
};

class RemotingServerTest : public ::testing::Test {
 protected:
  RemotingServerTest() : pool_(2) { pool_.Start(); }

  void StartServer(RemotingServerConfig config = {}) {
    config.bind_address = "127.0.0.1";
    server_ = std::make_unique<RemotingServer>(pool_, config);
    server_->RegisterProcessor(kEchoCode, echo_);
    server_->RegisterProcessor(kSlowCode, slow_);
    server_->RegisterProcessor(kRecordCode, recorder_);
    server_->RegisterProcessor(kSilentCode, silent_);
    server_->RegisterProcessor(kCallClientCode, call_client_);
    server_->RegisterProcessor(kThreadCode, thread_recorder_);
    server_->RegisterProcessor(kInlineCode, inline_echo_);
    server_->RegisterProcessor(kInlineSlowCode, inline_slow_);
    ASSERT_TRUE(server_->Start().ok());
    ASSERT_NE(server_->port(), 0);
  }
  std::string address() const { return "127.0.0.1:" + std::to_string(server_->port()); }

  Result<RemotingCommand> Call(RemotingCommand request, std::chrono::milliseconds timeout = 1000ms) {
    return client_.InvokeSync(address(), std::move(request), timeout);
  }

  IoThreadPool pool_;
  EchoProcessor echo_;
  EchoProcessor slow_{300ms};
  RecordingProcessor recorder_{true};
  RecordingProcessor silent_{false};
  CallClientProcessor call_client_;
  ThreadRecordingProcessor thread_recorder_;
  InlineEchoProcessor inline_echo_;
  InlineEchoProcessor inline_slow_{100ms};  // claims to complete inline but suspends
  RemotingClient client_{pool_, RemotingClientConfig{}};
  std::unique_ptr<RemotingServer> server_;
};

TEST_F(RemotingServerTest, RoundTripJson) {
  StartServer();
  RemotingCommand request = RemotingCommand::CreateRequest(kEchoCode);
  request.SetExtField("key", "value");
  request.set_body("hello");
  Result<RemotingCommand> response = Call(request);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->code(), ResponseCode::kSuccess);
  EXPECT_TRUE(response->IsResponse());
  EXPECT_EQ(response->opaque(), request.opaque());
  EXPECT_EQ(response->serialize_type(), SerializeType::kJson);
  ASSERT_NE(response->ExtField("key"), nullptr);
  EXPECT_EQ(*response->ExtField("key"), "value");
  EXPECT_EQ(response->body(), "hello");
}

TEST_F(RemotingServerTest, RoundTripRocketMqAnswersInRocketMq) {
  StartServer();
  RemotingCommand request = RemotingCommand::CreateRequest(kEchoCode);
  request.set_serialize_type(SerializeType::kRocketMq);
  request.SetExtField("key", "binary");
  request.set_body(std::string(100000, 'x'));  // larger than the read buffer
  Result<RemotingCommand> response = Call(request);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->serialize_type(), SerializeType::kRocketMq);
  EXPECT_EQ(*response->ExtField("key"), "binary");
  EXPECT_EQ(response->body(), request.body());
}

TEST_F(RemotingServerTest, BodySegmentsAreSentAfterTheInlineBody) {
  StartServer();
  RemotingCommand request = RemotingCommand::CreateRequest(kEchoCode);
  request.set_body("head-");
  auto owner = std::make_shared<std::string>("segment-one-");
  request.AddBodySegment({owner->data(), owner->size(), owner});
  auto second = std::make_shared<std::string>("two");
  request.AddBodySegment({second->data(), second->size(), second});
  Result<RemotingCommand> response = Call(request);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->body(), "head-segment-one-two");
}

TEST_F(RemotingServerTest, LargeBodiesInFlightTogetherArriveIntact) {
  // Bodies far larger than the socket buffers force partial writes on both sides.
  StartServer();
  constexpr int kRequests = 8;
  std::atomic<int> intact{0};
  std::atomic<int> done{0};
  for (int i = 0; i < kRequests; ++i) {
    RemotingCommand request = RemotingCommand::CreateRequest(kEchoCode);
    std::string body(2 * 1024 * 1024 + i, static_cast<char>('a' + i));
    body[body.size() / 2] = 'Z';
    request.set_body(body);
    client_.InvokeAsync(address(), std::move(request), 5s, [&, body](Result<RemotingCommand> r) {
      if (r.ok() && r->body() == body) ++intact;
      ++done;
    });
  }
  ASSERT_TRUE(WaitFor([&] { return done.load() == kRequests; }, 5000ms));
  EXPECT_EQ(intact.load(), kRequests);
}

TEST_F(RemotingServerTest, SlowRequestDoesNotDelayLaterOnesOnTheSameConnection) {
  StartServer();
  std::atomic<int> order{0};
  std::atomic<int> slow_done_at{0};
  std::atomic<int> fast_done_at{0};
  Clock::time_point start = Clock::now();
  std::atomic<int64_t> fast_ms{-1};
  client_.InvokeAsync(address(), RemotingCommand::CreateRequest(kSlowCode), 2s, [&](Result<RemotingCommand> r) {
    EXPECT_TRUE(r.ok());
    slow_done_at = ++order;
  });
  client_.InvokeAsync(address(), RemotingCommand::CreateRequest(kEchoCode), 2s, [&](Result<RemotingCommand> r) {
    EXPECT_TRUE(r.ok());
    fast_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    fast_done_at = ++order;
  });
  ASSERT_TRUE(WaitFor([&] { return order.load() == 2; }));
  EXPECT_EQ(fast_done_at.load(), 1);
  EXPECT_EQ(slow_done_at.load(), 2);
  EXPECT_LT(fast_ms.load(), 250);
  EXPECT_EQ(server_->connection_count(), 1u);
}

TEST_F(RemotingServerTest, InlineProcessorAnswersEveryRequestOfABurst) {
  StartServer();
  constexpr int kRequests = 200;
  std::mutex mutex;
  std::map<std::string, std::string> answered;  // body sent -> body and key received
  std::atomic<int> failures{0};
  for (int i = 0; i < kRequests; ++i) {
    RemotingCommand request = RemotingCommand::CreateRequest(kInlineCode);
    std::string body = "body-" + std::to_string(i);
    request.SetExtField("key", "k" + std::to_string(i));
    request.set_body(body);
    client_.InvokeAsync(address(), std::move(request), 5s, [&, body](Result<RemotingCommand> r) {
      if (!r.ok() || r->code() != ResponseCode::kSuccess || r->ExtField("key") == nullptr) {
        ++failures;
        std::lock_guard lock(mutex);
        answered[body] = "failed";
        return;
      }
      std::lock_guard lock(mutex);
      answered[body] = r->body() + "/" + *r->ExtField("key");
    });
  }
  ASSERT_TRUE(WaitFor([&] {
    std::lock_guard lock(mutex);
    return answered.size() == static_cast<size_t>(kRequests);
  }, 10000ms));
  EXPECT_EQ(failures.load(), 0);
  for (int i = 0; i < kRequests; ++i) {
    std::string body = "body-" + std::to_string(i);
    EXPECT_EQ(answered[body], body + "/k" + std::to_string(i));
  }
  EXPECT_EQ(server_->connection_count(), 1u);
}

TEST_F(RemotingServerTest, InlineProcessorThatSuspendsStillAnswersInOrder) {
  StartServer();
  std::atomic<int> order{0};
  std::atomic<int> first_at{0};
  std::atomic<int> second_at{0};
  client_.InvokeAsync(address(), RemotingCommand::CreateRequest(kInlineSlowCode), 5s, [&](Result<RemotingCommand> r) {
    EXPECT_TRUE(r.ok() && r->code() == ResponseCode::kSuccess);
    first_at = ++order;
  });
  client_.InvokeAsync(address(), RemotingCommand::CreateRequest(kInlineSlowCode), 5s, [&](Result<RemotingCommand> r) {
    EXPECT_TRUE(r.ok() && r->code() == ResponseCode::kSuccess);
    second_at = ++order;
  });
  ASSERT_TRUE(WaitFor([&] { return order.load() == 2; }, 10000ms));
  // Run by the reader, the second request is read only after the first was answered.
  EXPECT_EQ(first_at.load(), 1);
  EXPECT_EQ(second_at.load(), 2);
}

TEST_F(RemotingServerTest, AnswersOfABufferedBurstLeaveWhenItsLastFrameHasNone) {
  // The reader answers buffered frames first and writes their answers before it waits for the
  // socket again; here the burst's last frame (oneway) produces no answer to trigger the write.
  StartServer();
  RawSocket socket(server_->port());
  ASSERT_TRUE(socket.connected());
  std::string burst;
  std::vector<int32_t> opaques;
  for (int i = 0; i < 10; ++i) {
    RemotingCommand request = RemotingCommand::CreateRequest(kInlineCode);
    request.set_body("small-" + std::to_string(i));
    opaques.push_back(request.opaque());
    burst += EncodeFrame(request);
  }
  RemotingCommand last = RemotingCommand::CreateRequest(kInlineCode);
  last.MarkOneway();
  burst += EncodeFrame(last);
  ASSERT_TRUE(socket.Write(burst));
  for (int i = 0; i < 10; ++i) {
    std::optional<RemotingCommand> answer = socket.ReadFrame();
    ASSERT_TRUE(answer.has_value()) << "answer " << i << " did not arrive within 2 s";
    EXPECT_EQ(answer->opaque(), opaques[static_cast<size_t>(i)]);
    EXPECT_EQ(answer->body(), "small-" + std::to_string(i));
  }
}

TEST_F(RemotingServerTest, AnswersTheSocketDoesNotTakeAtOnceArriveWholeAndInOrder) {
  // The peer reads nothing until it has written every request, so the server's batched writes
  // of answers fill the socket buffer and stop part-way through a frame; the writer finishes.
  StartServer();
  RawSocket socket(server_->port());
  ASSERT_TRUE(socket.connected());
  constexpr int kRequests = 48;
  std::string burst;
  std::vector<int32_t> opaques;
  std::vector<std::string> bodies;
  for (int i = 0; i < kRequests; ++i) {
    RemotingCommand request = RemotingCommand::CreateRequest(kInlineCode);
    std::string body = std::to_string(i) + ":";
    body.append(static_cast<size_t>(100000 + 997 * i), static_cast<char>('a' + i % 26));
    request.set_body(body);
    opaques.push_back(request.opaque());
    bodies.push_back(std::move(body));
    burst += EncodeFrame(request);
  }
  // Completes: the server's reader keeps reading while its answers wait for the socket.
  ASSERT_TRUE(socket.Write(burst));
  for (int i = 0; i < kRequests; ++i) {
    std::optional<RemotingCommand> answer = socket.ReadFrame();
    ASSERT_TRUE(answer.has_value()) << "answer " << i << " did not arrive";
    EXPECT_EQ(answer->opaque(), opaques[static_cast<size_t>(i)]);
    EXPECT_TRUE(answer->body() == bodies[static_cast<size_t>(i)]) << "answer " << i << " has another body";
  }
}

TEST_F(RemotingServerTest, OnewayRequestReachesProcessorAndGetsNoResponse) {
  StartServer();
  RawSocket socket(server_->port());
  ASSERT_TRUE(socket.connected());
  RemotingCommand oneway = RemotingCommand::CreateRequest(kRecordCode);
  oneway.MarkOneway();
  oneway.set_body("fire");
  RemotingCommand silent = RemotingCommand::CreateRequest(kSilentCode);
  RemotingCommand probe = RemotingCommand::CreateRequest(kEchoCode);
  ASSERT_TRUE(socket.Write(EncodeFrame(oneway) + EncodeFrame(silent) + EncodeFrame(probe)));
  // The first frame back answers the probe: neither the oneway nor the silent request got one.
  std::optional<RemotingCommand> first = socket.ReadFrame();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->opaque(), probe.opaque());
  ASSERT_TRUE(WaitFor([&] { return recorder_.requests().size() == 1; }));
  EXPECT_EQ(recorder_.requests()[0].body(), "fire");
  EXPECT_TRUE(recorder_.requests()[0].IsOneway());
  EXPECT_EQ(silent_.requests().size(), 1u);
}

TEST_F(RemotingServerTest, UnknownCodeGetsRequestCodeNotSupported) {
  StartServer();
  Result<RemotingCommand> response = Call(RemotingCommand::CreateRequest(9999));
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->code(), ResponseCode::kRequestCodeNotSupported);
  ASSERT_TRUE(response->remark().has_value());
  EXPECT_EQ(*response->remark(), " request type 9999 not supported");
}

TEST_F(RemotingServerTest, FrameAboveMaxFrameSizeClosesConnection) {
  RemotingServerConfig config;
  config.max_frame_size = 1024;
  StartServer(config);
  RawSocket socket(server_->port());
  ASSERT_TRUE(socket.connected());
  char prefix[8];
  EncodeBigEndian32(prefix, 2000);
  EncodeBigEndian32(prefix + 4, 10);
  ASSERT_TRUE(socket.Write(std::string_view(prefix, 8)));
  EXPECT_TRUE(socket.SeesClose());
}

TEST_F(RemotingServerTest, MalformedJsonHeaderClosesConnection) {
  StartServer();
  RawSocket socket(server_->port());
  ASSERT_TRUE(socket.connected());
  std::string header = "{\"code\":10,\"flag\":";
  std::string frame(8, '\0');
  EncodeBigEndian32(frame.data(), static_cast<uint32_t>(4 + header.size()));
  EncodeBigEndian32(frame.data() + 4, static_cast<uint32_t>(header.size()));
  ASSERT_TRUE(socket.Write(frame + header));
  EXPECT_TRUE(socket.SeesClose());
}

TEST_F(RemotingServerTest, IdleConnectionIsClosed) {
  RemotingServerConfig config;
  config.idle_timeout = 200ms;
  StartServer(config);
  RawSocket socket(server_->port());
  ASSERT_TRUE(socket.connected());
  Clock::time_point start = Clock::now();
  EXPECT_TRUE(socket.SeesClose());
  auto elapsed = Clock::now() - start;
  EXPECT_GE(elapsed, 150ms);
  EXPECT_LT(elapsed, 1000ms);
}

TEST_F(RemotingServerTest, TrafficKeepsConnectionOpenPastIdleTimeout) {
  RemotingServerConfig config;
  config.idle_timeout = 300ms;
  StartServer(config);
  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(Call(RemotingCommand::CreateRequest(kEchoCode)).ok());
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_EQ(server_->connection_count(), 1u);
}

TEST_F(RemotingServerTest, StopWithLiveConnectionsClosesThemAndFailsPendingRequests) {
  StartServer();
  RawSocket raw(server_->port());
  ASSERT_TRUE(raw.connected());
  ASSERT_TRUE(Call(RemotingCommand::CreateRequest(kEchoCode)).ok());
  std::atomic<int> failed{0};
  for (int i = 0; i < 5; ++i) {
    client_.InvokeAsync(address(), RemotingCommand::CreateRequest(kSlowCode), 2s, [&](Result<RemotingCommand> r) {
      if (!r.ok() && r.status().code() == StatusCode::kUnavailable) ++failed;
    });
  }
  std::this_thread::sleep_for(50ms);
  ASSERT_TRUE(WaitFor([&] { return server_->connection_count() == 2; }));
  server_->Stop();
  server_->Stop();
  server_.reset();
  EXPECT_TRUE(raw.SeesClose());
  EXPECT_TRUE(WaitFor([&] { return failed.load() == 5; }, 1000ms));
}

TEST_F(RemotingServerTest, ServerCallsProcessorRegisteredOnTheClient) {
  RemotingClient client(pool_.context(), RemotingClientConfig{});
  EchoProcessor client_side;
  client.RegisterProcessor(kClientSideCode, client_side);
  StartServer();
  Result<RemotingCommand> response =
      client.InvokeSync(address(), RemotingCommand::CreateRequest(kCallClientCode), 2000ms);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->body(), "client said ping");
}

TEST_F(RemotingServerTest, EachConnectionIsServedOnOnePoolThreadAndConnectionsSpreadOverThreads) {
  StartServer();
  std::vector<std::unique_ptr<RawSocket>> sockets;
  for (int i = 0; i < 4; ++i) {
    sockets.push_back(std::make_unique<RawSocket>(server_->port()));
    ASSERT_TRUE(sockets.back()->connected());
  }
  // Pipelined requests on every connection, then every response.
  for (auto& socket : sockets) {
    for (int i = 0; i < 20; ++i) ASSERT_TRUE(socket->Write(EncodeFrame(RemotingCommand::CreateRequest(kThreadCode))));
  }
  for (auto& socket : sockets) {
    for (int i = 0; i < 20; ++i) {
      std::optional<RemotingCommand> response = socket->ReadFrame();
      ASSERT_TRUE(response.has_value());
      EXPECT_EQ(response->code(), ResponseCode::kSuccess);
    }
  }
  auto threads = thread_recorder_.threads();
  ASSERT_EQ(threads.size(), 4u);
  std::set<std::thread::id> all;
  for (const auto& [peer, used] : threads) {
    EXPECT_EQ(used.size(), 1u) << peer << " was served on " << used.size() << " threads";
    all.insert(used.begin(), used.end());
  }
  EXPECT_EQ(all.size(), 2u) << "four connections round-robin over a pool of two threads";
}

TEST_F(RemotingServerTest, BindFailureNamesAddressAndPort) {
  StartServer();
  RemotingServerConfig config;
  config.bind_address = "127.0.0.1";
  config.listen_port = server_->port();
  RemotingServer second(pool_.context(), config);
  Status status = second.Start();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("127.0.0.1:" + std::to_string(server_->port())), std::string::npos)
      << status.ToString();
}

TEST(IoThreadPoolTest, RunsHandlersUntilStopped) {
  IoThreadPool pool(3);
  EXPECT_EQ(pool.size(), 3u);
  pool.Start();
  std::atomic<int> ran{0};
  std::atomic<bool> in_pool{false};
  for (int i = 0; i < 10; ++i) {
    asio::post(pool.context(), [&] {
      in_pool = pool.InPoolThread();
      ++ran;
    });
  }
  EXPECT_TRUE(WaitFor([&] { return ran.load() == 10; }));
  EXPECT_TRUE(in_pool.load());
  EXPECT_FALSE(pool.InPoolThread());
  pool.Stop();
  pool.Join();
  pool.Stop();
}

TEST(IoThreadPoolTest, ContextsRunOnTheirOwnThreadsAndNextContextCycles) {
  IoThreadPool pool(2);
  EXPECT_EQ(&pool.context(), &pool.context(0));
  EXPECT_NE(&pool.context(0), &pool.context(1));
  std::set<asio::io_context*> seen;
  for (int i = 0; i < 4; ++i) seen.insert(&pool.NextContext());
  EXPECT_EQ(seen.size(), 2u);
  pool.Start();
  std::mutex mutex;
  std::vector<std::thread::id> ids(2);
  std::atomic<int> ran{0};
  for (size_t i = 0; i < 2; ++i) {
    asio::post(pool.context(i), [&, i] {
      std::lock_guard lock(mutex);
      ids[i] = std::this_thread::get_id();
      ++ran;
    });
  }
  ASSERT_TRUE(WaitFor([&] { return ran.load() == 2; }));
  EXPECT_NE(ids[0], ids[1]);
  pool.Stop();
  pool.Join();
}

}  // namespace
}  // namespace rmq::remoting

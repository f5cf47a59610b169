// remoting_bench: request/response round trips per second over loopback on one connection,
// with 1 and with N requests in flight, against a plain TCP ping-pong of the same message size
// under the same threading (server: one io thread; client: one thread). Prints a table.
#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "remoting/frame_codec.h"
#include "remoting/io_thread_pool.h"
#include "remoting/remoting_client.h"
#include "remoting/remoting_server.h"
#include "remoting/response_code.h"

namespace rmq::remoting {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int32_t kBenchCode = 0;

struct Row {
  std::string name;
  double round_trips_per_second = 0;
  double p50_us = 0;
  double p99_us = 0;
};

// Latencies in nanoseconds -> a table row.
Row Summarize(std::string name, std::vector<int64_t>& latencies, std::chrono::nanoseconds elapsed) {
  Row row;
  row.name = std::move(name);
  if (latencies.empty()) return row;
  std::sort(latencies.begin(), latencies.end());
  row.round_trips_per_second = static_cast<double>(latencies.size()) / std::chrono::duration<double>(elapsed).count();
  row.p50_us = static_cast<double>(latencies[latencies.size() / 2]) / 1000.0;
  row.p99_us = static_cast<double>(latencies[latencies.size() * 99 / 100]) / 1000.0;
  return row;
}

// Pins the calling thread to `cpu`; -1 leaves it free.
void PinThisThread(int cpu) {
  if (cpu < 0) return;
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

// Pins the single thread of `pool`.
void PinPool(IoThreadPool& pool, int cpu) {
  std::promise<void> pinned;
  asio::post(pool.context(), [&] {
    PinThisThread(cpu);
    pinned.set_value();
  });
  pinned.get_future().wait();
}

class EchoProcessor : public RequestProcessor {
 public:
  asio::awaitable<std::optional<RemotingCommand>> Process(RequestContext&, RemotingCommand request) override {
    RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
    response.set_body(std::move(request.mutable_body()));
    co_return response;
  }
};

RemotingCommand MakeRequest(const std::string& body) {
  RemotingCommand request = RemotingCommand::CreateRequest(kBenchCode);
  request.SetExtField("topic", "BenchTopic");
  request.set_body(body);
  return request;
}

// Echoes fixed-size messages: read `size` bytes, write them back.
asio::awaitable<void> EchoSession(asio::ip::tcp::socket socket, size_t size) {
  std::string buffer(size, '\0');
  boost::system::error_code ec;
  socket.set_option(asio::ip::tcp::no_delay(true), ec);
  for (;;) {
    co_await asio::async_read(socket, asio::buffer(buffer), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    co_await asio::async_write(socket, asio::buffer(buffer), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
  }
}

// Plain ping-pong: asio echo server on the server pool's thread, blocking client on one thread.
Row RunPingPong(IoThreadPool& server_pool, size_t message_size, double seconds, int client_cpu) {
  asio::ip::tcp::acceptor acceptor(server_pool.context(),
                                   asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  acceptor.async_accept([message_size](const boost::system::error_code& ec, asio::ip::tcp::socket socket) {
    if (!ec) asio::co_spawn(socket.get_executor(), EchoSession(std::move(socket), message_size), asio::detached);
  });
  uint16_t port = acceptor.local_endpoint().port();

  std::vector<int64_t> latencies;
  std::chrono::nanoseconds elapsed{0};
  std::thread client([&] {
    PinThisThread(client_cpu);
    asio::io_context context;
    asio::ip::tcp::socket socket(context);
    socket.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    socket.set_option(asio::ip::tcp::no_delay(true));
    std::string message(message_size, 'p');
    std::string reply(message_size, '\0');
    latencies.reserve(1 << 20);
    Clock::time_point start = Clock::now();
    Clock::time_point end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    Clock::time_point now = start;
    while (now < end) {
      asio::write(socket, asio::buffer(message));
      asio::read(socket, asio::buffer(reply));
      Clock::time_point after = Clock::now();
      latencies.push_back((after - now).count());
      now = after;
    }
    elapsed = now - start;
  });
  client.join();
  acceptor.close();
  return Summarize("pingpong-1", latencies, elapsed);
}

// `inflight` chains of InvokeAsync on one connection; each response callback (on the client's
// io thread) records the latency and issues the chain's next request.
class AsyncRun {
 public:
  AsyncRun(RemotingClient& client, std::string address, std::string body, Clock::time_point end)
      : client_(client), address_(std::move(address)), body_(std::move(body)), end_(end) {
    latencies_.reserve(1 << 21);
  }

  void Start(int inflight) {
    active_ = inflight;
    for (int i = 0; i < inflight; ++i) Issue();
  }
  void Wait() { done_.get_future().wait(); }
  std::vector<int64_t>& latencies() { return latencies_; }

 private:
  void Issue() {
    Clock::time_point start = Clock::now();
    client_.InvokeAsync(address_, MakeRequest(body_), std::chrono::seconds(5),
                        [this, start](Result<RemotingCommand> response) {
                          Clock::time_point now = Clock::now();
                          if (!response.ok()) {
                            std::fprintf(stderr, "request failed: %s\n", response.status().ToString().c_str());
                          } else {
                            latencies_.push_back((now - start).count());  // one io thread: no race
                          }
                          if (now < end_ && response.ok()) {
                            Issue();
                          } else if (--active_ == 0) {
                            done_.set_value();
                          }
                        });
  }

  RemotingClient& client_;
  const std::string address_;
  const std::string body_;
  const Clock::time_point end_;
  std::vector<int64_t> latencies_;
  std::atomic<int> active_{0};
  std::promise<void> done_;
};

Row RunRemotingAsync(RemotingClient& client, const std::string& address, const std::string& body, double seconds,
                     int inflight) {
  Clock::time_point start = Clock::now();
  Clock::time_point end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  AsyncRun run(client, address, body, end);
  run.Start(inflight);
  run.Wait();
  return Summarize("remoting-" + std::to_string(inflight), run.latencies(), Clock::now() - start);
}

// InvokeSync from an application thread: adds the hand-off between that thread and the io thread.
Row RunRemotingSync(RemotingClient& client, const std::string& address, const std::string& body, double seconds,
                    int cpu) {
  std::vector<int64_t> latencies;
  std::chrono::nanoseconds elapsed{0};
  std::thread caller([&] {
    PinThisThread(cpu);
    latencies.reserve(1 << 20);
    Clock::time_point start = Clock::now();
    Clock::time_point end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    Clock::time_point now = start;
    while (now < end) {
      Result<RemotingCommand> response = client.InvokeSync(address, MakeRequest(body), std::chrono::seconds(5));
      Clock::time_point after = Clock::now();
      if (!response.ok()) {
        std::fprintf(stderr, "request failed: %s\n", response.status().ToString().c_str());
        break;
      }
      latencies.push_back((after - now).count());
      now = after;
    }
    elapsed = now - start;
  });
  caller.join();
  return Summarize("remoting-sync-1", latencies, elapsed);
}

int Main(int argc, char** argv) {
  CLI::App app{"Remoting round trips over loopback on one connection, against a plain TCP ping-pong"};
  double seconds = 5;
  size_t size = 16;
  std::vector<int> inflight = {1, 32};
  std::string pin = "same";
  bool sync = true;
  bool pingpong = true;
  app.add_option("--seconds", seconds, "Duration of each row")->check(CLI::PositiveNumber);
  app.add_option("--size", size, "Request and response body size in bytes");
  app.add_option("--inflight", inflight, "Requests in flight for the remoting rows")->delimiter(',');
  app.add_option("--pin", pin, "same: all threads on CPU 0; split: server CPU 0, client CPU 1; none")
      ->check(CLI::IsMember({"same", "split", "none"}));
  app.add_option("--sync", sync, "Also measure InvokeSync from an application thread");
  app.add_option("--pingpong", pingpong, "Measure the plain TCP ping-pong baseline");
  CLI11_PARSE(app, argc, argv);

  int server_cpu = pin == "none" ? -1 : 0;
  int client_cpu = pin == "none" ? -1 : (pin == "split" ? 1 : 0);
  PinThisThread(client_cpu);

  IoThreadPool server_pool(1, "bench-server");
  server_pool.Start();
  PinPool(server_pool, server_cpu);
  IoThreadPool client_pool(1, "bench-client");
  client_pool.Start();
  PinPool(client_pool, client_cpu);

  std::string body(size, 'b');
  size_t frame_size = EncodeFrame(MakeRequest(body)).size();

  std::vector<Row> rows;
  if (pingpong) rows.push_back(RunPingPong(server_pool, frame_size, seconds, client_cpu));

  EchoProcessor echo;
  RemotingServerConfig server_config;
  server_config.bind_address = "127.0.0.1";
  RemotingServer server(server_pool.context(), server_config);
  server.RegisterProcessor(kBenchCode, echo);
  if (Status status = server.Start(); !status.ok()) {
    std::fprintf(stderr, "%s\n", status.ToString().c_str());
    return 1;
  }
  std::string address = "127.0.0.1:" + std::to_string(server.port());
  RemotingClient client(client_pool.context(), RemotingClientConfig{});
  if (auto warm = client.InvokeSync(address, MakeRequest(body), std::chrono::seconds(3)); !warm.ok()) {
    std::fprintf(stderr, "%s\n", warm.status().ToString().c_str());
    return 1;
  }
  for (int n : inflight) rows.push_back(RunRemotingAsync(client, address, body, seconds, std::max(1, n)));
  if (sync) rows.push_back(RunRemotingSync(client, address, body, seconds, client_cpu));

  client.Shutdown();
  server.Stop();

  std::printf("remoting_bench: %zu-byte frames (body %zu), %.1f s per row, server on one io thread, client on one "
              "thread (remoting: the client's io thread issues the next request from the response callback), "
              "pin=%s (cpus: server %d, client %d; %u cores)\n",
              frame_size, size, seconds, pin.c_str(), server_cpu, client_cpu, std::thread::hardware_concurrency());
  std::printf("%-16s %14s %10s %10s %12s\n", "mode", "round trips/s", "p50 us", "p99 us", "vs pingpong");
  double base = pingpong ? rows.front().round_trips_per_second : 0;
  for (const Row& row : rows) {
    std::printf("%-16s %14.0f %10.1f %10.1f %11.2fx\n", row.name.c_str(), row.round_trips_per_second, row.p50_us,
                row.p99_us, base > 0 ? row.round_trips_per_second / base : 0.0);
  }
  return 0;
}

}  // namespace
}  // namespace rmq::remoting

int main(int argc, char** argv) { return rmq::remoting::Main(argc, argv); }

// broker_load: a small load tool for mqbroker over the remoting client (until the C++ client
// library is ready). Reports sends/s of fixed-size messages with N requests in flight, the
// loopback ping-pong rate of the same machine for comparison, consumed messages/s (pull), the
// broker's RSS, and the time from exec to the boot-success line. Prints a report; never fails
// on timing.
//
//   broker_load --broker 127.0.0.1:10911 --mode send --inflight 32 --seconds 10 --size 128
//   broker_load --broker 127.0.0.1:10911 --mode pull --seconds 10
//   broker_load --mode ping --seconds 5 --size 128
//   broker_load --mode boot --mqbroker build/src/broker/mqbroker --config broker.conf
//   broker_load --mode rss --pid 1234
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "common/message_codec.h"
#include "common/message_properties.h"
#include "remoting/io_thread_pool.h"
#include "remoting/pull_message_headers.h"
#include "remoting/remoting_client.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"
#include "remoting/send_message_headers.h"

namespace {

using rmq::remoting::RemotingCommand;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string broker = "127.0.0.1:10911";
  std::string mode = "send";
  std::string topic = "BenchmarkTest";
  int inflight = 32;
  int seconds = 10;
  int size = 128;
  int queues = 4;
  int pid = 0;
  int threads = 1;
  std::string mqbroker;
  std::string config;
};

RemotingCommand SendRequest(const Options& o, const std::string& body, int queue) {
  auto request = RemotingCommand::CreateRequest(rmq::remoting::RequestCode::kSendMessageV2);
  rmq::remoting::SendMessageRequestHeaderV2 h;
  h.a = "BenchmarkProducer";
  h.b = o.topic;
  h.c = "TBW102";
  h.d = 4;
  h.e = queue;
  h.g = 1700000000000;
  std::string props;
  rmq::AppendProperty(&props, "TAGS", "bench");
  h.i = props;
  rmq::remoting::EncodeCustomHeader(h, &request);
  request.set_body(body);
  return request;
}

int RunSend(const Options& o) {
  rmq::remoting::IoThreadPool io(static_cast<size_t>(o.threads), "load-io");
  io.Start();
  rmq::remoting::RemotingClient client(io, rmq::remoting::RemotingClientConfig{});
  std::string body(static_cast<size_t>(o.size), 'x');
  // Warm up the connection and the topic.
  auto first = client.InvokeSync(o.broker, SendRequest(o, body, 0), std::chrono::seconds(5));
  if (!first.ok() || first->code() != 0) {
    std::cerr << "first send failed: " << (first.ok() ? first->remark().value_or("") : first.status().ToString())
              << std::endl;
    return 1;
  }
  // One encoded header per queue, copied per send: the tool should cost the machine as little
  // as a real producer that reuses its header strings, so the broker gets the cores.
  std::vector<RemotingCommand> templates;
  for (int q = 0; q < std::max(1, o.queues); ++q) templates.push_back(SendRequest(o, std::string(), q));
  auto next_request = [&](int slot) {
    const RemotingCommand& t = templates[static_cast<size_t>(slot % static_cast<int>(templates.size()))];
    RemotingCommand request = RemotingCommand::CreateRequest(t.code());
    request.mutable_ext_fields() = t.ext_fields();
    request.set_body(body);
    return request;
  };
  std::atomic<int64_t> ok{0}, failed{0};
  std::atomic<bool> stop{false};
  std::atomic<int> outstanding{0};
  std::mutex mutex;
  std::condition_variable cv;
  std::function<void(int)> issue;
  // The response callback captures one pointer and the slot, so it fits std::function's inline
  // storage: a lambda capturing every counter by reference was a heap allocation per send.
  struct Loop {
    std::atomic<int64_t>* ok;
    std::atomic<int64_t>* failed;
    std::function<void(int)>* issue;
  } loop{&ok, &failed, &issue};
  issue = [&](int slot) {
    if (stop.load()) {
      if (outstanding.fetch_sub(1) == 1) cv.notify_all();
      return;
    }
    client.InvokeAsync(o.broker, next_request(slot), std::chrono::seconds(10),
                       [l = &loop, slot](rmq::Result<RemotingCommand> r) {
                         if (r.ok() && r->code() == 0) {
                           l->ok->fetch_add(1, std::memory_order_relaxed);
                         } else {
                           l->failed->fetch_add(1, std::memory_order_relaxed);
                         }
                         (*l->issue)(slot);
                       });
  };
  auto begin = Clock::now();
  outstanding = o.inflight;
  for (int i = 0; i < o.inflight; ++i) issue(i);
  std::this_thread::sleep_for(std::chrono::seconds(o.seconds));
  stop = true;
  double elapsed = std::chrono::duration<double>(Clock::now() - begin).count();
  int64_t done = ok.load();
  {
    std::unique_lock lock(mutex);
    cv.wait_for(lock, std::chrono::seconds(10), [&] { return outstanding.load() <= 0; });
  }
  std::printf("send: size=%d inflight=%d ok=%lld failed=%lld elapsed=%.2fs rate=%.0f sends/s\n", o.size, o.inflight,
              static_cast<long long>(done), static_cast<long long>(failed.load()), elapsed, done / elapsed);
  client.Shutdown();
  io.Stop();
  io.Join();
  return 0;
}

int RunPull(const Options& o) {
  rmq::remoting::IoThreadPool io(1, "load-io");
  io.Start();
  rmq::remoting::RemotingClient client(io, rmq::remoting::RemotingClientConfig{});
  std::vector<int64_t> offsets(static_cast<size_t>(o.queues), 0);
  int64_t messages = 0;
  auto begin = Clock::now();
  auto deadline = begin + std::chrono::seconds(o.seconds);
  bool drained = false;
  while (Clock::now() < deadline && !drained) {
    drained = true;
    for (int q = 0; q < o.queues; ++q) {
      auto request = RemotingCommand::CreateRequest(rmq::remoting::RequestCode::kPullMessage);
      rmq::remoting::PullMessageRequestHeader h;
      h.consumer_group = "BenchmarkConsumer";
      h.topic = o.topic;
      h.queue_id = q;
      h.queue_offset = offsets[static_cast<size_t>(q)];
      h.max_msg_nums = 32;
      h.sys_flag = 0x4;
      h.subscription = "*";
      rmq::remoting::EncodeCustomHeader(h, &request);
      auto r = client.InvokeSync(o.broker, std::move(request), std::chrono::seconds(10));
      if (!r.ok()) {
        std::cerr << "pull failed: " << r.status().ToString() << std::endl;
        return 1;
      }
      if (r->code() != 0) continue;
      drained = false;
      auto records = rmq::DecodeMessages(r->body());
      if (records.ok()) messages += static_cast<int64_t>(records->size());
      offsets[static_cast<size_t>(q)] = std::stoll(*r->ExtField("nextBeginOffset"));
    }
  }
  double elapsed = std::chrono::duration<double>(Clock::now() - begin).count();
  std::printf("pull: messages=%lld elapsed=%.2fs rate=%.0f msgs/s (decoded by the tool)\n",
              static_cast<long long>(messages), elapsed, messages / elapsed);
  client.Shutdown();
  io.Stop();
  io.Join();
  return 0;
}

// A plain TCP ping-pong over loopback with `size`-byte frames: the ceiling one synchronous
// sender can reach on this machine.
int RunPing(const Options& o) {
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
  listen(listener, 1);
  const size_t size = static_cast<size_t>(o.size);
  std::thread echo([&] {
    int fd = accept(listener, nullptr, nullptr);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    std::vector<char> buf(size);
    while (true) {
      size_t got = 0;
      while (got < size) {
        ssize_t n = read(fd, buf.data() + got, size - got);
        if (n <= 0) {
          close(fd);
          return;
        }
        got += static_cast<size_t>(n);
      }
      if (write(fd, buf.data(), size) != static_cast<ssize_t>(size)) break;
    }
    close(fd);
  });
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  std::vector<char> buf(size, 'x');
  int64_t rounds = 0;
  auto begin = Clock::now();
  auto deadline = begin + std::chrono::seconds(o.seconds);
  while (Clock::now() < deadline) {
    if (write(fd, buf.data(), size) != static_cast<ssize_t>(size)) break;
    size_t got = 0;
    while (got < size) {
      ssize_t n = read(fd, buf.data() + got, size - got);
      if (n <= 0) break;
      got += static_cast<size_t>(n);
    }
    ++rounds;
  }
  double elapsed = std::chrono::duration<double>(Clock::now() - begin).count();
  close(fd);
  echo.join();
  close(listener);
  std::printf("ping: size=%d rounds=%lld rate=%.0f round trips/s\n", o.size, static_cast<long long>(rounds),
              rounds / elapsed);
  return 0;
}

int RunBoot(const Options& o) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return 1;
  auto begin = Clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    close(pipe_fds[0]);
    execl(o.mqbroker.c_str(), o.mqbroker.c_str(), "-c", o.config.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(pipe_fds[1]);
  std::string seen;
  char buf[4096];
  double ms = -1;
  while (true) {
    ssize_t n = read(pipe_fds[0], buf, sizeof(buf));
    if (n <= 0) break;
    seen.append(buf, static_cast<size_t>(n));
    if (seen.find("boot success") != std::string::npos) {
      ms = std::chrono::duration<double, std::milli>(Clock::now() - begin).count();
      break;
    }
  }
  std::printf("boot: exec to boot-success line %.1f ms\n", ms);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  close(pipe_fds[0]);
  return ms < 0 ? 1 : 0;
}

int RunRss(const Options& o) {
  std::ifstream in("/proc/" + std::to_string(o.pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS", 0) == 0 || line.rfind("RssAnon", 0) == 0 || line.rfind("RssFile", 0) == 0) {
      std::printf("rss: %s\n", line.c_str());
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"broker_load: load and footprint figures for mqbroker", "broker_load"};
  app.add_option("--broker", o.broker, "broker address host:port");
  app.add_option("--mode", o.mode, "send | pull | ping | boot | rss");
  app.add_option("--topic", o.topic, "topic (default BenchmarkTest, which every broker has)");
  app.add_option("--inflight", o.inflight, "requests in flight (send)");
  app.add_option("--seconds", o.seconds, "duration");
  app.add_option("--size", o.size, "message body bytes");
  app.add_option("--queues", o.queues, "queues to spread over");
  app.add_option("--threads", o.threads, "I/O threads of the tool");
  app.add_option("--pid", o.pid, "broker pid (rss)");
  app.add_option("--mqbroker", o.mqbroker, "mqbroker executable (boot)");
  app.add_option("--config", o.config, "broker config file (boot)");
  CLI11_PARSE(app, argc, argv);
  signal(SIGPIPE, SIG_IGN);
  if (o.mode == "send") return RunSend(o);
  if (o.mode == "pull") return RunPull(o);
  if (o.mode == "ping") return RunPing(o);
  if (o.mode == "boot") return RunBoot(o);
  if (o.mode == "rss") return RunRss(o);
  std::cerr << "unknown mode " << o.mode << std::endl;
  return 2;
}

// store_bench: append throughput of the message store — single and batched (32) appends of
// 128 B and 1 KiB bodies under ASYNC_FLUSH, SYNC_FLUSH with 64 concurrent appenders — beside a
// plain memcpy into a pre-touched mmap'd file measured in the same run. Prints a report; never
// fails on timing. Usage: store_bench [--seconds S] [--dir DIR]
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "common/message_codec.h"
#include "common/message_properties.h"
#include "store/message_store.h"

namespace {

using Clock = std::chrono::steady_clock;
using rmq::MessageExt;
using rmq::store::FlushDiskType;
using rmq::store::MessageStore;
using rmq::store::StoreConfig;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

struct Figure {
  double per_second = 0;
  double mb_per_second = 0;
  // Appends per second of CPU time of the appending thread: what one free core would sustain,
  // independent of other load on the machine (0 when not measured).
  double per_cpu_second = 0;
  double mb_per_cpu_second = 0;
};

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

void Print(const char* name, const Figure& f) {
  std::printf("%-44s %12.0f /s %10.1f MB/s", name, f.per_second, f.mb_per_second);
  if (f.per_cpu_second > 0) {
    std::printf("   per writer CPU second: %.0f /s, %.1f MB/s", f.per_cpu_second, f.mb_per_cpu_second);
  }
  std::printf("\n");
}

// memcpy of `chunk`-byte pieces into a pre-touched shared mapping of a preallocated file.
Figure MemcpyBaseline(const std::string& dir, size_t chunk, double seconds) {
  const size_t size = 1ull << 30;
  std::string path = dir + "/memcpy.bin";
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || posix_fallocate(fd, 0, static_cast<off_t>(size)) != 0) return {};
  char* p = static_cast<char*>(mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
  for (size_t i = 0; i < size; i += 4096) p[i] = 0;
  std::string src(chunk, 'm');
  size_t pos = 0;
  uint64_t n = 0;
  const double cpu_start = ThreadCpuSeconds();
  auto start = Clock::now();
  auto deadline = start + std::chrono::duration<double>(seconds);
  while (Clock::now() < deadline) {
    for (int k = 0; k < 1024; ++k) {
      if (pos + chunk > size) pos = 0;
      std::memcpy(p + pos, src.data(), chunk);
      pos += chunk;
      ++n;
    }
  }
  double t = Seconds(Clock::now() - start);
  double cpu = ThreadCpuSeconds() - cpu_start;
  munmap(p, size);
  close(fd);
  std::filesystem::remove(path);
  return {n / t, n * chunk / t / 1e6, n / cpu, n * chunk / cpu / 1e6};
}

bool g_warm = true;

StoreConfig BenchConfig(const std::string& root, FlushDiskType type) {
  StoreConfig c;
  c.warm_mapped_file_enable = g_warm;
  c.store_path_root_dir = root;
  c.flush_disk_type = type;
  c.clean_resource_interval = 3600 * 1000;
  c.max_index_num = 2000000;  // 40 MB index files
  c.max_hash_slot_num = 500000;
  return c;
}

MessageExt Message(size_t body_size) {
  MessageExt m;
  m.topic = "BenchTopic";
  m.queue_id = 0;
  m.body.assign(body_size, 'b');
  m.born_timestamp = 1700000000000;
  m.born_host = rmq::HostAddress::V4(127, 0, 0, 1, 40000);
  m.properties = rmq::EncodeProperties({{"TAGS", "TagA"}, {"WAIT", "true"}});
  return m;
}

// Appends from one thread for `seconds`; `batch` > 1 sends SEND_BATCH_MESSAGE bodies.
Figure AsyncAppends(const std::string& dir, size_t body_size, int batch, double seconds) {
  std::string root = dir + "/async";
  std::filesystem::remove_all(root);
  Figure f;
  {
    MessageStore store(BenchConfig(root, FlushDiskType::kAsyncFlush));
    if (!store.Load().ok() || !store.Start().ok()) return f;
    MessageExt m = Message(body_size);
    if (batch > 1) {
      std::string body;
      for (int i = 0; i < batch; ++i) rmq::AppendBatchElement(0, m.body, m.properties, &body);
      m.body = std::move(body);
    }
    uint64_t messages = 0, bytes = 0;
    const double cpu_start = ThreadCpuSeconds();
    auto start = Clock::now();
    auto deadline = start + std::chrono::duration<double>(seconds);
    while (Clock::now() < deadline) {
      for (int k = 0; k < 256; ++k) {
        auto r = batch > 1 ? store.PutMessages(m) : store.PutMessage(m);
        if (!r.ok()) {
          std::fprintf(stderr, "append failed: %s\n", r.error.c_str());
          return f;
        }
        messages += r.append.msg_num;
        bytes += r.append.wrote_bytes;
      }
    }
    double t = Seconds(Clock::now() - start);
    double cpu = ThreadCpuSeconds() - cpu_start;
    f = {messages / t, bytes / t / 1e6, cpu > 0 ? messages / cpu : 0, cpu > 0 ? bytes / cpu / 1e6 : 0};
    store.Shutdown();
  }
  std::filesystem::remove_all(root);
  return f;
}

// `threads` appenders each waiting for their own SYNC_FLUSH acknowledgement.
Figure SyncAppends(const std::string& dir, size_t body_size, int threads, double seconds) {
  std::string root = dir + "/sync";
  std::filesystem::remove_all(root);
  Figure f;
  {
    MessageStore store(BenchConfig(root, FlushDiskType::kSyncFlush));
    if (!store.Load().ok() || !store.Start().ok()) return f;
    std::atomic<uint64_t> acked{0}, bytes{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> workers;
    auto start = Clock::now();
    for (int i = 0; i < threads; ++i) {
      workers.emplace_back([&] {
        MessageExt m = Message(body_size);
        while (!stop.load(std::memory_order_relaxed)) {
          auto r = store.PutMessage(m);
          if (r.ok()) {
            acked.fetch_add(1, std::memory_order_relaxed);
            bytes.fetch_add(r.append.wrote_bytes, std::memory_order_relaxed);
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& w : workers) w.join();
    double t = Seconds(Clock::now() - start);
    f = {acked.load() / t, bytes.load() / t / 1e6};
    store.Shutdown();
  }
  std::filesystem::remove_all(root);
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 2;
  std::string only;
  std::string dir = std::filesystem::temp_directory_path().string() + "/rmq_store_bench";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--seconds") seconds = std::stod(argv[i + 1]);
    if (flag == "--dir") dir = argv[i + 1];
    if (flag == "--only") only = argv[i + 1];
    if (flag == "--warm") g_warm = std::string(argv[i + 1]) != "0";
  }
  std::filesystem::create_directories(dir);
  std::printf("store_bench: %.1f s per case in %s\n", seconds, dir.c_str());
  auto want = [&](const char* name) { return only.empty() || std::string(name).find(only) != std::string::npos; };
  Figure mem1k, async1k, batch1k;
  struct Case {
    const char* name;
    std::function<Figure()> run;
    Figure* keep;
  };
  std::vector<Case> cases = {
      {"memcpy into pre-touched mmap, 256 B pieces", [&] { return MemcpyBaseline(dir, 256, seconds); }, nullptr},
      {"memcpy into pre-touched mmap, 1152 B pieces", [&] { return MemcpyBaseline(dir, 1152, seconds); }, &mem1k},
      {"ASYNC_FLUSH single 128 B, 1 thread", [&] { return AsyncAppends(dir, 128, 1, seconds); }, nullptr},
      {"ASYNC_FLUSH single 1 KiB, 1 thread", [&] { return AsyncAppends(dir, 1024, 1, seconds); }, &async1k},
      {"ASYNC_FLUSH batch 32 x 128 B, 1 thread", [&] { return AsyncAppends(dir, 128, 32, seconds); }, nullptr},
      {"ASYNC_FLUSH batch 32 x 1 KiB, 1 thread", [&] { return AsyncAppends(dir, 1024, 32, seconds); }, &batch1k},
      {"SYNC_FLUSH single 128 B, 64 appenders", [&] { return SyncAppends(dir, 128, 64, seconds); }, nullptr},
      {"SYNC_FLUSH single 1 KiB, 64 appenders", [&] { return SyncAppends(dir, 1024, 64, seconds); }, nullptr},
  };
  for (const auto& c : cases) {
    if (!want(c.name)) continue;
    Figure f = c.run();
    Print(c.name, f);
    if (c.keep) *c.keep = f;
  }
  if (mem1k.mb_per_second > 0 && async1k.mb_per_second > 0) {
    std::printf("1 KiB appends reach %.0f %% of the memcpy bandwidth single, %.0f %% batched "
                "(per CPU second: %.0f %%, %.0f %%)\n",
                100 * async1k.mb_per_second / mem1k.mb_per_second, 100 * batch1k.mb_per_second / mem1k.mb_per_second,
                100 * async1k.mb_per_cpu_second / mem1k.mb_per_cpu_second,
                100 * batch1k.mb_per_cpu_second / mem1k.mb_per_cpu_second);
  }
  std::filesystem::remove_all(dir);
  return 0;
}

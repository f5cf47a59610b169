// store_bench: append throughput of the message store — single and batched (32) appends of
// 128 B and 1 KiB bodies under ASYNC_FLUSH, SYNC_FLUSH with 64 concurrent appenders (64 blocked
// threads, or 64 appends in flight from one thread through the callback API) — each
// ASYNC_FLUSH case beside a plain memcpy of the same bytes into a pre-touched mmap'd file measured
// right after it, and the same memcpy into fresh (not yet touched) pages of a new file; the
// SYNC_FLUSH cases beside the disk's own flush rate (one writer, one group's bytes + msync per
// step). Prints a report; never fails on timing.
// Usage: store_bench [--seconds S] [--dir DIR] [--only SUBSTRING] [--warm 0|1] [--settle 0|1]
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <semaphore>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "common/message_codec.h"
#include "common/message_properties.h"
#include "store/mapped_file.h"
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
  uint64_t bytes = 0;          // written in the run
  size_t record_size = 0;      // bytes of one record
  double faults_per_mb = 0;    // minor page faults of the appending thread per MB written
};

uint64_t ThreadMinorFaults() {
  rusage u{};
  getrusage(RUSAGE_THREAD, &u);
  return static_cast<uint64_t>(u.ru_minflt);
}

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
  // The appending thread's page faults are measured only where its CPU time is (one writer).
  if (f.record_size > 0 && f.per_cpu_second > 0) {
    std::printf("   (%zu B records, %.1f page faults/MB)", f.record_size, f.faults_per_mb);
  } else if (f.record_size > 0) {
    std::printf("   (%zu B records)", f.record_size);
  }
  std::printf("\n");
}

// The reference the issue compares appends with: `total` bytes copied sequentially, in pieces of
// one record's size, into a shared mapping of a preallocated file of the CommitLog's size whose
// pages were all touched (written) before the clock starts — the same bytes the append run
// wrote, but none of its encoding, CRC, locking or page faults. Wraps to the file start when
// `total` exceeds the file (never a small cache-resident buffer rewritten in place).
// With `pretouch` false the pages are not touched first: the copy then pays what every write into
// a new file's pages pays (page-cache allocation, zeroing, block reservation) — the ceiling of
// any store that appends into new files, however the warm-up is arranged.
Figure MemcpyBaseline(const std::string& dir, size_t chunk, uint64_t total, int64_t file_size, bool pretouch = true) {
  const size_t size = static_cast<size_t>(file_size);
  std::string path = dir + "/memcpy.bin";
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || posix_fallocate(fd, 0, static_cast<off_t>(size)) != 0 || chunk == 0) return {};
  char* p = static_cast<char*>(mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
  if (p == MAP_FAILED) return {};
  if (pretouch) {
    for (size_t i = 0; i < size; i += 4096) p[i] = 0;
  }
  std::string src(chunk, 'm');
  size_t pos = 0;
  uint64_t n = 0;
  const uint64_t pieces = std::max<uint64_t>(1, total / chunk);
  const double cpu_start = ThreadCpuSeconds();
  auto start = Clock::now();
  for (; n < pieces; ++n) {
    if (pos + chunk > size) pos = 0;
    std::memcpy(p + pos, src.data(), chunk);
    pos += chunk;
  }
  double t = Seconds(Clock::now() - start);
  double cpu = ThreadCpuSeconds() - cpu_start;
  munmap(p, size);
  close(fd);
  std::filesystem::remove(path);
  return {n / t, n * chunk / t / 1e6, n / cpu, n * chunk / cpu / 1e6};
}

// The disk's own flush rate, the ceiling of group commit: one thread writes `piece` bytes into a
// preallocated, fully written (as the SYNC_FLUSH warm-up leaves it) mmap'd file and msyncs them,
// step after step, for `seconds`. Group commit with N appenders can acknowledge at most about
// N x this rate, and that only if every flush carries all N appends.
Figure DiskFlushRate(const std::string& dir, size_t piece, double seconds) {
  const size_t size = 64u << 20;
  std::string path = dir + "/flush.bin";
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || piece == 0 || piece > size || posix_fallocate(fd, 0, static_cast<off_t>(size)) != 0) {
    if (fd >= 0) close(fd);
    return {};
  }
  std::string block(1u << 20, 'w');
  for (size_t off = 0; off < size; off += block.size()) {
    if (pwrite(fd, block.data(), block.size(), static_cast<off_t>(off)) < 0) break;
  }
  fdatasync(fd);
  char* p = static_cast<char*>(mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
  if (p == MAP_FAILED) {
    close(fd);
    return {};
  }
  const size_t page = 4096;
  size_t pos = 0;
  uint64_t flushes = 0;
  auto start = Clock::now();
  auto deadline = start + std::chrono::duration<double>(seconds);
  while (Clock::now() < deadline) {
    if (pos + piece > size) pos = 0;
    std::memset(p + pos, 'f', piece);
    const size_t aligned = pos & ~(page - 1);
    if (msync(p + aligned, pos + piece - aligned, MS_SYNC) != 0) break;
    pos += piece;
    ++flushes;
  }
  double t = Seconds(Clock::now() - start);
  munmap(p, size);
  close(fd);
  std::filesystem::remove(path);
  return {flushes / t, flushes * piece / t / 1e6};
}

bool g_warm = true;
bool g_settle = true;

// Fraction of `path`'s pages in the page cache (0 if it cannot be read).
double ResidentFraction(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY);
  if (fd < 0) return 0;
  struct stat st {};
  double fraction = 0;
  if (fstat(fd, &st) == 0 && st.st_size > 0) {
    size_t size = static_cast<size_t>(st.st_size);
    void* p = mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
    if (p != MAP_FAILED) {
      std::vector<unsigned char> pages((size + 4095) / 4096);
      if (mincore(p, size, pages.data()) == 0) {
        size_t resident = 0;
        for (unsigned char c : pages) resident += c & 1;
        fraction = static_cast<double>(resident) / pages.size();
      }
      munmap(p, size);
    }
  }
  close(fd);
  return fraction;
}

// A running broker appends into a file its allocator created and warmed ahead of time. A fresh
// store has not had that time, so before the clock starts this waits (at most 60 s) until the
// first CommitLog file is in the page cache. The next file is warmed while the run goes on, as
// in a broker; the page faults the writer still meets are reported per MB.
void SettleWarmUp(const std::string& root) {
  if (!g_warm || !g_settle) return;
  auto start = Clock::now();
  const std::string first = root + "/commitlog/" + rmq::store::OffsetToFileName(0);
  while (ResidentFraction(first) < 0.99 && Clock::now() - start < std::chrono::seconds(60)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::printf("  (waited %.1f s for the warm-up of the first CommitLog file)\n", Seconds(Clock::now() - start));
}

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
    if (!store.PutMessage(Message(128)).ok()) return f;
    SettleWarmUp(root);
    uint64_t messages = 0, bytes = 0;
    const uint64_t faults_start = ThreadMinorFaults();
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
    const uint64_t faults = ThreadMinorFaults() - faults_start;
    f = {messages / t, bytes / t / 1e6, cpu > 0 ? messages / cpu : 0, cpu > 0 ? bytes / cpu / 1e6 : 0};
    f.bytes = bytes;
    f.record_size = messages > 0 ? static_cast<size_t>(bytes / messages) : 0;
    f.faults_per_mb = bytes > 0 ? faults / (bytes / 1e6) : 0;
    store.Shutdown();
  }
  std::filesystem::remove_all(root);
  return f;
}

// What a SYNC_FLUSH run acknowledged within its measured time.
struct SyncCount {
  uint64_t acked = 0;
  uint64_t bytes = 0;
  double seconds = 0;
};

// Runs `appenders` (store -> SyncCount) against a fresh SYNC_FLUSH store whose first file is
// warm, as a broker's allocator warmed (and, under SYNC_FLUSH, wrote) it long before its
// appenders reach it.
template <typename Appenders>
Figure SyncFigure(const std::string& root, Appenders appenders) {
  std::filesystem::remove_all(root);
  Figure f;
  {
    MessageStore store(BenchConfig(root, FlushDiskType::kSyncFlush));
    if (!store.Load().ok() || !store.Start().ok()) return f;
    if (!store.PutMessage(Message(128)).ok()) return f;
    SettleWarmUp(root);
    const SyncCount c = appenders(store);
    f = {c.acked / c.seconds, c.bytes / c.seconds / 1e6};
    f.bytes = c.bytes;
    f.record_size = c.acked > 0 ? static_cast<size_t>(c.bytes / c.acked) : 0;
    store.Shutdown();
  }
  std::filesystem::remove_all(root);
  return f;
}

// `threads` appenders each blocked until their own SYNC_FLUSH acknowledgement.
Figure SyncAppends(const std::string& dir, size_t body_size, int threads, double seconds) {
  return SyncFigure(dir + "/sync", [&](MessageStore& store) {
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
    return SyncCount{acked.load(), bytes.load(), Seconds(Clock::now() - start)};
  });
}

// `in_flight` SYNC_FLUSH appends kept outstanding by one thread through the callback API, as the
// broker's I/O threads issue them: each acknowledgement lets the thread append one more.
Figure SyncAppendsInFlight(const std::string& dir, size_t body_size, int in_flight, double seconds) {
  return SyncFigure(dir + "/sync-async", [&](MessageStore& store) {
    MessageExt m = Message(body_size);
    std::counting_semaphore<> slots(in_flight);
    std::atomic<uint64_t> acked{0}, bytes{0}, failed{0};
    auto start = Clock::now();
    auto deadline = start + std::chrono::duration<double>(seconds);
    uint64_t issued = 0;
    while (Clock::now() < deadline) {
      slots.acquire();
      ++issued;
      store.AsyncPutMessage(m, [&](rmq::store::PutMessageResult r) {
        if (r.ok()) {
          acked.fetch_add(1, std::memory_order_relaxed);
          bytes.fetch_add(r.append.wrote_bytes, std::memory_order_relaxed);
        } else {
          failed.fetch_add(1, std::memory_order_relaxed);
        }
        slots.release();
      });
    }
    // Count what was acknowledged within the run; the rest must still be answered before the
    // store (and the counters the callbacks use) go away.
    const SyncCount in_time{acked.load(), bytes.load(), Seconds(Clock::now() - start)};
    while (acked.load() + failed.load() < issued) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (failed.load() > 0) std::fprintf(stderr, "%llu appends failed\n", static_cast<unsigned long long>(failed.load()));
    return in_time;
  });
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 2;
  std::string only;
  std::string dir = std::filesystem::temp_directory_path().string() + "/rmq_store_bench";
  CLI::App app{"store_bench: append throughput of the message store beside memcpy and disk-flush references",
               "store_bench"};
  app.add_option("--seconds", seconds, "measured seconds per case")->check(CLI::Range(0.1, 3600.0));
  app.add_option("--dir", dir, "scratch directory (removed at the end)");
  app.add_option("--only", only, "run only the cases whose name contains this text");
  app.add_option("--warm", g_warm, "warmMapedFileEnable of the store (0 or 1)");
  app.add_option("--settle", g_settle, "wait for the first file's warm-up before measuring (0 or 1)");
  CLI11_PARSE(app, argc, argv);
  std::filesystem::create_directories(dir);
  std::printf("store_bench: %.1f s per case in %s\n", seconds, dir.c_str());
  auto want = [&](const char* name) { return only.empty() || std::string(name).find(only) != std::string::npos; };
  const int64_t file_size = StoreConfig().mapped_file_size_commit_log;
  // Each ASYNC_FLUSH case is followed by its memcpy reference: the same bytes in pieces of the
  // same record size (MemcpyBaseline), so the two figures compare like with like.
  struct Case {
    const char* name;
    size_t body;
    int batch;
  };
  const Case async_cases[] = {
      {"ASYNC_FLUSH single 128 B, 1 thread", 128, 1},
      {"ASYNC_FLUSH single 1 KiB, 1 thread", 1024, 1},
      {"ASYNC_FLUSH batch 32 x 128 B, 1 thread", 128, 32},
      {"ASYNC_FLUSH batch 32 x 1 KiB, 1 thread", 1024, 32},
  };
  for (const Case& c : async_cases) {
    if (!want(c.name)) continue;
    Figure f = AsyncAppends(dir, c.body, c.batch, seconds);
    Print(c.name, f);
    if (f.bytes == 0) continue;
    Figure m = MemcpyBaseline(dir, f.record_size, f.bytes, file_size);
    char name[96];
    std::snprintf(name, sizeof(name), "  memcpy reference, %zu B pieces, same bytes", f.record_size);
    Print(name, m);
    if (m.mb_per_second > 0 && m.mb_per_cpu_second > 0) {
      std::printf("  -> appends reach %.0f %% of the memcpy bandwidth (per CPU second: %.0f %%)\n",
                  100 * f.mb_per_second / m.mb_per_second, 100 * f.mb_per_cpu_second / m.mb_per_cpu_second);
    }
    Figure fresh = MemcpyBaseline(dir, f.record_size, f.bytes, file_size, /*pretouch=*/false);
    std::snprintf(name, sizeof(name), "  memcpy into fresh pages, %zu B pieces", f.record_size);
    Print(name, fresh);
    if (m.mb_per_second > 0) {
      std::printf("  -> new file pages alone allow %.0f %% of the memcpy reference\n",
                  100 * fresh.mb_per_second / m.mb_per_second);
    }
  }
  // Two shapes of 64 concurrent appenders: 64 threads each blocked until its append is durable,
  // and 64 appends in flight from one thread through the callback API (the broker's shape).
  struct SyncCase {
    const char* name;
    size_t body;
    int appenders;
    bool threads;
  };
  const SyncCase sync_cases[] = {
      {"SYNC_FLUSH single 128 B, 64 appenders", 128, 64, true},
      {"SYNC_FLUSH single 1 KiB, 64 appenders", 1024, 64, true},
      {"SYNC_FLUSH single 128 B, 64 in flight, 1 thread", 128, 64, false},
      {"SYNC_FLUSH single 1 KiB, 64 in flight, 1 thread", 1024, 64, false},
  };
  for (const SyncCase& c : sync_cases) {
    if (!want(c.name)) continue;
    Figure f = c.threads ? SyncAppends(dir, c.body, c.appenders, seconds)
                         : SyncAppendsInFlight(dir, c.body, c.appenders, seconds);
    Print(c.name, f);
    if (f.record_size == 0) continue;
    // One flush per step carrying what one full group would: every appender's record.
    const size_t piece = f.record_size * static_cast<size_t>(c.appenders);
    Figure disk = DiskFlushRate(dir, piece, seconds);
    char name[96];
    std::snprintf(name, sizeof(name), "  disk flush reference, %zu B + msync per step", piece);
    Print(name, disk);
    if (disk.per_second > 0) {
      std::printf("  -> %d appenders in every flush would allow %.0f acks/s; group commit reached %.0f %% of that\n",
                  c.appenders, c.appenders * disk.per_second, 100 * f.per_second / (c.appenders * disk.per_second));
    }
  }
  std::filesystem::remove_all(dir);
  return 0;
}

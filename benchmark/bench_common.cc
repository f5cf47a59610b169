// Benchmark helpers.
#include "bench_common.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <thread>

namespace rmq::bench {

int LatencyHistogram::BucketOf(uint64_t micros) {
  if (micros < 128) return static_cast<int>(micros);
  int msb = 63 - __builtin_clzll(micros);
  int shift = msb - 6;  // micros >> shift lies in [64, 128)
  int bucket = 128 + (shift - 1) * 64 + static_cast<int>((micros >> shift) - 64);
  return std::min(bucket, kBuckets - 1);
}

uint64_t LatencyHistogram::BucketValue(int bucket) {
  if (bucket < 128) return static_cast<uint64_t>(bucket);
  int shift = (bucket - 128) / 64 + 1;
  uint64_t mantissa = static_cast<uint64_t>((bucket - 128) % 64 + 64);
  // The middle of the bucket.
  return (mantissa << shift) + ((uint64_t{1} << shift) >> 1);
}

void LatencyHistogram::Record(uint64_t micros) {
  counts_[BucketOf(micros)].fetch_add(1, std::memory_order_relaxed);
  sum_us_.fetch_add(micros, std::memory_order_relaxed);
  uint64_t max = max_us_.load(std::memory_order_relaxed);
  while (micros > max && !max_us_.compare_exchange_weak(max, micros, std::memory_order_relaxed)) {
  }
}

LatencyHistogram::Snapshot LatencyHistogram::Drain() {
  Snapshot out;
  for (int i = 0; i < kBuckets; ++i) {
    out.counts[i] = counts_[i].exchange(0, std::memory_order_relaxed);
    out.total += out.counts[i];
  }
  out.sum_us = sum_us_.exchange(0, std::memory_order_relaxed);
  out.max_us = max_us_.exchange(0, std::memory_order_relaxed);
  return out;
}

void LatencyHistogram::Snapshot::Merge(const Snapshot& other) {
  for (int i = 0; i < kBuckets; ++i) counts[i] += other.counts[i];
  total += other.total;
  sum_us += other.sum_us;
  max_us = std::max(max_us, other.max_us);
}

double LatencyHistogram::Snapshot::PercentileUs(double q) const {
  if (total == 0) return 0;
  uint64_t rank = static_cast<uint64_t>(q * static_cast<double>(total - 1)) + 1;
  uint64_t seen = 0;
  for (int i = 0; i < kBuckets; ++i) {
    seen += counts[i];
    if (seen >= rank) return static_cast<double>(std::min<uint64_t>(BucketValue(i), max_us));
  }
  return static_cast<double>(max_us);
}

std::string CurrentTime() {
  int64_t millis = NowMillis();
  std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm tm{};
  localtime_r(&seconds, &tm);
  char buffer[64];
  size_t n = std::strftime(buffer, sizeof(buffer), "%Y-%m-%d %H:%M:%S", &tm);
  std::snprintf(buffer + n, sizeof(buffer) - n, ",%03d", static_cast<int>(millis % 1000));
  return buffer;
}

int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string PercentileSuffix(const LatencyHistogram::Snapshot& s) {
  char buffer[160];
  std::snprintf(buffer, sizeof(buffer), " | p50(ms): %.3f | p99(ms): %.3f | p999(ms): %.3f | max(ms): %.3f",
                s.PercentileUs(0.50) / 1000.0, s.PercentileUs(0.99) / 1000.0, s.PercentileUs(0.999) / 1000.0,
                static_cast<double>(s.max_us) / 1000.0);
  return buffer;
}

RateLimiter::RateLimiter(double rate)
    : interval_ns_(rate > 0 ? 1e9 / rate : 0),
      next_ns_(std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
                   .count()) {}

std::chrono::steady_clock::time_point RateLimiter::Acquire() {
  auto now = std::chrono::steady_clock::now();
  if (interval_ns_ <= 0) return now;
  int64_t slot = next_ns_.fetch_add(static_cast<int64_t>(interval_ns_), std::memory_order_relaxed);
  auto at = std::chrono::steady_clock::time_point(std::chrono::nanoseconds(slot));
  if (at > now) std::this_thread::sleep_until(at);
  return at;
}

namespace {
std::atomic<bool> g_stop{false};
void OnSignal(int) { g_stop.store(true); }
}  // namespace

void InstallStopHandler() {
  struct sigaction action{};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  signal(SIGPIPE, SIG_IGN);
}

bool StopRequested() { return g_stop.load(std::memory_order_relaxed); }
void RequestStop() { g_stop.store(true); }

std::vector<std::string> FixJavaShortOptions(int argc, char** argv, const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    for (const auto& name : names) {
      if (arg == "-" + name) arg = "--" + name;
    }
    out.push_back(arg);
  }
  std::reverse(out.begin(), out.end());  // CLI11's vector form takes the arguments reversed
  return out;
}

std::string NamesrvOrDefault(const std::string& flag) {
  if (!flag.empty()) return flag;
  const char* env = std::getenv("NAMESRV_ADDR");
  return env != nullptr && *env != '\0' ? env : "127.0.0.1:9876";
}

void RaiseMax(std::atomic<int64_t>& max, int64_t value) {
  int64_t current = max.load();
  while (value > current && !max.compare_exchange_weak(current, value)) {
  }
}

void Progress(const std::string& text) {
  static const bool tty = isatty(STDERR_FILENO) != 0;
  if (!tty) return;
  std::fprintf(stderr, "\r%s\033[K", text.c_str());
  std::fflush(stderr);
}

void ClearProgress() {
  static const bool tty = isatty(STDERR_FILENO) != 0;
  if (!tty) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
}

}  // namespace rmq::bench

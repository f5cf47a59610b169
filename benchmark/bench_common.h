// Shared parts of the benchmark tools (producer, consumer, transaction and batch producers):
// a lock-free latency histogram with microsecond resolution, the Java tools' timestamp, an
// optional rate limiter, the live progress line, stop-on-signal, the name server default, and
// the argv fix-up that lets CLI11 read the Java tools' multi-letter short options (-ri, -ak,
// ...). Thread-safe where noted.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace rmq::bench {

// Log-linear buckets (64 per power of two, < 1.6% error) over microseconds. Record() is
// lock-free and safe from any thread; Drain() moves the counts out (one reader at a time).
class LatencyHistogram {
 public:
  static constexpr int kBuckets = 128 + 40 * 64;

  struct Snapshot {
    std::vector<uint64_t> counts = std::vector<uint64_t>(kBuckets, 0);
    uint64_t total = 0;
    uint64_t sum_us = 0;
    uint64_t max_us = 0;
    void Merge(const Snapshot& other);
    // The value (µs) at quantile q in [0, 1]; 0 when empty.
    double PercentileUs(double q) const;
    double MeanUs() const { return total == 0 ? 0.0 : static_cast<double>(sum_us) / static_cast<double>(total); }
  };

  void Record(uint64_t micros);
  // Returns the counts since the last Drain and resets them.
  Snapshot Drain();

 private:
  static int BucketOf(uint64_t micros);
  static uint64_t BucketValue(int bucket);

  std::atomic<uint64_t> counts_[kBuckets] = {};
  std::atomic<uint64_t> sum_us_{0};
  std::atomic<uint64_t> max_us_{0};
};

// "yyyy-MM-dd HH:mm:ss,SSS" local time, as the Java tools' "Current Time".
std::string CurrentTime();
int64_t NowMillis();
int64_t NowMicros();

// " | p50(ms): x | p99(ms): x | p999(ms): x | max(ms): x" for the report lines.
std::string PercentileSuffix(const LatencyHistogram::Snapshot& snapshot);

// Paces callers to `rate` operations per second in total (0 = unlimited). Thread-safe. Acquire()
// returns the time the operation was scheduled for, so latency can be measured from it
// (coordinated omission: a stalled broker shows up as latency, not as a lower rate).
class RateLimiter {
 public:
  explicit RateLimiter(double rate);
  std::chrono::steady_clock::time_point Acquire();

 private:
  double interval_ns_;
  std::atomic<int64_t> next_ns_;
};

// Installs SIGINT/SIGTERM handlers that set the flag returned by StopRequested().
void InstallStopHandler();
bool StopRequested();
void RequestStop();

// Rewrites the Java multi-letter short options in `names` ("-ri" -> "--ri") so CLI11 accepts them.
std::vector<std::string> FixJavaShortOptions(int argc, char** argv, const std::vector<std::string>& names);

// The name server to use, as the Java tools: `flag` (-n) when given, else $NAMESRV_ADDR, else
// 127.0.0.1:9876.
std::string NamesrvOrDefault(const std::string& flag);

// Raises `max` to `value` when `value` is larger. Thread-safe.
void RaiseMax(std::atomic<int64_t>& max, int64_t value);

// Prints "\r<text>" to stderr when it is a terminal (the live progress line); no-op otherwise.
void Progress(const std::string& text);
// Ends the progress line so the next report starts on a clean line.
void ClearProgress();

}  // namespace rmq::bench

#include "store/store_clock.h"

#include <ctime>
#include <fstream>
#include <string>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace rmq::store {

namespace {

// Reuse window of a clock read. Far below the millisecond resolution of STORETIMESTAMP, so a
// reused value is off by at most that much, as if the append had come 20 µs earlier.
constexpr int64_t kReuseNs = 20'000;
// Calibrate the TSC rate over at least this much monotonic time.
constexpr int64_t kCalibrationNs = 50'000'000;

// The TSC counts at a constant rate, also across sleep states (cpuinfo flags); otherwise it is
// never used and every call reads the system clock.
bool InvariantTsc() {
#if defined(__x86_64__)
  static const bool invariant = [] {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("flags", 0) == 0) {
        return line.find(" constant_tsc") != std::string::npos && line.find(" nonstop_tsc") != std::string::npos;
      }
    }
    return false;
  }();
  return invariant;
#else
  return false;
#endif
}

uint64_t ReadTsc() {
#if defined(__x86_64__)
  return __rdtsc();
#else
  return 0;
#endif
}

int64_t Ns(const timespec& ts) { return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec; }

}  // namespace

int64_t StoreClock::NowMs() {
  if (reuse_ticks_ == 0) return ReadClock(ReadTsc());
  // Read before the clock in ReadClock, so the window never extends past 20 µs after the read;
  // a counter behind the cached one (another core) wraps to a huge difference and reads again.
  const uint64_t tsc = ReadTsc();
  if (tsc - cached_tsc_ < reuse_ticks_) return cached_ms_;
  return ReadClock(tsc);
}

int64_t StoreClock::ReadClock(uint64_t tsc) {
  timespec real{};
  clock_gettime(CLOCK_REALTIME, &real);
  cached_ms_ = Ns(real) / 1'000'000;
  cached_tsc_ = tsc;
  if (reuse_ticks_ == 0 && InvariantTsc()) {
    timespec mono{};
    clock_gettime(CLOCK_MONOTONIC, &mono);
    const int64_t ns = Ns(mono);
    if (calib_tsc_ == 0 || tsc < calib_tsc_) {
      calib_tsc_ = tsc;
      calib_ns_ = ns;
    } else if (ns - calib_ns_ >= kCalibrationNs) {
      const double ticks_per_ns = static_cast<double>(tsc - calib_tsc_) / static_cast<double>(ns - calib_ns_);
      // Anything outside 0.1–20 GHz means the counter is not what it claims: keep reading the clock.
      if (ticks_per_ns >= 0.1 && ticks_per_ns <= 20) {
        reuse_ticks_ = static_cast<uint64_t>(ticks_per_ns * kReuseNs);
      } else {
        calib_tsc_ = tsc;
        calib_ns_ = ns;
      }
    }
  }
  return cached_ms_;
}

}  // namespace rmq::store

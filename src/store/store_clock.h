// StoreClock: the wall-clock milliseconds the CommitLog stamps on records (STORETIMESTAMP), read
// without a clock_gettime per append. On x86-64 the time-stamp counter tells how long ago the
// clock was last read; within 20 µs of that read the same millisecond value is returned again.
// Not thread-safe: the CommitLog calls it under its writer lock.
#pragma once

#include <cstdint>

namespace rmq::store {

class StoreClock {
 public:
  // Milliseconds since the epoch, at most 20 µs behind the system clock (and exact, a system
  // clock read, whenever the TSC is unusable or not yet calibrated).
  int64_t NowMs();

 private:
  int64_t ReadClock(uint64_t tsc);

  int64_t cached_ms_ = 0;
  uint64_t cached_tsc_ = 0;     // TSC when cached_ms_ was read
  uint64_t reuse_ticks_ = 0;    // TSC ticks in 20 µs; 0 until calibrated
  uint64_t calib_tsc_ = 0;      // first (TSC, monotonic ns) pair, for the calibration
  int64_t calib_ns_ = 0;
};

}  // namespace rmq::store

// The two clocks the suite keeps in int64 milliseconds: the wall clock for timestamps that go on
// the wire or to disk (born and store times, offset resets), and the steady clock for timeouts
// and intervals, which must not jump when the wall clock is set.
#pragma once

#include <chrono>
#include <cstdint>

namespace rmq {

inline int64_t WallClockMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

inline int64_t SteadyClockMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace rmq

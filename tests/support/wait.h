// WaitFor: the bounded poll every integration test uses to wait for a condition.
#pragma once

#include <chrono>
#include <functional>
#include <thread>

namespace rmq::testing {

// Polls `condition` every 20 ms until it holds or `timeout` passes.
inline bool WaitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}

}  // namespace rmq::testing

// IoThreadPool: the one io_context of a process and the threads that run it. A daemon owns one
// and hands context() to its RemotingServer and RemotingClient. Start/Stop/Join may be called
// from any thread except that Join must not run on a pool thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "remoting/asio.h"

namespace rmq::remoting {

class IoThreadPool {
 public:
  // `threads` == 0 means one per hardware thread. `name` prefixes the thread names.
  explicit IoThreadPool(size_t threads = 0, std::string name = "rmq-io");
  // Stops and joins.
  ~IoThreadPool();

  IoThreadPool(const IoThreadPool&) = delete;
  IoThreadPool& operator=(const IoThreadPool&) = delete;

  asio::io_context& context() { return context_; }
  size_t size() const { return size_; }

  // Launches the threads; they run the context until Stop(). A second call does nothing.
  void Start();
  // Makes run() return in every thread as soon as its current handler finishes. Pending
  // handlers are not run. Idempotent.
  void Stop();
  // Waits for the threads to exit. REQUIRES: not called from a pool thread.
  void Join();
  // True when the calling thread is one of this pool's threads.
  bool InPoolThread() const;

 private:
  asio::io_context context_;
  size_t size_;
  std::string name_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  std::vector<std::thread> threads_;
};

}  // namespace rmq::remoting

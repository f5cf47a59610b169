// IoThreadPool: the io threads of a process, each running its own io_context. A daemon owns one
// and hands it to its RemotingServer and RemotingClient, which pin each connection to one
// context (round-robin), so a request is read, processed and answered on one thread and a
// connection's state never bounces between cores. context() is the first context, for timers
// and other work not tied to a connection. Start/Stop/Join may be called from any thread except
// that Join must not run on a pool thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
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

  // The first thread's context.
  asio::io_context& context() { return *contexts_[0]; }
  // The context of thread `i` < size().
  asio::io_context& context(size_t i) { return *contexts_[i]; }
  // The next context in round-robin order: where a new connection goes.
  asio::io_context& NextContext();
  size_t size() const { return contexts_.size(); }

  // Launches the threads; they run their contexts until Stop(). A second call does nothing.
  void Start();
  // Makes run() return in every thread as soon as its current handler finishes. Pending
  // handlers are not run. Idempotent.
  void Stop();
  // Waits for the threads to exit. REQUIRES: not called from a pool thread.
  void Join();
  // True when the calling thread is one of this pool's threads.
  bool InPoolThread() const;

 private:
  using WorkGuard = asio::executor_work_guard<asio::io_context::executor_type>;

  // An io_context whose services the pool can shut down before any context is destroyed: a
  // handler pending on one context may hold work or a coroutine of another (a processor
  // awaiting a call on a connection pinned elsewhere), so all pending handlers must be
  // destroyed while every context still exists. A concurrency hint of 1 tells Asio one thread
  // runs the context, which lets it queue handlers posted from that thread without a lock.
  class Context : public asio::io_context {
   public:
    Context() : asio::io_context(1) {}
    using asio::execution_context::shutdown;
  };

  // unique_ptr: io_context is neither movable nor copyable.
  std::vector<std::unique_ptr<Context>> contexts_;
  std::string name_;
  std::vector<WorkGuard> work_;
  std::vector<std::thread> threads_;
  std::atomic<size_t> next_{0};
};

}  // namespace rmq::remoting

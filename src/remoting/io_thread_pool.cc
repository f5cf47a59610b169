#include "remoting/io_thread_pool.h"

#include <pthread.h>

#include <algorithm>

#include "common/logging.h"

namespace rmq::remoting {

IoThreadPool::IoThreadPool(size_t threads, std::string name) : name_(std::move(name)) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  contexts_.reserve(threads);
  for (size_t i = 0; i < threads; ++i) contexts_.push_back(std::make_unique<Context>());
}

IoThreadPool::~IoThreadPool() {
  Stop();
  Join();
  // Two phases (see Context): first every pending handler of every context is destroyed, then
  // the contexts themselves.
  for (auto& context : contexts_) context->shutdown();
  work_.clear();
  contexts_.clear();
}

asio::io_context& IoThreadPool::NextContext() {
  return *contexts_[next_.fetch_add(1, std::memory_order_relaxed) % contexts_.size()];
}

void IoThreadPool::Start() {
  if (!threads_.empty()) return;
  work_.clear();
  for (auto& context : contexts_) {
    context->restart();
    work_.push_back(asio::make_work_guard(*context));
  }
  threads_.reserve(contexts_.size());
  for (size_t i = 0; i < contexts_.size(); ++i) {
    threads_.emplace_back([this, i] {
      // Linux limits thread names to 15 characters.
      std::string thread_name = (name_ + "-" + std::to_string(i)).substr(0, 15);
      pthread_setname_np(pthread_self(), thread_name.c_str());
      try {
        contexts_[i]->run();
      } catch (const std::exception& e) {
        // Handlers catch their own errors; reaching here is a bug worth a loud line.
        GetLogger("remoting")->error("io thread {} stopped by an exception: {}", thread_name, e.what());
      }
    });
  }
}

void IoThreadPool::Stop() {
  for (auto& guard : work_) guard.reset();
  for (auto& context : contexts_) context->stop();
}

void IoThreadPool::Join() {
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  threads_.clear();
}

bool IoThreadPool::InPoolThread() const {
  auto self = std::this_thread::get_id();
  return std::any_of(threads_.begin(), threads_.end(),
                     [self](const std::thread& thread) { return thread.get_id() == self; });
}

}  // namespace rmq::remoting

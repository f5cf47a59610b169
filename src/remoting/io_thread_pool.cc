#include "remoting/io_thread_pool.h"

#include <pthread.h>

#include <algorithm>

#include "common/logging.h"

namespace rmq::remoting {

IoThreadPool::IoThreadPool(size_t threads, std::string name)
    : context_(static_cast<int>(threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : threads)),
      size_(threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : threads),
      name_(std::move(name)) {}

IoThreadPool::~IoThreadPool() {
  Stop();
  Join();
}

void IoThreadPool::Start() {
  if (!threads_.empty()) return;
  context_.restart();
  work_.emplace(context_.get_executor());
  threads_.reserve(size_);
  for (size_t i = 0; i < size_; ++i) {
    threads_.emplace_back([this, i] {
      // Linux limits thread names to 15 characters.
      std::string thread_name = (name_ + "-" + std::to_string(i)).substr(0, 15);
      pthread_setname_np(pthread_self(), thread_name.c_str());
      try {
        context_.run();
      } catch (const std::exception& e) {
        // Handlers catch their own errors; reaching here is a bug worth a loud line.
        GetLogger("remoting")->error("io thread {} stopped by an exception: {}", thread_name, e.what());
      }
    });
  }
}

void IoThreadPool::Stop() {
  work_.reset();
  context_.stop();
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

#include "store/periodic_thread.h"

namespace rmq::store {

void PeriodicThread::Start(std::chrono::milliseconds interval, std::function<void()> body) {
  interval_ = interval;
  body_ = std::move(body);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = false;
  }
  running_ = true;
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stop_) {
      cv_.wait_for(lock, interval_, [this] { return stop_ || notified_.load(std::memory_order_acquire); });
      if (stop_) break;
      notified_.store(false, std::memory_order_release);
      lock.unlock();
      body_();
      lock.lock();
    }
  });
}

void PeriodicThread::Wakeup() {
  if (notified_.exchange(true, std::memory_order_acq_rel)) return;
  std::lock_guard<std::mutex> lock(mutex_);
  cv_.notify_one();
}

void PeriodicThread::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!running_) return;
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  running_ = false;
}

}  // namespace rmq::store

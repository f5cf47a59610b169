#include "client/scheduler.h"

#include <pthread.h>

#include <memory>

namespace rmq::client {

Scheduler::Scheduler(std::string name) : name_(std::move(name)) {}

Scheduler::~Scheduler() { Stop(); }

void Scheduler::Start() {
  std::lock_guard lock(mutex_);
  if (started_ || stopped_) return;
  started_ = true;
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), name_.substr(0, 15).c_str());
    Run();
  });
}

void Scheduler::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    jobs_.clear();
  }
  cv_.notify_all();
  if (!thread_.joinable()) return;
  if (thread_.get_id() == std::this_thread::get_id()) {
    thread_.detach();  // released from one of its own jobs: the loop sees stopped_ and ends
  } else {
    thread_.join();
  }
}

void Scheduler::Schedule(std::chrono::milliseconds delay, std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    jobs_.emplace(std::chrono::steady_clock::now() + delay, std::move(job));
  }
  cv_.notify_all();
}

void Scheduler::ScheduleAtFixedRate(std::chrono::milliseconds initial_delay, std::chrono::milliseconds period,
                                    std::function<void()> job) {
  // The job reschedules itself before running, so a slow run does not drift the period.
  auto shared = std::make_shared<std::function<void()>>(std::move(job));
  auto tick = std::make_shared<std::function<void()>>();
  std::weak_ptr<std::function<void()>> weak_tick = tick;
  *tick = [this, shared, period, weak_tick] {
    if (auto self = weak_tick.lock()) Schedule(period, [self] { (*self)(); });
    (*shared)();
  };
  Schedule(initial_delay, [tick] { (*tick)(); });
}

void Scheduler::Run() {
  std::unique_lock lock(mutex_);
  while (!stopped_) {
    if (jobs_.empty()) {
      cv_.wait(lock);
      continue;
    }
    auto first = jobs_.begin();
    if (first->first > std::chrono::steady_clock::now()) {
      // A copy: wait_until reads the deadline again after waking, when another thread may
      // have erased the entry it belongs to.
      const auto deadline = first->first;
      cv_.wait_until(lock, deadline);
      continue;
    }
    auto job = std::move(first->second);
    jobs_.erase(first);
    lock.unlock();
    job();
    lock.lock();
  }
}

}  // namespace rmq::client

#include "broker/pull_request_hold_service.h"

namespace rmq::broker {

std::string PullRequestHoldService::Key(std::string_view topic, int32_t queue_id) {
  std::string key(topic);
  key += '@';
  key += std::to_string(queue_id);
  return key;
}

void PullRequestHoldService::Wake(const std::shared_ptr<Waiter>& waiter) {
  if (waiter->woken.exchange(true)) return;
  asio::post(waiter->timer.get_executor(), [waiter] { waiter->timer.cancel(); });
}

std::shared_ptr<PullRequestHoldService::Waiter> PullRequestHoldService::Park(asio::any_io_executor executor,
                                                                             std::string_view topic,
                                                                             int32_t queue_id) {
  auto waiter = std::make_shared<Waiter>(std::move(executor));
  std::lock_guard lock(mutex_);
  if (shutdown_) return nullptr;
  waiters_[Key(topic, queue_id)].push_back(waiter);
  parked_.fetch_add(1, std::memory_order_release);
  return waiter;
}

void PullRequestHoldService::Remove(std::string_view topic, int32_t queue_id, const std::shared_ptr<Waiter>& waiter) {
  std::lock_guard lock(mutex_);
  auto it = waiters_.find(Key(topic, queue_id));
  if (it == waiters_.end()) return;
  size_t removed = std::erase(it->second, waiter);
  parked_.fetch_sub(static_cast<int>(removed), std::memory_order_release);
  if (it->second.empty()) waiters_.erase(it);
}

void PullRequestHoldService::NotifyMessageArriving(std::string_view topic, int32_t queue_id) {
  if (parked_.load(std::memory_order_acquire) == 0) return;
  std::vector<std::shared_ptr<Waiter>> woken;
  {
    std::lock_guard lock(mutex_);
    auto it = waiters_.find(Key(topic, queue_id));
    if (it == waiters_.end()) return;
    woken = it->second;
  }
  for (const auto& waiter : woken) Wake(waiter);
}

void PullRequestHoldService::Shutdown() {
  std::vector<std::shared_ptr<Waiter>> all;
  {
    std::lock_guard lock(mutex_);
    shutdown_ = true;
    for (auto& entry : waiters_) all.insert(all.end(), entry.second.begin(), entry.second.end());
    // The table must not outlive the io_context its timers belong to: a pull whose coroutine
    // never resumes (the I/O threads stop next) would otherwise keep its timer here.
    waiters_.clear();
    parked_.store(0, std::memory_order_release);
  }
  for (const auto& waiter : all) Wake(waiter);
}

}  // namespace rmq::broker

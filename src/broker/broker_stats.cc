#include "broker/broker_stats.h"

namespace rmq::broker {

void BrokerStats::Sample(int64_t now_ms) {
  int64_t put = put_nums();
  int64_t get = get_nums();
  std::lock_guard lock(mutex_);
  if (last_ms_ != 0 && now_ms > last_ms_) {
    double seconds = static_cast<double>(now_ms - last_ms_) / 1000.0;
    put_tps_ = static_cast<double>(put - last_put_) / seconds;
    get_tps_ = static_cast<double>(get - last_get_) / seconds;
  }
  last_ms_ = now_ms;
  last_put_ = put;
  last_get_ = get;
}

double BrokerStats::put_tps() const {
  std::lock_guard lock(mutex_);
  return put_tps_;
}

double BrokerStats::get_tps() const {
  std::lock_guard lock(mutex_);
  return get_tps_;
}

}  // namespace rmq::broker

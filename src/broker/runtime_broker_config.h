// RuntimeBrokerConfig: the running broker's configuration. The start-up keys are fixed; the
// few keys the key table marks updatable (flags read at request time) change through
// UPDATE_BROKER_CONFIG. Hot paths read those through lock-free accessors. Thread-safe: one
// mutex guards the full copy; the updatable values are mirrored in atomics.
#pragma once

#include <atomic>
#include <mutex>

#include "broker/broker_config.h"
#include "common/data_version.h"
#include "common/properties_file.h"
#include "common/status.h"

namespace rmq::broker {

class RuntimeBrokerConfig {
 public:
  explicit RuntimeBrokerConfig(const BrokerConfig& initial);

  // A copy of the whole configuration (GET_BROKER_CONFIG).
  BrokerConfig Snapshot() const;
  // Bumped on every successful update.
  DataVersion data_version() const;

  // Applies every entry of `changes`, all or nothing: an unknown key, a key that may not change
  // at run time (PermissionDenied, naming the updatable keys) or a bad value refuses it all.
  Status Update(const PropertiesFile& changes);

  bool auto_create_topic_enable() const { return auto_create_topic_enable_.load(std::memory_order_relaxed); }
  bool auto_create_subscription_group() const {
    return auto_create_subscription_group_.load(std::memory_order_relaxed);
  }
  int32_t broker_permission() const { return broker_permission_.load(std::memory_order_relaxed); }
  bool long_polling_enable() const { return long_polling_enable_.load(std::memory_order_relaxed); }
  int32_t short_polling_time_mills() const { return short_polling_time_mills_.load(std::memory_order_relaxed); }
  bool notify_consumer_ids_changed_enable() const {
    return notify_consumer_ids_changed_enable_.load(std::memory_order_relaxed);
  }
  bool reject_transaction_message() const { return reject_transaction_message_.load(std::memory_order_relaxed); }
  bool enable_property_filter() const { return enable_property_filter_.load(std::memory_order_relaxed); }

 private:
  void Mirror(const BrokerConfig& config);

  mutable std::mutex mutex_;
  BrokerConfig config_;       // Guarded by mutex_.
  DataVersion data_version_;  // Guarded by mutex_.
  std::atomic<bool> auto_create_topic_enable_;
  std::atomic<bool> auto_create_subscription_group_;
  std::atomic<int32_t> broker_permission_;
  std::atomic<bool> long_polling_enable_;
  std::atomic<int32_t> short_polling_time_mills_;
  std::atomic<bool> notify_consumer_ids_changed_enable_;
  std::atomic<bool> reject_transaction_message_;
  std::atomic<bool> enable_property_filter_;
};

}  // namespace rmq::broker

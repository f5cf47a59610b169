#include "broker/runtime_broker_config.h"

namespace rmq::broker {

RuntimeBrokerConfig::RuntimeBrokerConfig(const BrokerConfig& initial)
    : config_(initial), data_version_(DataVersion::Now()) {
  Mirror(initial);
}

void RuntimeBrokerConfig::Mirror(const BrokerConfig& c) {
  auto_create_topic_enable_.store(c.auto_create_topic_enable);
  auto_create_subscription_group_.store(c.auto_create_subscription_group);
  broker_permission_.store(c.broker_permission);
  long_polling_enable_.store(c.long_polling_enable);
  short_polling_time_mills_.store(c.short_polling_time_mills);
  notify_consumer_ids_changed_enable_.store(c.notify_consumer_ids_changed_enable);
  reject_transaction_message_.store(c.reject_transaction_message);
  enable_property_filter_.store(c.enable_property_filter);
}

BrokerConfig RuntimeBrokerConfig::Snapshot() const {
  std::lock_guard lock(mutex_);
  return config_;
}

DataVersion RuntimeBrokerConfig::data_version() const {
  std::lock_guard lock(mutex_);
  return data_version_;
}

Status RuntimeBrokerConfig::Update(const PropertiesFile& changes) {
  std::lock_guard lock(mutex_);
  BrokerConfig updated = config_;
  for (const PropertyEntry& entry : changes.entries()) {
    RMQ_RETURN_IF_ERROR(BrokerConfigBinder().Set(&updated, entry.key, entry.value, /*runtime_only=*/true));
  }
  config_ = std::move(updated);
  data_version_.Next();
  Mirror(config_);
  return Status::Ok();
}

}  // namespace rmq::broker

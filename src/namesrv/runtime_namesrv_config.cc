#include "namesrv/runtime_namesrv_config.h"

#include <mutex>

#include "common/logging.h"

namespace rmq::namesrv {

NamesrvConfig RuntimeNamesrvConfig::Snapshot() const {
  std::shared_lock lock(mutex_);
  return config_;
}

Status RuntimeNamesrvConfig::Update(const PropertiesFile& changes) {
  std::unique_lock lock(mutex_);
  NamesrvConfig updated = config_;
  for (const PropertyEntry& entry : changes.entries()) {
    RMQ_RETURN_IF_ERROR(NamesrvConfigBinder().Set(&updated, entry.key, entry.value, /*runtime_only=*/true));
  }
  config_ = std::move(updated);
  for (const PropertyEntry& entry : changes.entries()) {
    GetLogger("namesrv")->info("update name server config: {}={}", entry.key, entry.value);
  }
  return Status::Ok();
}

}  // namespace rmq::namesrv

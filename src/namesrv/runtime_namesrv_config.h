// RuntimeNamesrvConfig: the running name server's NamesrvConfig, shared by the processors and
// the expiry loop, and changed only through UPDATE_NAMESRV_CONFIG for the keys the key table
// marks updatable. Thread-safe: one shared_mutex guards the config; readers take copies.
#pragma once

#include <shared_mutex>
#include <string_view>

#include "common/properties_file.h"
#include "common/status.h"
#include "namesrv/namesrv_config.h"

namespace rmq::namesrv {

class RuntimeNamesrvConfig {
 public:
  explicit RuntimeNamesrvConfig(NamesrvConfig initial) : config_(std::move(initial)) {}

  NamesrvConfig Snapshot() const;

  // Applies every entry of `changes`, all or nothing: an unknown key, a key that may not change
  // at run time (paths, ports — see NamesrvConfigBinder) or a bad value refuses the whole update.
  Status Update(const PropertiesFile& changes);

 private:
  mutable std::shared_mutex mutex_;
  NamesrvConfig config_;  // Guarded by mutex_.
};

}  // namespace rmq::namesrv

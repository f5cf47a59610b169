// Metadata files under storePathRootDir/config (topics.json, consumerOffset.json, ...): written
// atomically with a .bak of the previous version kept, read back with a fallback to the .bak when
// the main file is missing, empty or rejected by the caller's parser (ConfigManager#load).
// Free functions; safe to call from any thread as long as one file has one writer at a time.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace rmq::store {

// Writes `content` to `path`: the current file's content is first saved as `path.bak`, the new
// content goes to `path.tmp`, is fsynced and renamed over `path`, and the directory is fsynced. At
// every moment `path` holds either the complete old or the complete new content.
Status WriteConfigFile(const std::string& path, std::string_view content);

// Parser check of a file's content; true when usable.
using ConfigValidator = std::function<bool(std::string_view content)>;

// The content of `path`, or of `path.bak` (with a logged error) when `path` is missing, empty or
// rejected by `validate`. NotFound when neither exists; Corruption when neither is usable.
Result<std::string> ReadConfigFile(const std::string& path, const ConfigValidator& validate);

}  // namespace rmq::store

// Crash-safe replacement of small metadata files (KV config, topics.json and the like): the new
// content goes to "<path>.tmp", is fsynced and renamed over <path>; the previous content is
// kept as "<path>.bak" first. Readers fall back to the .bak when the main file is missing or
// rejected by the caller's parser. Free functions; callers serialize writes to one path.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "common/status.h"

namespace rmq {

// Replaces `path` with `content` atomically, creating parent directories. On error the old file
// is untouched.
Status WriteFileAtomically(const std::string& path, const std::string& content);

// Reads a whole file; nullopt when it does not exist.
Result<std::optional<std::string>> ReadFileIfExists(const std::string& path);

// What LoadWithBackup found.
enum class LoadSource { kNone, kMain, kBackup };

// Reads `path` and hands it to `parse`; when the file is missing or `parse` fails, tries
// "<path>.bak". Returns which one was used (kNone: neither exists). When both exist and both
// fail, returns the main file's parse error. `main_error` receives the main file's error when
// the backup was used instead, for the caller to log.
Result<LoadSource> LoadWithBackup(const std::string& path, const std::function<Status(const std::string&)>& parse,
                                  Status* main_error);

}  // namespace rmq

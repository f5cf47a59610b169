// TempDir: a fresh directory under /tmp for one test (store, HOME, config files), removed with
// everything in it when the object goes away. Not thread-safe.
#pragma once

#include <string>

namespace rmq::testing {

class TempDir {
 public:
  // `prefix` names the directory, e.g. "namesrv" -> /tmp/rmq_namesrv_XXXXXX. Aborts the test
  // binary if /tmp is unusable (nothing else could run).
  explicit TempDir(const std::string& prefix = "test");
  ~TempDir();

  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + name.
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }
  // Writes `content` to Sub(name), creating parent directories.
  void WriteFile(const std::string& name, const std::string& content) const;

 private:
  std::string path_;
};

}  // namespace rmq::testing

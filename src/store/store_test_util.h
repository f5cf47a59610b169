// Helpers shared by the store's unit tests: a temporary directory removed at the end, a small
// StoreConfig, message builders and file-poking verbs. Test-only; not thread-safe.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "common/message.h"
#include "common/message_properties.h"
#include "store/store_config.h"

namespace rmq::store::testing {

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = (std::filesystem::temp_directory_path() /
             ("rmq_store_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++)))
                .string();
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Small files so rolls, cleanup and recovery happen within a few messages.
inline StoreConfig SmallConfig(const std::string& root) {
  StoreConfig c;
  c.store_path_root_dir = root;
  c.mapped_file_size_commit_log = 4096;
  c.mapped_file_size_consume_queue = 20 * 16;
  c.max_hash_slot_num = 64;
  c.max_index_num = 256;
  c.flush_interval_commit_log = 10;
  c.flush_interval_consume_queue = 10;
  c.clean_resource_interval = 60 * 60 * 1000;  // tests run cleanup by hand
  c.warm_mapped_file_enable = true;
  return c;
}

inline MessageExt MakeMessage(const std::string& topic, int32_t queue_id, const std::string& body,
                              const std::string& tags = "", const std::string& keys = "") {
  MessageExt m;
  m.topic = topic;
  m.queue_id = queue_id;
  m.body = body;
  m.born_timestamp = 1700000000000;
  m.born_host = HostAddress::V4(127, 0, 0, 1, 53122);
  Properties props;
  if (!tags.empty()) props.emplace_back("TAGS", tags);
  if (!keys.empty()) props.emplace_back("KEYS", keys);
  m.properties = EncodeProperties(props);
  return m;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline std::string ReadBytes(const std::string& path, int64_t offset, size_t length) {
  std::ifstream in(path, std::ios::binary);
  in.seekg(offset);
  std::string out(length, '\0');
  in.read(out.data(), static_cast<std::streamsize>(length));
  out.resize(static_cast<size_t>(in.gcount()));
  return out;
}

// Overwrites bytes of a file in place.
inline void WriteBytes(const std::string& path, int64_t offset, const std::string& bytes) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(offset);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Polls `cond` every millisecond for at most `timeout`.
template <typename Cond>
bool WaitFor(Cond cond, std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (cond()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return cond();
}

inline std::string CommitLogFile(const std::string& root, int64_t offset) {
  char name[32];
  std::snprintf(name, sizeof(name), "%020lld", static_cast<long long>(offset));
  return root + "/commitlog/" + name;
}

}  // namespace rmq::store::testing

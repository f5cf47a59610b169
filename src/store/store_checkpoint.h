// StoreCheckpoint: the 4096-byte `checkpoint` file of reference/storage.md §5.1 (physic, logics
// and index message timestamps) that tells abnormal recovery where it may start. Owned by
// MessageStore; thread-safe (atomics, and Flush serializes on a mutex).
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>

#include "common/status.h"

namespace rmq::store {

class StoreCheckpoint {
 public:
  static constexpr int kFileSize = 4096;

  explicit StoreCheckpoint(std::string path);
  ~StoreCheckpoint();

  // Opens (creating a zeroed one if missing) and reads the file.
  Status Load();
  // Writes the current values and fsyncs.
  Status Flush();

  int64_t physic_msg_timestamp() const { return physic_.load(); }
  void set_physic_msg_timestamp(int64_t v) { physic_.store(v); }
  int64_t logics_msg_timestamp() const { return logics_.load(); }
  void set_logics_msg_timestamp(int64_t v) { logics_.store(v); }
  int64_t index_msg_timestamp() const { return index_.load(); }
  void set_index_msg_timestamp(int64_t v) { index_.store(v); }

  // max(0, min(physic, logics) - 3000): abnormal recovery may start at a file older than this.
  int64_t MinTimestamp() const;
  // min(MinTimestamp(), index timestamp).
  int64_t MinTimestampIndex() const;

 private:
  const std::string path_;
  int fd_ = -1;
  std::mutex mutex_;  // serializes Flush
  std::atomic<int64_t> physic_{0};
  std::atomic<int64_t> logics_{0};
  std::atomic<int64_t> index_{0};
};

}  // namespace rmq::store

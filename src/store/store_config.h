// StoreConfig: every setting of the message store, with RocketMQ's defaults
// (MessageStoreConfig.java). Loaded from broker.conf by the broker; passed by const& to the store.
#pragma once

#include <cstdint>
#include <string>

namespace rmq::store {

enum class FlushDiskType { kAsyncFlush, kSyncFlush };

struct StoreConfig {
  // Root of the store; the CommitLog, consume queues, index and config live below it.
  std::string store_path_root_dir = "store";
  // Size of each CommitLog file in bytes (1 GiB).
  uint64_t mapped_file_size_commit_log = 1024ull * 1024 * 1024;
  // Size of each ConsumeQueue file: 300 000 entries of 20 bytes.
  uint64_t mapped_file_size_consume_queue = 300000ull * 20;
  FlushDiskType flush_disk_type = FlushDiskType::kAsyncFlush;
  // Largest message body plus properties accepted, in bytes (4 MiB).
  uint32_t max_message_size = 4 * 1024 * 1024;
};

}  // namespace rmq::store

// StoreConfig: every setting of the message store, with RocketMQ's defaults
// (MessageStoreConfig.java) and the keys of broker.conf in the comments. Loaded by the broker and
// passed by const& to the store, which copies it. A plain value; not thread-safe to mutate.
#pragma once

#include <cstdint>
#include <string>

#include "common/message.h"

namespace rmq::store {

enum class FlushDiskType { kAsyncFlush, kSyncFlush };

struct StoreConfig {
  // storePathRootDir: root of the store; commitlog/, consumequeue/, index/, config/ live below it.
  std::string store_path_root_dir = "store";
  // storePathCommitLog: CommitLog directory; empty means <root>/commitlog.
  std::string store_path_commit_log;
  // mappedFileSizeCommitLog: bytes per CommitLog file (1 GiB).
  int64_t mapped_file_size_commit_log = 1024ll * 1024 * 1024;
  // mappedFileSizeConsumeQueue: bytes per ConsumeQueue file, 300 000 entries of 20 bytes.
  int64_t mapped_file_size_consume_queue = 300000ll * 20;
  // maxHashSlotNum / maxIndexNum: IndexFile geometry (one file = 40 + slots*4 + entries*20 bytes).
  int32_t max_hash_slot_num = 5000000;
  int32_t max_index_num = 5000000 * 4;
  // messageIndexEnable: build IndexFile entries for KEYS and UNIQ_KEY.
  bool message_index_enable = true;
  // maxMsgsNumBatch: upper bound of results of one query by key.
  int32_t max_msgs_num_batch = 64;
  // maxMessageSize: largest record body (or whole batch body) accepted, in bytes (4 MiB).
  int32_t max_message_size = 4 * 1024 * 1024;
  // checkCRCOnRecover: verify body CRCs while recovering the CommitLog.
  bool check_crc_on_recover = true;

  // flushDiskType: ASYNC_FLUSH or SYNC_FLUSH.
  FlushDiskType flush_disk_type = FlushDiskType::kAsyncFlush;
  // flushIntervalCommitLog: ms between async CommitLog flushes.
  int32_t flush_interval_commit_log = 500;
  // flushCommitLogLeastPages: dirty 4 KiB pages needed before an async flush.
  int32_t flush_commit_log_least_pages = 4;
  // flushCommitLogThoroughInterval: ms after which an async flush happens whatever is dirty.
  int32_t flush_commit_log_thorough_interval = 10 * 1000;
  // syncFlushTimeout: ms a SYNC_FLUSH append waits for durability before FLUSH_DISK_TIMEOUT.
  int32_t sync_flush_timeout = 5 * 1000;
  // flushIntervalConsumeQueue: ms between ConsumeQueue flushes.
  int32_t flush_interval_consume_queue = 1000;
  // flushConsumeQueueLeastPages: dirty pages needed before a ConsumeQueue flush.
  int32_t flush_consume_queue_least_pages = 2;
  // flushConsumeQueueThoroughInterval: ms after which ConsumeQueues are flushed whatever is dirty.
  int32_t flush_consume_queue_thorough_interval = 60 * 1000;

  // warmMapedFileEnable: pre-touch new CommitLog/ConsumeQueue files in a background thread.
  bool warm_mapped_file_enable = true;

  // fileReservedTime: hours a CommitLog file is kept before time-based deletion.
  int32_t file_reserved_time = 72;
  // deleteWhen: hours of day (local time, ';'-separated) when expired files are deleted.
  std::string delete_when = "04";
  // diskMaxUsedSpaceRatio: % disk use above which expired files are deleted at once (10..95).
  int32_t disk_max_used_space_ratio = 75;
  // diskSpaceCleanForciblyRatio: % disk use above which the oldest files go even if not expired.
  int32_t disk_space_clean_forcibly_ratio = 85;
  // diskSpaceWarningLevelRatio: % disk use above which writes are refused (disk full).
  int32_t disk_space_warning_level_ratio = 90;
  // cleanFileForciblyEnable: allow deleting unexpired files above the forcible ratio.
  bool clean_file_forcibly_enable = true;
  // cleanResourceInterval: ms between cleanup runs.
  int32_t clean_resource_interval = 10 * 1000;
  // deleteFileBatchMax: at most this many CommitLog files deleted per run.
  int32_t delete_file_batch_max = 10;

  // messageDelayLevel: delay of each level, for the delivery time of SCHEDULE_TOPIC_XXXX records.
  std::string message_delay_level = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";

  // maxTransferBytesOnMessageInMemory / maxTransferCountOnMessageInMemory: pull response limits.
  int32_t max_transfer_bytes_on_message_in_memory = 256 * 1024;
  int32_t max_transfer_count_on_message_in_memory = 32;

  // brokerIP1 + listenPort as written into STOREHOST of every record.
  HostAddress store_host = HostAddress::V4(127, 0, 0, 1, 10911);

  std::string CommitLogDir() const {
    return store_path_commit_log.empty() ? store_path_root_dir + "/commitlog" : store_path_commit_log;
  }
  std::string ConsumeQueueDir() const { return store_path_root_dir + "/consumequeue"; }
  std::string IndexDir() const { return store_path_root_dir + "/index"; }
  std::string ConfigDir() const { return store_path_root_dir + "/config"; }
  std::string CheckpointPath() const { return store_path_root_dir + "/checkpoint"; }
  std::string AbortPath() const { return store_path_root_dir + "/abort"; }
  std::string LockPath() const { return store_path_root_dir + "/lock"; }
};

}  // namespace rmq::store

// Outcome of PutMessage/PutMessages: the status values the send path maps to response codes, and
// where the message(s) landed. Plain values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/message.h"

namespace rmq::store {

// As PutMessageStatus.java, plus kMessageSizeExceeded (maxMessageSize; Java folds it into
// MESSAGE_ILLEGAL), kDiskFull (Java: SERVICE_NOT_AVAILABLE while the disk is full) and
// kFlushDiskFailed (msync/fsync failed; the store has stopped accepting writes).
enum class PutMessageStatus {
  kPutOk,
  kFlushDiskTimeout,
  kServiceNotAvailable,
  kCreateMappedFileFailed,
  kMessageIllegal,
  kMessageSizeExceeded,
  kPropertiesSizeExceeded,
  kDiskFull,
  kFlushDiskFailed,
  kUnknownError,
};

std::string_view PutMessageStatusName(PutMessageStatus status);

struct AppendMessageResult {
  int64_t wrote_offset = 0;     // CommitLog offset of the first record
  int32_t wrote_bytes = 0;      // bytes of all records (a batch: the sum)
  int64_t queue_offset = 0;     // queue offset of the first record
  int64_t store_timestamp = 0;  // STORETIMESTAMP written into the records
  int32_t msg_num = 0;          // records written
  HostAddress store_host;       // the store host the records carry, for MsgId()
  // A batch's offset message ids, comma-joined, built at append time (they depend on each
  // record's size); empty for a single record, whose id MsgId() formats on demand: the store
  // itself never needs it, and building it cost a single append an allocation.
  std::string batch_msg_ids;

  // The offset message id(s) (store host + port + CommitLog offset), comma-joined for a batch.
  std::string MsgId() const;
  // Appends MsgId() to `out` without a temporary.
  void AppendMsgId(std::string* out) const;
};

struct PutMessageResult {
  PutMessageStatus status = PutMessageStatus::kUnknownError;
  std::string error;  // why, for anything but kPutOk
  AppendMessageResult append;

  bool ok() const { return status == PutMessageStatus::kPutOk; }
};

}  // namespace rmq::store

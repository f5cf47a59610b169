// Results of the read side of MessageStore: GetMessage (the pull path) and QueryMessage (by key).
// Messages are views into the mapped CommitLog files; each holds its file, so the bytes stay valid
// (even if cleanup deletes the file) until the result is destroyed. Plain values.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "store/commit_log.h"

namespace rmq::store {

// As GetMessageStatus.java. remoting.md §5.4 maps them to pull response codes.
enum class GetMessageStatus {
  kFound,
  kNoMatchedMessage,
  kMessageWasRemoving,
  kOffsetFoundNull,
  kOffsetOverflowBadly,
  kOffsetOverflowOne,
  kOffsetTooSmall,
  kNoMatchedLogicQueue,
  kNoMessageInQueue,
};

std::string_view GetMessageStatusName(GetMessageStatus status);

// Tag filter of a pull: the Java String.hashCode of each subscribed tag. An empty set matches
// everything ("*"). Compared with the low 32 bits of the ConsumeQueue tagsCode.
struct TagHashFilter {
  std::unordered_set<int32_t> codes;
  bool Matches(int64_t tags_code) const { return codes.empty() || codes.count(static_cast<int32_t>(tags_code)) > 0; }
};

struct GetMessageResult {
  GetMessageStatus status = GetMessageStatus::kNoMessageInQueue;
  int64_t next_begin_offset = 0;
  int64_t min_offset = 0;
  int64_t max_offset = 0;
  // Whole records, in queue order; concatenated they are a PULL_MESSAGE body.
  std::vector<SelectedRecord> messages;
  std::vector<int64_t> queue_offsets;  // queue offset of each message
  int64_t buffer_total_size = 0;
};

struct QueryMessageResult {
  std::vector<SelectedRecord> messages;  // may include records of other keys with the same hash
  int64_t index_last_update_timestamp = 0;
  int64_t index_last_update_phy_offset = 0;
  int64_t buffer_total_size = 0;
};

}  // namespace rmq::store

// DispatchRequest: what the dispatcher (and recovery) learn from one CommitLog record, handed to
// the ConsumeQueue, the index and the registered listeners. The string views point into the
// mapped CommitLog file and are valid only during the dispatch call. Plain value.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

namespace rmq::store {

struct DispatchRequest {
  std::string_view topic;
  int32_t queue_id = 0;
  int64_t commit_log_offset = 0;
  int32_t msg_size = 0;
  int64_t tags_code = 0;
  int64_t store_timestamp = 0;
  int64_t consume_queue_offset = 0;
  std::string_view keys;      // KEYS, space separated, may be empty
  std::string_view uniq_key;  // UNIQ_KEY, may be empty
  int32_t sys_flag = 0;
  int64_t prepared_transaction_offset = 0;
  std::string_view properties;
};

// Called by the dispatch thread after a record's ConsumeQueue and index entries are written (the
// broker's long polling hooks in here). Must be quick and must not call back into the store's
// write path.
using DispatchListener = std::function<void(const DispatchRequest&)>;

}  // namespace rmq::store

// Message ids (reference/message-format.md §4): the offset message id (store host + port +
// CommitLog offset) and the client unique key (UNIQ_KEY). Functions are pure and thread-safe;
// UniqueIdGenerator is thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/message.h"
#include "common/status.h"

namespace rmq {

// Uppercase hex of `data`.
std::string BytesToHex(std::string_view data);
// InvalidArgument on odd length or a non-hex character.
Result<std::string> HexToBytes(std::string_view hex);

// 32 hex chars for an IPv4 store host, 56 for IPv6. As MessageDecoder#createMessageId.
std::string CreateOffsetMessageId(const HostAddress& store_host, int64_t commit_log_offset);
// Same as CreateOffsetMessageId, appending to `out` without a temporary.
void AppendOffsetMessageId(const HostAddress& store_host, int64_t commit_log_offset, std::string* out);

struct OffsetMessageId {
  HostAddress store_host;
  int64_t commit_log_offset = 0;
};
// Width from the length: 32 → IPv4, 56 → IPv6; anything else is InvalidArgument.
Result<OffsetMessageId> DecodeOffsetMessageId(std::string_view id);

// Generates UNIQ_KEY values as MessageClientIDSetter: ip(4|16) pid(2) random(4) ms since the start of
// the month in local time(4) counter(2), uppercase hex.
class UniqueIdGenerator {
 public:
  // `ip` is this client's address; the port is not used.
  explicit UniqueIdGenerator(const HostAddress& ip);
  std::string Next();

 private:
  std::string fixed_hex_;  // ip + pid + random int
  std::atomic<uint32_t> counter_{0};
  std::atomic<int64_t> month_start_ms_{0};
  std::atomic<int64_t> next_month_start_ms_{0};
};

}  // namespace rmq

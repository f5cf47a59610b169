// The pull path of SQL92 subscriptions: reads a queue through MessageStore::GetMessage and keeps
// the records whose properties match the compiled selector, decoding only each record's
// properties section (as ExpressionMessageFilter#isMatchedByCommitLog). Skipped records still
// advance the next-begin offset. Pure functions over the store; thread-safe as the store is.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "broker/sql_expression.h"
#include "store/message_store.h"

namespace rmq::broker {

// The encoded properties of one stored record (reference/message-format.md §1), or nullopt when
// the lengths do not fit inside `record`.
std::optional<std::string_view> RecordPropertiesSection(std::string_view record);

// Like MessageStore::GetMessage from `offset`, keeping only the records `filter` matches. Scans
// on until max_msg_nums matched, the queue's end, about kMaxScanEntries entries or
// kMaxMergedBytes bytes. Status kFound when something matched, kNoMatchedMessage when records were
// scanned and none matched (next_begin_offset is then past them), otherwise the store's own.
// `scanned`, when given, receives how many queue entries were examined.
store::GetMessageResult GetMessageBySql(const store::MessageStore& store, std::string_view group,
                                        std::string_view topic, int32_t queue_id, int64_t offset,
                                        int32_t max_msg_nums, const sql::Expression& filter,
                                        int64_t* scanned = nullptr);

// Upstream scans at most 16000 bytes of ConsumeQueue (800 entries) per pull.
inline constexpr int64_t kMaxScanEntries = 800;
// As maxTransferBytesOnMessageInMemory's default.
inline constexpr int64_t kMaxMergedBytes = 256 * 1024;

}  // namespace rmq::broker

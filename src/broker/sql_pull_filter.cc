#include "broker/sql_pull_filter.h"

#include "common/coding.h"
#include "common/message_format.h"

namespace rmq::broker {

std::optional<std::string_view> RecordPropertiesSection(std::string_view record) {
  if (record.size() < static_cast<size_t>(kRecordBornHostPos)) return std::nullopt;
  const char* p = record.data();
  const int32_t magic = static_cast<int32_t>(DecodeBigEndian32(p + kRecordMagicPos));
  const int32_t sys_flag = static_cast<int32_t>(DecodeBigEndian32(p + kRecordSysFlagPos));
  // After STOREHOST: RECONSUMETIMES (4), PREPAREDTRANSACTIONOFFSET (8), then BODYLENGTH + body.
  size_t pos = static_cast<size_t>(RecordStoreHostPos(sys_flag) + sysflag::StoreHostWidth(sys_flag)) + 4 + 8;
  auto need = [&](size_t n) { return pos + n <= record.size(); };
  if (!need(4)) return std::nullopt;
  const int32_t body_length = static_cast<int32_t>(DecodeBigEndian32(p + pos));
  if (body_length < 0) return std::nullopt;
  pos += 4;
  if (!need(static_cast<size_t>(body_length))) return std::nullopt;
  pos += static_cast<size_t>(body_length);
  size_t topic_length = 0;
  if (magic == kMessageMagicCodeV2) {
    if (!need(2)) return std::nullopt;
    topic_length = DecodeBigEndian16(p + pos);
    pos += 2;
  } else {
    if (!need(1)) return std::nullopt;
    topic_length = static_cast<unsigned char>(p[pos]);
    pos += 1;
  }
  if (!need(topic_length + 2)) return std::nullopt;
  pos += topic_length;
  const size_t properties_length = DecodeBigEndian16(p + pos);
  pos += 2;
  if (!need(properties_length)) return std::nullopt;
  return record.substr(pos, properties_length);
}

store::GetMessageResult GetMessageBySql(const store::MessageStore& store, std::string_view group,
                                        std::string_view topic, int32_t queue_id, int64_t offset,
                                        int32_t max_msg_nums, const sql::Expression& filter, int64_t* scanned) {
  store::GetMessageResult merged;
  int64_t next = offset;
  int64_t examined = 0;
  bool first = true;
  while (true) {
    const auto want = static_cast<int32_t>(max_msg_nums - static_cast<int32_t>(merged.messages.size()));
    store::GetMessageResult part = store.GetMessage(group, topic, queue_id, next, want);
    merged.min_offset = part.min_offset;
    merged.max_offset = part.max_offset;
    if (part.status != store::GetMessageStatus::kFound) {
      // Nothing more to read here: the first read answers as the store does; later ones end
      // the scan with what matched so far.
      if (first) {
        if (scanned) *scanned = 0;
        return part;
      }
      break;
    }
    for (size_t i = 0; i < part.messages.size(); ++i) {
      store::SelectedRecord& record = part.messages[i];
      auto properties = RecordPropertiesSection(record.data);
      if (!properties || !filter.Matches(sql::EncodedProperties(*properties))) continue;
      merged.buffer_total_size += static_cast<int64_t>(record.data.size());
      merged.queue_offsets.push_back(part.queue_offsets[i]);
      merged.messages.push_back(std::move(record));
    }
    examined += part.next_begin_offset - next;
    next = part.next_begin_offset;
    first = false;
    if (static_cast<int32_t>(merged.messages.size()) >= max_msg_nums || next >= part.max_offset ||
        examined >= kMaxScanEntries || merged.buffer_total_size >= kMaxMergedBytes) {
      break;
    }
  }
  merged.next_begin_offset = next;
  merged.status =
      merged.messages.empty() ? store::GetMessageStatus::kNoMatchedMessage : store::GetMessageStatus::kFound;
  if (scanned) *scanned = examined;
  return merged;
}

}  // namespace rmq::broker

// Encoding and decoding of the stored message record (reference/message-format.md §1) and of the
// batch send body (§1.8). Byte-exact with the Java broker. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/message.h"
#include "common/status.h"

namespace rmq {

// Largest PROPERTIESLENGTH (a signed short).
inline constexpr int32_t kMaxPropertiesLength = 32767;
// Topics longer than this need magic v2 (2-byte topic length).
inline constexpr int32_t kMaxV1TopicLength = 127;

// zlib CRC-32 of `data` with the top bit cleared (UtilAll#crc32).
int32_t BodyCrc(std::string_view data);

// One record parsed in place: the string views point into the parsed buffer.
struct RecordView {
  int32_t total_size = 0;
  int32_t magic = 0;
  int32_t body_crc = 0;
  int32_t queue_id = 0;
  int32_t flag = 0;
  int64_t queue_offset = 0;
  int64_t physical_offset = 0;
  int32_t sys_flag = 0;
  int64_t born_timestamp = 0;
  HostAddress born_host;
  int64_t store_timestamp = 0;
  HostAddress store_host;
  int32_t reconsume_times = 0;
  int64_t prepared_transaction_offset = 0;
  std::string_view body;
  std::string_view topic;
  std::string_view properties;
};

// Parses the record at the start of `data` (which may hold more bytes after it). Corruption when
// the magic is not v1/v2, a length runs past TOTALSIZE or `data`, the fields do not add up to
// TOTALSIZE exactly, or (with verify_crc) BODYCRC does not match the body.
Result<RecordView> ParseRecord(std::string_view data, bool verify_crc);

MessageExt ToMessageExt(const RecordView& view);
// ParseRecord + ToMessageExt.
Result<MessageExt> DecodeMessage(std::string_view data, bool verify_crc = false);
// A pull/query body: records back to back. Corruption if any record is malformed.
Result<std::vector<MessageExt>> DecodeMessages(std::string_view body);

// Appends `msg` as a record: TOTALSIZE computed, BODYCRC taken from msg.body_crc, magic v1 unless
// the topic is longer than 127 bytes (then v2), host widths chosen by msg.sys_flag bits 4/5 (which
// must agree with born_host.ipv6 / store_host.ipv6). InvalidArgument for an empty topic, a topic
// over 32767 bytes or properties over 32767 bytes.
Status EncodeMessage(const MessageExt& msg, std::string* out);

// EncodeMessage from in-place fields (the views may point anywhere); total_size and magic are
// computed, the other fields taken from `record`.
Status EncodeRecord(const RecordView& record, std::string* out);

// TOTALSIZE of the record EncodeRecord would write for `record` (its magic: v2 for topics over
// 127 bytes), or InvalidArgument where EncodeRecord would fail.
Result<int32_t> RecordSize(const RecordView& record);
// Writes that record straight into dst[0, total) — the store encodes into the mapped file with it,
// without an intermediate buffer. REQUIRES: total == *RecordSize(record).
void WriteRecord(const RecordView& record, int32_t total, char* dst);

// One element of a batch send body, viewed in place.
struct BatchElement {
  int32_t flag = 0;
  std::string_view body;
  std::string_view properties;
};

// As MessageDecoder#encodeMessage: TOTALSIZE, magic 0, CRC 0, FLAG, body, properties.
void AppendBatchElement(int32_t flag, std::string_view body, std::string_view properties, std::string* out);
// Splits a SEND_BATCH_MESSAGE body. Corruption when an element's lengths are inconsistent.
Result<std::vector<BatchElement>> DecodeBatchElements(std::string_view body);
// The same into a caller's vector (cleared first; its capacity is reused by the append path).
Status DecodeBatchElements(std::string_view body, std::vector<BatchElement>* out);

}  // namespace rmq

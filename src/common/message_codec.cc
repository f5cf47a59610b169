#include "common/message_codec.h"

#include <cstring>

#include "common/coding.h"
#include "common/crc32.h"
#include "common/message_format.h"

namespace rmq {

int32_t BodyCrc(std::string_view data) {
  return static_cast<int32_t>(Crc32(0, data.data(), data.size()) & 0x7FFFFFFF);
}

namespace {

int32_t Get32(const char* p) { return static_cast<int32_t>(DecodeBigEndian32(p)); }
int64_t Get64(const char* p) { return static_cast<int64_t>(DecodeBigEndian64(p)); }

void ReadHost(const char* p, bool ipv6, HostAddress* host) {
  host->ipv6 = ipv6;
  host->ip.fill(0);
  int len = ipv6 ? 16 : 4;
  std::memcpy(host->ip.data(), p, len);
  host->port = Get32(p + len);
}

}  // namespace

Result<RecordView> ParseRecord(std::string_view data, bool verify_crc) {
  if (data.size() < static_cast<size_t>(kRecordBornHostPos)) {
    return Corruption("record shorter than its fixed header: " + std::to_string(data.size()) + " bytes");
  }
  const char* p = data.data();
  RecordView v;
  v.total_size = Get32(p + kRecordTotalSizePos);
  v.magic = Get32(p + kRecordMagicPos);
  if (v.magic != kMessageMagicCodeV1 && v.magic != kMessageMagicCodeV2) {
    return Corruption("bad record magic code " + std::to_string(v.magic));
  }
  if (v.total_size < kRecordBornHostPos || static_cast<size_t>(v.total_size) > data.size()) {
    return Corruption("record TOTALSIZE " + std::to_string(v.total_size) + " outside the " +
                      std::to_string(data.size()) + " bytes available");
  }
  const size_t total = static_cast<size_t>(v.total_size);
  v.body_crc = Get32(p + kRecordBodyCrcPos);
  v.queue_id = Get32(p + kRecordQueueIdPos);
  v.flag = Get32(p + kRecordFlagPos);
  v.queue_offset = Get64(p + kRecordQueueOffsetPos);
  v.physical_offset = Get64(p + kRecordPhysicalOffsetPos);
  v.sys_flag = Get32(p + kRecordSysFlagPos);
  v.born_timestamp = Get64(p + kRecordBornTimestampPos);

  const int bh = sysflag::BornHostWidth(v.sys_flag);
  const int sh = sysflag::StoreHostWidth(v.sys_flag);
  // Everything up to and including BODYLENGTH.
  size_t pos = kRecordBornHostPos + bh + 8 + sh + 4 + 8 + 4;
  if (pos > total) return Corruption("record TOTALSIZE too small for its header");
  ReadHost(p + kRecordBornHostPos, bh == kIpv6HostWidth, &v.born_host);
  v.store_timestamp = Get64(p + kRecordBornHostPos + bh);
  ReadHost(p + kRecordBornHostPos + bh + 8, sh == kIpv6HostWidth, &v.store_host);
  size_t q = kRecordBornHostPos + bh + 8 + sh;
  v.reconsume_times = Get32(p + q);
  v.prepared_transaction_offset = Get64(p + q + 4);
  int32_t body_len = Get32(p + q + 12);
  if (body_len < 0 || static_cast<size_t>(body_len) > total - pos) return Corruption("record BODYLENGTH out of range");
  v.body = std::string_view(p + pos, body_len);
  pos += body_len;

  const bool v2 = v.magic == kMessageMagicCodeV2;
  const size_t topic_len_width = v2 ? 2 : 1;
  if (pos + topic_len_width > total) return Corruption("record truncated before TOPICLENGTH");
  int32_t topic_len = v2 ? static_cast<int16_t>(DecodeBigEndian16(p + pos)) : static_cast<int8_t>(p[pos]);
  pos += topic_len_width;
  if (topic_len < 0 || static_cast<size_t>(topic_len) > total - pos) return Corruption("record TOPICLENGTH out of range");
  v.topic = std::string_view(p + pos, topic_len);
  pos += topic_len;

  if (pos + 2 > total) return Corruption("record truncated before PROPERTIESLENGTH");
  int32_t props_len = static_cast<int16_t>(DecodeBigEndian16(p + pos));
  pos += 2;
  if (props_len < 0 || static_cast<size_t>(props_len) > total - pos) return Corruption("record PROPERTIESLENGTH out of range");
  v.properties = std::string_view(p + pos, props_len);
  pos += props_len;
  if (pos != total) {
    return Corruption("record fields add up to " + std::to_string(pos) + " bytes, TOTALSIZE says " + std::to_string(total));
  }
  if (verify_crc && BodyCrc(v.body) != v.body_crc) {
    return Corruption("record body CRC mismatch at physical offset " + std::to_string(v.physical_offset));
  }
  return v;
}

MessageExt ToMessageExt(const RecordView& v) {
  MessageExt m;
  m.store_size = v.total_size;
  m.body_crc = v.body_crc;
  m.topic.assign(v.topic);
  m.queue_id = v.queue_id;
  m.flag = v.flag;
  m.queue_offset = v.queue_offset;
  m.commit_log_offset = v.physical_offset;
  m.sys_flag = v.sys_flag;
  m.born_timestamp = v.born_timestamp;
  m.born_host = v.born_host;
  m.store_timestamp = v.store_timestamp;
  m.store_host = v.store_host;
  m.reconsume_times = v.reconsume_times;
  m.prepared_transaction_offset = v.prepared_transaction_offset;
  m.body.assign(v.body);
  m.properties.assign(v.properties);
  return m;
}

Result<MessageExt> DecodeMessage(std::string_view data, bool verify_crc) {
  RMQ_ASSIGN_OR_RETURN(RecordView view, ParseRecord(data, verify_crc));
  return ToMessageExt(view);
}

Result<std::vector<MessageExt>> DecodeMessages(std::string_view body) {
  std::vector<MessageExt> out;
  while (!body.empty()) {
    RMQ_ASSIGN_OR_RETURN(RecordView view, ParseRecord(body, false));
    out.push_back(ToMessageExt(view));
    body.remove_prefix(view.total_size);
  }
  return out;
}

Status EncodeMessage(const MessageExt& msg, std::string* out) {
  RecordView v;
  v.body_crc = msg.body_crc;
  v.queue_id = msg.queue_id;
  v.flag = msg.flag;
  v.queue_offset = msg.queue_offset;
  v.physical_offset = msg.commit_log_offset;
  v.sys_flag = msg.sys_flag;
  v.born_timestamp = msg.born_timestamp;
  v.born_host = msg.born_host;
  v.store_timestamp = msg.store_timestamp;
  v.store_host = msg.store_host;
  v.reconsume_times = msg.reconsume_times;
  v.prepared_transaction_offset = msg.prepared_transaction_offset;
  v.body = msg.body;
  v.topic = msg.topic;
  v.properties = msg.properties;
  return EncodeRecord(v, out);
}

Result<int32_t> RecordSize(const RecordView& msg) {
  if (msg.topic.empty() || msg.topic.size() > static_cast<size_t>(kMaxPropertiesLength)) {
    return InvalidArgument("topic length " + std::to_string(msg.topic.size()) + " not in 1..32767");
  }
  if (msg.properties.size() > static_cast<size_t>(kMaxPropertiesLength)) {
    return InvalidArgument("properties length " + std::to_string(msg.properties.size()) + " exceeds 32767");
  }
  const bool v2 = msg.topic.size() > static_cast<size_t>(kMaxV1TopicLength);
  const int64_t total = RecordLength(msg.sys_flag, msg.body.size(), msg.topic.size(), msg.properties.size(), v2);
  if (total > INT32_MAX) return InvalidArgument("record length exceeds 2 GiB");
  return static_cast<int32_t>(total);
}

namespace {

char* Put32(char* p, int64_t v) {
  EncodeBigEndian32(p, static_cast<uint32_t>(v));
  return p + 4;
}
char* Put64(char* p, int64_t v) {
  EncodeBigEndian64(p, static_cast<uint64_t>(v));
  return p + 8;
}
char* PutBytes(char* p, std::string_view bytes) {
  std::memcpy(p, bytes.data(), bytes.size());
  return p + bytes.size();
}
char* PutHost(char* p, const HostAddress& host, bool ipv6) {
  const int len = ipv6 ? 16 : 4;
  std::memcpy(p, host.ip.data(), len);
  return Put32(p + len, host.port);
}

}  // namespace

void WriteRecord(const RecordView& msg, int32_t total, char* p) {
  const bool v2 = msg.topic.size() > static_cast<size_t>(kMaxV1TopicLength);
  p = Put32(p, total);
  p = Put32(p, v2 ? kMessageMagicCodeV2 : kMessageMagicCodeV1);
  p = Put32(p, msg.body_crc);
  p = Put32(p, msg.queue_id);
  p = Put32(p, msg.flag);
  p = Put64(p, msg.queue_offset);
  p = Put64(p, msg.physical_offset);
  p = Put32(p, msg.sys_flag);
  p = Put64(p, msg.born_timestamp);
  p = PutHost(p, msg.born_host, (msg.sys_flag & sysflag::kBornHostV6) != 0);
  p = Put64(p, msg.store_timestamp);
  p = PutHost(p, msg.store_host, (msg.sys_flag & sysflag::kStoreHostV6) != 0);
  p = Put32(p, msg.reconsume_times);
  p = Put64(p, msg.prepared_transaction_offset);
  p = Put32(p, static_cast<int64_t>(msg.body.size()));
  p = PutBytes(p, msg.body);
  if (v2) {
    EncodeBigEndian16(p, static_cast<uint16_t>(msg.topic.size()));
    p += 2;
  } else {
    *p++ = static_cast<char>(msg.topic.size());
  }
  p = PutBytes(p, msg.topic);
  EncodeBigEndian16(p, static_cast<uint16_t>(msg.properties.size()));
  PutBytes(p + 2, msg.properties);
}

Status EncodeRecord(const RecordView& msg, std::string* out) {
  RMQ_ASSIGN_OR_RETURN(int32_t total, RecordSize(msg));
  const size_t at = out->size();
  out->resize(at + static_cast<size_t>(total));
  WriteRecord(msg, total, out->data() + at);
  return Status::Ok();
}

void AppendBatchElement(int32_t flag, std::string_view body, std::string_view properties, std::string* out) {
  const uint32_t total = static_cast<uint32_t>(22 + body.size() + properties.size());
  AppendBigEndian32(out, total);
  AppendBigEndian32(out, 0);
  AppendBigEndian32(out, 0);
  AppendBigEndian32(out, static_cast<uint32_t>(flag));
  AppendBigEndian32(out, static_cast<uint32_t>(body.size()));
  out->append(body);
  AppendBigEndian16(out, static_cast<uint16_t>(properties.size()));
  out->append(properties);
}

Result<std::vector<BatchElement>> DecodeBatchElements(std::string_view body) {
  std::vector<BatchElement> out;
  RMQ_RETURN_IF_ERROR(DecodeBatchElements(body, &out));
  return out;
}

Status DecodeBatchElements(std::string_view body, std::vector<BatchElement>* elements) {
  elements->clear();
  auto& out = *elements;
  size_t pos = 0;
  while (pos < body.size()) {
    const char* p = body.data() + pos;
    const size_t left = body.size() - pos;
    if (left < 22) return Corruption("batch element truncated at byte " + std::to_string(pos));
    int32_t total = Get32(p);
    int32_t body_len = Get32(p + 16);
    if (total < 22 || static_cast<size_t>(total) > left || body_len < 0 || body_len > total - 22) {
      return Corruption("batch element at byte " + std::to_string(pos) + " has inconsistent lengths");
    }
    int32_t props_len = static_cast<int16_t>(DecodeBigEndian16(p + 20 + body_len));
    if (props_len < 0 || 22 + body_len + props_len != total) {
      return Corruption("batch element at byte " + std::to_string(pos) + " has inconsistent lengths");
    }
    BatchElement e;
    e.flag = Get32(p + 12);
    e.body = std::string_view(p + 20, body_len);
    e.properties = std::string_view(p + 22 + body_len, props_len);
    out.push_back(e);
    pos += total;
  }
  return Status::Ok();
}

}  // namespace rmq

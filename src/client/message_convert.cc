#include "client/message_convert.h"

#include <zlib.h>

#include <algorithm>
#include <array>

#include "common/message_codec.h"
#include "common/message_format.h"
#include "common/message_id.h"
#include "common/message_properties.h"

namespace rmq::client {

std::string EncodeMessageProperties(const rocketmq::MQMessage& msg) {
  std::string out;
  for (const auto& [name, value] : msg.getProperties()) AppendProperty(&out, name, value);
  return out;
}

namespace {

// HostAddress::ToString formats with snprintf; a pull's records share their store host and
// mostly their born hosts, so each converting thread remembers the last one of each kind.
const std::string& HostText(const HostAddress& host, int kind) {
  struct Last {
    HostAddress host;
    std::string text;
  };
  thread_local Last last[2];
  Last& entry = last[kind];
  if (entry.text.empty() || !(entry.host == host)) {
    entry.host = host;
    entry.text = host.ToString();
  }
  return entry.text;
}

}  // namespace

rocketmq::MQMessageExt ToMQMessageExt(MessageExt record, const std::string& broker_name) {
  rocketmq::MQMessageExt msg;
  msg.setTopic(record.topic);
  msg.setFlag(record.flag);
  msg.setSysFlag(record.sys_flag);
  if ((record.sys_flag & sysflag::kCompressed) != 0) {
    auto inflated = Uncompress(record.body);
    msg.setBody(inflated.ok() ? std::move(inflated).value() : std::string());
  } else {
    msg.setBody(std::move(record.body));
  }
  // Straight into the message's map: no intermediate map to copy.
  for (auto& [name, value] : DecodeProperties(record.properties)) msg.setProperty(name, value);
  msg.setQueueId(record.queue_id);
  msg.setQueueOffset(record.queue_offset);
  msg.setCommitLogOffset(record.commit_log_offset);
  msg.setBornTimestamp(record.born_timestamp);
  msg.setStoreTimestamp(record.store_timestamp);
  msg.setBornHostString(HostText(record.born_host, 0));
  msg.setStoreHostString(HostText(record.store_host, 1));
  msg.setReconsumeTimes(record.reconsume_times);
  msg.setPreparedTransactionOffset(record.prepared_transaction_offset);
  msg.setBodyCRC(record.body_crc);
  msg.setStoreSize(record.store_size);
  msg.setBrokerName(broker_name);
  std::string offset_id = CreateOffsetMessageId(record.store_host, record.commit_log_offset);
  msg.setOffsetMsgId(offset_id);
  std::string uniq = msg.getProperty(rocketmq::MQMessage::PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
  msg.setMsgId(uniq.empty() ? offset_id : uniq);
  return msg;
}

namespace {

// The message's property map, to fill in place (a key built once, the value assigned once)
// rather than through setProperty's copies. A pointer to the protected member taken through a
// derived class is the standard way to reach it; nothing else in MQMessage changes.
struct PropertyAccess : rocketmq::MQMessageExt {
  static std::map<std::string, std::string>& Of(rocketmq::MQMessage& msg) {
    return msg.*(&PropertyAccess::properties_);
  }
};

// Each well-formed name\x01value\x02 pair in order, with DecodeProperties' rules (segments
// under 3 characters and empty names or values are skipped), without building the pair list.
template <typename Fn>
void ForEachPropertyInPlace(std::string_view encoded, Fn&& fn) {
  while (!encoded.empty()) {
    size_t end = encoded.find(kPropertySeparator);
    std::string_view segment = encoded.substr(0, end);
    encoded.remove_prefix(end == std::string_view::npos ? encoded.size() : end + 1);
    if (segment.size() < 3) continue;
    size_t sep = segment.find(kNameValueSeparator);
    if (sep == std::string_view::npos || sep == 0 || sep + 1 >= segment.size()) continue;
    fn(segment.substr(0, sep), segment.substr(sep + 1));
  }
}

}  // namespace

void FillPulledMessage(const RecordView& v, const std::string& broker_name, const std::string& min_text,
                       const std::string& max_text, rocketmq::MQMessageExt* msg) {
  // Every string is assigned, not constructed, so a message object reused from an earlier
  // record keeps its buffers and no allocation happens for same-sized fields.
  msg->setTopic(v.topic.data(), static_cast<int>(v.topic.size()));
  msg->setFlag(v.flag);
  msg->setSysFlag(v.sys_flag);
  if ((v.sys_flag & sysflag::kCompressed) != 0) {
    auto inflated = Uncompress(v.body);
    msg->setBody(inflated.ok() ? std::move(inflated).value() : std::string());
  } else {
    msg->setBody(v.body.data(), static_cast<int>(v.body.size()));
  }
  auto& properties = PropertyAccess::Of(*msg);
  // Filled in place: a name the map already holds (the previous record's, when the message
  // object is reused) keeps its node and only gets the new value; other names are inserted.
  // Every node this record sets is noted, so a repeated name (a later duplicate replaces the
  // earlier value, as DecodeProperties) is told apart from a name the previous record left; when
  // such leftovers remain (fewer old names matched than the map held), the map is rebuilt from
  // this record alone.
  thread_local std::string key;
  std::array<const void*, 16> touched;
  size_t touched_count = 0;
  const size_t old_size = properties.size();
  size_t old_matched = 0;
  bool rebuild = false;
  auto put = [&](std::string_view name, std::string_view value) {
    if (touched_count == touched.size()) {
      rebuild = true;  // many properties: the plain path below
      return;
    }
    key.assign(name);
    auto it = properties.lower_bound(key);
    if (it != properties.end() && it->first == key) {
      it->second.assign(value);
      const void* node = &*it;
      if (std::find(touched.begin(), touched.begin() + touched_count, node) != touched.begin() + touched_count) return;
      ++old_matched;
      touched[touched_count++] = node;
    } else {
      it = properties.emplace_hint(it, key, value);
      touched[touched_count++] = &*it;
    }
  };
  std::string_view uniq;
  ForEachPropertyInPlace(v.properties, [&](std::string_view name, std::string_view value) {
    put(name, value);
    if (name == rocketmq::MQMessage::PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX) uniq = value;
  });
  if (!min_text.empty()) {
    put(rocketmq::MQMessage::PROPERTY_MIN_OFFSET, min_text);
    put(rocketmq::MQMessage::PROPERTY_MAX_OFFSET, max_text);
  }
  if (rebuild || old_matched != old_size) {
    properties.clear();
    ForEachPropertyInPlace(v.properties, [&](std::string_view name, std::string_view value) {
      properties[std::string(name)].assign(value);
    });
    if (!min_text.empty()) {
      properties[rocketmq::MQMessage::PROPERTY_MIN_OFFSET] = min_text;
      properties[rocketmq::MQMessage::PROPERTY_MAX_OFFSET] = max_text;
    }
  }
  msg->setQueueId(v.queue_id);
  msg->setQueueOffset(v.queue_offset);
  msg->setCommitLogOffset(v.physical_offset);
  msg->setBornTimestamp(v.born_timestamp);
  msg->setStoreTimestamp(v.store_timestamp);
  msg->setBornHostString(HostText(v.born_host, 0));
  msg->setStoreHostString(HostText(v.store_host, 1));
  msg->setReconsumeTimes(v.reconsume_times);
  msg->setPreparedTransactionOffset(v.prepared_transaction_offset);
  msg->setBodyCRC(v.body_crc);
  msg->setStoreSize(v.total_size);
  msg->setBrokerName(broker_name);
  // The ids are built in this thread's scratch strings and copied into the message's own,
  // which keep their buffers from the previous record (a copy-assignment reuses capacity).
  thread_local std::string offset_id;
  thread_local std::string uniq_id;
  offset_id.clear();
  AppendOffsetMessageId(v.store_host, v.physical_offset, &offset_id);
  msg->setOffsetMsgId(offset_id);
  if (uniq.empty()) {
    msg->setMsgId(offset_id);
  } else {
    uniq_id.assign(uniq);
    msg->setMsgId(uniq_id);
  }
}

void AppendPulledMessage(const RecordView& v, const std::string& broker_name, const std::string& min_text,
                         const std::string& max_text, std::vector<rocketmq::MQMessageExt>* out) {
  FillPulledMessage(v, broker_name, min_text, max_text, &out->emplace_back());
}

bool RecordTagMatches(const std::vector<std::string>& tags_set, const RecordView& record) {
  return tags_set.empty() ||
         TagMatches(tags_set, FindProperty(record.properties, property::kTags).value_or(std::string_view()));
}

Status DecodePulledMessages(std::string_view body, const std::string& broker_name,
                            const std::vector<std::string>& tags_set, bool set_min_max, int64_t min_offset,
                            int64_t max_offset, std::vector<rocketmq::MQMessageExt>* out) {
  const std::string min_text = set_min_max ? std::to_string(min_offset) : std::string();
  const std::string max_text = set_min_max ? std::to_string(max_offset) : std::string();
  while (!body.empty()) {
    RMQ_ASSIGN_OR_RETURN(RecordView view, ParseRecord(body, false));
    body.remove_prefix(static_cast<size_t>(view.total_size));
    if (!RecordTagMatches(tags_set, view)) continue;
    AppendPulledMessage(view, broker_name, min_text, max_text, out);
  }
  return Status::Ok();
}

MessageExt ToMessageExt(const rocketmq::MQMessageExt& msg) {
  MessageExt record;
  record.topic = msg.getTopic();
  record.queue_id = msg.getQueueId();
  record.flag = msg.getFlag();
  record.queue_offset = msg.getQueueOffset();
  record.commit_log_offset = msg.getCommitLogOffset();
  record.sys_flag = msg.getSysFlag();
  record.born_timestamp = msg.getBornTimestamp();
  record.store_timestamp = msg.getStoreTimestamp();
  record.reconsume_times = msg.getReconsumeTimes();
  record.body = msg.getBody();
  record.properties = EncodeMessageProperties(msg);
  return record;
}

MessageQueue ToMessageQueue(const rocketmq::MQMessageQueue& mq) {
  return MessageQueue{mq.getTopic(), mq.getBrokerName(), mq.getQueueId()};
}

rocketmq::MQMessageQueue ToMQMessageQueue(const MessageQueue& mq) {
  return rocketmq::MQMessageQueue(mq.topic, mq.broker_name, mq.queue_id);
}

Result<std::string> Compress(std::string_view data, int level) {
  uLongf bound = compressBound(static_cast<uLong>(data.size()));
  std::string out(bound, '\0');
  int rc = compress2(reinterpret_cast<Bytef*>(out.data()), &bound, reinterpret_cast<const Bytef*>(data.data()),
                     static_cast<uLong>(data.size()), level);
  if (rc != Z_OK) return Internal("zlib compress failed with " + std::to_string(rc));
  out.resize(bound);
  return out;
}

Result<std::string> Uncompress(std::string_view data) {
  z_stream stream{};
  if (inflateInit(&stream) != Z_OK) return Internal("zlib inflateInit failed");
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[16384];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof(buffer);
    rc = inflate(&stream, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&stream);
      return Corruption("zlib inflate failed with " + std::to_string(rc));
    }
    out.append(buffer, sizeof(buffer) - stream.avail_out);
    if (rc == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) {
      inflateEnd(&stream);
      return Corruption("compressed body is truncated");
    }
  }
  inflateEnd(&stream);
  return out;
}

bool TagMatches(const std::vector<std::string>& tags_set, std::string_view tags) {
  if (tags_set.empty()) return true;
  return std::find(tags_set.begin(), tags_set.end(), tags) != tags_set.end();
}

}  // namespace rmq::client

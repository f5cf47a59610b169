#include "broker/transaction/half_message.h"

#include <charconv>
#include <chrono>
#include <climits>
#include <optional>

#include "broker/topic_validator.h"
#include "common/message_codec.h"
#include "common/message_format.h"
#include "common/message_properties.h"

namespace rmq::broker::transaction {
namespace {

std::optional<int64_t> ParseInt64(std::string_view text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// Sets `name` in an encoded properties string in place of an earlier value, else appends it.
std::string WithProperty(std::string_view encoded, std::string_view name, std::string_view value) {
  if (!FindProperty(encoded, name)) {
    std::string out(encoded);
    AppendProperty(&out, name, value);
    return out;
  }
  Properties props = DecodeProperties(encoded);
  for (auto& [k, v] : props) {
    if (k == name) v = std::string(value);
  }
  return EncodeProperties(props);
}

int32_t WithTransactionType(int32_t sys_flag, int32_t type) {
  return (sys_flag & ~sysflag::kTransactionRollbackType) | type;
}

}  // namespace

bool IsPreparedSend(int32_t sys_flag, std::string_view properties) {
  if (sysflag::TransactionValue(sys_flag) == sysflag::kTransactionPreparedType) return true;
  auto flag = FindProperty(properties, property::kTransactionPrepared);
  return flag && *flag == "true";
}

void ParkAsHalfMessage(MessageExt& msg) {
  AppendProperty(&msg.properties, property::kRealTopic, msg.topic);
  AppendProperty(&msg.properties, property::kRealQueueId, std::to_string(msg.queue_id));
  if (!FindProperty(msg.properties, property::kTransactionId)) {
    if (auto uniq = FindProperty(msg.properties, property::kUniqueClientMessageIdKeyIndex)) {
      std::string id(*uniq);  // AppendProperty may reallocate the string `uniq` views
      AppendProperty(&msg.properties, property::kTransactionId, id);
    }
  }
  msg.sys_flag = WithTransactionType(msg.sys_flag, sysflag::kTransactionNotType);
  msg.topic = std::string(kTransHalfTopic);
  msg.queue_id = 0;
}

Result<MessageExt> BuildCommittedMessage(const MessageExt& half) {
  auto topic = FindProperty(half.properties, property::kRealTopic);
  auto queue = FindProperty(half.properties, property::kRealQueueId);
  std::optional<int64_t> queue_id = queue ? ParseInt64(*queue) : std::nullopt;
  if (!topic || topic->empty() || !queue_id || *queue_id < 0 || *queue_id > INT32_MAX) {
    return InvalidArgument("the half message at CommitLog offset " + std::to_string(half.commit_log_offset) +
                           " has no valid REAL_TOPIC / REAL_QID");
  }
  MessageExt msg;
  msg.topic = std::string(*topic);
  msg.queue_id = static_cast<int32_t>(*queue_id);
  msg.flag = half.flag;
  // The store sets the host-width bits from the addresses themselves.
  msg.sys_flag = WithTransactionType(half.sys_flag, sysflag::kTransactionCommitType) &
                 ~(sysflag::kBornHostV6 | sysflag::kStoreHostV6);
  msg.born_timestamp = half.born_timestamp;
  msg.born_host = half.born_host;
  msg.reconsume_times = half.reconsume_times;
  msg.prepared_transaction_offset = half.commit_log_offset;
  msg.body = half.body;
  msg.properties = half.properties;
  return msg;
}

MessageExt BuildOpMessage(int64_t half_queue_offset, int32_t half_queue_id, const HostAddress& born_host) {
  MessageExt msg;
  msg.topic = std::string(kTransOpHalfTopic);
  msg.queue_id = half_queue_id;
  msg.born_timestamp = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  msg.born_host = born_host;
  msg.body = std::to_string(half_queue_offset);
  AppendProperty(&msg.properties, property::kTags, kRemoveTag);
  AppendProperty(&msg.properties, property::kWaitStoreMsgOk, "false");
  return msg;
}

std::vector<int64_t> ParseOpBody(std::string_view body) {
  std::vector<int64_t> out;
  while (!body.empty()) {
    size_t comma = body.find(',');
    std::string_view piece = body.substr(0, comma);
    if (auto value = ParseInt64(piece)) out.push_back(*value);
    if (comma == std::string_view::npos) break;
    body.remove_prefix(comma + 1);
  }
  return out;
}

int32_t CheckTimes(std::string_view properties) {
  auto text = FindProperty(properties, kCheckTimesProperty);
  std::optional<int64_t> value = text ? ParseInt64(*text) : std::nullopt;
  if (!value || *value < 0 || *value > INT32_MAX) return 0;
  return static_cast<int32_t>(*value);
}

MessageExt BuildRenewedHalfMessage(const MessageExt& half) {
  MessageExt msg;
  msg.topic = half.topic;
  msg.queue_id = half.queue_id;
  msg.flag = half.flag;
  msg.sys_flag = half.sys_flag & ~(sysflag::kBornHostV6 | sysflag::kStoreHostV6);
  msg.born_timestamp = half.born_timestamp;
  msg.born_host = half.born_host;
  msg.reconsume_times = half.reconsume_times;
  msg.body = half.body;
  msg.properties = WithProperty(half.properties, kCheckTimesProperty, std::to_string(CheckTimes(half.properties) + 1));
  if (!FindProperty(msg.properties, kPreparedQueueOffsetProperty)) {
    AppendProperty(&msg.properties, kPreparedQueueOffsetProperty, std::to_string(half.queue_offset));
  }
  return msg;
}

Result<std::string> EncodeCheckBody(const MessageExt& half) {
  RMQ_ASSIGN_OR_RETURN(MessageExt real, BuildCommittedMessage(half));
  MessageExt record = half;
  record.topic = std::move(real.topic);
  record.queue_id = real.queue_id;
  std::string out;
  RMQ_RETURN_IF_ERROR(EncodeMessage(record, &out));
  return out;
}

}  // namespace rmq::broker::transaction

// Typed headers of the producer and transaction requests (reference/remoting.md §5.3, §5.4):
// SEND_MESSAGE in its two spellings (V1 with Java field names, V2 with the one-letter keys
// a..n), the send response, END_TRANSACTION, CHECK_TRANSACTION_STATE and
// CONSUMER_SEND_MSG_BACK. Processors work on the V1 struct; ParseSendMessageRequestHeader
// decodes whichever spelling a request code uses. Plain value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>

#include "remoting/custom_header.h"
#include "remoting/request_code.h"

namespace rmq::remoting {

// SEND_MESSAGE (10), as the Go client sends it; also what processors use for every send.
struct SendMessageRequestHeader {
  std::string producer_group;
  std::string topic;
  std::string default_topic;  // template topic for auto-create, normally TBW102
  int32_t default_topic_queue_nums = 0;
  int32_t queue_id = 0;  // negative: the broker picks a queue
  int32_t sys_flag = 0;  // MessageSysFlag bits
  int64_t born_timestamp = 0;
  int32_t flag = 0;                       // user flag, stored verbatim
  std::optional<std::string> properties;  // name\x01value\x02 pairs
  std::optional<int32_t> reconsume_times;
  std::optional<bool> unit_mode;
  std::optional<int32_t> max_reconsume_times;
  std::optional<bool> batch;
  std::optional<std::string> bname;  // target broker name (5.x)

  static constexpr auto Fields() {
    using H = SendMessageRequestHeader;
    return std::make_tuple(
        Field("producerGroup", &H::producer_group), Field("topic", &H::topic),
        Field("defaultTopic", &H::default_topic),
        Field("defaultTopicQueueNums", &H::default_topic_queue_nums), Field("queueId", &H::queue_id),
        Field("sysFlag", &H::sys_flag), Field("bornTimestamp", &H::born_timestamp), Field("flag", &H::flag),
        Field("properties", &H::properties), Field("reconsumeTimes", &H::reconsume_times),
        Field("unitMode", &H::unit_mode), Field("maxReconsumeTimes", &H::max_reconsume_times),
        Field("batch", &H::batch), Field("bname", &H::bname));
  }
};

// SEND_MESSAGE_V2 (310), SEND_BATCH_MESSAGE (320): the same fields under one-letter keys. The
// members keep the keys' names so the struct reads like the wire; see the V1 struct for meanings.
struct SendMessageRequestHeaderV2 {
  std::string a;                 // producerGroup
  std::string b;                 // topic
  std::string c;                 // defaultTopic
  int32_t d = 0;                 // defaultTopicQueueNums
  int32_t e = 0;                 // queueId
  int32_t f = 0;                 // sysFlag
  int64_t g = 0;                 // bornTimestamp
  int32_t h = 0;                 // flag
  std::optional<std::string> i;  // properties
  std::optional<int32_t> j;      // reconsumeTimes
  std::optional<bool> k;         // unitMode
  std::optional<int32_t> l;      // maxReconsumeTimes
  std::optional<bool> m;         // batch
  std::optional<std::string> n;  // brokerName (V1 "bname")

  static constexpr auto Fields() {
    using H = SendMessageRequestHeaderV2;
    return std::make_tuple(Field("a", &H::a), Field("b", &H::b), Field("c", &H::c), Field("d", &H::d),
                           Field("e", &H::e), Field("f", &H::f), Field("g", &H::g), Field("h", &H::h),
                           Field("i", &H::i), Field("j", &H::j), Field("k", &H::k), Field("l", &H::l),
                           Field("m", &H::m), Field("n", &H::n));
  }
};

// As SendMessageRequestHeaderV2#createSendMessageRequestHeaderV1.
inline SendMessageRequestHeader CreateSendMessageRequestHeaderV1(const SendMessageRequestHeaderV2& v2) {
  SendMessageRequestHeader v1;
  v1.producer_group = v2.a;
  v1.topic = v2.b;
  v1.default_topic = v2.c;
  v1.default_topic_queue_nums = v2.d;
  v1.queue_id = v2.e;
  v1.sys_flag = v2.f;
  v1.born_timestamp = v2.g;
  v1.flag = v2.h;
  v1.properties = v2.i;
  v1.reconsume_times = v2.j;
  v1.unit_mode = v2.k;
  v1.max_reconsume_times = v2.l;
  v1.batch = v2.m;
  v1.bname = v2.n;
  return v1;
}

// The same, moving the strings out of `v2` (the send path converts every request).
inline SendMessageRequestHeader CreateSendMessageRequestHeaderV1(SendMessageRequestHeaderV2&& v2) {
  SendMessageRequestHeader v1;
  v1.producer_group = std::move(v2.a);
  v1.topic = std::move(v2.b);
  v1.default_topic = std::move(v2.c);
  v1.default_topic_queue_nums = v2.d;
  v1.queue_id = v2.e;
  v1.sys_flag = v2.f;
  v1.born_timestamp = v2.g;
  v1.flag = v2.h;
  v1.properties = std::move(v2.i);
  v1.reconsume_times = v2.j;
  v1.unit_mode = v2.k;
  v1.max_reconsume_times = v2.l;
  v1.batch = v2.m;
  v1.bname = std::move(v2.n);
  return v1;
}

// As SendMessageRequestHeaderV2#createSendMessageRequestHeaderV2.
inline SendMessageRequestHeaderV2 CreateSendMessageRequestHeaderV2(const SendMessageRequestHeader& v1) {
  SendMessageRequestHeaderV2 v2;
  v2.a = v1.producer_group;
  v2.b = v1.topic;
  v2.c = v1.default_topic;
  v2.d = v1.default_topic_queue_nums;
  v2.e = v1.queue_id;
  v2.f = v1.sys_flag;
  v2.g = v1.born_timestamp;
  v2.h = v1.flag;
  v2.i = v1.properties;
  v2.j = v1.reconsume_times;
  v2.k = v1.unit_mode;
  v2.l = v1.max_reconsume_times;
  v2.m = v1.batch;
  v2.n = v1.bname;
  return v2;
}

// As SendMessageRequestHeader#parseRequestHeader: V2 keys for SEND_MESSAGE_V2 and
// SEND_BATCH_MESSAGE, V1 keys for SEND_MESSAGE. Any other code is an InvalidArgument error.
inline Result<SendMessageRequestHeader> ParseSendMessageRequestHeader(const RemotingCommand& request) {
  switch (request.code()) {
    case RequestCode::kSendMessageV2:
    case RequestCode::kSendBatchMessage: {
      RMQ_ASSIGN_OR_RETURN(SendMessageRequestHeaderV2 v2,
                           DecodeCustomHeader<SendMessageRequestHeaderV2>(request));
      return CreateSendMessageRequestHeaderV1(std::move(v2));
    }
    case RequestCode::kSendMessage:
      return DecodeCustomHeader<SendMessageRequestHeader>(request);
    default:
      return InvalidArgument("request code " + std::to_string(request.code()) + " is not a send request");
  }
}

// Response to SEND_MESSAGE/_V2/SEND_BATCH_MESSAGE, required with codes 0, 10, 11 and 12.
struct SendMessageResponseHeader {
  std::string msg_id;  // offsetMsgId; for a batch the ids joined with ','
  int32_t queue_id = 0;
  int64_t queue_offset = 0;
  std::optional<std::string> transaction_id;  // 5.x: the message's UNIQ_KEY
  std::optional<std::string> batch_uniq_id;
  std::optional<std::string> recall_handle;
  // Not fields of the Java class: the broker puts them into extFields itself. Java clients read
  // MSG_REGION (default "DefaultRegion") and TRACE_ON; a broker should send both.
  std::optional<std::string> msg_region;
  std::optional<bool> trace_on;

  static constexpr auto Fields() {
    using H = SendMessageResponseHeader;
    return std::make_tuple(Field("msgId", &H::msg_id), Field("queueId", &H::queue_id),
                           Field("queueOffset", &H::queue_offset), Field("transactionId", &H::transaction_id),
                           Field("batchUniqId", &H::batch_uniq_id), Field("recallHandle", &H::recall_handle),
                           Field("MSG_REGION", &H::msg_region), Field("TRACE_ON", &H::trace_on));
  }
};

// END_TRANSACTION (37), normally oneway.
struct EndTransactionRequestHeader {
  std::string producer_group;
  int64_t tran_state_table_offset = 0;  // consume-queue offset of the half message
  int64_t commit_log_offset = 0;        // commit-log offset of the half message
  int32_t commit_or_rollback = 0;       // 0 unknown, 8 commit, 12 rollback (MessageSysFlag)
  std::optional<bool> from_transaction_check;
  std::string msg_id;  // UNIQ_KEY
  std::optional<std::string> transaction_id;
  std::optional<std::string> topic;  // 5.x
  std::optional<std::string> bname;

  static constexpr auto Fields() {
    using H = EndTransactionRequestHeader;
    return std::make_tuple(
        Field("producerGroup", &H::producer_group),
        Field("tranStateTableOffset", &H::tran_state_table_offset),
        Field("commitLogOffset", &H::commit_log_offset), Field("commitOrRollback", &H::commit_or_rollback),
        Field("fromTransactionCheck", &H::from_transaction_check), Field("msgId", &H::msg_id),
        Field("transactionId", &H::transaction_id), Field("topic", &H::topic), Field("bname", &H::bname));
  }
};

// CHECK_TRANSACTION_STATE (39), broker -> producer, oneway; the body is the half message.
struct CheckTransactionStateRequestHeader {
  std::optional<std::string> topic;  // original topic (5.x)
  int64_t tran_state_table_offset = 0;
  int64_t commit_log_offset = 0;
  std::optional<std::string> msg_id;  // UNIQ_KEY
  std::optional<std::string> transaction_id;
  std::optional<std::string> offset_msg_id;
  std::optional<std::string> bname;

  static constexpr auto Fields() {
    using H = CheckTransactionStateRequestHeader;
    return std::make_tuple(Field("topic", &H::topic),
                           Field("tranStateTableOffset", &H::tran_state_table_offset),
                           Field("commitLogOffset", &H::commit_log_offset), Field("msgId", &H::msg_id),
                           Field("transactionId", &H::transaction_id),
                           Field("offsetMsgId", &H::offset_msg_id), Field("bname", &H::bname));
  }
};

// CONSUMER_SEND_MSG_BACK (36): a consumer hands a failed message back for retry or the DLQ.
struct ConsumerSendMsgBackRequestHeader {
  int64_t offset = 0;  // commit-log offset of the failed message
  std::string group;
  int32_t delay_level = 0;  // 0: broker picks 3 + reconsumeTimes; < 0: straight to the DLQ
  std::optional<std::string> origin_msg_id;
  std::optional<std::string> origin_topic;
  std::optional<bool> unit_mode = false;  // always sent
  std::optional<int32_t> max_reconsume_times;
  std::optional<std::string> bname;

  static constexpr auto Fields() {
    using H = ConsumerSendMsgBackRequestHeader;
    return std::make_tuple(Field("offset", &H::offset), Field("group", &H::group),
                           Field("delayLevel", &H::delay_level), Field("originMsgId", &H::origin_msg_id),
                           Field("originTopic", &H::origin_topic), Field("unitMode", &H::unit_mode),
                           Field("maxReconsumeTimes", &H::max_reconsume_times), Field("bname", &H::bname));
  }
};

}  // namespace rmq::remoting

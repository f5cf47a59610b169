// The message model shared by the broker, store and clients: host addresses, well-known property
// names and MessageExt (a decoded stored record, owning its bytes). Plain values; not thread-safe
// to mutate concurrently.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace rmq {

// Property names as stored on disk (MessageConst.java).
namespace property {
inline constexpr std::string_view kKeys = "KEYS";
inline constexpr std::string_view kTags = "TAGS";
inline constexpr std::string_view kWaitStoreMsgOk = "WAIT";
inline constexpr std::string_view kDelayTimeLevel = "DELAY";
inline constexpr std::string_view kRetryTopic = "RETRY_TOPIC";
inline constexpr std::string_view kRealTopic = "REAL_TOPIC";
inline constexpr std::string_view kRealQueueId = "REAL_QID";
inline constexpr std::string_view kTransactionPrepared = "TRAN_MSG";
inline constexpr std::string_view kProducerGroup = "PGROUP";
inline constexpr std::string_view kMinOffset = "MIN_OFFSET";
inline constexpr std::string_view kMaxOffset = "MAX_OFFSET";
inline constexpr std::string_view kUniqueClientMessageIdKeyIndex = "UNIQ_KEY";
inline constexpr std::string_view kMsgRegion = "MSG_REGION";
inline constexpr std::string_view kTraceSwitch = "TRACE_ON";
inline constexpr std::string_view kCluster = "CLUSTER";
inline constexpr std::string_view kReconsumeTime = "RECONSUME_TIME";
inline constexpr std::string_view kMaxReconsumeTimes = "MAX_RECONSUME_TIMES";
inline constexpr std::string_view kOriginMessageId = "ORIGIN_MESSAGE_ID";
inline constexpr std::string_view kTransactionId = "__transactionId__";
inline constexpr std::string_view kInnerNum = "INNER_NUM";
}  // namespace property

// Several KEYS are joined by this separator.
inline constexpr char kKeySeparator = ' ';

// An IPv4 or IPv6 socket address as stored in a record: address bytes in network order + port.
struct HostAddress {
  bool ipv6 = false;
  std::array<uint8_t, 16> ip{};  // the first 4 bytes are used for IPv4
  int32_t port = 0;

  static HostAddress V4(uint8_t a, uint8_t b, uint8_t c, uint8_t d, int32_t port) {
    HostAddress h;
    h.ip[0] = a;
    h.ip[1] = b;
    h.ip[2] = c;
    h.ip[3] = d;
    h.port = port;
    return h;
  }
  int address_length() const { return ipv6 ? 16 : 4; }
  // "127.0.0.1:10911" or "[::1]:10911".
  std::string ToString() const;

  friend bool operator==(const HostAddress&, const HostAddress&) = default;
};

// A message as stored in the CommitLog (one record), decoded into owned fields.
struct MessageExt {
  int32_t store_size = 0;  // TOTALSIZE
  int32_t body_crc = 0;
  std::string topic;
  int32_t queue_id = 0;
  int32_t flag = 0;
  int64_t queue_offset = 0;
  int64_t commit_log_offset = 0;
  int32_t sys_flag = 0;
  int64_t born_timestamp = 0;
  HostAddress born_host;
  int64_t store_timestamp = 0;
  HostAddress store_host;
  int32_t reconsume_times = 0;
  int64_t prepared_transaction_offset = 0;
  std::string body;
  // The properties string exactly as stored: name\x01value\x02 repeated (message_properties.h).
  std::string properties;
};

}  // namespace rmq

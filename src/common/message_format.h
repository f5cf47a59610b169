// Byte layout of the stored message record (reference/message-format.md §1, §3): magic codes,
// system flags and the fixed field positions. Constants only; shared by the codec and the store.
#pragma once

#include <cstdint>

namespace rmq {

inline constexpr int32_t kMessageMagicCodeV1 = static_cast<int32_t>(0xDAA320A7u);
inline constexpr int32_t kMessageMagicCodeV2 = static_cast<int32_t>(0xDAA320ABu);
// End-of-file filler: int remaining bytes, then this magic (message-format.md §1.6).
inline constexpr int32_t kBlankMagicCode = static_cast<int32_t>(0xCBD43194u);
// A record (or batch) is appended only if its length + this many bytes fit in the file.
inline constexpr int32_t kEndFileMinBlankLength = 8;

// Field positions that never move (they precede the first host).
inline constexpr int kRecordTotalSizePos = 0;
inline constexpr int kRecordMagicPos = 4;
inline constexpr int kRecordBodyCrcPos = 8;
inline constexpr int kRecordQueueIdPos = 12;
inline constexpr int kRecordFlagPos = 16;
inline constexpr int kRecordQueueOffsetPos = 20;
inline constexpr int kRecordPhysicalOffsetPos = 28;
inline constexpr int kRecordSysFlagPos = 36;
inline constexpr int kRecordBornTimestampPos = 40;
inline constexpr int kRecordBornHostPos = 48;

inline constexpr int kIpv4HostWidth = 8;   // 4 address bytes + int port
inline constexpr int kIpv6HostWidth = 20;  // 16 address bytes + int port

// Message SYSFLAG bits (MessageSysFlag.java).
namespace sysflag {
inline constexpr int32_t kCompressed = 0x1;
inline constexpr int32_t kMultiTags = 0x2;
inline constexpr int32_t kTransactionNotType = 0x0;
inline constexpr int32_t kTransactionPreparedType = 0x4;
inline constexpr int32_t kTransactionCommitType = 0x8;
inline constexpr int32_t kTransactionRollbackType = 0xC;
inline constexpr int32_t kBornHostV6 = 0x10;
inline constexpr int32_t kStoreHostV6 = 0x20;
inline constexpr int32_t kNeedUnwrap = 0x40;
inline constexpr int32_t kInnerBatch = 0x80;

inline constexpr int32_t TransactionValue(int32_t flag) { return flag & kTransactionRollbackType; }
inline constexpr int BornHostWidth(int32_t flag) { return (flag & kBornHostV6) ? kIpv6HostWidth : kIpv4HostWidth; }
inline constexpr int StoreHostWidth(int32_t flag) { return (flag & kStoreHostV6) ? kIpv6HostWidth : kIpv4HostWidth; }
}  // namespace sysflag

// Position of STORETIMESTAMP, which follows the born host.
inline constexpr int RecordStoreTimestampPos(int32_t sys_flag) {
  return kRecordBornHostPos + sysflag::BornHostWidth(sys_flag);
}
// Position of STOREHOST.
inline constexpr int RecordStoreHostPos(int32_t sys_flag) { return RecordStoreTimestampPos(sys_flag) + 8; }

// TOTALSIZE of a record: 4+4+4+4+4+8+8+4+8 + BH + 8 + SH + 4 + 8 + 4 + B + TL + T + 2 + P.
inline constexpr int64_t RecordLength(int32_t sys_flag, int64_t body_length, int64_t topic_length,
                                      int64_t properties_length, bool magic_v2 = false) {
  return 48 + sysflag::BornHostWidth(sys_flag) + 8 + sysflag::StoreHostWidth(sys_flag) + 4 + 8 + 4 +
         body_length + (magic_v2 ? 2 : 1) + topic_length + 2 + properties_length;
}

}  // namespace rmq

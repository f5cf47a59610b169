// The records of the transaction protocol (reference/features.md §9): parking a prepared send as
// a half message on RMQ_SYS_TRANS_HALF_TOPIC, the final message a COMMIT restores from it, the
// op ("remove") record END_TRANSACTION writes on RMQ_SYS_TRANS_OP_HALF_TOPIC, the re-appended copy
// the check service makes, and the CHECK_TRANSACTION_STATE body. Pure functions on MessageExt;
// thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/message.h"
#include "common/status.h"

namespace rmq::broker::transaction {

// The consumer group whose offsets on the half and op queues record the check service's
// progress (TransactionalMessageUtil.buildConsumerGroup); they live in consumerOffset.json.
inline constexpr std::string_view kCheckConsumerGroup = "CID_RMQ_SYS_TRANS";
// Tag of an op record (TransactionalMessageUtil.REMOVE_TAG).
inline constexpr std::string_view kRemoveTag = "d";
// Broker-written properties (MessageConst).
inline constexpr std::string_view kCheckTimesProperty = "TRANSACTION_CHECK_TIMES";
inline constexpr std::string_view kPreparedQueueOffsetProperty = "TRAN_PREPARED_QUEUE_OFFSET";
// Producer-set earliest first check, in seconds.
inline constexpr std::string_view kCheckImmunityTimeProperty = "CHECK_IMMUNITY_TIME_IN_SECONDS";

// True for a send the broker must park: TRAN_MSG=true (what upstream decides by) or the PREPARED
// transaction bits in the sysflag (stored as is, such a record would get no queue entry and be
// lost).
bool IsPreparedSend(int32_t sys_flag, std::string_view properties);

// Turns the message of a prepared send into its half message: REAL_TOPIC, REAL_QID and
// __transactionId__ (= UNIQ_KEY) added, topic = RMQ_SYS_TRANS_HALF_TOPIC, queue 0, transaction
// bits reset to NOT_TYPE so the half queue indexes it (TransactionalMessageBridge#parseHalfMessageInner).
void ParkAsHalfMessage(MessageExt& msg);

// The message a COMMIT stores, from the half record: REAL_TOPIC / REAL_QID restored, body, flag,
// born time and host and reconsume count copied, transaction bits = COMMIT, the half record's
// CommitLog offset as PREPAREDTRANSACTIONOFFSET. The properties string is kept whole, as upstream
// serialises it before dropping REAL_TOPIC / REAL_QID from its map. InvalidArgument when the
// record has no usable REAL_TOPIC / REAL_QID.
Result<MessageExt> BuildCommittedMessage(const MessageExt& half);

// The op record marking half queue offset `half_queue_offset` done (4.9 form: one offset per
// record, body = the offset in ASCII decimal, tag "d").
MessageExt BuildOpMessage(int64_t half_queue_offset, int32_t half_queue_id, const HostAddress& born_host);

// The half queue offsets an op record body lists: "17" (4.9) or "17,18," (5.x batches).
// Unparsable pieces are skipped.
std::vector<int64_t> ParseOpBody(std::string_view body);

// TRANSACTION_CHECK_TIMES of a half record (0 when absent or malformed).
int32_t CheckTimes(std::string_view properties);

// The copy the check service appends to the end of the half queue before asking the producer:
// the same record with TRANSACTION_CHECK_TIMES incremented and TRAN_PREPARED_QUEUE_OFFSET set to
// the first half queue offset the message had.
MessageExt BuildRenewedHalfMessage(const MessageExt& half);

// The CHECK_TRANSACTION_STATE body: the half record with TOPIC / QUEUEID replaced by REAL_TOPIC /
// REAL_QID, encoded as a stored (v1) record.
Result<std::string> EncodeCheckBody(const MessageExt& half);

}  // namespace rmq::broker::transaction

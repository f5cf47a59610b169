// Conversions between the public message types and the wire: MQMessage properties to the
// encoded properties string, pulled records to MQMessageExt (inflating compressed bodies), queue
// types, and zlib compression. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/message.h"
#include "common/message_codec.h"
#include "common/message_queue.h"
#include "common/status.h"
#include "rocketmq/MQMessage.h"
#include "rocketmq/MQMessageExt.h"
#include "rocketmq/MQMessageQueue.h"

namespace rmq::client {

std::string EncodeMessageProperties(const rocketmq::MQMessage& msg);

// A pulled record as the user sees it: msgId = UNIQ_KEY if set else the offset id, body
// inflated when the compressed flag is set (empty if inflating fails, as upstream C++).
// Takes the record by value: pass an rvalue (a decoded pull body's records) and its body is
// moved, not copied.
rocketmq::MQMessageExt ToMQMessageExt(MessageExt record, const std::string& broker_name);
// A pull body (records back to back) decoded straight from the wire bytes into `out`, without an
// intermediate MessageExt per record: the same values as ToMQMessageExt, plus (with
// `set_min_max`) MIN_OFFSET / MAX_OFFSET set to `min_offset` / `max_offset` as the push and pull
// consumers do. Records whose TAGS are
// not in `tags_set` (empty = all) are skipped before anything is built for them. Corruption
// if a record is malformed (`out` then holds the records before it).
Status DecodePulledMessages(std::string_view body, const std::string& broker_name,
                            const std::vector<std::string>& tags_set, bool set_min_max, int64_t min_offset,
                            int64_t max_offset, std::vector<rocketmq::MQMessageExt>* out);
// DecodePulledMessages for one record viewed in place (TAGS already matched), overwriting every
// field of `*msg` (which may hold an earlier message: its strings' buffers and property map nodes
// are reused, so refilling one object costs no allocation when the sizes repeat); MIN_OFFSET /
// MAX_OFFSET are set to `min_text` / `max_text` unless those are empty.
void FillPulledMessage(const RecordView& record, const std::string& broker_name, const std::string& min_text,
                       const std::string& max_text, rocketmq::MQMessageExt* msg);
// FillPulledMessage into a new message at the end of `out`.
void AppendPulledMessage(const RecordView& record, const std::string& broker_name, const std::string& min_text,
                         const std::string& max_text, std::vector<rocketmq::MQMessageExt>* out);
// Whether a record's TAGS (read from its encoded properties) match `tags_set` (empty = all).
bool RecordTagMatches(const std::vector<std::string>& tags_set, const RecordView& record);
// The record a listener's message came from (for send-back and transaction checks).
MessageExt ToMessageExt(const rocketmq::MQMessageExt& msg);

MessageQueue ToMessageQueue(const rocketmq::MQMessageQueue& mq);
rocketmq::MQMessageQueue ToMQMessageQueue(const MessageQueue& mq);

// zlib (RFC 1950) at `level`.
Result<std::string> Compress(std::string_view data, int level);
Result<std::string> Uncompress(std::string_view data);

// Tags of `expression`'s subscription contain the message's TAGS (or the expression is "*").
bool TagMatches(const std::vector<std::string>& tags_set, std::string_view tags);

}  // namespace rmq::client

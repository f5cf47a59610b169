// The extFields of a send response (SendMessageResponseHeader's fields in its order, then the
// MSG_REGION and TRACE_ON entries a broker adds) written straight as JSON text, as
// EncodeJsonHeader would write them from the map: the broker answers every sent message with
// one, and the map cost a vector, a string per id and a second pass to encode.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "remoting/remoting_command.h"

namespace rmq::remoting {

struct SendResponseFields {
  std::string_view msg_id;  // offset message id(s), comma-joined for a batch
  int32_t queue_id = 0;
  int64_t queue_offset = 0;
  std::optional<std::string_view> transaction_id;  // the message's UNIQ_KEY, when it has one
  std::string_view region;
  bool trace_on = false;
};

// Gives `response` these extFields: as JSON text for a JSON command, through the map for any
// other serialize type. REQUIRES: `response` has no extFields yet.
void SetSendResponseExtFields(const SendResponseFields& fields, RemotingCommand* response);

}  // namespace rmq::remoting

// The broker's direct route from a send request's JSON header bytes to the typed send header:
// one pass decodes the top-level fields into the command and the send fields of extFields
// straight into SendMessageRequestHeader (escapes decoded into the header's own strings), with
// no extFields map of strings in between. It accepts a strict subset of what DecodeJsonHeader
// accepts (one flat object, ASCII text with the short escapes or \u00XX below 0x80, canonical
// integers, extFields an object of scalars) and gives exactly its results; anything else is
// left to DecodeJsonHeader. No Asio here (the fuzz target builds it).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/status.h"
#include "remoting/remoting_command.h"
#include "remoting/send_message_headers.h"

namespace rmq::remoting {

// Decodes the JSON header of a send request whose code is `code` (SEND_MESSAGE reads V1 keys,
// SEND_MESSAGE_V2 and SEND_BATCH_MESSAGE one-letter keys): the top-level fields into `*command`
// (a default-constructed command) as DecodeJsonHeader would, with extFields marked present but
// left empty, and the send header into `*send_header` as TakeSendMessageRequestHeader would
// read it from the decoded command (the same values, or the same error). Returns false when
// the bytes hold anything this decoder leaves to DecodeJsonHeader, or a code other than `code`;
// both outputs are then to be discarded.
bool DecodeJsonSendRequest(std::string_view header, int32_t code, RemotingCommand* command,
                           std::optional<Result<SendMessageRequestHeader>>* send_header);

}  // namespace rmq::remoting

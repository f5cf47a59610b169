// The send path's header decoder: SEND_MESSAGE (V1 keys), SEND_MESSAGE_V2 and
// SEND_BATCH_MESSAGE (one-letter keys) read in one pass over the request's extFields, with the
// strings moved out instead of copied. Equivalent to ParseSendMessageRequestHeader (same values,
// same errors) but without a lookup per field; the broker decodes every send with it.
#pragma once

#include "common/status.h"
#include "remoting/remoting_command.h"
#include "remoting/send_message_headers.h"

namespace rmq::remoting {

// Decodes the send header of `request` as ParseSendMessageRequestHeader does. The string
// values it returns are moved out of the request's extFields, which are left holding empty
// strings for those keys: call it once, when nothing reads the request's extFields afterwards.
Result<SendMessageRequestHeader> TakeSendMessageRequestHeader(RemotingCommand& request);

}  // namespace rmq::remoting

// The fast path of the JSON header decoder: a hand-written scanner for the headers real peers
// send (one flat object, ASCII strings with simple escapes, integers, an extFields object of
// scalars). It gives up on anything else — nesting, floats, non-ASCII text, errors of any kind —
// and DecodeJsonHeader then runs the full parser, so both paths accept and reject exactly the
// same inputs with the same results. Internal to remoting.
#pragma once

#include <string_view>

#include "remoting/remoting_command.h"

namespace rmq::remoting {

// True when `header` was decoded into `*command` (a default-constructed command); false means
// "not handled here", and `*command` must be discarded.
bool FastDecodeJsonHeader(std::string_view header, RemotingCommand* command);

}  // namespace rmq::remoting

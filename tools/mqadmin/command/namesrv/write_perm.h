// What addWritePerm and wipeWritePerm share: asking every name server to change a broker name's
// write permission and reporting each answer, failing after all were tried if any failed.
#pragma once

#include "command/sub_command.h"

namespace rmq::mqadmin {

enum class WritePermChange { kAdd, kWipe };

// Runs the change named by `change` for -b brokerName on every name server of the context.
void ChangeWritePermOnEveryNamesrv(WritePermChange change, const CommandArgs& args, CommandContext& context);

}  // namespace rmq::mqadmin

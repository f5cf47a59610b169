// Resolving the -b / -c target of the group commands to broker addresses (masters of a cluster).
#pragma once

#include <string>
#include <vector>

#include "command/sub_command.h"

namespace rmq::mqadmin {

// -b: that address; -c: every master of the cluster. Throws CommandError when neither is given
// (upstream prints the usage and exits 0) or the cluster has no master.
std::vector<std::string> GroupTargets(const CommandArgs& args, CommandContext& context);

}  // namespace rmq::mqadmin

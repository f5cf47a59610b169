// addWritePerm: add the write permission of a broker name on every name server
// (ADD_WRITE_PERM_OF_BROKER); prints how many topic routes changed per name server. A failing name server
// is reported and makes the command fail, after the others were tried.
#include "command/namesrv/write_perm.h"
#include "command/registry.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs& args, CommandContext& context) {
  ChangeWritePermOnEveryNamesrv(WritePermChange::kAdd, args, context);
}

}  // namespace

SubCommand AddWritePermCommand() {
  return {"addWritePerm", "Add write perm of broker in all name server you defined in the -n param", {{'b', "brokerName", true, true, "broker name"}}, &Run};
}

}  // namespace rmq::mqadmin

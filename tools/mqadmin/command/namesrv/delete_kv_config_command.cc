// deleteKvConfig: delete a name-server KV entry on every name server (DELETE_KV_CONFIG).
#include "command/registry.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs& args, CommandContext& context) {
  context.admin().deleteKVConfig(args.Get("namespace"), args.Get("key"));
  context.Line("delete kv config from namespace success.");
  context.doc()["namespace"] = args.Get("namespace");
  context.doc()["key"] = args.Get("key");
}

}  // namespace

SubCommand DeleteKvConfigCommand() {
  return {"deleteKvConfig",
          "Delete KV config.",
          {{'s', "namespace", true, true, "set the namespace"}, {'k', "key", true, true, "set the key name"}},
          &Run};
}

}  // namespace rmq::mqadmin

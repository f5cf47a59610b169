// updateKvConfig: set a name-server KV entry on every name server (PUT_KV_CONFIG).
#include "command/registry.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs& args, CommandContext& context) {
  context.admin().putKVConfig(args.Get("namespace"), args.Get("key"), args.Get("value"));
  context.Line("create or update kv config to namespace success.");
  context.doc()["namespace"] = args.Get("namespace");
  context.doc()["key"] = args.Get("key");
  context.doc()["value"] = args.Get("value");
}

}  // namespace

SubCommand UpdateKvConfigCommand() {
  return {"updateKvConfig",
          "Create or update KV config.",
          {{'s', "namespace", true, true, "set the namespace"},
           {'k', "key", true, true, "set the key name"},
           {'v', "value", true, true, "set the key value"}},
          &Run};
}

}  // namespace rmq::mqadmin

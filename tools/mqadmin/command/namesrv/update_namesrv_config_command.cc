// updateNamesrvConfig: change one name-server key at run time on every name server
// (UPDATE_NAMESRV_CONFIG); the name server persists it to its config file.
#include "command/registry.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs& args, CommandContext& context) {
  std::string key = args.Get("key");
  std::string value = args.Get("value");
  auto& admin = context.admin();
  admin.updateNameServerConfig({{key, value}});
  std::string servers;
  for (const auto& addr : admin.getNameServerAddressList()) servers += (servers.empty() ? "" : ", ") + addr;
  context.Line("update name server config success![" + servers + "]");
  context.Line(key + " : " + value);
  context.doc()["servers"] = admin.getNameServerAddressList();
  context.doc()["key"] = key;
  context.doc()["value"] = value;
}

}  // namespace

SubCommand UpdateNamesrvConfigCommand() {
  return {"updateNamesrvConfig",
          "Update configs of name server.",
          {{'k', "key", true, true, "config key"}, {'v', "value", true, true, "config value"}},
          &Run};
}

}  // namespace rmq::mqadmin

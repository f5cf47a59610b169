// getNamesrvConfig: every name server's running config (GET_NAMESRV_CONFIG), as
// GetNamesrvConfigCommand: "============<addr>============" then "%-50s=  %s" lines.
#include "command/registry.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs&, CommandContext& context) {
  auto configs = context.admin().getNameServerConfig();
  for (const auto& [addr, properties] : configs) {
    context.Line("============" + addr + "============");
    for (const auto& [key, value] : properties) {
      context.Line(Fmt("%-50s=  %s", key.c_str(), value.c_str()));
      context.doc()[addr][key] = value;
    }
  }
}

}  // namespace

SubCommand GetNamesrvConfigCommand() {
  return {"getNamesrvConfig", "Get configs of name server.", {}, &Run};
}

}  // namespace rmq::mqadmin

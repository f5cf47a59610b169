// addWritePerm: add the write permission of a broker name on every name server
// (ADD_WRITE_PERM_OF_BROKER); prints how many topic routes changed per name server. A failing name server
// is reported and makes the command fail, after the others were tried.
#include "command/registry.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs& args, CommandContext& context) {
  std::string broker = args.Get("brokerName");
  auto& admin = context.admin();
  int failures = 0;
  std::string first_error;
  for (const auto& namesrv : admin.getNameServerAddressList()) {
    nlohmann::json entry = {{"namesrvAddr", namesrv}};
    try {
      int changed = admin.addWritePermOfBroker(namesrv, broker);
      context.Line(Fmt("add write perm of broker[%s] in name server[%s] OK, %d", broker.c_str(), namesrv.c_str(),
                       changed));
      entry["ok"] = true;
      entry["changedTopics"] = changed;
    } catch (const rocketmq::MQException& e) {
      context.Line(Fmt("add write perm of broker[%s] in name server[%s] Failed", broker.c_str(), namesrv.c_str()));
      entry["ok"] = false;
      entry["error"] = e.message();
      if (failures++ == 0) first_error = namesrv + ": " + e.message();
    }
    context.doc()["results"].push_back(entry);
  }
  if (failures > 0) {
    context.Finish();
    throw CommandError(std::to_string(failures) + " name server(s) failed (" + first_error +
                       "); check that they are running and run the command again");
  }
}

}  // namespace

SubCommand AddWritePermCommand() {
  return {"addWritePerm", "Add write perm of broker in all name server you defined in the -n param", {{'b', "brokerName", true, true, "broker name"}}, &Run};
}

}  // namespace rmq::mqadmin

#include "command/namesrv/write_perm.h"

#include "command/registry.h"

namespace rmq::mqadmin {

void ChangeWritePermOnEveryNamesrv(WritePermChange change, const CommandArgs& args, CommandContext& context) {
  const bool add = change == WritePermChange::kAdd;
  const char* verb = add ? "add" : "wipe";  // the Java tool's wording of each command
  std::string broker = args.Get("brokerName");
  auto& admin = context.admin();
  int failures = 0;
  std::string first_error;
  for (const auto& namesrv : admin.getNameServerAddressList()) {
    nlohmann::json entry = {{"namesrvAddr", namesrv}};
    try {
      int changed = add ? admin.addWritePermOfBroker(namesrv, broker) : admin.wipeWritePermOfBroker(namesrv, broker);
      context.Line(Fmt("%s write perm of broker[%s] in name server[%s] OK, %d", verb, broker.c_str(), namesrv.c_str(),
                       changed));
      entry["ok"] = true;
      entry["changedTopics"] = changed;
    } catch (const rocketmq::MQException& e) {
      context.Line(Fmt("%s write perm of broker[%s] in name server[%s] Failed", verb, broker.c_str(), namesrv.c_str()));
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

}  // namespace rmq::mqadmin

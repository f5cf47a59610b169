// clusterRT: send -a messages of -s bytes to the topic named after each broker, round after round
// every -i seconds, and print the average RT per broker (messages 2..n), as
// CLusterSendMsgRTCommand. Runs until killed; with -i 0 a single round.
#include <chrono>
#include <thread>

#include "command/registry.h"
#include "rocketmq/DefaultMQProducer.h"

namespace rmq::mqadmin {
namespace {

void Run(const CommandArgs& args, CommandContext& context) {
  int64_t amount = args.GetInt("amount", 100);
  int64_t size = args.GetInt("size", 128);
  int64_t interval = args.GetInt("interval", 10);
  bool print_log = args.GetBool("printAsTlog", false);
  std::string room = args.Get("machineRoom", "noname");
  if (amount < 2) throw CommandError("-a/--amount must be at least 2 (the first send is not timed)");
  auto info = context.admin().examineBrokerClusterInfo();
  std::string only = args.Get("cluster");

  rocketmq::DefaultMQProducer producer("PID_SMSC_RT_" + std::to_string(NowMillis()));
  producer.setNamesrvAddr(context.namesrv_addr());
  producer.setInstanceName("mqadmin_rt_" + std::to_string(NowMillis()));
  producer.start();
  std::string body(static_cast<size_t>(size), 'a');
  for (;;) {
    if (!print_log) {
      context.Line(Fmt("%-24s  %-24s  %-4s  %-8s  %-8s", "#Cluster Name", "#Broker Name", "#RT", "#successCount",
                       "#failCount"));
    }
    for (const auto& [cluster, names] : info.clusterAddrTable) {
      if (!only.empty() && cluster != only) continue;
      for (const auto& name : names) {
        int64_t success = 0;
        int64_t failed = 0;
        double total_ms = 0;
        for (int64_t i = 0; i < amount; ++i) {
          rocketmq::MQMessage message(name, body);
          auto begin = std::chrono::steady_clock::now();
          try {
            producer.send(message);
            ++success;
          } catch (const rocketmq::MQException&) {
            ++failed;
          }
          double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count();
          if (i > 0) total_ms += ms;
        }
        double rt = total_ms / static_cast<double>(amount - 1);
        if (print_log) {
          context.Line(Fmt("%s|%s|%s|%s|%lld", HumanSeconds(NowMillis()).c_str(), room.c_str(), cluster.c_str(),
                           name.c_str(), static_cast<long long>(rt + 0.5)));
        } else {
          context.Line(Fmt("%-24s  %-24s  %-8s  %-16lld  %-16lld", cluster.c_str(), name.c_str(),
                           Fmt("%.2f", rt).c_str(), static_cast<long long>(success),
                           static_cast<long long>(failed)));
        }
        context.doc()["rounds"].push_back({{"cluster", cluster},
                                           {"brokerName", name},
                                           {"rtMs", rt},
                                           {"successCount", success},
                                           {"failCount", failed}});
      }
    }
    if (interval <= 0) break;
    context.Finish();
    std::this_thread::sleep_for(std::chrono::seconds(interval));
  }
  producer.shutdown();
}

}  // namespace

SubCommand ClusterRtCommand() {
  return {"clusterRT",
          "List All clusters Message Send RT.",
          {{'a', "amount", true, false, "message amount | default 100"},
           {'s', "size", true, false, "message size | default 128 Byte"},
           {'c', "cluster", true, false, "cluster name | default display all cluster"},
           {'p', "printAsTlog", true, false, "print as tlog | default false"},
           {'m', "machineRoom", true, false, "machine room name | default noname"},
           {'i', "interval", true, false, "print interval | default 10 seconds; 0 = one round"}},
          &Run};
}

}  // namespace rmq::mqadmin

// clusterList: every broker of every cluster with its load (GET_BROKER_CLUSTER_INFO, then
// GET_BROKER_RUNTIME_INFO per address), in the 5.x layout of ClusterListSubCommand; -m prints
// the traffic totals instead, -i repeats every N seconds.
#include <chrono>
#include <cstdlib>
#include <thread>

#include "command/registry.h"

namespace rmq::mqadmin {
namespace {

std::string Get(const std::map<std::string, std::string>& kv, const std::string& key, const std::string& fallback) {
  auto it = kv.find(key);
  return it == kv.end() || it->second.empty() ? fallback : it->second;
}

double FirstNumber(const std::string& text) { return std::atof(text.c_str()); }

int64_t Int(const std::map<std::string, std::string>& kv, const std::string& key) {
  return std::atoll(Get(kv, key, "0").c_str());
}

void PrintOnce(const CommandArgs& args, CommandContext& context) {
  auto& admin = context.admin();
  auto info = admin.examineBrokerClusterInfo();
  bool more = args.Has("moreStats");
  std::string only = args.Get("clusterName");
  if (!only.empty() && info.clusterAddrTable.count(only) == 0) {
    throw CommandError("no cluster named '" + only + "' is registered in the name server");
  }
  if (more) {
    context.Line(Fmt("%-16s  %-32s %14s %14s %14s %14s", "#Cluster Name", "#Broker Name", "#InTotalYest",
                     "#OutTotalYest", "#InTotalToday", "#OutTotalToday"));
  } else {
    context.Line(Fmt("%-22s  %-22s  %-4s  %-22s %-16s  %16s  %30s  %-22s  %-11s  %-12s  %-8s  %-10s", "#Cluster Name",
                     "#Broker Name", "#BID", "#Addr", "#Version", "#InTPS(LOAD)", "#OutTPS(LOAD)",
                     "#Timer(Progress)", "#PCWait(ms)", "#Hour", "#SPACE", "#ACTIVATED"));
  }
  nlohmann::json rows = nlohmann::json::array();
  int unreachable = 0;
  for (const auto& [cluster, names] : info.clusterAddrTable) {
    if (!only.empty() && cluster != only) continue;
    for (const auto& name : names) {
      auto data = info.brokerAddrTable.find(name);
      if (data == info.brokerAddrTable.end()) continue;
      for (const auto& [id, addr] : data->second.brokerAddrs) {
        std::map<std::string, std::string> kv;
        try {
          kv = admin.fetchBrokerRuntimeStats(addr);
        } catch (const rocketmq::MQException& e) {
          ++unreachable;
          std::fprintf(stderr, "mqadmin clusterList: broker %s (%s) did not answer: %s\n", name.c_str(), addr.c_str(),
                       e.message().c_str());
        }
        nlohmann::json row = {{"cluster", cluster}, {"brokerName", name}, {"brokerId", id}, {"addr", addr}};
        for (const auto& [k, v] : kv) row["runtime"][k] = v;
        rows.push_back(row);
        if (more) {
          int64_t in_yest = Int(kv, "msgPutTotalTodayMorning") - Int(kv, "msgPutTotalYesterdayMorning");
          int64_t out_yest = Int(kv, "msgGetTotalTodayMorning") - Int(kv, "msgGetTotalYesterdayMorning");
          int64_t in_today = Int(kv, "msgPutTotalTodayNow") - Int(kv, "msgPutTotalTodayMorning");
          int64_t out_today = Int(kv, "msgGetTotalTodayNow") - Int(kv, "msgGetTotalTodayMorning");
          context.Line(Fmt("%-16s  %-32s %14lld %14lld %14lld %14lld", cluster.c_str(), name.c_str(),
                           static_cast<long long>(in_yest), static_cast<long long>(out_yest),
                           static_cast<long long>(in_today), static_cast<long long>(out_today)));
          continue;
        }
        std::string in_tps = Fmt("%9.2f(%s,%sms)", FirstNumber(Get(kv, "putTps", "0")),
                                 Get(kv, "sendThreadPoolQueueSize", "0").c_str(),
                                 Get(kv, "sendThreadPoolQueueHeadWaitTimeMills", "0").c_str());
        std::string out_tps = Fmt("%9.2f(%s,%sms|%s,%sms)", FirstNumber(Get(kv, "getTransferredTps", "0")),
                                  Get(kv, "pullThreadPoolQueueSize", "0").c_str(),
                                  Get(kv, "pullThreadPoolQueueHeadWaitTimeMills", "0").c_str(),
                                  Get(kv, "ackThreadPoolQueueSize", "N").c_str(),
                                  Get(kv, "ackThreadPoolQueueHeadWaitTimeMills", "N").c_str());
        std::string timer = Fmt("%lld-%lld(%.1fw, %.1f, %.1f)", static_cast<long long>(Int(kv, "timerReadBehind")),
                                static_cast<long long>(Int(kv, "timerOffsetBehind")),
                                static_cast<double>(Int(kv, "timerCongestNum")) / 10000.0,
                                FirstNumber(Get(kv, "timerEnqueueTps", "0")),
                                FirstNumber(Get(kv, "timerDequeueTps", "0")));
        int64_t earliest = Int(kv, "earliestMessageTimeStamp");
        double hours = earliest > 0 ? static_cast<double>(NowMillis() - earliest) / 3600000.0 : 0.0;
        std::string version = kv.empty() ? "" : Get(kv, "brokerVersionDesc", "");
        context.Line(Fmt("%-22s  %-22s  %-4s  %-22s %-16s  %16s  %30s  %-22s  %11s  %-12s  %-8s  %10s",
                         cluster.c_str(), name.c_str(), std::to_string(id).c_str(), addr.c_str(), version.c_str(),
                         in_tps.c_str(), out_tps.c_str(), timer.c_str(),
                         Get(kv, "pageCacheLockTimeMills", "0").c_str(), Fmt("%2.2f", hours).c_str(),
                         Fmt("%.4f", FirstNumber(Get(kv, "commitLogDiskRatio", "0"))).c_str(),
                         Get(kv, "brokerActive", "false").c_str()));
      }
    }
  }
  context.doc()["brokers"] = rows;
  if (unreachable > 0) {
    context.Finish();
    throw CommandError(std::to_string(unreachable) +
                       " broker(s) did not answer (rows printed with empty values); check that they are running");
  }
}

void Run(const CommandArgs& args, CommandContext& context) {
  int64_t interval = args.GetInt("interval", 0);
  if (interval <= 0) {
    PrintOnce(args, context);
    return;
  }
  for (;;) {
    PrintOnce(args, context);
    context.Finish();
    std::this_thread::sleep_for(std::chrono::seconds(interval));
  }
}

}  // namespace

SubCommand ClusterListCommand() {
  return {"clusterList",
          "List cluster infos.",
          {{'m', "moreStats", false, false, "Print more stats"},
           {'i', "interval", true, false, "specify intervals numbers, it is in seconds"},
           {'c', "clusterName", true, false, "which cluster"}},
          &Run};
}

}  // namespace rmq::mqadmin

#include "broker/broker_config_processor.h"

#include <sys/statvfs.h>

#include <chrono>
#include <cstdio>

#include "broker/broker_util.h"
#include "common/kv_table.h"
#include "common/logging.h"
#include "common/mq_version.h"
#include "common/properties_file.h"
#include "remoting/admin_headers.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"

namespace rmq::broker {
namespace {

using remoting::RemotingCommand;
using remoting::RequestCode;
using remoting::ResponseCode;

int64_t WallNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Tps(double tps) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.2f %.2f %.2f", tps, tps, tps);
  return buf;
}

double DiskRatio(const std::string& path) {
  struct statvfs vfs {};
  if (statvfs(path.c_str(), &vfs) != 0 || vfs.f_blocks == 0) return 0;
  return 1.0 - static_cast<double>(vfs.f_bavail) / static_cast<double>(vfs.f_blocks);
}

}  // namespace

BrokerConfigProcessor::BrokerConfigProcessor(RuntimeBrokerConfig& runtime, const store::MessageStore& store,
                                             const BrokerStats& stats)
    : runtime_(runtime), store_(store), stats_(stats), boot_timestamp_ms_(WallNowMs()) {}

asio::awaitable<std::optional<RemotingCommand>> BrokerConfigProcessor::Process(remoting::RequestContext& context,
                                                                              RemotingCommand request) {
  switch (request.code()) {
    case RequestCode::kGetBrokerConfig: {
      RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
      response.set_body(FormatBrokerConfig(runtime_.Snapshot()));
      remoting::EncodeCustomHeader(remoting::GetBrokerConfigResponseHeader{runtime_.data_version().Encode()},
                                   &response);
      co_return response;
    }
    case RequestCode::kUpdateBrokerConfig: {
      auto changes = PropertiesFile::Parse(request.body(), "UPDATE_BROKER_CONFIG body");
      if (!changes.ok()) co_return ErrorResponse(request, ResponseCode::kSystemError, changes.status().message());
      Status s = runtime_.Update(*changes);
      if (!s.ok()) {
        GetLogger("broker")->warn("updateBrokerConfig from {} refused: {}", context.remote_address, s.message());
        int32_t code = s.code() == StatusCode::kPermissionDenied ? ResponseCode::kNoPermission
                                                                  : ResponseCode::kSystemError;
        co_return ErrorResponse(request, code, s.message());
      }
      GetLogger("broker")->info("updateBrokerConfig from {}: {}", context.remote_address, request.body());
      co_return RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
    }
    default:
      co_return GetRuntimeInfo(request);
  }
}

RemotingCommand BrokerConfigProcessor::GetRuntimeInfo(const RemotingCommand& request) {
  KVTable table;
  auto& t = table.table;
  t["brokerVersionDesc"] = "V5_3_3";
  t["brokerVersion"] = std::to_string(MQVersion::kCurrent);
  t["brokerActive"] = "true";
  t["putTps"] = Tps(stats_.put_tps());
  t["getTransferredTps"] = Tps(stats_.get_tps());
  t["getFoundTps"] = Tps(stats_.get_tps());
  t["sendThreadPoolQueueSize"] = "0";
  t["pullThreadPoolQueueSize"] = "0";
  t["ackThreadPoolQueueSize"] = "0";
  t["queryThreadPoolQueueSize"] = "0";
  t["sendThreadPoolQueueHeadWaitTimeMills"] = "0";
  t["pullThreadPoolQueueHeadWaitTimeMills"] = "0";
  t["ackThreadPoolQueueHeadWaitTimeMills"] = "0";
  t["pageCacheLockTimeMills"] = "0";
  t["earliestMessageTimeStamp"] = std::to_string(std::max<int64_t>(store_.GetEarliestMessageTime(), 0));
  t["commitLogDiskRatio"] = std::to_string(DiskRatio(store_.config().CommitLogDir()));
  t["commitLogMinOffset"] = std::to_string(store_.GetMinPhyOffset());
  t["commitLogMaxOffset"] = std::to_string(store_.GetMaxPhyOffset());
  t["dispatchBehindBytes"] = std::to_string(store_.DispatchBehindBytes());
  t["msgPutTotalYesterdayMorning"] = "0";
  t["msgPutTotalTodayMorning"] = "0";
  t["msgPutTotalTodayNow"] = std::to_string(stats_.put_nums());
  t["msgGetTotalYesterdayMorning"] = "0";
  t["msgGetTotalTodayMorning"] = "0";
  t["msgGetTotalTodayNow"] = std::to_string(stats_.get_nums());
  t["bootTimestamp"] = std::to_string(boot_timestamp_ms_);
  int64_t up = (WallNowMs() - boot_timestamp_ms_) / 1000;
  t["runtime"] = "[ " + std::to_string(up / 86400) + " days, " + std::to_string(up / 3600 % 24) + " hours, " +
                 std::to_string(up / 60 % 60) + " minutes, " + std::to_string(up % 60) + " seconds ]";
  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  response.set_body(table.Encode());
  return response;
}

}  // namespace rmq::broker

// mqnamesrv as a process, driven over the wire: a fake broker registers and expires, the KV
// store survives a restart, bad input is answered without harm, several name servers share
// nothing. Every wait is bounded and every process is stopped by its fixture.
#include <thread>

#include <gtest/gtest.h>

#include "common/cluster_info.h"
#include "common/mq_version.h"
#include "common/register_broker_body.h"
#include "common/route_data.h"
#include "remoting/io_thread_pool.h"
#include "remoting/remoting_client.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"
#include "support/namesrv_process.h"
#include "support/temp_dir.h"

#ifdef MQNAMESRV_PATH

namespace rmq {
namespace {

using remoting::RemotingCommand;
using remoting::RequestCode;
using remoting::ResponseCode;
using testing::NamesrvProcess;
using testing::TempDir;

constexpr std::chrono::seconds kRequestTimeout{5};

class NamesrvProcessTest : public ::testing::Test {
 protected:
  NamesrvProcessTest() : dir_("namesrv_it"), io_(1, "test-io"), client_(io_.context(), remoting::RemotingClientConfig{}) {
    io_.Start();
  }
  ~NamesrvProcessTest() override {
    client_.Shutdown();
    io_.Stop();
    io_.Join();
  }

  std::unique_ptr<NamesrvProcess> StartNamesrv(const std::string& extra_config = "",
                                               const std::string& name = "namesrv") {
    auto namesrv = NamesrvProcess::Start(MQNAMESRV_PATH, dir_, extra_config, name);
    EXPECT_TRUE(namesrv.ok()) << namesrv.status().ToString();
    return namesrv.ok() ? std::move(namesrv).value() : nullptr;
  }

  RemotingCommand Invoke(const NamesrvProcess& namesrv, RemotingCommand request) {
    auto response = client_.InvokeSync(namesrv.address(), std::move(request), kRequestTimeout);
    EXPECT_TRUE(response.ok()) << response.status().ToString();
    if (!response.ok()) return RemotingCommand::CreateResponse(RemotingCommand(), -1, response.status().ToString());
    return std::move(response).value();
  }

  static RemotingCommand RegisterRequest(const std::string& broker_name, const std::string& addr,
                                         const std::vector<std::string>& topics, int64_t counter = 1) {
    RegisterBrokerBody body;
    body.topic_config_serialize_wrapper.data_version = DataVersion{1700000000000, counter, 0};
    for (const auto& name : topics) {
      TopicConfig topic;
      topic.topic_name = name;
      topic.read_queue_nums = 4;
      topic.write_queue_nums = 4;
      body.topic_config_serialize_wrapper.topic_config_table[name] = topic;
    }
    RemotingCommand request = RemotingCommand::CreateRequest(RequestCode::kRegisterBroker);
    request.SetExtField("brokerName", broker_name);
    request.SetExtField("brokerAddr", addr);
    request.SetExtField("clusterName", "DefaultCluster");
    request.SetExtField("haServerAddr", addr + "1");
    request.SetExtField("brokerId", "0");
    request.SetExtField("compressed", "false");
    request.SetExtField("bodyCrc32", "0");
    request.set_body(body.EncodeJson());
    return request;
  }

  static RemotingCommand RouteRequest(const std::string& topic) {
    RemotingCommand request = RemotingCommand::CreateRequest(RequestCode::kGetRouteinfoByTopic);
    request.SetExtField("topic", topic);
    return request;
  }

  Result<ClusterInfo> GetClusterInfo(const NamesrvProcess& namesrv) {
    RemotingCommand response = Invoke(namesrv, RemotingCommand::CreateRequest(RequestCode::kGetBrokerClusterInfo));
    if (response.code() != ResponseCode::kSuccess) return Internal("cluster info: code " + std::to_string(response.code()));
    return ClusterInfo::Decode(response.body());
  }

  static RemotingCommand KvRequest(int32_t code, const std::string& key, const std::string& value = "") {
    RemotingCommand request = RemotingCommand::CreateRequest(code);
    request.SetExtField("namespace", "ORDER_TOPIC_CONFIG");
    request.SetExtField("key", key);
    if (!value.empty()) request.SetExtField("value", value);
    return request;
  }

  TempDir dir_;
  remoting::IoThreadPool io_;
  remoting::RemotingClient client_;
};

TEST_F(NamesrvProcessTest, BootsOnFreePortAndStopsCleanlyOnSigterm) {
  auto namesrv = StartNamesrv();
  ASSERT_NE(namesrv, nullptr);
  EXPECT_NE(namesrv->port(), 0);
  auto code = namesrv->Stop();
  ASSERT_TRUE(code.ok()) << code.status().ToString();
  EXPECT_EQ(*code, 0) << namesrv->process().Output();
  EXPECT_NE(namesrv->process().Output().find("Shutdown hook over"), std::string::npos);
}

TEST_F(NamesrvProcessTest, FakeBrokerAppearsInRoutesAndExpiresWhenHeartbeatsStop) {
  auto namesrv = StartNamesrv("scanNotActiveBrokerInterval=200\nbrokerChannelExpiredTime=1500");
  ASSERT_NE(namesrv, nullptr);
  RemotingCommand registered = Invoke(*namesrv, RegisterRequest("broker-a", "127.0.0.1:10911", {"TopicTest", "TBW102"}));
  ASSERT_EQ(registered.code(), ResponseCode::kSuccess) << registered.remark().value_or("");

  RemotingCommand route = Invoke(*namesrv, RouteRequest("TopicTest"));
  ASSERT_EQ(route.code(), ResponseCode::kSuccess) << route.remark().value_or("");
  EXPECT_EQ(route.body(),
            R"({"brokerDatas":[{"brokerAddrs":{"0":"127.0.0.1:10911"},"brokerName":"broker-a","cluster":"DefaultCluster","enableActingMaster":false}],"filterServerTable":{},"queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4}]})");
  RemotingCommand legacy_request = RouteRequest("TopicTest");
  legacy_request.set_version(MQVersion::kV4_6_0);
  EXPECT_NE(Invoke(*namesrv, legacy_request).body().find(R"({0:"127.0.0.1:10911"})"), std::string::npos);

  auto info = GetClusterInfo(*namesrv);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->cluster_addr_table["DefaultCluster"], (std::set<std::string>{"broker-a"}));
  EXPECT_EQ(info->broker_addr_table["broker-a"].broker_addrs.at(0), "127.0.0.1:10911");

  // Heartbeats stop: within the expiry plus a few scans the broker and its routes are gone.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  int32_t code = ResponseCode::kSuccess;
  while (std::chrono::steady_clock::now() < deadline) {
    code = Invoke(*namesrv, RouteRequest("TopicTest")).code();
    if (code == ResponseCode::kTopicNotExist) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_EQ(code, ResponseCode::kTopicNotExist) << namesrv->process().Output();
  RemotingCommand gone = Invoke(*namesrv, RouteRequest("TopicTest"));
  EXPECT_EQ(gone.remark().value_or("").rfind("No topic route info in name server for the topic: TopicTest", 0), 0u);
  info = GetClusterInfo(*namesrv);
  ASSERT_TRUE(info.ok());
  EXPECT_TRUE(info->broker_addr_table.empty());
  EXPECT_TRUE(info->cluster_addr_table.empty());
  EXPECT_NE(namesrv->process().Output().find("The broker channel expired"), std::string::npos);
}

TEST_F(NamesrvProcessTest, KvConfigSurvivesRestart) {
  auto namesrv = StartNamesrv();
  ASSERT_NE(namesrv, nullptr);
  ASSERT_EQ(Invoke(*namesrv, KvRequest(RequestCode::kPutKvConfig, "TopicTest", "broker-a:4")).code(),
            ResponseCode::kSuccess)
      << namesrv->process().Output();
  ASSERT_EQ(Invoke(*namesrv, KvRequest(RequestCode::kPutKvConfig, "Gone", "broker-a:1")).code(),
            ResponseCode::kSuccess);
  ASSERT_EQ(Invoke(*namesrv, KvRequest(RequestCode::kDeleteKvConfig, "Gone")).code(), ResponseCode::kSuccess);
  ASSERT_TRUE(namesrv->Stop().ok());

  auto restarted = StartNamesrv();
  ASSERT_NE(restarted, nullptr);
  RemotingCommand value = Invoke(*restarted, KvRequest(RequestCode::kGetKvConfig, "TopicTest"));
  ASSERT_EQ(value.code(), ResponseCode::kSuccess) << value.remark().value_or("");
  ASSERT_NE(value.ExtField("value"), nullptr);
  EXPECT_EQ(*value.ExtField("value"), "broker-a:4");
  RemotingCommand gone = Invoke(*restarted, KvRequest(RequestCode::kGetKvConfig, "Gone"));
  EXPECT_EQ(gone.code(), ResponseCode::kQueryNotFound);
  RemotingCommand list = RemotingCommand::CreateRequest(RequestCode::kGetKvlistByNamespace);
  list.SetExtField("namespace", "ORDER_TOPIC_CONFIG");
  EXPECT_EQ(Invoke(*restarted, list).body(), R"({"table":{"TopicTest":"broker-a:4"}})");
}

TEST_F(NamesrvProcessTest, MalformedRegistrationGetsAnErrorAndLeavesTheTableUnchanged) {
  auto namesrv = StartNamesrv();
  ASSERT_NE(namesrv, nullptr);
  ASSERT_EQ(Invoke(*namesrv, RegisterRequest("broker-a", "127.0.0.1:10911", {"TopicTest", "TBW102"})).code(),
            ResponseCode::kSuccess);
  auto before = GetClusterInfo(*namesrv);
  ASSERT_TRUE(before.ok());

  RemotingCommand bad = RegisterRequest("broker-b", "127.0.0.1:20911", {"A", "B"});
  bad.set_body("{\"topicConfigSerializeWrapper\":{\"topicConfigTable\":{\"A\":");
  RemotingCommand response = Invoke(*namesrv, bad);
  EXPECT_EQ(response.code(), ResponseCode::kSystemError);
  EXPECT_NE(response.remark().value_or("").find("RegisterBrokerBody"), std::string::npos);

  RemotingCommand bad_zlib = RegisterRequest("broker-b", "127.0.0.1:20911", {"A", "B"});
  bad_zlib.SetExtField("compressed", "true");
  EXPECT_EQ(Invoke(*namesrv, bad_zlib).code(), ResponseCode::kSystemError);

  RemotingCommand missing = RegisterRequest("broker-b", "127.0.0.1:20911", {"A", "B"});
  missing.mutable_ext_fields().Erase("brokerAddr");
  RemotingCommand missing_response = Invoke(*namesrv, missing);
  EXPECT_EQ(missing_response.code(), ResponseCode::kSystemError);
  EXPECT_NE(missing_response.remark().value_or("").find("brokerAddr"), std::string::npos);

  auto after = GetClusterInfo(*namesrv);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(*after, *before);
  EXPECT_EQ(Invoke(*namesrv, RouteRequest("A")).code(), ResponseCode::kTopicNotExist);
  EXPECT_EQ(Invoke(*namesrv, RouteRequest("TopicTest")).code(), ResponseCode::kSuccess);
}

TEST_F(NamesrvProcessTest, UnknownRequestCodeGetsRequestCodeNotSupported) {
  auto namesrv = StartNamesrv();
  ASSERT_NE(namesrv, nullptr);
  EXPECT_EQ(Invoke(*namesrv, RemotingCommand::CreateRequest(9999)).code(), ResponseCode::kRequestCodeNotSupported);
  // Broker-only codes are not served either.
  EXPECT_EQ(Invoke(*namesrv, RemotingCommand::CreateRequest(RequestCode::kSendMessageV2)).code(),
            ResponseCode::kRequestCodeNotSupported);
}

TEST_F(NamesrvProcessTest, NameServersSideBySideShareNothing) {
  auto first = StartNamesrv("", "ns1");
  auto second = StartNamesrv("", "ns2");
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_NE(first->port(), second->port());
  ASSERT_EQ(Invoke(*first, RegisterRequest("broker-a", "127.0.0.1:10911", {"OnFirst", "TBW102"})).code(),
            ResponseCode::kSuccess);
  ASSERT_EQ(Invoke(*second, RegisterRequest("broker-a", "127.0.0.1:10911", {"OnSecond", "TBW102"})).code(),
            ResponseCode::kSuccess);
  EXPECT_EQ(Invoke(*first, RouteRequest("OnSecond")).code(), ResponseCode::kTopicNotExist);
  EXPECT_EQ(Invoke(*second, RouteRequest("OnFirst")).code(), ResponseCode::kTopicNotExist);
  ASSERT_EQ(Invoke(*first, KvRequest(RequestCode::kPutKvConfig, "OnFirst", "broker-a:4")).code(),
            ResponseCode::kSuccess);
  EXPECT_EQ(Invoke(*second, KvRequest(RequestCode::kGetKvConfig, "OnFirst")).code(), ResponseCode::kQueryNotFound);
}

TEST_F(NamesrvProcessTest, UpdateConfigRefusesPathsOverTheWire) {
  auto namesrv = StartNamesrv();
  ASSERT_NE(namesrv, nullptr);
  RemotingCommand update = RemotingCommand::CreateRequest(RequestCode::kUpdateNamesrvConfig);
  update.set_body("kvConfigPath=" + dir_.Sub("evil.json") + "\n");
  RemotingCommand refused = Invoke(*namesrv, update);
  EXPECT_EQ(refused.code(), ResponseCode::kSystemError);
  EXPECT_NE(refused.remark().value_or("").find("cannot be changed at run time"), std::string::npos);
  RemotingCommand shown = Invoke(*namesrv, RemotingCommand::CreateRequest(RequestCode::kGetNamesrvConfig));
  EXPECT_NE(shown.body().find("kvConfigPath=" + dir_.Sub("namesrv") + "/kvConfig.json\n"), std::string::npos)
      << shown.body();
  update.set_body("enableAllTopicList=false\n");
  EXPECT_EQ(Invoke(*namesrv, update).code(), ResponseCode::kSuccess);
  RemotingCommand disabled =
      Invoke(*namesrv, RemotingCommand::CreateRequest(RequestCode::kGetAllTopicListFromNameserver));
  EXPECT_EQ(disabled.code(), ResponseCode::kSystemError);
  EXPECT_EQ(disabled.remark(), "disable");
}

TEST_F(NamesrvProcessTest, BadConfigValueStopsStartupNamingKeyAndLine) {
  dir_.WriteFile("bad.properties", "# comment\nlistenPort=0\norderMessageEnable=true \n");
  testing::ProcessOptions options;
  options.executable = MQNAMESRV_PATH;
  options.args = {"-c", dir_.Sub("bad.properties")};
  options.env = {{"HOME", dir_.path()}};
  options.output_path = dir_.Sub("bad.out");
  auto process = testing::Process::Start(options);
  ASSERT_TRUE(process.ok());
  auto code = (*process)->WaitForExit(std::chrono::seconds(10));
  ASSERT_TRUE(code.ok()) << code.status().ToString();
  EXPECT_EQ(*code, 1);
  std::string output = (*process)->Output();
  EXPECT_NE(output.find("bad.properties:3"), std::string::npos) << output;
  EXPECT_NE(output.find("orderMessageEnable"), std::string::npos) << output;
  EXPECT_NE(output.find("accepted values: true, false"), std::string::npos) << output;
}

TEST_F(NamesrvProcessTest, PrintConfigAndExit) {
  dir_.WriteFile("p.properties", "listenPort=19876\n");
  testing::ProcessOptions options;
  options.executable = MQNAMESRV_PATH;
  options.args = {"-c", dir_.Sub("p.properties"), "-p"};
  options.env = {{"HOME", dir_.path()}};
  options.output_path = dir_.Sub("p.out");
  auto process = testing::Process::Start(options);
  ASSERT_TRUE(process.ok());
  auto code = (*process)->WaitForExit(std::chrono::seconds(10));
  ASSERT_TRUE(code.ok()) << code.status().ToString();
  EXPECT_EQ(*code, 0);
  std::string output = (*process)->Output();
  EXPECT_NE(output.find("listenPort=19876\n"), std::string::npos) << output;
  EXPECT_NE(output.find("kvConfigPath=" + dir_.path() + "/namesrv/kvConfig.json\n"), std::string::npos) << output;
}

}  // namespace
}  // namespace rmq

#endif  // MQNAMESRV_PATH

// The name server's processors driven with RemotingCommands, no sockets: header and body
// validation, response codes and remarks, and the JSON style chosen per requester.
#include <unistd.h>
#include <zlib.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "common/cluster_info.h"
#include "common/mq_version.h"
#include "common/register_broker_body.h"
#include "namesrv/broker_request_processor.h"
#include "namesrv/client_request_processor.h"
#include "namesrv/namesrv_config_processor.h"
#include "namesrv/topic_admin_processor.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"

namespace rmq::namesrv {
namespace {

using remoting::RemotingCommand;
using remoting::RequestCode;
using remoting::ResponseCode;

class ProcessorsTest : public ::testing::Test {
 protected:
  ProcessorsTest()
      : dir_(MakeTempDir()),
        config_(Config(dir_)),
        kv_(dir_ + "/kvConfig.json"),
        broker_(routes_, kv_, config_),
        client_(routes_, kv_, config_),
        admin_(routes_, config_),
        config_processor_(config_) {}
  ~ProcessorsTest() override { std::filesystem::remove_all(dir_); }

  static std::string MakeTempDir() {
    char pattern[] = "/tmp/rmq_ns_processors_XXXXXX";
    return mkdtemp(pattern);
  }
  static NamesrvConfig Config(const std::string& dir) {
    NamesrvConfig config = NamesrvConfig::WithDefaults();
    config.kv_config_path = dir + "/kvConfig.json";
    return config;
  }

  static RemotingCommand RegisterRequest(const std::string& body, bool compressed, int32_t crc = 0) {
    RemotingCommand request = RemotingCommand::CreateRequest(RequestCode::kRegisterBroker);
    request.SetExtField("brokerName", "broker-a");
    request.SetExtField("brokerAddr", "127.0.0.1:10911");
    request.SetExtField("clusterName", "DefaultCluster");
    request.SetExtField("haServerAddr", "127.0.0.1:10912");
    request.SetExtField("brokerId", "0");
    request.SetExtField("compressed", compressed ? "true" : "false");
    request.SetExtField("bodyCrc32", std::to_string(crc));
    request.set_body(body);
    return request;
  }

  static RegisterBrokerBody TwoTopics() {
    RegisterBrokerBody body;
    body.topic_config_serialize_wrapper.data_version = DataVersion{1700000000000, 1, 0};
    for (const char* name : {"TopicTest", "TBW102"}) {
      TopicConfig topic;
      topic.topic_name = name;
      topic.read_queue_nums = 4;
      topic.write_queue_nums = 4;
      body.topic_config_serialize_wrapper.topic_config_table[name] = topic;
    }
    return body;
  }

  RemotingCommand Register(const RemotingCommand& request) { return broker_.Handle(remoting::RequestContext{}, request); }

  RemotingCommand Route(const std::string& topic, int32_t version) {
    RemotingCommand request = RemotingCommand::CreateRequest(RequestCode::kGetRouteinfoByTopic);
    request.set_version(version);
    request.SetExtField("topic", topic);
    return client_.Handle(request);
  }

  std::string dir_;
  RouteInfoManager routes_;
  RuntimeNamesrvConfig config_;
  KVConfigManager kv_;
  BrokerRequestProcessor broker_;
  ClientRequestProcessor client_;
  TopicAdminProcessor admin_;
  NamesrvConfigProcessor config_processor_;
};

TEST_F(ProcessorsTest, RegisterPlainBodyThenRouteInBothStyles) {
  RemotingCommand response = Register(RegisterRequest(TwoTopics().EncodeJson(), false));
  ASSERT_EQ(response.code(), ResponseCode::kSuccess) << response.remark().value_or("");
  EXPECT_TRUE(response.IsResponse());
  EXPECT_TRUE(response.has_ext_fields());

  RemotingCommand modern = Route("TopicTest", MQVersion::kCurrent);
  ASSERT_EQ(modern.code(), ResponseCode::kSuccess);
  EXPECT_FALSE(modern.has_ext_fields());
  EXPECT_FALSE(modern.remark().has_value());
  EXPECT_EQ(modern.body(),
            R"({"brokerDatas":[{"brokerAddrs":{"0":"127.0.0.1:10911"},"brokerName":"broker-a","cluster":"DefaultCluster","enableActingMaster":false}],"filterServerTable":{},"queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4}]})");
  RemotingCommand legacy = Route("TopicTest", MQVersion::kV4_6_0);
  EXPECT_NE(legacy.body().find(R"({0:"127.0.0.1:10911"})"), std::string::npos) << legacy.body();

  RemotingCommand forced = RemotingCommand::CreateRequest(RequestCode::kGetRouteinfoByTopic);
  forced.set_version(MQVersion::kV3_4_9);
  forced.SetExtField("topic", "TopicTest");
  forced.SetExtField("acceptStandardJsonOnly", "true");
  EXPECT_EQ(client_.Handle(forced).body(), modern.body());
}

TEST_F(ProcessorsTest, RegisterCompressedBodyWithCrc) {
  std::string body = TwoTopics().EncodeCompressed();
  uLong crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(body.data()), body.size());
  RemotingCommand response = Register(RegisterRequest(body, true, static_cast<int32_t>(crc & 0x7FFFFFFF)));
  ASSERT_EQ(response.code(), ResponseCode::kSuccess) << response.remark().value_or("");
  EXPECT_EQ(Route("TBW102", MQVersion::kCurrent).code(), ResponseCode::kSuccess);
}

TEST_F(ProcessorsTest, CrcMismatchIsRefused) {
  RemotingCommand response = Register(RegisterRequest(TwoTopics().EncodeJson(), false, 12345));
  EXPECT_EQ(response.code(), ResponseCode::kSystemError);
  EXPECT_EQ(response.remark(), "crc32 not match");
  EXPECT_TRUE(routes_.GetAllClusterInfo().broker_addr_table.empty());
}

TEST_F(ProcessorsTest, MalformedBodiesAndHeadersLeaveTheTableUnchanged) {
  ASSERT_EQ(Register(RegisterRequest(TwoTopics().EncodeJson(), false)).code(), ResponseCode::kSuccess);
  ClusterInfo before = routes_.GetAllClusterInfo();
  std::string before_route = Route("TopicTest", MQVersion::kCurrent).body();

  for (const std::string& body : {std::string("{\"topicConfigSerializeWrapper\":{\"topicConfigTable\":"),
                                  std::string("[1,2,3]"), std::string("\x00\x01\x02", 3)}) {
    RemotingCommand bad = RegisterRequest(body, false);
    bad.SetExtField("brokerName", "broker-evil");
    RemotingCommand response = Register(bad);
    EXPECT_EQ(response.code(), ResponseCode::kSystemError);
    EXPECT_NE(response.remark().value_or("").find("RegisterBrokerBody"), std::string::npos)
        << response.remark().value_or("");
  }
  RemotingCommand not_zlib = RegisterRequest("definitely not zlib", true);
  EXPECT_EQ(Register(not_zlib).code(), ResponseCode::kSystemError);

  RemotingCommand no_name = RegisterRequest(TwoTopics().EncodeJson(), false);
  no_name.mutable_ext_fields().Erase("brokerName");
  RemotingCommand response = Register(no_name);
  EXPECT_EQ(response.code(), ResponseCode::kSystemError);
  EXPECT_NE(response.remark().value_or("").find("brokerName"), std::string::npos);

  RemotingCommand bad_id = RegisterRequest(TwoTopics().EncodeJson(), false);
  bad_id.SetExtField("brokerId", "zero");
  EXPECT_EQ(Register(bad_id).code(), ResponseCode::kSystemError);

  EXPECT_EQ(routes_.GetAllClusterInfo(), before);
  EXPECT_EQ(Route("TopicTest", MQVersion::kCurrent).body(), before_route);
}

TEST_F(ProcessorsTest, UnknownTopicGetsTopicNotExistWithTheJavaRemark) {
  RemotingCommand response = Route("NoSuchTopic", MQVersion::kCurrent);
  EXPECT_EQ(response.code(), ResponseCode::kTopicNotExist);
  EXPECT_EQ(response.remark(),
            "No topic route info in name server for the topic: NoSuchTopic\n"
            "See https://rocketmq.apache.org/docs/bestPractice/06FAQ for further details.");
  EXPECT_TRUE(response.body().empty());

  RemotingCommand missing = RemotingCommand::CreateRequest(RequestCode::kGetRouteinfoByTopic);
  RemotingCommand error = client_.Handle(missing);
  EXPECT_EQ(error.code(), ResponseCode::kSystemError);
  EXPECT_NE(error.remark().value_or("").find("topic"), std::string::npos);
}

TEST_F(ProcessorsTest, OrderTopicConfAppearsWhenEnabled) {
  ASSERT_EQ(Register(RegisterRequest(TwoTopics().EncodeJson(), false)).code(), ResponseCode::kSuccess);
  ASSERT_TRUE(kv_.PutKVConfig("ORDER_TOPIC_CONFIG", "TopicTest", "broker-a:4").ok());
  EXPECT_EQ(Route("TopicTest", MQVersion::kCurrent).body().find("orderTopicConf"), std::string::npos);
  auto enable = PropertiesFile::Parse("orderMessageEnable=true");
  ASSERT_TRUE(config_.Update(*enable).ok());
  EXPECT_NE(Route("TopicTest", MQVersion::kCurrent).body().find(R"("orderTopicConf":"broker-a:4")"),
            std::string::npos);
  // Brokers get the namespace back when they register.
  RemotingCommand response = Register(RegisterRequest(TwoTopics().EncodeJson(), false));
  EXPECT_EQ(response.body(), R"({"table":{"TopicTest":"broker-a:4"}})");
}

TEST_F(ProcessorsTest, QueryDataVersionReportsChangesAndStoredVersion) {
  ASSERT_EQ(Register(RegisterRequest(TwoTopics().EncodeJson(), false)).code(), ResponseCode::kSuccess);
  RemotingCommand query = RemotingCommand::CreateRequest(RequestCode::kQueryDataVersion);
  query.SetExtField("brokerName", "broker-a");
  query.SetExtField("brokerAddr", "127.0.0.1:10911");
  query.SetExtField("clusterName", "DefaultCluster");
  query.SetExtField("brokerId", "0");
  query.set_body(TwoTopics().topic_config_serialize_wrapper.data_version.Encode());
  RemotingCommand response = Register(query);
  ASSERT_EQ(response.code(), ResponseCode::kSuccess);
  EXPECT_EQ(*response.ExtField("changed"), "false");
  EXPECT_EQ(response.body(), R"({"counter":1,"stateVersion":0,"timestamp":1700000000000})");
  query.set_body(R"({"counter":2,"stateVersion":0,"timestamp":1700000000001})");
  EXPECT_EQ(*Register(query).ExtField("changed"), "true");
  query.set_body("not json");
  EXPECT_EQ(Register(query).code(), ResponseCode::kSystemError);
}

TEST_F(ProcessorsTest, AdminRequests) {
  ASSERT_EQ(Register(RegisterRequest(TwoTopics().EncodeJson(), false)).code(), ResponseCode::kSuccess);
  RemotingCommand cluster = admin_.Handle(RemotingCommand::CreateRequest(RequestCode::kGetBrokerClusterInfo));
  EXPECT_EQ(cluster.body(),
            R"({"brokerAddrTable":{"broker-a":{"brokerAddrs":{0:"127.0.0.1:10911"},"brokerName":"broker-a","cluster":"DefaultCluster","enableActingMaster":false}},"clusterAddrTable":{"DefaultCluster":["broker-a"]}})");
  RemotingCommand all = admin_.Handle(RemotingCommand::CreateRequest(RequestCode::kGetAllTopicListFromNameserver));
  EXPECT_EQ(all.body(), R"({"topicList":["TBW102","TopicTest"]})");
  RemotingCommand unit = admin_.Handle(RemotingCommand::CreateRequest(RequestCode::kGetUnitTopicList));
  EXPECT_EQ(unit.body(), R"({"topicList":[]})");

  RemotingCommand wipe = RemotingCommand::CreateRequest(RequestCode::kWipeWritePermOfBroker);
  wipe.SetExtField("brokerName", "broker-a");
  RemotingCommand wiped = admin_.Handle(wipe);
  ASSERT_EQ(wiped.code(), ResponseCode::kSuccess);
  EXPECT_EQ(*wiped.ExtField("wipeTopicCount"), "2");
  RemotingCommand add = RemotingCommand::CreateRequest(RequestCode::kAddWritePermOfBroker);
  add.SetExtField("brokerName", "broker-a");
  EXPECT_EQ(*admin_.Handle(add).ExtField("addTopicCount"), "2");

  RemotingCommand del = RemotingCommand::CreateRequest(RequestCode::kDeleteTopicInNamesrv);
  del.SetExtField("topic", "TopicTest");
  EXPECT_EQ(admin_.Handle(del).code(), ResponseCode::kSuccess);
  EXPECT_EQ(Route("TopicTest", MQVersion::kCurrent).code(), ResponseCode::kTopicNotExist);

  RemotingCommand reg = RemotingCommand::CreateRequest(RequestCode::kRegisterTopicInNamesrv);
  reg.SetExtField("topic", "Static");
  reg.set_body(R"({"queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":2,"writeQueueNums":2,"topicSysFlag":0}]})");
  EXPECT_EQ(admin_.Handle(reg).code(), ResponseCode::kSuccess);
  EXPECT_EQ(Route("Static", MQVersion::kCurrent).code(), ResponseCode::kSuccess);
  reg.set_body("{broken");
  EXPECT_EQ(admin_.Handle(reg).code(), ResponseCode::kSystemError);
}

TEST_F(ProcessorsTest, ConfigUpdatesOnlyHarmlessKeys) {
  RemotingCommand get = RemotingCommand::CreateRequest(RequestCode::kGetNamesrvConfig);
  RemotingCommand shown = config_processor_.Handle(remoting::RequestContext{}, get);
  EXPECT_NE(shown.body().find("kvConfigPath=" + dir_ + "/kvConfig.json\n"), std::string::npos) << shown.body();

  RemotingCommand update = RemotingCommand::CreateRequest(RequestCode::kUpdateNamesrvConfig);
  update.set_body("kvConfigPath=/etc/cron.d/evil\n");
  RemotingCommand refused = config_processor_.Handle(remoting::RequestContext{}, update);
  EXPECT_EQ(refused.code(), ResponseCode::kSystemError);
  EXPECT_NE(refused.remark().value_or("").find("cannot be changed at run time"), std::string::npos);
  // All or nothing: a refused key stops the harmless one too.
  update.set_body("orderMessageEnable=true\nconfigStorePath=/tmp/x\n");
  EXPECT_EQ(config_processor_.Handle(remoting::RequestContext{}, update).code(), ResponseCode::kSystemError);
  EXPECT_FALSE(config_.Snapshot().order_message_enable);
  EXPECT_EQ(config_.Snapshot().kv_config_path, dir_ + "/kvConfig.json");

  update.set_body("orderMessageEnable=true\nscanNotActiveBrokerInterval=1000\n");
  EXPECT_EQ(config_processor_.Handle(remoting::RequestContext{}, update).code(), ResponseCode::kSuccess);
  EXPECT_TRUE(config_.Snapshot().order_message_enable);
  EXPECT_EQ(config_.Snapshot().scan_not_active_broker_interval, 1000);
}

TEST(NamesrvConfigTest, NoPathOrAddressIsUpdatableAtRunTime) {
  for (const auto& key : NamesrvConfigBinder().keys()) {
    std::string name(key.name);
    bool risky = name.find("Path") != std::string::npos || name.find("Home") != std::string::npos ||
                 name.find("Address") != std::string::npos || name.find("Port") != std::string::npos;
    if (risky) {
      EXPECT_EQ(key.runtime, ConfigBinder<NamesrvConfig>::Runtime::kStartupOnly) << name;
    }
  }
}

}  // namespace
}  // namespace rmq::namesrv

// mqadmin against real processes: one mqnamesrv and one mqbroker on free ports with temporary
// stores, shared by every test of the suite; each test runs `mqadmin <command>` as a child
// process and checks the output shape (the Java tool's headers and lines) and the exit status.
#if defined(MQNAMESRV_PATH) && defined(MQBROKER_PATH) && defined(MQADMIN_PATH)

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <chrono>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/broker_process.h"
#include "support/namesrv_process.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace rmq::testing {
namespace {

struct RunResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

class MqadminTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir("mqadmin_it");
    auto namesrv = NamesrvProcess::Start(MQNAMESRV_PATH, *dir_);
    ASSERT_TRUE(namesrv.ok()) << namesrv.status().ToString();
    namesrv_ = std::move(namesrv).value().release();
    dir_->WriteFile("broker.conf", "brokerClusterName=DefaultCluster\nbrokerName=broker-a\nbrokerIP1=127.0.0.1\n"
                                   "listenPort=0\nnamesrvAddr=" + namesrv_->address() +
                                       "\nstorePathRootDir=" + dir_->Sub("store") +
                                       "\nmappedFileSizeCommitLog=16777216\nmappedFileSizeConsumeQueue=120000\n"
                                       "warmMapedFileEnable=false\nautoCreateTopicEnable=true\n");
    auto broker =
        StartBrokerProcess(MQBROKER_PATH, dir_->Sub("broker.conf"), dir_->Sub("home"), dir_->Sub("broker.out"));
    ASSERT_TRUE(broker.ok()) << broker.status().ToString();
    broker_ = broker->process.release();
    broker_addr_ = new std::string(broker->address);
    // The route appears once the broker's first registration reached the name server.
    for (int i = 0; i < 100; ++i) {
      if (Run({"clusterList"}).output.find("broker-a") != std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  static void TearDownTestSuite() {
    delete broker_;
    delete namesrv_;
    delete broker_addr_;
    delete dir_;
    broker_ = nullptr;
    namesrv_ = nullptr;
    dir_ = nullptr;
  }

  void SetUp() override { ASSERT_NE(broker_, nullptr) << "the cluster did not start"; }

  // Runs mqadmin with `args` and -n <name server> (unless `with_namesrv` is false).
  static RunResult Run(std::vector<std::string> args, bool with_namesrv = true,
                       std::vector<std::pair<std::string, std::string>> env = {}) {
    static int counter = 0;
    if (with_namesrv) {
      args.push_back("-n");
      args.push_back(namesrv_->address());
    }
    ProcessOptions options;
    options.executable = MQADMIN_PATH;
    options.args = args;
    env.emplace_back("HOME", dir_->Sub("home"));
    options.env = env;
    options.output_path = dir_->Sub("mqadmin_" + std::to_string(counter++) + ".out");
    auto [code, output] = RunToExit(std::move(options), std::chrono::seconds(60));
    return {code, std::move(output)};
  }

  static nlohmann::json Json(const RunResult& result) {
    size_t start = result.output.find('{');
    if (start == std::string::npos) return nullptr;
    return nlohmann::json::parse(result.output.substr(start, result.output.rfind('}') - start + 1), nullptr, false);
  }

  static std::string NewTopic(const std::string& base) {
    static int n = 0;
    std::string topic = base + std::to_string(n++);
    RunResult created = Run({"updateTopic", "-c", "DefaultCluster", "-t", topic, "-r", "4", "-w", "4"});
    EXPECT_EQ(created.exit_code, 0) << created.output;
    // The broker registers the new topic with the name server right after creating it; wait
    // until the route is there so sends and queries see it.
    for (int i = 0; i < 100; ++i) {
      if (Run({"topicRoute", "-t", topic}).exit_code == 0) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return topic;
  }

  static TempDir* dir_;
  static NamesrvProcess* namesrv_;
  static Process* broker_;
  static std::string* broker_addr_;
};

TempDir* MqadminTest::dir_ = nullptr;
NamesrvProcess* MqadminTest::namesrv_ = nullptr;
Process* MqadminTest::broker_ = nullptr;
std::string* MqadminTest::broker_addr_ = nullptr;

bool Contains(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

// The Java tool's printf templates, to build expected headers.
std::string Fmt(const char* format, ...) __attribute__((format(printf, 1, 2)));
std::string Fmt(const char* format, ...) {
  char buffer[1024];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buffer, sizeof(buffer), format, args);
  va_end(args);
  return buffer;
}

TEST_F(MqadminTest, NoArgumentsListsTheCommands) {
  RunResult r = Run({}, false);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(Contains(r.output, "The most commonly used mqadmin commands are:")) << r.output;
  EXPECT_TRUE(std::regex_search(r.output, std::regex("\n   updateTopic {25}"))) << r.output;
  EXPECT_TRUE(Contains(r.output, "See 'mqadmin help <command>' for more information on a specific command."));
}

TEST_F(MqadminTest, HelpPrintsCommonsCliUsage) {
  RunResult r = Run({"help", "topicRoute"}, false);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(Contains(r.output, "usage: mqadmin topicRoute [-h] [--json] [-l] [-n <arg>] -t <arg>")) << r.output;
  EXPECT_TRUE(Contains(r.output, " -t,--topic <arg>")) << r.output;
  RunResult h = Run({"clusterList", "-h"}, false);
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_TRUE(Contains(h.output, "usage: mqadmin clusterList")) << h.output;
}

TEST_F(MqadminTest, CommandNamesAreCaseInsensitive) {
  RunResult r = Run({"clusterlist"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(Contains(r.output, "#Cluster Name")) << r.output;
}

TEST_F(MqadminTest, UnknownCommandFails) {
  RunResult r = Run({"noSuchCommand"}, false);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(Contains(r.output, "The sub command noSuchCommand not exist.")) << r.output;
}

TEST_F(MqadminTest, MissingRequiredOptionFailsWithUsage) {
  RunResult r = Run({"updateTopic", "-c", "DefaultCluster"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.output, "missing required option: -t (--topic)")) << r.output;
  EXPECT_TRUE(Contains(r.output, "usage: mqadmin updateTopic")) << r.output;
}

TEST_F(MqadminTest, UnknownOptionFails) {
  RunResult r = Run({"topicList", "--bogus"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
}

TEST_F(MqadminTest, UnreachableNameServerFailsInPlainWords) {
  RunResult r = Run({"topicList", "-n", "127.0.0.1:1"}, false);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(Contains(r.output, "Could not reach a server (name servers: 127.0.0.1:1)")) << r.output;
}

TEST_F(MqadminTest, WithoutNameServerUsesTheDefaultAndSaysSo) {
  RunResult r = Run({"getNamesrvConfig"}, false, {{"NAMESRV_ADDR", ""}});
  EXPECT_TRUE(Contains(r.output, "no -n and no NAMESRV_ADDR; using the name server at 127.0.0.1:9876")) << r.output;
}

TEST_F(MqadminTest, NamesrvAddrComesFromTheEnvironment) {
  RunResult r = Run({"getNamesrvConfig"}, false, {{"NAMESRV_ADDR", namesrv_->address()}});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(Contains(r.output, "============" + namesrv_->address() + "============")) << r.output;
}

TEST_F(MqadminTest, GetNamesrvConfigPrintsKeyValueLines) {
  RunResult r = Run({"getNamesrvConfig"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(Contains(r.output, "============" + namesrv_->address() + "============")) << r.output;
  EXPECT_TRUE(std::regex_search(r.output, std::regex("\nlistenPort {40}=  [0-9]+\n"))) << r.output;
}

TEST_F(MqadminTest, UpdateNamesrvConfigChangesTheRunningValue) {
  RunResult r = Run({"updateNamesrvConfig", "-k", "orderMessageEnable", "-v", "true"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(Contains(r.output, "update name server config success![" + namesrv_->address() + "]\n"
                                 "orderMessageEnable : true")) << r.output;
  RunResult check = Run({"getNamesrvConfig", "--json"});
  nlohmann::json json = Json(check);
  ASSERT_TRUE(json.is_object()) << check.output;
  EXPECT_EQ(json[namesrv_->address()]["orderMessageEnable"], "true") << check.output;
  RunResult refused = Run({"updateNamesrvConfig", "-k", "kvConfigPath", "-v", "/tmp/x"});
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
}

TEST_F(MqadminTest, KvConfigCanBeSetAndDeleted) {
  RunResult put = Run({"updateKvConfig", "-s", "TEST_NS", "-k", "k1", "-v", "v1"});
  EXPECT_EQ(put.exit_code, 0) << put.output;
  EXPECT_TRUE(Contains(put.output, "create or update kv config to namespace success.")) << put.output;
  RunResult del = Run({"deleteKvConfig", "-s", "TEST_NS", "-k", "k1"});
  EXPECT_EQ(del.exit_code, 0) << del.output;
  EXPECT_TRUE(Contains(del.output, "delete kv config from namespace success.")) << del.output;
}

TEST_F(MqadminTest, UpdateTopicCreatesOnEveryMaster) {
  RunResult r = Run({"updateTopic", "-c", "DefaultCluster", "-t", "AdminTopic", "-r", "4", "-w", "4"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(Contains(r.output, "create topic to " + *broker_addr_ + " success.")) << r.output;
  EXPECT_TRUE(Contains(r.output, "TopicConfig [topicName=AdminTopic, readQueueNums=4, writeQueueNums=4, perm=RW-, "
                                 "topicFilterType=SINGLE_TAG, topicSysFlag=0, order=false, attributes={}]"))
      << r.output;
  RunResult by_broker = Run({"updateTopic", "-b", *broker_addr_, "-t", "AdminTopicB"});
  EXPECT_EQ(by_broker.exit_code, 0) << by_broker.output;
  RunResult neither = Run({"updateTopic", "-t", "AdminTopicC"});
  EXPECT_EQ(neither.exit_code, 1) << neither.output;
  RunResult bad_cluster = Run({"updateTopic", "-c", "NoSuchCluster", "-t", "AdminTopicC"});
  EXPECT_EQ(bad_cluster.exit_code, 1) << bad_cluster.output;
  EXPECT_TRUE(Contains(bad_cluster.output, "mqadmin clusterList")) << bad_cluster.output;
}

TEST_F(MqadminTest, TopicListRouteStatusAndClusterList) {
  std::string topic = NewTopic("ListedTopic");
  RunResult list = Run({"topicList"});
  EXPECT_EQ(list.exit_code, 0) << list.output;
  EXPECT_TRUE(Contains(list.output, "\n" + topic + "\n") || list.output.rfind(topic + "\n", 0) == 0) << list.output;
  RunResult list_json = Run({"topicList", "--json"});
  nlohmann::json json = Json(list_json);
  ASSERT_TRUE(json.is_object()) << list_json.output;
  EXPECT_NE(std::find(json["topicList"].begin(), json["topicList"].end(), topic), json["topicList"].end());
  RunResult cluster_model = Run({"topicList", "-c"});
  EXPECT_EQ(cluster_model.exit_code, 0) << cluster_model.output;
  EXPECT_TRUE(Contains(cluster_model.output, Fmt("%-20s  %-48s  %-48s", "#Cluster Name", "#Topic", "#Consumer Group")))
      << cluster_model.output;
  EXPECT_TRUE(Contains(cluster_model.output, Fmt("%-20s  %-64s", "DefaultCluster", topic.c_str()))) << cluster_model.output;

  RunResult route = Run({"topicRoute", "-t", topic});
  EXPECT_EQ(route.exit_code, 0) << route.output;
  nlohmann::json route_json = Json(route);
  ASSERT_TRUE(route_json.is_object()) << route.output;
  EXPECT_EQ(route_json["brokerDatas"][0]["brokerName"], "broker-a");
  EXPECT_EQ(route_json["brokerDatas"][0]["brokerAddrs"]["0"], *broker_addr_);
  EXPECT_EQ(route_json["queueDatas"][0]["writeQueueNums"], 4);
  RunResult route_list = Run({"topicRoute", "-t", topic, "-l"});
  EXPECT_EQ(route_list.exit_code, 0) << route_list.output;
  EXPECT_TRUE(Contains(route_list.output, Fmt("%-45s %-32s %-50s %-10s %-11s %-5s", "#ClusterName", "#BrokerName",
                                              "#BrokerAddrs", "#ReadQueue", "#WriteQueue", "#Perm")))
      << route_list.output;
  EXPECT_TRUE(Contains(route_list.output, std::string(158, '-'))) << route_list.output;
  EXPECT_TRUE(Contains(route_list.output, Fmt("%-45s %-32s %-50s %-10s %-11s", "Total:", "1", "", "4", "4")))
      << route_list.output;
  RunResult missing = Run({"topicRoute", "-t", "NoSuchTopicAnywhere"});
  EXPECT_EQ(missing.exit_code, 1) << missing.output;

  RunResult status = Run({"topicStatus", "-t", topic});
  EXPECT_EQ(status.exit_code, 0) << status.output;
  EXPECT_TRUE(Contains(status.output, Fmt("%-32s  %-4s  %-20s  %-20s    %s", "#Broker Name", "#QID", "#Min Offset",
                                          "#Max Offset", "#Last Updated")))
      << status.output;
  EXPECT_TRUE(Contains(status.output, Fmt("\n%-32s  %-4d  %-20d  %-20d    ", "broker-a", 3, 0, 0))) << status.output;
  EXPECT_TRUE(Contains(status.output, "\nTopic Put TPS: ")) << status.output;

  RunResult clusters = Run({"topicClusterList", "-t", topic});
  EXPECT_EQ(clusters.exit_code, 0) << clusters.output;
  EXPECT_EQ(clusters.output, "DefaultCluster\n");
}

TEST_F(MqadminTest, ClusterListShowsTheBroker) {
  RunResult r = Run({"clusterList"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(Contains(r.output, Fmt("%-22s  %-22s  %-4s  %-22s %-16s  %16s  %30s  %-22s  %-11s  %-12s  %-8s  %-10s",
                                     "#Cluster Name", "#Broker Name", "#BID", "#Addr", "#Version", "#InTPS(LOAD)",
                                     "#OutTPS(LOAD)", "#Timer(Progress)", "#PCWait(ms)", "#Hour", "#SPACE",
                                     "#ACTIVATED")))
      << r.output;
  EXPECT_TRUE(std::regex_search(r.output, std::regex("DefaultCluster {10}broker-a {16}0     " + *broker_addr_ +
                                                     " +V5_3_3 ")))
      << r.output;
  RunResult more = Run({"clusterList", "-m"});
  EXPECT_EQ(more.exit_code, 0) << more.output;
  EXPECT_TRUE(Contains(more.output, "#InTotalYest")) << more.output;
  RunResult json = Run({"clusterList", "--json"});
  EXPECT_EQ(Json(json)["brokers"][0]["addr"], *broker_addr_) << json.output;
}

TEST_F(MqadminTest, BrokerStatusAndConfig) {
  RunResult status = Run({"brokerStatus", "-b", *broker_addr_});
  EXPECT_EQ(status.exit_code, 0) << status.output;
  EXPECT_TRUE(std::regex_search(status.output, std::regex("\nbrokerVersionDesc {15}: V5_3_3\n"))) << status.output;
  RunResult by_cluster = Run({"brokerStatus", "-c", "DefaultCluster"});
  EXPECT_EQ(by_cluster.exit_code, 0) << by_cluster.output;
  EXPECT_TRUE(Contains(by_cluster.output, *broker_addr_)) << by_cluster.output;

  RunResult config = Run({"getBrokerConfig", "-b", *broker_addr_});
  EXPECT_EQ(config.exit_code, 0) << config.output;
  EXPECT_TRUE(Contains(config.output, "============" + *broker_addr_ + "============")) << config.output;
  EXPECT_TRUE(std::regex_search(config.output, std::regex("\nbrokerName {40}=  broker-a\n"))) << config.output;
  RunResult cluster_config = Run({"getBrokerConfig", "-c", "DefaultCluster"});
  EXPECT_TRUE(Contains(cluster_config.output, "============Master: " + *broker_addr_ + "============"));

  RunResult update = Run({"updateBrokerConfig", "-b", *broker_addr_, "-k", "autoCreateSubscriptionGroup", "-v", "true"});
  EXPECT_EQ(update.exit_code, 0) << update.output;
  EXPECT_TRUE(Contains(update.output, "update broker config success, " + *broker_addr_)) << update.output;
  RunResult refused = Run({"updateBrokerConfig", "-b", *broker_addr_, "-k", "listenPort", "-v", "1"});
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
}

TEST_F(MqadminTest, SendMessageThenConsumeIt) {
  std::string topic = NewTopic("SendTopic");
  RunResult sent = Run({"sendMessage", "-t", topic, "-p", "hello mqadmin", "-k", "key-1", "-c", "TagA"});
  EXPECT_EQ(sent.exit_code, 0) << sent.output;
  EXPECT_TRUE(Contains(sent.output, Fmt("%-32s  %-4s  %-20s    %s", "#Broker Name", "#QID", "#Send Result", "#MsgId")))
      << sent.output;
  EXPECT_TRUE(std::regex_search(sent.output, std::regex("\nbroker-a {26}[0-3] {5}SEND_OK {17}[0-9A-F]{32}")))
      << sent.output;
  RunResult queued = Run({"sendMessage", "-t", topic, "-p", "to queue 2", "-b", "broker-a", "-i", "2", "--json"});
  nlohmann::json sent_json = Json(queued);
  ASSERT_TRUE(sent_json.is_object()) << queued.output;
  EXPECT_EQ(sent_json["queueId"], 2);
  EXPECT_EQ(sent_json["sendStatus"], "SEND_OK");
  RunResult no_broker = Run({"sendMessage", "-t", topic, "-p", "x", "-i", "1"});
  EXPECT_EQ(no_broker.exit_code, 1);
  EXPECT_TRUE(Contains(no_broker.output, "Broker name must be set if the queue is chosen!")) << no_broker.output;

  RunResult consumed = Run({"consumeMessage", "-t", topic});
  EXPECT_EQ(consumed.exit_code, 0) << consumed.output;
  EXPECT_TRUE(Contains(consumed.output, "Consume ok")) << consumed.output;
  EXPECT_TRUE(Contains(consumed.output, "BODY: hello mqadmin")) << consumed.output;
  EXPECT_TRUE(Contains(consumed.output, "BODY: to queue 2")) << consumed.output;
  RunResult one_queue = Run({"consumeMessage", "-t", topic, "-b", "broker-a", "-i", "2", "-o", "0", "--json"});
  nlohmann::json consumed_json = Json(one_queue);
  ASSERT_TRUE(consumed_json.is_object()) << one_queue.output;
  // The first message went to a queue the producer chose, which may also be queue 2.
  ASSERT_GE(consumed_json["count"], 1) << one_queue.output;
  bool found_queued = false;
  for (const auto& message : consumed_json["messages"]) {
    EXPECT_EQ(message["queueId"], 2) << one_queue.output;
    found_queued = found_queued || message["body"] == "to queue 2";
  }
  EXPECT_TRUE(found_queued) << one_queue.output;
  RunResult bad = Run({"consumeMessage", "-t", topic, "-i", "1"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_TRUE(Contains(bad.output, "Please set the brokerName before queueId!")) << bad.output;
}

TEST_F(MqadminTest, QueryMessagesByIdKeyUniqueKeyAndOffset) {
  std::string topic = NewTopic("QueryTopic");
  RunResult sent = Run({"sendMessage", "-t", topic, "-p", "find me", "-k", "order-42", "-b", "broker-a", "-i", "1",
                        "--json"});
  nlohmann::json json = Json(sent);
  ASSERT_TRUE(json.is_object()) << sent.output;
  std::string msg_id = json["msgId"];
  std::string offset_id = json["offsetMsgId"];

  RunResult by_id = Run({"queryMsgById", "-t", topic, "-i", offset_id});
  EXPECT_EQ(by_id.exit_code, 0) << by_id.output;
  EXPECT_TRUE(Contains(by_id.output, "OffsetID:            " + offset_id)) << by_id.output;
  EXPECT_TRUE(Contains(by_id.output, "Topic:               " + topic)) << by_id.output;
  EXPECT_TRUE(Contains(by_id.output, "Keys:                [order-42]")) << by_id.output;
  EXPECT_TRUE(Contains(by_id.output, "Queue ID:            1")) << by_id.output;
  EXPECT_TRUE(Contains(by_id.output, "Message Body Path:   /tmp/rocketmq/msgbodys/")) << by_id.output;

  // The index is written by the dispatcher shortly after the append.
  RunResult by_unique;
  RunResult by_key;
  for (int i = 0; i < 50; ++i) {
    by_unique = Run({"queryMsgByUniqueKey", "-t", topic, "-i", msg_id});
    by_key = Run({"queryMsgByKey", "-t", topic, "-k", "order-42"});
    if (by_unique.exit_code == 0 && Contains(by_key.output, msg_id)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(by_unique.exit_code, 0) << by_unique.output;
  EXPECT_FALSE(Contains(by_unique.output, "OffsetID:")) << by_unique.output;
  EXPECT_TRUE(Contains(by_unique.output, "Topic:               " + topic)) << by_unique.output;
  EXPECT_EQ(by_key.exit_code, 0) << by_key.output;
  EXPECT_TRUE(Contains(by_key.output, Fmt("%-50s %4s %40s", "#Message ID", "#QID", "#Offset"))) << by_key.output;
  EXPECT_TRUE(std::regex_search(by_key.output, std::regex(msg_id + " +1 +0\n"))) << by_key.output;

  RunResult by_offset = Run({"queryMsgByOffset", "-t", topic, "-b", "broker-a", "-i", "1", "-o", "0"});
  EXPECT_EQ(by_offset.exit_code, 0) << by_offset.output;
  EXPECT_TRUE(Contains(by_offset.output, "Queue Offset:        0")) << by_offset.output;

  RunResult print = Run({"printMsg", "-t", topic});
  EXPECT_EQ(print.exit_code, 0) << print.output;
  EXPECT_TRUE(Contains(print.output, "minOffset=0, maxOffset=1, MessageQueue [topic=" + topic +
                                         ", brokerName=broker-a, queueId=1]"))
      << print.output;
  EXPECT_TRUE(Contains(print.output, "MSGID: " + msg_id + " MessageExt [brokerName=broker-a, queueId=1")) << print.output;
  EXPECT_TRUE(Contains(print.output, "BODY: find me")) << print.output;
  EXPECT_TRUE(Contains(print.output, std::string(56, '-'))) << print.output;
}

TEST_F(MqadminTest, WipeAndAddWritePerm) {
  RunResult wipe = Run({"wipeWritePerm", "-b", "broker-a"});
  EXPECT_EQ(wipe.exit_code, 0) << wipe.output;
  EXPECT_TRUE(std::regex_search(wipe.output, std::regex("wipe write perm of broker\\[broker-a\\] in name server\\[" +
                                                        namesrv_->address() + "\\] OK, [0-9]+")))
      << wipe.output;
  RunResult add = Run({"addWritePerm", "-b", "broker-a"});
  EXPECT_EQ(add.exit_code, 0) << add.output;
  EXPECT_TRUE(std::regex_search(add.output, std::regex("add write perm of broker\\[broker-a\\] in name server\\[" +
                                                       namesrv_->address() + "\\] OK, [0-9]+")))
      << add.output;
}

TEST_F(MqadminTest, SubscriptionGroupsOffsetsAndProgress) {
  std::string topic = NewTopic("GroupTopic");
  ASSERT_EQ(Run({"sendMessage", "-t", topic, "-p", "one", "-b", "broker-a", "-i", "0"}).exit_code, 0);
  RunResult update = Run({"updateSubGroup", "-b", *broker_addr_, "-g", "admin_group"});
  EXPECT_EQ(update.exit_code, 0) << update.output;
  EXPECT_TRUE(Contains(update.output, "create subscription group to " + *broker_addr_ + " success.")) << update.output;
  EXPECT_TRUE(Contains(update.output, "SubscriptionGroupConfig{groupName=admin_group, consumeEnable=true, "
                                      "consumeFromMinEnable=false, consumeBroadcastEnable=false"))
      << update.output;

  // The group is offline, so the reset goes the "old" way (offsets committed by the tool).
  RunResult reset = Run({"resetOffsetByTime", "-g", "admin_group", "-t", topic, "-s", "0"});
  EXPECT_EQ(reset.exit_code, 0) << reset.output;
  EXPECT_TRUE(std::regex_search(reset.output, std::regex("reset consumer offset by specified,? (consumerG|g)roup\\[admin_group\\], "
                                                         "topic\\[" + topic + "\\]")))
      << reset.output;
  EXPECT_TRUE(Contains(reset.output, "#brokerName")) << reset.output;

  RunResult one_queue = Run({"resetOffsetByTime", "-g", "admin_group", "-t", topic, "-s", "now", "-b", "broker-a",
                             "-q", "0", "-o", "0"});
  EXPECT_EQ(one_queue.exit_code, 0) << one_queue.output;
  EXPECT_TRUE(Contains(one_queue.output, "reset consumer offset to 0")) << one_queue.output;

  RunResult never_connected = Run({"consumerProgress", "-g", "admin_group"});
  EXPECT_EQ(never_connected.exit_code, 1) << never_connected.output;
  EXPECT_TRUE(Contains(never_connected.output, "give -t <topic>")) << never_connected.output;
  RunResult progress = Run({"consumerProgress", "-g", "admin_group", "-t", topic});
  EXPECT_EQ(progress.exit_code, 0) << progress.output;
  EXPECT_TRUE(Contains(progress.output, Fmt("%-64s  %-32s  %-4s  %-20s  %-20s  %-20s %-20s%s", "#Topic", "#Broker Name",
                                            "#QID", "#Broker Offset", "#Consumer Offset", "#Diff", "#Inflight",
                                            "#LastTime")))
      << progress.output;
  EXPECT_TRUE(Contains(progress.output, Fmt("%-64s  %-32s  %-4d  %-20d  %-20d  %-20d", topic.c_str(), "broker-a", 0, 1,
                                            0, 1)))
      << "one message in queue 0, group reset to offset 0\n" << progress.output;
  EXPECT_TRUE(Contains(progress.output, "\nConsume TPS: ")) << progress.output;
  EXPECT_TRUE(std::regex_search(progress.output, std::regex("\nConsume Diff Total: [0-9]+\n"))) << progress.output;
  RunResult summary = Run({"consumerProgress"});
  EXPECT_EQ(summary.exit_code, 0) << summary.output;
  EXPECT_TRUE(Contains(summary.output, "#Group")) << summary.output;

  RunResult consume_stats = Run({"brokerConsumeStats", "-b", *broker_addr_});
  EXPECT_EQ(consume_stats.exit_code, 0) << consume_stats.output;
  EXPECT_TRUE(std::regex_search(consume_stats.output, std::regex("\nDiff Total: [0-9]+\n"))) << consume_stats.output;

  RunResult stats = Run({"statsAll", "-t", topic});
  EXPECT_EQ(stats.exit_code, 0) << stats.output;
  EXPECT_TRUE(Contains(stats.output, Fmt("%-64s  %-64s %12s %11s %11s %14s %14s", "#Topic", "#Consumer Group",
                                         "#Accumulation", "#InTPS", "#OutTPS", "#InMsg24Hour", "#OutMsg24Hour")))
      << stats.output;

  RunResult offline = Run({"consumerConnection", "-g", "admin_group"});
  EXPECT_EQ(offline.exit_code, 1) << offline.output;
  RunResult producers = Run({"producerConnection", "-g", "no_producer_group", "-t", topic});
  EXPECT_EQ(producers.exit_code, 1) << producers.output;

  RunResult del = Run({"deleteSubGroup", "-b", *broker_addr_, "-g", "admin_group"});
  EXPECT_EQ(del.exit_code, 0) << del.output;
  EXPECT_TRUE(Contains(del.output, "delete subscription group [admin_group] from broker [" + *broker_addr_ +
                                       "] success."))
      << del.output;
}

TEST_F(MqadminTest, ClusterRtMeasuresEveryBroker) {
  RunResult r = Run({"clusterRT", "-a", "3", "-i", "0"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(Contains(r.output, Fmt("%-24s  %-24s  %-4s  %-8s  %-8s", "#Cluster Name", "#Broker Name", "#RT",
                                     "#successCount", "#failCount")))
      << r.output;
  EXPECT_TRUE(std::regex_search(r.output, std::regex("DefaultCluster {10}  broker-a {16}  [0-9.]+ +3 +0"))) << r.output;
}

TEST_F(MqadminTest, DeleteTopicRemovesItEverywhere) {
  std::string topic = NewTopic("DoomedTopic");
  RunResult r = Run({"deleteTopic", "-c", "DefaultCluster", "-t", topic});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(Contains(r.output, "delete topic [" + topic + "] from cluster [DefaultCluster] success.\n"
                                 "delete topic [" + topic + "] from NameServer success.")) << r.output;
  RunResult route = Run({"topicRoute", "-t", topic});
  EXPECT_EQ(route.exit_code, 1) << route.output;
}

}  // namespace
}  // namespace rmq::testing

#endif

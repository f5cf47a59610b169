// BrokerFixture: a real mqnamesrv and mqbroker started for a test on free ports (listenPort=0;
// the broker's address is read from its boot line), with HOME, the store and the logs inside a
// TempDir, and a RemotingClient to talk to both. Header-only, shared by tests/broker_*_test.cc.
// Use from one thread.
#pragma once

#include <chrono>
#include <memory>
#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "common/message_properties.h"
#include "remoting/admin_headers.h"
#include "remoting/consumer_headers.h"
#include "remoting/io_thread_pool.h"
#include "remoting/remoting_client.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"
#include "remoting/send_message_headers.h"
#include "support/namesrv_process.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace rmq::testing {

inline constexpr std::chrono::seconds kBrokerBootTimeout{20};
inline constexpr std::chrono::seconds kBrokerRequestTimeout{5};

class BrokerFixture : public ::testing::Test {
 protected:
  BrokerFixture() : dir_("broker_it"), io_(1, "test-io"), client_(io_.context(), remoting::RemotingClientConfig{}) {
    io_.Start();
  }
  ~BrokerFixture() override {
    if (broker_) (void)broker_->Stop();
    client_.Shutdown();
    io_.Stop();
    io_.Join();
  }

  void SetUp() override {
    auto namesrv = NamesrvProcess::Start(MQNAMESRV_PATH, dir_);
    ASSERT_TRUE(namesrv.ok()) << namesrv.status().ToString();
    namesrv_ = std::move(namesrv).value();
    StartBroker();
  }

  // Starts (or restarts) the broker with the same store; `extra` lines go into broker.conf.
  void StartBroker(const std::string& extra = "") {
    dir_.WriteFile("broker.conf", "brokerClusterName=TestCluster\nbrokerName=broker-test\nbrokerIP1=127.0.0.1\n"
                                  "listenPort=0\nnamesrvAddr=" +
                                      namesrv_->address() + "\nstorePathRootDir=" + dir_.Sub("store") +
                                      "\nmappedFileSizeCommitLog=16777216\nmappedFileSizeConsumeQueue=120000\n"
                                      "warmMapedFileEnable=false\n" + extra);
    ProcessOptions options;
    options.executable = MQBROKER_PATH;
    options.args = {"-c", dir_.Sub("broker.conf")};
    options.env = {{"HOME", dir_.Sub("home")}};
    options.output_path = dir_.Sub("broker.out");
    auto process = Process::Start(options);
    ASSERT_TRUE(process.ok()) << process.status().ToString();
    broker_ = std::move(process).value();
    auto line = broker_->WaitForLine("boot success", kBrokerBootTimeout);
    ASSERT_TRUE(line.ok()) << line.status().ToString();
    boot_line_ = *line;
    std::smatch match;
    ASSERT_TRUE(std::regex_search(boot_line_, match, std::regex(R"(The broker\[broker-test, (127\.0\.0\.1:\d+)\])")))
        << boot_line_;
    broker_addr_ = match[1];
  }

  remoting::RemotingCommand Invoke(const std::string& address, remoting::RemotingCommand request,
                                   std::chrono::milliseconds timeout = kBrokerRequestTimeout) {
    auto response = client_.InvokeSync(address, std::move(request), timeout);
    EXPECT_TRUE(response.ok()) << response.status().ToString();
    if (!response.ok()) return remoting::RemotingCommand::CreateResponse(remoting::RemotingCommand(), -1);
    return std::move(response).value();
  }
  remoting::RemotingCommand InvokeBroker(remoting::RemotingCommand request) {
    return Invoke(broker_addr_, std::move(request));
  }

  // SEND_MESSAGE_V2 of one message, as ali-ons and the C++ client send it.
  remoting::RemotingCommand Send(const std::string& topic, const std::string& body, const std::string& tags,
                                 const std::string& keys, int32_t queue_id = 0) {
    std::string properties;
    if (!tags.empty()) AppendProperty(&properties, "TAGS", tags);
    if (!keys.empty()) AppendProperty(&properties, "KEYS", keys);
    AppendProperty(&properties, "WAIT", "true");
    return SendV2(topic, body, properties, queue_id, 1700000000000);
  }

  // SEND_MESSAGE_V2 with `properties` already encoded (AppendProperty), born at `born_ms`.
  remoting::RemotingCommand SendV2(const std::string& topic, const std::string& body, const std::string& properties,
                                   int32_t queue_id, int64_t born_ms) {
    auto request = remoting::RemotingCommand::CreateRequest(remoting::RequestCode::kSendMessageV2);
    remoting::SendMessageRequestHeaderV2 header;
    header.a = "ProducerGroupA";
    header.b = topic;
    header.c = "TBW102";
    header.d = 4;
    header.e = queue_id;
    header.g = born_ms;
    header.i = properties;
    remoting::EncodeCustomHeader(header, &request);
    request.set_body(body);
    return InvokeBroker(std::move(request));
  }

  // UPDATE_AND_CREATE_TOPIC on the broker: `topic` with `queues` read and write queues, RW.
  remoting::RemotingCommand CreateTopicOnBroker(const std::string& topic, int queues) {
    auto request = remoting::RemotingCommand::CreateRequest(remoting::RequestCode::kUpdateAndCreateTopic);
    remoting::CreateTopicRequestHeader header;
    header.topic = topic;
    header.default_topic = "TBW102";
    header.read_queue_nums = queues;
    header.write_queue_nums = queues;
    header.perm = 6;
    header.topic_filter_type = "SINGLE_TAG";
    remoting::EncodeCustomHeader(header, &request);
    return InvokeBroker(std::move(request));
  }

  // QUERY_MESSAGE: up to 32 messages of `topic` indexed under `key`, over all time.
  remoting::RemotingCommand QueryByKey(const std::string& topic, const std::string& key) {
    auto request = remoting::RemotingCommand::CreateRequest(remoting::RequestCode::kQueryMessage);
    remoting::QueryMessageRequestHeader header{topic, key, 32, 0, INT64_MAX, false};
    remoting::EncodeCustomHeader(header, &request);
    return InvokeBroker(std::move(request));
  }

  // VIEW_MESSAGE_BY_ID: the message stored at `commit_log_offset` (from its offset message id).
  remoting::RemotingCommand ViewByOffset(int64_t commit_log_offset) {
    auto request = remoting::RemotingCommand::CreateRequest(remoting::RequestCode::kViewMessageById);
    request.SetExtField("offset", std::to_string(commit_log_offset));
    return InvokeBroker(std::move(request));
  }

  TempDir dir_;
  remoting::IoThreadPool io_;
  remoting::RemotingClient client_;
  std::unique_ptr<NamesrvProcess> namesrv_;
  std::unique_ptr<Process> broker_;
  std::string boot_line_;
  std::string broker_addr_;
};

}  // namespace rmq::testing

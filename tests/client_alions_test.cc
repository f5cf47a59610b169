// The C++ client and the unchanged npm client ali-ons on one mqnamesrv + mqbroker: messages sent
// by ali-ons are consumed by the C++ push consumer, and messages sent by the C++ producer are
// consumed by ali-ons (tests/alions/flow.js, installed by `npm install` in tests/alions).
// Skipped when node or the ali-ons package is missing.
#include <filesystem>
#include <mutex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "client_cluster.h"
#include "rocketmq/DefaultMQAdminExt.h"
#include "rocketmq/DefaultMQProducer.h"
#include "rocketmq/DefaultMQPushConsumer.h"

#if defined(MQNAMESRV_PATH) && defined(MQBROKER_PATH)

namespace rmq::testing {
namespace {

using namespace std::chrono_literals;

const std::filesystem::path kAlionsDir = std::filesystem::path(__FILE__).parent_path() / "alions";
constexpr const char* kNode = "/usr/bin/node";

class ClientAlionsIT : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kNode) || !std::filesystem::exists(kAlionsDir / "node_modules/ali-ons")) {
      GTEST_SKIP() << "node or tests/alions/node_modules/ali-ons missing (run npm install in tests/alions)";
    }
    cluster_ = std::make_unique<ClientCluster>(1);
    ASSERT_TRUE(cluster_->ok());
    admin_.setNamesrvAddr(cluster_->namesrv());
    admin_.start();
    ASSERT_TRUE(CreateTopicAndWait(admin_, "InteropTopic", 4));
  }
  void TearDown() override { admin_.shutdown(); }

  std::unique_ptr<Process> Node(const std::vector<std::string>& args, const std::string& name) {
    ProcessOptions options;
    options.executable = kNode;
    options.args = {(kAlionsDir / "flow.js").string()};
    options.args.insert(options.args.end(), args.begin(), args.end());
    options.env = {{"HOME", cluster_->dir().Sub("home")}};
    options.output_path = cluster_->dir().Sub(name + ".out");
    auto process = Process::Start(options);
    EXPECT_TRUE(process.ok()) << process.status().ToString();
    return process.ok() ? std::move(process).value() : nullptr;
  }

  // The <field> of every `kind` line ("SENT id tag key", "RECV id tag key times").
  static std::set<std::string> Field(const std::string& output, const std::string& kind, int field) {
    std::set<std::string> out;
    std::istringstream in(output);
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream words(line);
      std::vector<std::string> parts;
      for (std::string w; words >> w;) parts.push_back(w);
      if (parts.size() > static_cast<size_t>(field) && parts[0] == kind) out.insert(parts[field]);
    }
    return out;
  }

  std::unique_ptr<ClientCluster> cluster_;
  rocketmq::DefaultMQAdminExt admin_;
};

TEST_F(ClientAlionsIT, AlionsProducesAndTheCppConsumerConsumes) {
  auto producer = Node({"produce", cluster_->namesrv(), "InteropTopic", "6", "ons"}, "produce");
  ASSERT_NE(producer, nullptr);
  auto exit_code = producer->WaitForExit(60s);
  ASSERT_TRUE(exit_code.ok() && *exit_code == 0) << producer->Output();
  std::set<std::string> sent_ids = Field(producer->Output(), "SENT", 1);
  ASSERT_EQ(sent_ids.size(), 6u);

  std::mutex mutex;
  std::set<std::string> keys, offset_ids;
  rocketmq::DefaultMQPushConsumer consumer("InteropCppConsumer");
  consumer.setNamesrvAddr(cluster_->namesrv());
  consumer.setConsumeFromWhere(rocketmq::CONSUME_FROM_FIRST_OFFSET);
  consumer.subscribe("InteropTopic", "TagA || TagB");
  consumer.registerMessageListener([&](const std::vector<rocketmq::MQMessageExt>& msgs) {
    std::lock_guard lock(mutex);
    for (const auto& msg : msgs) {
      keys.insert(msg.getKeys());
      offset_ids.insert(msg.getOffsetMsgId());
    }
    return rocketmq::CONSUME_SUCCESS;
  });
  consumer.start();
  EXPECT_TRUE(WaitFor(
      [&] {
        std::lock_guard lock(mutex);
        return keys.size() >= 6;
      },
      30s));
  consumer.shutdown();
  std::lock_guard lock(mutex);
  EXPECT_EQ(keys, (std::set<std::string>{"ons-0", "ons-1", "ons-2", "ons-3", "ons-4", "ons-5"}));
  EXPECT_EQ(offset_ids, sent_ids);  // ali-ons reports the broker's offset id as msgId
}

TEST_F(ClientAlionsIT, TheCppProducerProducesAndAlionsConsumes) {
  auto consumer = Node({"consume", cluster_->namesrv(), "InteropTopic", "InteropOnsConsumer", "*", "5", "30000"},
                       "consume");
  ASSERT_NE(consumer, nullptr);
  std::this_thread::sleep_for(5s);  // let ali-ons join and take its queues (it starts at the last offset)
  rocketmq::DefaultMQProducer producer("InteropCppProducer");
  producer.setNamesrvAddr(cluster_->namesrv());
  producer.start();
  std::set<std::string> offset_ids;
  for (int i = 0; i < 5; ++i) {
    rocketmq::MQMessage msg("InteropTopic", "TagA", "cpp-" + std::to_string(i), "body-" + std::to_string(i));
    offset_ids.insert(producer.send(msg).getOffsetMsgId());
  }
  producer.shutdown();
  auto exit_code = consumer->WaitForExit(60s);
  ASSERT_TRUE(exit_code.ok() && *exit_code == 0) << consumer->Output();
  EXPECT_EQ(Field(consumer->Output(), "RECV", 3),
            (std::set<std::string>{"cpp-0", "cpp-1", "cpp-2", "cpp-3", "cpp-4"}));
  EXPECT_EQ(Field(consumer->Output(), "RECV", 1), offset_ids);
}

}  // namespace
}  // namespace rmq::testing

#endif

// ClientCluster: a real mqnamesrv and one or two mqbroker processes on free ports with temporary
// stores, for the client library's integration tests (tests/client_*_test.cc), and
// ClientClusterTest, the fixture that starts an admin client against it. Every wait is bounded.
// Use from one thread.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "rocketmq/DefaultLitePullConsumer.h"
#include "rocketmq/DefaultMQAdminExt.h"
#include "rocketmq/DefaultMQProducer.h"
#include "support/broker_process.h"
#include "support/client_helpers.h"
#include "support/namesrv_process.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/wait.h"

namespace rmq::testing {

#if defined(MQNAMESRV_PATH) && defined(MQBROKER_PATH)

class ClientCluster {
 public:
  // Starts the name server and `brokers` brokers (broker-a, broker-b, ...).
  explicit ClientCluster(int brokers = 1, const std::string& broker_extra = "") : dir_("client_it") {
    auto namesrv = NamesrvProcess::Start(MQNAMESRV_PATH, dir_);
    if (!namesrv.ok()) {
      ADD_FAILURE() << "mqnamesrv: " << namesrv.status().ToString();
      return;
    }
    namesrv_ = std::move(namesrv).value();
    for (int i = 0; i < brokers; ++i) {
      std::string name = std::string("broker-") + static_cast<char>('a' + i);
      std::string home = dir_.Sub(name);
      dir_.WriteFile(name + ".properties",
                     "brokerClusterName=DefaultCluster\nbrokerName=" + name + "\nbrokerId=0\nlistenPort=0\n" +
                         "brokerIP1=127.0.0.1\nnamesrvAddr=" + namesrv_->address() + "\nstorePathRootDir=" + home +
                         "/store\nautoCreateTopicEnable=true\nflushDiskType=ASYNC_FLUSH\n" + broker_extra);
      auto broker =
          StartBrokerProcess(MQBROKER_PATH, dir_.Sub(name + ".properties"), home, dir_.Sub(name + ".out"));
      if (!broker.ok()) {
        ADD_FAILURE() << broker.status().ToString();
        return;
      }
      brokers_.push_back(std::move(broker->process));
      broker_addrs_.push_back(broker->address);
    }
  }

  bool ok() const { return namesrv_ != nullptr && brokers_.size() == broker_addrs_.size() && !brokers_.empty(); }
  std::string namesrv() const { return namesrv_ ? namesrv_->address() : ""; }
  const std::vector<std::string>& broker_addrs() const { return broker_addrs_; }
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
  std::unique_ptr<NamesrvProcess> namesrv_;
  std::vector<std::unique_ptr<Process>> brokers_;
  std::vector<std::string> broker_addrs_;
};

// A fixture owning a ClientCluster and a started admin client; the producers a derived fixture
// names with UseProducer are started after the admin and shut down before it.
class ClientClusterTest : public ::testing::Test {
 protected:
  explicit ClientClusterTest(int brokers = 1, const std::string& broker_extra = "") : cluster_(brokers, broker_extra) {}

  void SetUp() override {
    ASSERT_TRUE(cluster_.ok());
    admin_.setNamesrvAddr(cluster_.namesrv());
    admin_.start();
    for (auto* producer : producers_) {
      producer->setNamesrvAddr(cluster_.namesrv());
      producer->start();
    }
  }
  void TearDown() override {
    for (auto it = producers_.rbegin(); it != producers_.rend(); ++it) (*it)->shutdown();
    admin_.shutdown();
  }

  // Call from the derived fixture's constructor; `producer` must be its member.
  void UseProducer(rocketmq::DefaultMQProducer& producer) { producers_.push_back(&producer); }

  // Creates `topic` with `queues` queues on every broker and waits until its route is served.
  void CreateTopic(const std::string& topic, int queues = 4) {
    ASSERT_TRUE(CreateTopicAndWait(admin_, topic, queues, cluster_.broker_addrs().size()));
  }

  // A push consumer of this cluster that records what it receives in `into`.
  std::unique_ptr<rocketmq::DefaultMQPushConsumer> PushConsumer(const std::string& group, const std::string& topic,
                                                                const rocketmq::MessageSelector& selector,
                                                                DeliveryLog& into, const PushOptions& options = {}) {
    return NewPushConsumer(cluster_.namesrv(), group, topic, selector, into.Listener(), options);
  }

  // Messages stored in `topic`: the sum of its queues' max offsets.
  int64_t TotalMessages(const std::string& topic) {
    int64_t total = 0;
    for (const auto& [mq, offset] : admin_.examineTopicStats(topic).offsetTable) total += offset.maxOffset;
    return total;
  }

  // Polls every queue of `topic` from the beginning until `n` messages arrived (or 20 s).
  std::vector<rocketmq::MQMessageExt> ReadAll(const std::string& topic, size_t n) {
    rocketmq::DefaultLitePullConsumer consumer("ReadAll_" + topic);
    consumer.setNamesrvAddr(cluster_.namesrv());
    consumer.start();
    auto queues = consumer.fetchMessageQueues(topic);
    consumer.assign(queues);
    for (const auto& mq : queues) consumer.seekToBegin(mq);
    std::vector<rocketmq::MQMessageExt> out;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (out.size() < n && std::chrono::steady_clock::now() < deadline) {
      for (auto& msg : consumer.poll(500)) out.push_back(std::move(msg));
    }
    consumer.shutdown();
    return out;
  }

  ClientCluster cluster_;
  rocketmq::DefaultMQAdminExt admin_;

 private:
  std::vector<rocketmq::DefaultMQProducer*> producers_;
};

#endif

}  // namespace rmq::testing

// The set-up the transaction integration tests share: a name server, a broker started with the
// test's own config lines (short check intervals, custom delay levels), an admin client, and
// CreateTopic, which returns once the name server serves the topic's route.
#pragma once

#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "broker_fixture.h"
#include "rocketmq/DefaultMQAdminExt.h"
#include "support/client_helpers.h"

#if defined(MQNAMESRV_PATH) && defined(MQBROKER_PATH)

namespace rmq::testing {

class TransactionCluster : public BrokerFixture {
 protected:
  explicit TransactionCluster(std::string broker_extra) : broker_extra_(std::move(broker_extra)) {}

  void SetUp() override {
    auto namesrv = NamesrvProcess::Start(MQNAMESRV_PATH, dir_);
    ASSERT_TRUE(namesrv.ok()) << namesrv.status().ToString();
    namesrv_ = std::move(namesrv).value();
    StartBroker(broker_extra_);
    admin_.setNamesrvAddr(namesrv_->address());
    admin_.start();
  }
  void TearDown() override { admin_.shutdown(); }

  // A topic with one queue.
  void CreateTopic(const std::string& topic) {
    ASSERT_TRUE(CreateTopicAndWait(admin_, topic, 1, 1, "TestCluster")) << topic;
  }

  std::string broker_extra_;
  rocketmq::DefaultMQAdminExt admin_;
};

}  // namespace rmq::testing

#endif

// Batch size limits against real mqnamesrv + mqbroker processes: a batch whose encoded body is
// over the broker's maxMessageSize is refused as a whole with MESSAGE_ILLEGAL and a remark naming
// both sizes, and nothing of it is stored; the same messages in batches under the limit go in.
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "client_cluster.h"
#include "rocketmq/DefaultMQAdminExt.h"
#include "rocketmq/DefaultMQProducer.h"

#if defined(MQNAMESRV_PATH) && defined(MQBROKER_PATH)

namespace rmq::testing {
namespace {

using namespace std::chrono_literals;
using rocketmq::MQMessage;
using rocketmq::MQMessageQueue;

constexpr int kBrokerLimit = 64 * 1024;

TEST(BatchLimitIT, OversizedBatchIsRefusedWholeAndNothingIsStored) {
  ClientCluster cluster(1, "maxMessageSize=" + std::to_string(kBrokerLimit) + "\n");
  ASSERT_TRUE(cluster.ok());
  rocketmq::DefaultMQAdminExt admin;
  admin.setNamesrvAddr(cluster.namesrv());
  admin.start();
  ASSERT_TRUE(CreateTopicAndWait(admin, "BatchLimitTopic", 1));

  rocketmq::DefaultMQProducer producer("BatchLimitProducer");
  producer.setNamesrvAddr(cluster.namesrv());
  producer.setCompressMsgBodyOverHowmuch(1 << 30);  // keep the bodies at their size
  producer.start();
  // 20 x 8 KiB: one batch for the client (its limit is 4 MiB), 160 KiB for a 64 KiB broker.
  std::vector<MQMessage> batch;
  for (int i = 0; i < 20; ++i) batch.emplace_back("BatchLimitTopic", "TagA", std::string(8192, 'a' + i % 26));
  try {
    producer.send(batch);
    ADD_FAILURE() << "an oversized batch was accepted";
  } catch (const rocketmq::MQBrokerException& e) {
    EXPECT_EQ(e.GetError(), 13) << e.what();  // MESSAGE_ILLEGAL
    std::string what = e.what();
    EXPECT_NE(what.find("larger than maxMessageSize " + std::to_string(kBrokerLimit)), std::string::npos) << what;
  }
  MQMessageQueue mq("BatchLimitTopic", "broker-a", 0);
  std::this_thread::sleep_for(500ms);  // past the dispatch of anything that was appended
  EXPECT_EQ(admin.maxOffset(mq), 0) << "part of a refused batch was stored";

  // Batches that fit are stored in one append each, all of them.
  rocketmq::DefaultMQProducer fitting("BatchLimitFittingProducer");
  fitting.setNamesrvAddr(cluster.namesrv());
  fitting.setCompressMsgBodyOverHowmuch(1 << 30);
  fitting.setMaxMessageSize(kBrokerLimit);
  fitting.start();
  size_t sent = 0;
  for (auto& part : rocketmq::DefaultMQProducer::splitBatch(batch, kBrokerLimit - 1024)) {
    EXPECT_EQ(fitting.send(part).getSendStatus(), rocketmq::SEND_OK);
    sent += part.size();
  }
  EXPECT_EQ(sent, batch.size());
  // The ConsumeQueue is built by the dispatch thread just after the append.
  EXPECT_TRUE(WaitFor([&] { return admin.maxOffset(mq) == static_cast<int64_t>(batch.size()); }, 10s))
      << admin.maxOffset(mq);
  fitting.shutdown();
  producer.shutdown();
  admin.shutdown();
}

}  // namespace
}  // namespace rmq::testing

#endif

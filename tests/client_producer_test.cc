// The client library against real mqnamesrv + mqbroker processes: every send mode, the admin
// API, transactions, the lite pull consumer's seeks and the classic pull consumer.
#include <atomic>
#include <chrono>
#include <future>
#include <map>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "client_cluster.h"
#include "rocketmq/DefaultLitePullConsumer.h"
#include "rocketmq/DefaultMQAdminExt.h"
#include "rocketmq/DefaultMQProducer.h"
#include "rocketmq/DefaultMQPullConsumer.h"
#include "rocketmq/TransactionMQProducer.h"

#if defined(MQNAMESRV_PATH) && defined(MQBROKER_PATH)

namespace rmq::testing {
namespace {

using namespace std::chrono_literals;
using rocketmq::MQMessage;
using rocketmq::MQMessageExt;
using rocketmq::MQMessageQueue;

class ClientProducerIT : public ClientClusterTest {
 protected:
  ClientProducerIT() : ClientClusterTest(2) {}
};

TEST_F(ClientProducerIT, EverySendModeStoresTheMessage) {
  CreateTopic("SendModes");
  rocketmq::DefaultMQProducer producer("SendModesProducer");
  producer.setNamesrvAddr(cluster_.namesrv());
  producer.start();

  MQMessage sync_msg("SendModes", "TagA", "key-sync", "sync");
  rocketmq::SendResult sync = producer.send(sync_msg);
  EXPECT_EQ(sync.getSendStatus(), rocketmq::SEND_OK);
  EXPECT_EQ(sync.getMsgId(), sync_msg.getUniqKey());
  EXPECT_EQ(sync.getOffsetMsgId().size(), 32u);

  std::promise<std::string> callback_done;
  MQMessage async_msg("SendModes", "TagA", "async-callback");
  producer.send(
      async_msg, [&](rocketmq::SendResult& r) { callback_done.set_value(r.getMsgId()); },
      [&](rocketmq::MQException& e) { callback_done.set_value(std::string("error ") + e.what()); });
  auto callback_future = callback_done.get_future();
  ASSERT_EQ(callback_future.wait_for(10s), std::future_status::ready);
  EXPECT_EQ(callback_future.get(), async_msg.getUniqKey());

  MQMessage future_msg("SendModes", "TagA", "async-future");
  std::string future_id = producer.sendAsync(future_msg).get().getMsgId();
  EXPECT_EQ(future_id, future_msg.getUniqKey());

  MQMessage oneway_msg("SendModes", "TagA", "oneway");
  producer.sendOneway(oneway_msg);

  MQMessageQueue chosen("SendModes", "broker-b", 3);
  MQMessage queue_msg("SendModes", "TagA", "to-queue");
  rocketmq::SendResult to_queue = producer.send(queue_msg, chosen);
  EXPECT_EQ(to_queue.getMessageQueue(), chosen);

  rocketmq::SelectMessageQueueByHash by_hash;
  std::set<int> queues_of_key;
  for (int i = 0; i < 5; ++i) {
    int key = 7;
    MQMessage ordered("SendModes", "TagA", "ordered");
    auto result = producer.send(ordered, &by_hash, &key);
    queues_of_key.insert(result.getMessageQueue().getQueueId() * 10 +
                         (result.getMessageQueue().getBrokerName() == "broker-a" ? 0 : 1));
  }
  EXPECT_EQ(queues_of_key.size(), 1u);

  std::vector<MQMessage> batch;
  for (int i = 0; i < 32; ++i) batch.emplace_back("SendModes", "TagB", "batch-" + std::to_string(i));
  rocketmq::SendResult batch_result = producer.send(batch);
  EXPECT_EQ(std::count(batch_result.getMsgId().begin(), batch_result.getMsgId().end(), ','), 31);

  MQMessage big("SendModes", "TagC", std::string(100000, 'z'));  // over the compression threshold
  producer.send(big);

  const int64_t expected = 1 + 1 + 1 + 1 + 1 + 5 + 32 + 1;
  EXPECT_TRUE(WaitFor([&] { return TotalMessages("SendModes") == expected; }, 10s)) << TotalMessages("SendModes");
  auto msgs = ReadAll("SendModes", expected);
  ASSERT_EQ(static_cast<int64_t>(msgs.size()), expected);
  std::map<std::string, int> bodies;
  for (const auto& msg : msgs) ++bodies[msg.getBody().size() > 100 ? "big" : msg.getBody()];
  EXPECT_EQ(bodies["sync"], 1);
  EXPECT_EQ(bodies["oneway"], 1);
  EXPECT_EQ(bodies["batch-31"], 1);
  EXPECT_EQ(bodies["big"], 1);
  for (const auto& msg : msgs) {
    if (msg.getBody() == "sync") {
      EXPECT_EQ(msg.getMsgId(), sync.getMsgId());
      EXPECT_EQ(msg.getOffsetMsgId(), sync.getOffsetMsgId());
      EXPECT_EQ(msg.getKeys(), "key-sync");
    }
    if (msg.getBody() == "to-queue") {
      EXPECT_EQ(msg.getQueueId(), 3);
      EXPECT_EQ(msg.getBrokerName(), "broker-b");
    }
  }
  producer.shutdown();
}

TEST_F(ClientProducerIT, UnknownTopicIsAutoCreatedThroughTbw102) {
  rocketmq::DefaultMQProducer producer("AutoCreateProducer");
  producer.setNamesrvAddr(cluster_.namesrv());
  producer.start();
  MQMessage msg("AutoCreatedTopic", "hello");
  EXPECT_EQ(producer.send(msg).getSendStatus(), rocketmq::SEND_OK);
  producer.shutdown();
}

TEST_F(ClientProducerIT, ErrorsSayWhatToDo) {
  rocketmq::DefaultMQProducer producer("ErrorProducer");
  producer.setNamesrvAddr(cluster_.namesrv());
  producer.start();
  MQMessage empty("SomeTopic", "");
  try {
    producer.send(empty);
    FAIL();
  } catch (const rocketmq::MQClientException& e) {
    EXPECT_NE(std::string(e.what()).find("body is empty"), std::string::npos);
  }
  producer.shutdown();
}

TEST_F(ClientProducerIT, AdminSeesClusterTopicsAndOffsets) {
  CreateTopic("AdminTopic", 2);
  auto info = admin_.examineBrokerClusterInfo();
  EXPECT_EQ(info.clusterAddrTable["DefaultCluster"].size(), 2u);
  EXPECT_TRUE(admin_.fetchAllTopicList().count("AdminTopic"));
  rocketmq::DefaultMQProducer producer("AdminProducer");
  producer.setNamesrvAddr(cluster_.namesrv());
  producer.start();
  MQMessageQueue mq("AdminTopic", "broker-a", 1);
  for (int i = 0; i < 3; ++i) {
    MQMessage msg("AdminTopic", "TagA", "k" + std::to_string(i), "body");
    producer.send(msg, mq);
  }
  // The broker dispatches to the consume queue in the background.
  EXPECT_TRUE(WaitFor([&] { return admin_.maxOffset(mq) == 3; }, 5s)) << admin_.maxOffset(mq);
  EXPECT_EQ(admin_.minOffset(mq), 0);
  EXPECT_EQ(admin_.queryConsumerOffset("NoSuchGroup", mq), -1);
  admin_.updateConsumerOffset("AdminGroup", mq, 2);
  EXPECT_EQ(admin_.queryConsumerOffset("AdminGroup", mq), 2);
  auto stats = admin_.examineTopicStats("AdminTopic");
  EXPECT_EQ(stats.offsetTable[mq].maxOffset, 3);
  producer.shutdown();
}

class CommitEvenRollbackOdd : public rocketmq::TransactionListener {
 public:
  rocketmq::LocalTransactionState executeLocalTransaction(const MQMessage& msg, void*) override {
    return msg.getBody() == "commit" ? rocketmq::COMMIT_MESSAGE : rocketmq::ROLLBACK_MESSAGE;
  }
  rocketmq::LocalTransactionState checkLocalTransaction(const MQMessageExt&) override {
    return rocketmq::ROLLBACK_MESSAGE;
  }
};

TEST_F(ClientProducerIT, TransactionCommitIsDeliveredAndRollbackIsNot) {
  CreateTopic("TxTopic", 1);
  CommitEvenRollbackOdd listener;
  rocketmq::TransactionMQProducer producer("TxProducer");
  producer.setNamesrvAddr(cluster_.namesrv());
  producer.setTransactionListener(&listener);
  producer.start();
  MQMessage commit("TxTopic", "commit");
  MQMessage rollback("TxTopic", "rollback");
  // The rollback goes first so that a wrongful delivery would likely be read before the commit.
  EXPECT_EQ(producer.sendMessageInTransaction(rollback, nullptr).getLocalTransactionState(),
            rocketmq::ROLLBACK_MESSAGE);
  EXPECT_EQ(producer.sendMessageInTransaction(commit, nullptr).getLocalTransactionState(), rocketmq::COMMIT_MESSAGE);
  auto msgs = ReadAll("TxTopic", 1);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(msgs[0].getBody(), "commit");
  EXPECT_EQ(msgs[0].getTransactionId(), commit.getUniqKey());
  producer.shutdown();
}

TEST_F(ClientProducerIT, LitePullConsumerSeeksByOffsetAndByTime) {
  CreateTopic("LiteTopic", 1);
  rocketmq::DefaultMQProducer producer("LiteProducer");
  producer.setNamesrvAddr(cluster_.namesrv());
  producer.start();
  MQMessageQueue mq("LiteTopic", "broker-a", 0);
  for (int i = 0; i < 5; ++i) {
    MQMessage msg("LiteTopic", "first-" + std::to_string(i));
    producer.send(msg, mq);
  }
  std::this_thread::sleep_for(1100ms);
  int64_t boundary = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  std::this_thread::sleep_for(100ms);
  for (int i = 0; i < 5; ++i) {
    MQMessage msg("LiteTopic", "second-" + std::to_string(i));
    producer.send(msg, mq);
  }

  rocketmq::DefaultLitePullConsumer consumer("LiteGroup");
  consumer.setNamesrvAddr(cluster_.namesrv());
  consumer.start();
  consumer.assign({mq});
  auto poll_until = [&](size_t n) {
    std::vector<MQMessageExt> got;
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (got.size() < n && std::chrono::steady_clock::now() < deadline) {
      for (auto& m : consumer.poll(200)) got.push_back(std::move(m));
    }
    return got;
  };
  consumer.seek(mq, 3);
  auto from3 = poll_until(7);
  ASSERT_EQ(from3.size(), 7u);
  EXPECT_EQ(from3[0].getBody(), "first-3");
  EXPECT_EQ(from3[0].getQueueOffset(), 3);

  int64_t by_time = consumer.offsetForTimestamp(mq, boundary);
  EXPECT_EQ(by_time, 5);
  consumer.seek(mq, by_time);
  auto second = poll_until(5);
  ASSERT_EQ(second.size(), 5u);
  EXPECT_EQ(second[0].getBody(), "second-0");

  consumer.seekToBegin(mq);
  auto all = poll_until(10);
  EXPECT_EQ(all.size(), 10u);
  consumer.commitSync();
  EXPECT_EQ(consumer.committed(mq), 10);
  consumer.seekToEnd(mq);
  EXPECT_TRUE(consumer.poll(300).empty());
  EXPECT_THROW(consumer.seek(mq, 1000), rocketmq::MQClientException);
  consumer.shutdown();
  producer.shutdown();
}

TEST_F(ClientProducerIT, PullConsumerPullsAndStoresOffsets) {
  CreateTopic("PullTopic", 1);
  rocketmq::DefaultMQProducer producer("PullProducer");
  producer.setNamesrvAddr(cluster_.namesrv());
  producer.start();
  for (const char* tag : {"TagA", "TagB", "TagA"}) {
    MQMessage msg("PullTopic", tag, "x");
    producer.send(msg);
  }
  ASSERT_TRUE(WaitFor([&] { return TotalMessages("PullTopic") == 3; }, 5s));
  rocketmq::DefaultMQPullConsumer consumer("PullGroup");
  consumer.setNamesrvAddr(cluster_.namesrv());
  consumer.start();
  std::vector<MQMessageQueue> mqs;
  consumer.fetchSubscribeMessageQueues("PullTopic", mqs);
  ASSERT_EQ(mqs.size(), 2u);  // one queue on each broker
  size_t tag_a = 0;
  for (const auto& mq : mqs) {
    auto result = consumer.pull(mq, "TagA", 0, 32);
    tag_a += result.msgFoundList.size();
    consumer.updateConsumeOffset(mq, result.nextBeginOffset);
  }
  EXPECT_EQ(tag_a, 2u);
  consumer.persistConsumerOffset();
  int64_t committed = 0;
  for (const auto& mq : mqs) committed += consumer.fetchConsumeOffset(mq, true);
  EXPECT_EQ(committed, 3);
  consumer.shutdown();
  producer.shutdown();
}

}  // namespace
}  // namespace rmq::testing

#endif

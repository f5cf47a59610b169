// Push consumers against real mqnamesrv + mqbroker processes: tag subscriptions, two members of
// a group sharing queues and rebalancing when one leaves, broadcasting, orderly consumption
// with members leaving, retry after RECONSUME_LATER.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "client_cluster.h"
#include "rocketmq/DefaultMQAdminExt.h"
#include "rocketmq/DefaultMQProducer.h"
#include "rocketmq/DefaultMQPushConsumer.h"

#if defined(MQNAMESRV_PATH) && defined(MQBROKER_PATH)

namespace rmq::testing {
namespace {

using namespace std::chrono_literals;
using rocketmq::MQMessage;
using rocketmq::MQMessageExt;

class ClientConsumerIT : public ClientClusterTest {
 protected:
  // Short delay levels: a retry (level 3 + reconsumeTimes) comes back after 1 s, not 10 s.
  ClientConsumerIT()
      : ClientClusterTest(2, "messageDelayLevel=1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s\n") {
    UseProducer(producer_);
  }

  std::unique_ptr<rocketmq::DefaultMQPushConsumer> Consumer(const std::string& group, const std::string& topic,
                                                            const std::string& expression, DeliveryLog& into,
                                                            const std::string& instance,
                                                            rocketmq::MessageModel model = rocketmq::CLUSTERING,
                                                            bool orderly = false) {
    PushOptions options;
    options.instance = instance;
    options.model = model;
    options.offset_store_dir = cluster_.dir().Sub("offsets");
    options.orderly = orderly;
    return PushConsumer(group, topic, rocketmq::MessageSelector::byTag(expression), into, options);
  }

  void Send(const std::string& topic, const std::string& tag, const std::string& body) {
    MQMessage msg(topic, tag, body);
    producer_.send(msg);
  }

  rocketmq::DefaultMQProducer producer_{"ConsumerITProducer"};
};

TEST_F(ClientConsumerIT, TagSubscriptionReceivesOnlyItsTags) {
  CreateTopic("TagTopic", 2);
  DeliveryLog got;
  auto consumer = Consumer("TagGroup", "TagTopic", "TagA || TagC", got, "tag");
  for (int i = 0; i < 10; ++i) Send("TagTopic", i % 2 == 0 ? "TagA" : "TagB", "m" + std::to_string(i));
  Send("TagTopic", "TagC", "c");
  EXPECT_TRUE(WaitFor([&] { return got.size() >= 6; }, 30s)) << got.size();
  std::this_thread::sleep_for(500ms);
  for (const auto& msg : got.Snapshot()) EXPECT_NE(msg.getTags(), "TagB");
  EXPECT_EQ(got.size(), 6u);
  consumer->shutdown();
}

TEST_F(ClientConsumerIT, TwoMembersShareTheQueuesAndRebalanceWhenOneLeaves) {
  CreateTopic("ShareTopic", 4);
  DeliveryLog first, second;
  auto c1 = Consumer("ShareGroup", "ShareTopic", "*", first, "one");
  auto c2 = Consumer("ShareGroup", "ShareTopic", "*", second, "two");
  ASSERT_TRUE(WaitFor(
      [&] {
        size_t a = 0, b = 0;
        for (const auto& mq : c1->getAllocatedQueues()) a += mq.getTopic() == "ShareTopic";
        for (const auto& mq : c2->getAllocatedQueues()) b += mq.getTopic() == "ShareTopic";
        return a == 4 && b == 4;
      },
      30s));
  for (int i = 0; i < 40; ++i) Send("ShareTopic", "TagA", "s" + std::to_string(i));
  ASSERT_TRUE(WaitFor([&] { return first.size() + second.size() >= 40; }, 30s));
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(first.size() + second.size(), 40u);
  EXPECT_GT(first.size(), 0u);
  EXPECT_GT(second.size(), 0u);
  std::set<std::string> bodies;
  for (auto& m : first.Snapshot()) bodies.insert(m.getBody());
  for (auto& m : second.Snapshot()) bodies.insert(m.getBody());
  EXPECT_EQ(bodies.size(), 40u);  // each message consumed once

  c2->shutdown();
  ASSERT_TRUE(WaitFor(
      [&] {
        size_t a = 0;
        for (const auto& mq : c1->getAllocatedQueues()) a += mq.getTopic() == "ShareTopic";
        return a == 8;
      },
      30s));
  size_t before = first.size();
  for (int i = 0; i < 20; ++i) Send("ShareTopic", "TagA", "after" + std::to_string(i));
  EXPECT_TRUE(WaitFor([&] { return first.size() >= before + 20; }, 30s));
  c1->shutdown();
}

TEST_F(ClientConsumerIT, BroadcastingDeliversToEveryMember) {
  CreateTopic("CastTopic", 2);
  DeliveryLog first, second;
  auto c1 = Consumer("CastGroup", "CastTopic", "*", first, "one", rocketmq::BROADCASTING);
  auto c2 = Consumer("CastGroup", "CastTopic", "*", second, "two", rocketmq::BROADCASTING);
  for (int i = 0; i < 10; ++i) Send("CastTopic", "TagA", "b" + std::to_string(i));
  EXPECT_TRUE(WaitFor([&] { return first.size() >= 10 && second.size() >= 10; }, 30s));
  EXPECT_EQ(first.size(), 10u);
  EXPECT_EQ(second.size(), 10u);
  c1->shutdown();
  c2->shutdown();
}

TEST_F(ClientConsumerIT, OrderlyConsumptionKeepsPerKeyOrderWhenAMemberLeaves) {
  CreateTopic("OrderTopic", 4);
  DeliveryLog r1, r2, r3;
  auto c1 = Consumer("OrderGroup", "OrderTopic", "*", r1, "one", rocketmq::CLUSTERING, true);
  auto c2 = Consumer("OrderGroup", "OrderTopic", "*", r2, "two", rocketmq::CLUSTERING, true);
  auto c3 = Consumer("OrderGroup", "OrderTopic", "*", r3, "three", rocketmq::CLUSTERING, true);
  rocketmq::SelectMessageQueueByHash by_hash;
  const int keys = 8, per_key = 30;
  auto send_round = [&](int from, int to) {
    for (int seq = from; seq < to; ++seq) {
      for (int key = 0; key < keys; ++key) {
        MQMessage msg("OrderTopic", "TagA", std::to_string(key) + ":" + std::to_string(seq));
        producer_.send(msg, &by_hash, &key);
      }
    }
  };
  send_round(0, per_key / 2);
  std::this_thread::sleep_for(1s);
  c3->shutdown();
  send_round(per_key / 2, per_key);
  std::set<std::string> all;
  // Generous: a queue whose consumer leaves is unlocked as soon as its consume thread is out,
  // so the new owner waits for rebalance, not for the broker's 60 s lock expiry.
  ASSERT_TRUE(WaitFor(
      [&] {
        all.clear();
        for (auto* r : {&r1, &r2, &r3}) {
          for (auto& m : r->Snapshot()) all.insert(m.getBody());
        }
        return all.size() == static_cast<size_t>(keys * per_key);
      },
      90s))
      << all.size();
  // Per-key order across the whole group: in the order the listeners ran, a key's message n is
  // delivered for the first time only after messages 0..n-1 were. Redeliveries (a queue moving
  // to another member restarts from the committed offset) may repeat earlier messages, and a
  // queue may move away from a member and back, but no message may overtake an earlier one.
  std::vector<std::pair<uint64_t, std::string>> deliveries;
  for (auto* r : {&r1, &r2, &r3}) {
    auto part = r->Deliveries();
    deliveries.insert(deliveries.end(), part.begin(), part.end());
  }
  std::sort(deliveries.begin(), deliveries.end());
  std::map<int, int> next;  // key -> the first sequence number not yet delivered
  for (const auto& [tick, body] : deliveries) {
    int key = std::stoi(body.substr(0, body.find(':')));
    int seq = std::stoi(body.substr(body.find(':') + 1));
    int& expected = next[key];
    if (seq == expected) {
      ++expected;
    } else {
      EXPECT_LT(seq, expected) << "key " << key << ": message " << seq << " delivered before message " << expected;
    }
  }
  for (int key = 0; key < keys; ++key) EXPECT_EQ(next[key], per_key) << "key " << key;
  c1->shutdown();
  c2->shutdown();
}

TEST_F(ClientConsumerIT, ReconsumeLaterRedeliversThroughTheRetryTopic) {
  CreateTopic("RetryTopic", 1);
  std::atomic<int> calls{0};
  std::atomic<int> reconsume_times{-1};
  std::string seen_topic;
  std::mutex mutex;
  rocketmq::DefaultMQPushConsumer consumer("RetryGroup");
  consumer.setNamesrvAddr(cluster_.namesrv());
  consumer.setConsumeFromWhere(rocketmq::CONSUME_FROM_FIRST_OFFSET);
  consumer.subscribe("RetryTopic", "*");
  consumer.registerMessageListener([&](const std::vector<MQMessageExt>& msgs) {
    if (calls++ == 0) return rocketmq::RECONSUME_LATER;
    std::lock_guard lock(mutex);
    seen_topic = msgs[0].getTopic();
    reconsume_times = msgs[0].getReconsumeTimes();
    return rocketmq::CONSUME_SUCCESS;
  });
  consumer.start();
  Send("RetryTopic", "TagA", "retry-me");
  // The first redelivery waits for delay level 3 on the broker (1 s with this fixture's levels).
  EXPECT_TRUE(WaitFor([&] { return calls >= 2; }, 60s)) << calls;
  {
    std::lock_guard lock(mutex);
    EXPECT_EQ(seen_topic, "RetryTopic");
  }
  EXPECT_EQ(reconsume_times.load(), 1);
  consumer.shutdown();
}

}  // namespace
}  // namespace rmq::testing

#endif

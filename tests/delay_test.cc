// Delay-level messages, 5.x timer messages and consumer retry with delay levels, end to end over
// real mqnamesrv/mqbroker processes and the C++ client. Custom short levels keep each case to a
// few seconds; every timing assertion is "not before the due time, and at most a few seconds
// late", measured on the broker's own clock (the delivered record's STORETIMESTAMP).
#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "broker_fixture.h"
#include "remoting/admin_headers.h"
#include "client_cluster.h"
#include "rocketmq/DefaultMQProducer.h"
#include "rocketmq/DefaultMQPullConsumer.h"
#include "rocketmq/DefaultMQPushConsumer.h"
#include "rocketmq/MQException.h"

#if defined(MQNAMESRV_PATH) && defined(MQBROKER_PATH)

namespace rmq::testing {
namespace {

using namespace std::chrono_literals;
using rocketmq::MQMessage;
using rocketmq::MQMessageExt;

// How late a delivery may be on a loaded 2-core machine; the design target is ~1 s.
constexpr int64_t kMaxLatenessMs = 3000;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class DelayIT : public BrokerFixture {
 protected:
  void SetUp() override {
    auto namesrv = NamesrvProcess::Start(MQNAMESRV_PATH, dir_);
    ASSERT_TRUE(namesrv.ok()) << namesrv.status().ToString();
    namesrv_ = std::move(namesrv).value();
    StartBroker(Conf());
  }
  // broker.conf lines of this test (short levels).
  virtual std::string Conf() const { return "messageDelayLevel=1s 2s 3s\n"; }

  // A producer of its own client instance, so a restarted broker's new address is looked up.
  std::unique_ptr<rocketmq::DefaultMQProducer> Producer() {
    auto producer = std::make_unique<rocketmq::DefaultMQProducer>("DelayProducer");
    producer->setNamesrvAddr(namesrv_->address());
    producer->setInstanceName("delay-producer-" + std::to_string(++instances_));
    producer->start();
    return producer;
  }

  // Every message of every queue of `topic`, from offset 0.
  std::vector<MQMessageExt> PullAll(const std::string& topic) {
    rocketmq::DefaultMQPullConsumer consumer("DelayPuller");
    consumer.setNamesrvAddr(namesrv_->address());
    consumer.setInstanceName("delay-puller-" + std::to_string(++instances_));
    consumer.start();
    std::vector<MQMessageExt> all;
    std::vector<rocketmq::MQMessageQueue> queues;
    try {
      consumer.fetchSubscribeMessageQueues(topic, queues);
    } catch (const std::exception&) {
      consumer.shutdown();
      return all;
    }
    for (const auto& mq : queues) {
      int64_t offset = 0;
      for (int i = 0; i < 1000; ++i) {
        rocketmq::PullResult result = consumer.pull(mq, "*", offset, 32);
        if (result.pullStatus != rocketmq::FOUND) break;
        for (auto& m : result.msgFoundList) all.push_back(m);
        offset = result.nextBeginOffset;
      }
    }
    consumer.shutdown();
    return all;
  }

  // Polls PullAll until at least `count` messages are there.
  std::vector<MQMessageExt> WaitForMessages(const std::string& topic, size_t count, std::chrono::seconds timeout) {
    std::vector<MQMessageExt> all;
    WaitFor(
        [&] {
          all = PullAll(topic);
          if (all.size() >= count) return true;
          std::this_thread::sleep_for(250ms);  // each look starts a client; do not spin
          return false;
        },
        timeout);
    return all;
  }

  std::string ReadFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  // SEND_MESSAGE_V2 with extra properties, answered by the broker directly.
  remoting::RemotingCommand SendRaw(const std::string& topic, const std::vector<std::pair<std::string, std::string>>& props) {
    std::string properties;
    for (const auto& [k, v] : props) AppendProperty(&properties, k, v);
    return SendV2(topic, "raw", properties, 0, NowMs());
  }

  int instances_ = 0;
};

TEST_F(DelayIT, DelayLevelMessagesArriveOnTheirQueueNotBeforeTheDelay) {
  auto producer = Producer();
  std::map<std::string, std::pair<int, int>> sent;  // key -> (level, queue id)
  for (int level : {1, 2, 3, 99}) {
    for (int i = 0; i < 3; ++i) {
      MQMessage msg("DelayLevelTopic", "TagA", "level" + std::to_string(level) + "-" + std::to_string(i), "body");
      msg.setDelayTimeLevel(level);
      auto result = producer->send(msg);
      sent[msg.getKeys()] = {level, result.getMessageQueue().getQueueId()};
    }
  }
  auto all = WaitForMessages("DelayLevelTopic", sent.size(), 60s);
  ASSERT_EQ(all.size(), sent.size());
  const std::map<int, int64_t> delay_ms = {{1, 1000}, {2, 2000}, {3, 3000}, {99, 3000}};  // 99 clamps to 3
  for (const auto& m : all) {
    auto it = sent.find(m.getKeys());
    ASSERT_NE(it, sent.end()) << m.getKeys();
    const int64_t due = m.getBornTimestamp() + delay_ms.at(it->second.first);
    // STORETIMESTAMP may trail the system clock by up to a millisecond (store/store_clock.h).
    EXPECT_GE(m.getStoreTimestamp(), due - 2) << m.getKeys() << " delivered early";
    EXPECT_LE(m.getStoreTimestamp(), due + kMaxLatenessMs) << m.getKeys() << " delivered late";
    EXPECT_EQ(m.getQueueId(), it->second.second) << m.getKeys();
    // As upstream, the delivered record keeps REAL_TOPIC / REAL_QID / DELAY.
    EXPECT_EQ(m.getProperty("REAL_TOPIC"), "DelayLevelTopic");
    EXPECT_EQ(m.getProperty("REAL_QID"), std::to_string(it->second.second));
    EXPECT_EQ(m.getProperty("DELAY"), it->second.first == 99 ? "3" : std::to_string(it->second.first));
    EXPECT_EQ(m.getTags(), "TagA");
  }
  producer->shutdown();
}

TEST_F(DelayIT, TimerMessagesArriveAtTheirDeliveryTime) {
  auto producer = Producer();
  std::map<std::string, int64_t> due;  // key -> not-before time (client clock = broker clock here)
  const int64_t start = NowMs();
  MQMessage at("TimerTopic", "TagT", "deliver-ms", "body");
  at.setDeliverTimeMs(start + 2500);
  due["deliver-ms"] = start + 2500;
  producer->send(at);
  MQMessage sec("TimerTopic", "TagT", "delay-sec", "body");
  sec.setDelayTimeSec(2);
  due["delay-sec"] = NowMs() + 2000;  // the broker starts counting when the send arrives, later than now
  producer->send(sec);
  MQMessage ms("TimerTopic", "TagT", "delay-ms", "body");
  ms.setDelayTimeMs(1500);
  due["delay-ms"] = NowMs() + 1500;
  producer->send(ms);
  MQMessage past("TimerTopic", "TagT", "past", "body");
  past.setDeliverTimeMs(start - 1000);  // already due: an ordinary message
  due["past"] = 0;
  producer->send(past);

  auto all = WaitForMessages("TimerTopic", due.size(), 60s);
  ASSERT_EQ(all.size(), due.size());
  for (const auto& m : all) {
    ASSERT_TRUE(due.count(m.getKeys())) << m.getKeys();
    if (m.getKeys() == "past") {
      EXPECT_EQ(m.getProperty("TIMER_OUT_MS"), "");
      continue;
    }
    const int64_t not_before = due[m.getKeys()];
    EXPECT_GE(m.getStoreTimestamp(), not_before - 5) << m.getKeys() << " delivered early";
    EXPECT_LE(m.getStoreTimestamp(), not_before + kMaxLatenessMs) << m.getKeys() << " delivered late";
    EXPECT_FALSE(m.getProperty("TIMER_OUT_MS").empty()) << m.getKeys();
    EXPECT_FALSE(m.getProperty("TIMER_DEQUEUE_MS").empty()) << m.getKeys();
    EXPECT_EQ(m.getProperty("REAL_TOPIC"), "TimerTopic");
  }
  producer->shutdown();
}

class DelayLimitsIT : public DelayIT {
 protected:
  std::string Conf() const override { return "messageDelayLevel=1s 2s\ntimerMaxDelaySec=60\nautoCreateTopicEnable=false\n"; }
};

TEST_F(DelayLimitsIT, TimerBeyondTheMaxDelayAndDelayToAMissingTopicGetClearErrors) {
  // autoCreateTopicEnable=false: create the topic the refused sends go to.
  ASSERT_EQ(CreateTopicOnBroker("LimitTopic", 1).code(), remoting::ResponseCode::kSuccess);
  EXPECT_EQ(SendRaw("LimitTopic", {{"TIMER_DELAY_SEC", "30"}}).code(), remoting::ResponseCode::kSuccess);

  auto far = SendRaw("LimitTopic", {{"TIMER_DELAY_SEC", "3600"}});
  EXPECT_EQ(far.code(), remoting::ResponseCode::kMessageIllegal);
  EXPECT_NE(far.remark().value_or("").find("max delay"), std::string::npos) << far.remark().value_or("");

  auto bad = SendRaw("LimitTopic", {{"TIMER_DELIVER_MS", "tomorrow"}});
  EXPECT_EQ(bad.code(), remoting::ResponseCode::kMessageIllegal);
  EXPECT_NE(bad.remark().value_or("").find("not a number"), std::string::npos) << bad.remark().value_or("");

  // A delayed message to a topic that does not exist fails as a normal send does.
  auto normal = SendRaw("NoSuchTopic", {});
  auto delayed = SendRaw("NoSuchTopic", {{"DELAY", "2"}});
  EXPECT_EQ(normal.code(), remoting::ResponseCode::kTopicNotExist);
  EXPECT_EQ(delayed.code(), normal.code());
  auto timed = SendRaw("NoSuchTopic", {{"TIMER_DELAY_SEC", "5"}});
  EXPECT_EQ(timed.code(), normal.code());
}

class DelayRestartIT : public DelayIT {
 protected:
  std::string Conf() const override { return "messageDelayLevel=1s 8s\n"; }
};

TEST_F(DelayRestartIT, PendingMessagesAreDeliveredExactlyOnceAcrossARestart) {
  auto producer = Producer();
  const int kEach = 10;
  for (int i = 0; i < kEach; ++i) {
    MQMessage soon("RestartTopic", "T", "soon-level-" + std::to_string(i), "b");
    soon.setDelayTimeLevel(1);
    producer->send(soon);
    MQMessage soon_timer("RestartTopic", "T", "soon-timer-" + std::to_string(i), "b");
    soon_timer.setDelayTimeSec(1);
    producer->send(soon_timer);
    MQMessage later("RestartTopic", "T", "later-level-" + std::to_string(i), "b");
    later.setDelayTimeLevel(2);
    producer->send(later);
    MQMessage later_timer("RestartTopic", "T", "later-timer-" + std::to_string(i), "b");
    later_timer.setDelayTimeSec(8);
    producer->send(later_timer);
  }
  producer->shutdown();
  // The 1 s ones are delivered before the restart, the 8 s ones (normally) after it.
  auto before = WaitForMessages("RestartTopic", 2 * kEach, 30s);
  ASSERT_GE(before.size(), 2u * kEach);

  auto stopped = broker_->Stop();
  ASSERT_TRUE(stopped.ok()) << stopped.status().ToString();
  std::string offsets = ReadFile(dir_.Sub("store") + "/config/delayOffset.json");
  EXPECT_NE(offsets.find("\"offsetTable\""), std::string::npos) << offsets;
  EXPECT_NE(ReadFile(dir_.Sub("store") + "/config/timerProgress.json").find("deliveredUntilMs"), std::string::npos);
  StartBroker(Conf());

  auto after = WaitForMessages("RestartTopic", 4 * kEach, 60s);
  std::this_thread::sleep_for(3s);  // a repeated delivery would show up by now
  after = PullAll("RestartTopic");
  std::map<std::string, int> seen;
  for (const auto& m : after) ++seen[m.getKeys()];
  EXPECT_EQ(seen.size(), 4u * kEach) << "lost messages";
  for (const auto& [key, n] : seen) EXPECT_EQ(n, 1) << key << " delivered " << n << " times";
  EXPECT_EQ(after.size(), 4u * kEach);
}

class DelayRetryIT : public DelayIT {
 protected:
  // Retries use level 3 + reconsumeTimes: 2 s each here.
  std::string Conf() const override { return "messageDelayLevel=1s 1s 2s 2s 2s 2s\n"; }
};

TEST_F(DelayRetryIT, SendBackComesBackAfterTheLevelDelayThenGoesToTheDlq) {
  struct Delivery {
    int64_t at_ms;
    int reconsume_times;
    std::string topic;
  };
  std::mutex mutex;
  std::vector<Delivery> deliveries;
  rocketmq::DefaultMQPushConsumer consumer("DelayRetryGroup");
  consumer.setNamesrvAddr(namesrv_->address());
  consumer.setInstanceName("delay-retry");
  consumer.setConsumeFromWhere(rocketmq::CONSUME_FROM_FIRST_OFFSET);
  consumer.setMaxReconsumeTimes(2);
  consumer.subscribe("RetryDelayTopic", "*");
  consumer.registerMessageListener([&](const std::vector<MQMessageExt>& msgs) {
    std::lock_guard lock(mutex);
    for (const auto& m : msgs) deliveries.push_back({NowMs(), m.getReconsumeTimes(), m.getTopic()});
    return rocketmq::RECONSUME_LATER;
  });
  // Send first, so the topic has a route when the consumer starts (a consumer started before its
  // topic exists waits for the next route poll, up to 30 s, which would blur the timings).
  auto producer = Producer();
  MQMessage retry_me("RetryDelayTopic", "TagR", "retry-key", "retry-me");
  producer->send(retry_me);
  producer->shutdown();
  consumer.start();

  auto dlq = WaitForMessages("%DLQ%DelayRetryGroup", 1, 90s);
  ASSERT_EQ(dlq.size(), 1u);
  std::this_thread::sleep_for(2500ms);  // nothing more may come back
  consumer.shutdown();

  std::lock_guard lock(mutex);
  ASSERT_EQ(deliveries.size(), 3u) << "original + maxReconsumeTimes (2) retries";
  for (size_t i = 0; i < deliveries.size(); ++i) {
    EXPECT_EQ(deliveries[i].reconsume_times, static_cast<int>(i));
    EXPECT_EQ(deliveries[i].topic, "RetryDelayTopic");
    if (i > 0) {
      // The send-back happens after the listener returned, so the gap is at least the level's 2 s.
      // (5 ms: STORETIMESTAMP may trail the system clock by a millisecond.)
      EXPECT_GE(deliveries[i].at_ms - deliveries[i - 1].at_ms, 1995) << "retry " << i << " came back early";
      EXPECT_LE(deliveries[i].at_ms - deliveries[i - 1].at_ms, 2000 + 2 * kMaxLatenessMs) << "retry " << i;
    }
  }
  const MQMessageExt& dead = dlq[0];
  EXPECT_EQ(dead.getBody(), "retry-me");
  EXPECT_EQ(dead.getReconsumeTimes(), 3);
  EXPECT_EQ(dead.getProperty("RETRY_TOPIC"), "RetryDelayTopic");
  EXPECT_FALSE(dead.getProperty("ORIGIN_MESSAGE_ID").empty());
  EXPECT_EQ(dead.getProperty("DELAY"), "0");
}

}  // namespace
}  // namespace rmq::testing

#endif

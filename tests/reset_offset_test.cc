// Backtracking against real mqnamesrv + mqbroker processes: a live push consumer rewound by
// `mqadmin resetOffsetByTime` (INVOKE_BROKER_TO_RESET_OFFSET, the broker pushing
// RESET_CONSUMER_CLIENT_OFFSET) and by the admin API re-consumes the old messages; an offline
// group's offsets are moved by the admin's fallback; the broker's errors for an unknown group or
// topic; and CONSUME_FROM_TIMESTAMP for a group without committed offsets.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <thread>

#include <gtest/gtest.h>

#include "client_cluster.h"
#include "rocketmq/DefaultMQAdminExt.h"
#include "rocketmq/DefaultMQProducer.h"
#include "rocketmq/DefaultMQPushConsumer.h"

#if defined(MQNAMESRV_PATH) && defined(MQBROKER_PATH) && defined(MQADMIN_PATH)

namespace rmq::testing {
namespace {

using namespace std::chrono_literals;
using rocketmq::MQMessage;
using rocketmq::MQMessageExt;
using rocketmq::MQMessageQueue;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class ResetOffsetIT : public ClientClusterTest {
 protected:
  ResetOffsetIT() { UseProducer(producer_); }

  void SendBatch(const std::string& topic, const std::string& prefix, int n) {
    for (int i = 0; i < n; ++i) {
      MQMessage msg(topic, "TagA", prefix + std::to_string(i));
      producer_.send(msg);
    }
  }

  std::unique_ptr<rocketmq::DefaultMQPushConsumer> Consumer(const std::string& group, const std::string& topic,
                                                            DeliveryLog& into, rocketmq::ConsumeFromWhere where,
                                                            const std::string& timestamp = "") {
    PushOptions options;
    options.where = where;
    options.timestamp = timestamp;
    return PushConsumer(group, topic, rocketmq::MessageSelector::byTag("*"), into, options);
  }

  // Sum over the topic's queues of the group's committed offsets (-1 counts as 0).
  int64_t CommittedSum(const std::string& group, const std::string& topic, int queues) {
    int64_t sum = 0;
    for (int q = 0; q < queues; ++q) {
      try {
        sum += std::max<int64_t>(0, admin_.queryConsumerOffset(group, MQMessageQueue(topic, "broker-a", q)));
      } catch (const rocketmq::MQException&) {
      }
    }
    return sum;
  }

  // Runs mqadmin with -n.
  std::pair<int, std::string> Mqadmin(std::vector<std::string> args) {
    static int counter = 0;
    args.push_back("-n");
    args.push_back(cluster_.namesrv());
    ProcessOptions options;
    options.executable = MQADMIN_PATH;
    options.args = args;
    options.env = {{"HOME", cluster_.dir().Sub("mqadmin_home")}};
    options.output_path = cluster_.dir().Sub("mqadmin_" + std::to_string(counter++) + ".out");
    return RunToExit(std::move(options), 60s);
  }

  rocketmq::DefaultMQProducer producer_{"ResetITProducer"};
};

TEST_F(ResetOffsetIT, MqadminResetOffsetByTimeRewindsALivePushConsumer) {
  CreateTopic("ResetLiveTopic", 4);
  DeliveryLog got;
  int64_t before = NowMs() - 1000;
  SendBatch("ResetLiveTopic", "live", 20);
  auto consumer = Consumer("ResetLiveGroup", "ResetLiveTopic", got, rocketmq::CONSUME_FROM_FIRST_OFFSET);
  ASSERT_TRUE(WaitFor([&] { return got.AllAtLeast("live", 20, 1); }, 30s)) << got.Distinct();
  // The consumer commits every 5 s; the reset must win over those commits.
  ASSERT_TRUE(WaitFor([&] { return CommittedSum("ResetLiveGroup", "ResetLiveTopic", 4) == 20; }, 20s));

  auto [code, output] = Mqadmin({"resetOffsetByTime", "-g", "ResetLiveGroup", "-t", "ResetLiveTopic", "-s",
                                 std::to_string(before)});
  ASSERT_EQ(code, 0) << output;
  // The broker served the reset (not the tool-side fallback for offline groups).
  EXPECT_NE(output.find("start reset consumer offset by specified, group[ResetLiveGroup], topic[ResetLiveTopic], "
                        "force[true], timestamp(string)[" + std::to_string(before) + "]"),
            std::string::npos)
      << output;
  EXPECT_NE(output.find("#brokerName"), std::string::npos) << output;
  EXPECT_NE(output.find("#offset"), std::string::npos) << output;
  EXPECT_EQ(output.find("#resetOffset"), std::string::npos) << output;

  // Every old message comes again, and the group's committed offsets end where they were.
  EXPECT_TRUE(WaitFor([&] { return got.AllAtLeast("live", 20, 2); }, 30s));
  EXPECT_TRUE(WaitFor([&] { return CommittedSum("ResetLiveGroup", "ResetLiveTopic", 4) == 20; }, 20s));
  consumer->shutdown();
}

TEST_F(ResetOffsetIT, AdminApiResetToATimestampReconsumesOnlyLaterMessages) {
  CreateTopic("ResetApiTopic", 2);
  DeliveryLog got;
  SendBatch("ResetApiTopic", "early", 10);
  std::this_thread::sleep_for(300ms);
  int64_t middle = NowMs();
  std::this_thread::sleep_for(300ms);
  SendBatch("ResetApiTopic", "late", 10);
  auto consumer = Consumer("ResetApiGroup", "ResetApiTopic", got, rocketmq::CONSUME_FROM_FIRST_OFFSET);
  ASSERT_TRUE(WaitFor([&] { return got.AllAtLeast("early", 10, 1) && got.AllAtLeast("late", 10, 1); }, 30s));
  ASSERT_TRUE(WaitFor([&] { return CommittedSum("ResetApiGroup", "ResetApiTopic", 2) == 20; }, 20s));

  auto offsets = admin_.resetOffsetByTimestamp("ResetApiTopic", "ResetApiGroup", middle, true);
  ASSERT_EQ(offsets.size(), 2u);
  int64_t total = 0;
  for (const auto& [mq, offset] : offsets) {
    EXPECT_EQ(offset, admin_.searchOffset(mq, middle)) << mq.toString();
    total += admin_.maxOffset(mq) - offset;
  }
  EXPECT_EQ(total, 10);  // exactly the late batch lies after the timestamp

  EXPECT_TRUE(WaitFor([&] { return got.AllAtLeast("late", 10, 2); }, 30s));
  std::this_thread::sleep_for(1s);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(got.Count("early" + std::to_string(i)), 1) << i;
  consumer->shutdown();
}

TEST_F(ResetOffsetIT, OfflineGroupOffsetsAreMovedByTheFallback) {
  CreateTopic("ResetOfflineTopic", 2);
  DeliveryLog got;
  int64_t before = NowMs() - 1000;
  SendBatch("ResetOfflineTopic", "off", 10);
  auto consumer = Consumer("ResetOfflineGroup", "ResetOfflineTopic", got, rocketmq::CONSUME_FROM_FIRST_OFFSET);
  ASSERT_TRUE(WaitFor([&] { return got.AllAtLeast("off", 10, 1); }, 30s));
  consumer->shutdown();  // commits its offsets
  ASSERT_EQ(CommittedSum("ResetOfflineGroup", "ResetOfflineTopic", 2), 10);
  // Offline once the broker has dropped the member's channel (unregister or closed connection).
  ASSERT_TRUE(WaitFor(
      [&] {
        try {
          return admin_.examineConsumerConnectionInfo("ResetOfflineGroup").connectionSet.empty();
        } catch (const rocketmq::MQException&) {
          return true;  // CONSUMER_NOT_ONLINE
        }
      },
      30s));

  // No live consumer: the broker answers CONSUMER_NOT_ONLINE and the admin API (under mqadmin)
  // commits the offsets itself.
  auto [code, output] = Mqadmin({"resetOffsetByTime", "-g", "ResetOfflineGroup", "-t", "ResetOfflineTopic", "-s",
                                 std::to_string(before)});
  ASSERT_EQ(code, 0) << output;
  EXPECT_NE(output.find("group[ResetOfflineGroup], topic[ResetOfflineTopic]"), std::string::npos) << output;
  EXPECT_EQ(CommittedSum("ResetOfflineGroup", "ResetOfflineTopic", 2), 0);

  // A consumer of the group starting now re-reads everything.
  DeliveryLog again;
  auto restarted = Consumer("ResetOfflineGroup", "ResetOfflineTopic", again, rocketmq::CONSUME_FROM_LAST_OFFSET);
  EXPECT_TRUE(WaitFor([&] { return again.AllAtLeast("off", 10, 1); }, 30s));
  restarted->shutdown();
}

TEST_F(ResetOffsetIT, UnknownGroupAndTopicGetClearErrors) {
  CreateTopic("ResetErrTopic", 1);
  SendBatch("ResetErrTopic", "e", 1);
  try {
    admin_.resetOffsetByTimestamp("ResetErrTopic", "NeverSeenGroup", NowMs(), true);
    ADD_FAILURE() << "a group without offsets or consumers was reset";
  } catch (const rocketmq::MQBrokerException& e) {
    EXPECT_NE(std::string(e.what()).find("NeverSeenGroup> not exist"), std::string::npos) << e.what();
  }
  EXPECT_THROW(admin_.resetOffsetByTimestamp("NoSuchResetTopic", "NeverSeenGroup", NowMs(), true),
               rocketmq::MQException);
}

TEST_F(ResetOffsetIT, ConsumeFromTimestampStartsAtThatSecond) {
  CreateTopic("FromTimeTopic", 2);
  SendBatch("FromTimeTopic", "old", 10);
  // Wait for the next whole second: the consume timestamp has second resolution.
  int64_t second = NowMs() / 1000 + 1;
  std::this_thread::sleep_for(std::chrono::milliseconds(second * 1000 + 300 - NowMs()));
  SendBatch("FromTimeTopic", "new", 10);
  std::time_t t = static_cast<std::time_t>(second);
  std::tm local{};
  localtime_r(&t, &local);
  char text[16];
  std::strftime(text, sizeof(text), "%Y%m%d%H%M%S", &local);

  DeliveryLog got;
  auto consumer = Consumer("FromTimeGroup", "FromTimeTopic", got, rocketmq::CONSUME_FROM_TIMESTAMP, text);
  EXPECT_TRUE(WaitFor([&] { return got.AllAtLeast("new", 10, 1); }, 30s)) << got.Distinct();
  std::this_thread::sleep_for(1s);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(got.Count("old" + std::to_string(i)), 0) << i;
  consumer->shutdown();
}

}  // namespace
}  // namespace rmq::testing

#endif

#include "broker/schedule/parked_message.h"

#include <gtest/gtest.h>

#include "common/message_properties.h"
#include "remoting/response_code.h"

namespace rmq::broker::schedule {
namespace {

constexpr int64_t kNow = 1700000000000;

MessageExt Message(const Properties& props) {
  MessageExt msg;
  msg.topic = "Orders";
  msg.queue_id = 3;
  msg.body = "payload";
  msg.properties = EncodeProperties(props);
  return msg;
}

std::string Prop(const MessageExt& msg, std::string_view name) {
  auto v = FindProperty(msg.properties, name);
  return v ? std::string(*v) : "<none>";
}

ScheduleRules Rules() { return ScheduleRules::Make("1s 5s 10s", true, 3600, 1000); }

// A clock the lazy Park overload may read; counts the reads.
int clock_reads = 0;
int64_t CountingClock() {
  ++clock_reads;
  return kNow;
}

TEST(ParkedMessageTest, ClockIsReadOnlyForTimerMessages) {
  Parked parked;
  clock_reads = 0;
  MessageExt plain = Message({{"TAGS", "a"}, {"KEYS", "k"}});
  EXPECT_FALSE(Park(Rules(), CountingClock, &plain, &parked));
  EXPECT_EQ(parked, Parked::kNo);
  MessageExt delayed = Message({{"DELAY", "2"}});
  EXPECT_FALSE(Park(Rules(), CountingClock, &delayed, &parked));
  EXPECT_EQ(parked, Parked::kDelayLevel);
  EXPECT_EQ(clock_reads, 0);

  MessageExt timer = Message({{"TIMER_DELAY_SEC", "10"}});
  EXPECT_FALSE(Park(Rules(), CountingClock, &timer, &parked));
  EXPECT_EQ(parked, Parked::kTimer);
  EXPECT_EQ(clock_reads, 1);
  // Same outcome as the overload given the time.
  MessageExt same = Message({{"TIMER_DELAY_SEC", "10"}});
  EXPECT_FALSE(Park(Rules(), kNow, &same, &parked));
  EXPECT_EQ(Prop(timer, "TIMER_OUT_MS"), Prop(same, "TIMER_OUT_MS"));
  EXPECT_EQ(Prop(timer, "TIMER_OUT_MS"), std::to_string(kNow + 10000));
}

TEST(ParkedMessageTest, DelayLevelParksOnItsScheduleQueueWithTheRealTopicKept) {
  MessageExt msg = Message({{"DELAY", "2"}, {"TAGS", "a"}});
  Parked parked;
  EXPECT_FALSE(Park(Rules(), kNow, &msg, &parked));
  EXPECT_EQ(parked, Parked::kDelayLevel);
  EXPECT_EQ(msg.topic, "SCHEDULE_TOPIC_XXXX");
  EXPECT_EQ(msg.queue_id, 1);
  EXPECT_EQ(Prop(msg, "REAL_TOPIC"), "Orders");
  EXPECT_EQ(Prop(msg, "REAL_QID"), "3");
  EXPECT_EQ(Prop(msg, "TAGS"), "a");
}

TEST(ParkedMessageTest, LevelAboveTheMaxIsClampedAndWinsOverTimerProperties) {
  MessageExt msg = Message({{"DELAY", "40"}, {"TIMER_DELAY_SEC", "30"}});
  Parked parked;
  EXPECT_FALSE(Park(Rules(), kNow, &msg, &parked));
  EXPECT_EQ(msg.queue_id, 2);
  EXPECT_EQ(Prop(msg, "DELAY"), "3");
  EXPECT_EQ(Prop(msg, "TIMER_DELAY_SEC"), "<none>");
}

TEST(ParkedMessageTest, NoDelayOrANonPositiveLevelLeavesTheMessageAlone) {
  for (const char* level : {"0", "-1", "x"}) {
    MessageExt msg = Message({{"DELAY", level}});
    std::string before = msg.properties;
    Parked parked;
    EXPECT_FALSE(Park(Rules(), kNow, &msg, &parked));
    EXPECT_EQ(parked, Parked::kNo) << level;
    EXPECT_EQ(msg.topic, "Orders");
    EXPECT_EQ(msg.properties, before);
  }
}

TEST(ParkedMessageTest, TimerDeliveryTimeIsRoundedUpNeverEarly) {
  MessageExt msg = Message({{"TIMER_DELIVER_MS", std::to_string(kNow + 2500)}});
  Parked parked;
  EXPECT_FALSE(Park(Rules(), kNow, &msg, &parked));
  EXPECT_EQ(parked, Parked::kTimer);
  EXPECT_EQ(msg.topic, "rmq_sys_wheel_timer");
  EXPECT_EQ(msg.queue_id, 0);
  EXPECT_EQ(Prop(msg, "TIMER_OUT_MS"), std::to_string(kNow + 3000));
  EXPECT_EQ(Prop(msg, "REAL_QID"), "3");

  MessageExt exact = Message({{"TIMER_DELAY_SEC", "4"}});
  EXPECT_FALSE(Park(Rules(), kNow, &exact, &parked));
  EXPECT_EQ(Prop(exact, "TIMER_OUT_MS"), std::to_string(kNow + 4000));

  MessageExt ms = Message({{"TIMER_DELAY_MS", "10"}});
  EXPECT_FALSE(Park(Rules(), kNow, &ms, &parked));
  EXPECT_EQ(Prop(ms, "TIMER_OUT_MS"), std::to_string(kNow + 1000));
}

TEST(ParkedMessageTest, TimerInThePastIsAnOrdinaryMessage) {
  MessageExt msg = Message({{"TIMER_DELIVER_MS", std::to_string(kNow - 5)}});
  Parked parked;
  EXPECT_FALSE(Park(Rules(), kNow, &msg, &parked));
  EXPECT_EQ(parked, Parked::kNo);
  EXPECT_EQ(msg.topic, "Orders");
}

TEST(ParkedMessageTest, TimerBeyondTheMaxDelayOrNotANumberIsRefusedWithAReason) {
  Parked parked;
  MessageExt far = Message({{"TIMER_DELAY_SEC", "3601"}});
  auto refused = Park(Rules(), kNow, &far, &parked);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code, remoting::ResponseCode::kMessageIllegal);
  EXPECT_NE(refused->remark.find("max delay"), std::string::npos) << refused->remark;
  EXPECT_EQ(far.topic, "Orders");

  MessageExt huge = Message({{"TIMER_DELAY_SEC", "9223372036854775807"}});
  EXPECT_TRUE(Park(Rules(), kNow, &huge, &parked));

  MessageExt bad = Message({{"TIMER_DELIVER_MS", "soon"}});
  refused = Park(Rules(), kNow, &bad, &parked);
  ASSERT_TRUE(refused);
  EXPECT_NE(refused->remark.find("not a number"), std::string::npos) << refused->remark;
}

TEST(ParkedMessageTest, TimersDisabledRefusesTimerMessages) {
  ScheduleRules rules = ScheduleRules::Make("1s", false, 3600, 1000);
  MessageExt msg = Message({{"TIMER_DELAY_SEC", "5"}});
  Parked parked;
  auto refused = Park(rules, kNow, &msg, &parked);
  ASSERT_TRUE(refused);
  EXPECT_NE(refused->remark.find("timerWheelEnable"), std::string::npos);
}

TEST(ParkedMessageTest, TransactionalHalfMessagesAreNotParked) {
  MessageExt msg = Message({{"DELAY", "1"}});
  msg.sys_flag = 0x4;  // prepared
  Parked parked;
  EXPECT_FALSE(Park(Rules(), kNow, &msg, &parked));
  EXPECT_EQ(parked, Parked::kNo);
}

TEST(ParkedMessageTest, UnparkRestoresTheRealTopicAndQueueAndKeepsTheProperties) {
  MessageExt msg = Message({{"DELAY", "1"}, {"KEYS", "k1"}});
  msg.reconsume_times = 2;
  msg.flag = 7;
  Parked parked;
  ASSERT_FALSE(Park(Rules(), kNow, &msg, &parked));
  RecordView view;
  view.topic = msg.topic;
  view.queue_id = msg.queue_id;
  view.flag = msg.flag;
  view.reconsume_times = msg.reconsume_times;
  view.body = msg.body;
  view.properties = msg.properties;
  auto real = Unpark(view, {{kTimerDequeueMs, "42"}});
  ASSERT_TRUE(real.ok()) << real.status().ToString();
  EXPECT_EQ(real->topic, "Orders");
  EXPECT_EQ(real->queue_id, 3);
  EXPECT_EQ(real->flag, 7);
  EXPECT_EQ(real->reconsume_times, 2);
  EXPECT_EQ(real->body, "payload");
  EXPECT_EQ(Prop(*real, "KEYS"), "k1");
  EXPECT_EQ(Prop(*real, "DELAY"), "1");  // kept, as upstream
  EXPECT_EQ(Prop(*real, "TIMER_DEQUEUE_MS"), "42");

  RecordView broken = view;
  broken.properties = "";
  EXPECT_FALSE(Unpark(broken).ok());
}

}  // namespace
}  // namespace rmq::broker::schedule

// Broker-side filters end to end over real mqnamesrv + mqbroker processes: an SQL92 selector
// (MessageSelector::bySql) delivers exactly the messages whose properties match, for the push and
// the lite pull consumer; a bad selector fails start() naming the column; a broker without
// enablePropertyFilter refuses with upstream's remark; a tag subscription delivers exactly its
// tags even when another tag has the same Java hashCode ("Aa" and "BB"), which passes the
// broker's hash check and must be dropped by the client's exact match.
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "client_cluster.h"
#include "rocketmq/DefaultLitePullConsumer.h"
#include "rocketmq/DefaultMQAdminExt.h"
#include "rocketmq/DefaultMQProducer.h"
#include "rocketmq/DefaultMQPushConsumer.h"
#include "rocketmq/MessageSelector.h"

#if defined(MQNAMESRV_PATH) && defined(MQBROKER_PATH)

namespace rmq::testing {
namespace {

using namespace std::chrono_literals;
using rocketmq::MessageSelector;
using rocketmq::MQMessage;
using rocketmq::MQMessageExt;

// One message of the mixed set: its properties a and b (empty = absent).
struct Sample {
  std::string a, b;
};

std::vector<Sample> MixedSet() {
  std::vector<Sample> set;
  for (int a = 0; a < 8; ++a) {
    for (const char* b : {"x", "y"}) set.push_back({std::to_string(a), b});
  }
  set.push_back({"", "x"});      // no a: NULL, no match
  set.push_back({"4", ""});      // no b
  set.push_back({"abc", "x"});   // not a number: the evaluation fails, no match
  set.push_back({"4.5", "x"});   // compared with an integer literal as Integer.valueOf: fails
  set.push_back({"-4", "x"});
  set.push_back({"+4", "x"});    // Integer.valueOf accepts the sign
  return set;
}

// The selector of the tests, written independently of the broker's evaluator: a is an integer
// (optional sign, digits only) within [3, 5] and b is exactly x.
bool ExpectedMatch(const Sample& s) {
  if (s.a.empty() || s.b != "x") return false;
  size_t start = (s.a[0] == '+' || s.a[0] == '-') ? 1 : 0;
  if (start == s.a.size() || s.a.find_first_not_of("0123456789", start) != std::string::npos) return false;
  long value = std::stol(s.a);
  return value >= 3 && value <= 5;
}

std::string BodyOf(size_t i, const Sample& s) { return "m" + std::to_string(i) + " a=" + s.a + " b=" + s.b; }

class SqlFilterIT : public ClientClusterTest {
 protected:
  SqlFilterIT() : ClientClusterTest(1, "enablePropertyFilter=true\n") { UseProducer(producer_); }

  // Sends the mixed set; returns the bodies the selector should deliver.
  std::multiset<std::string> SendMixedSet(const std::string& topic) {
    std::multiset<std::string> expected;
    std::vector<Sample> set = MixedSet();
    for (size_t i = 0; i < set.size(); ++i) {
      MQMessage msg(topic, "TagA", BodyOf(i, set[i]));
      if (!set[i].a.empty()) msg.setProperty("a", set[i].a);
      if (!set[i].b.empty()) msg.setProperty("b", set[i].b);
      producer_.send(msg);
      if (ExpectedMatch(set[i])) expected.insert(BodyOf(i, set[i]));
    }
    return expected;
  }

  rocketmq::DefaultMQProducer producer_{"SqlFilterITProducer"};
};

TEST_F(SqlFilterIT, PushConsumerWithSqlSelectorReceivesExactlyTheMatchingMessages) {
  CreateTopic("SqlTopic", 2);
  std::multiset<std::string> expected = SendMixedSet("SqlTopic");
  ASSERT_EQ(expected.size(), 4u);  // a = 3, 4, 5 and +4 with b = x
  DeliveryLog got;
  auto consumer = PushConsumer("SqlGroup", "SqlTopic", MessageSelector::bySql("a BETWEEN 3 AND 5 AND b = 'x'"), got);
  EXPECT_TRUE(WaitFor([&] { return got.size() >= expected.size(); }, 30s)) << got.size();
  // Messages sent after the consumer started are filtered too (the long-polling path).
  MQMessage late("SqlTopic", "TagA", "late-match");
  late.setProperty("a", "5");
  late.setProperty("b", "x");
  MQMessage late_miss("SqlTopic", "TagA", "late-miss");
  late_miss.setProperty("a", "6");
  late_miss.setProperty("b", "x");
  producer_.send(late_miss);
  producer_.send(late);
  expected.insert("late-match");
  EXPECT_TRUE(WaitFor([&] { return got.size() >= expected.size(); }, 30s)) << got.size();
  std::this_thread::sleep_for(1s);
  EXPECT_EQ(got.Bodies(), expected);
  consumer->shutdown();
}

TEST_F(SqlFilterIT, LitePullConsumerWithSqlSelectorPollsOnlyMatches) {
  CreateTopic("SqlLiteTopic", 2);
  std::multiset<std::string> expected = SendMixedSet("SqlLiteTopic");
  rocketmq::DefaultLitePullConsumer consumer("SqlLiteGroup");
  consumer.setNamesrvAddr(cluster_.namesrv());
  consumer.setInstanceName("lite");
  consumer.setConsumeFromWhere(rocketmq::CONSUME_FROM_FIRST_OFFSET);
  consumer.subscribe("SqlLiteTopic", MessageSelector::bySql("a BETWEEN 3 AND 5 AND b = 'x'"));
  consumer.start();
  std::multiset<std::string> got;
  auto deadline = std::chrono::steady_clock::now() + 30s;
  while (got.size() < expected.size() && std::chrono::steady_clock::now() < deadline) {
    for (const auto& msg : consumer.poll(500)) got.insert(msg.getBody());
  }
  for (const auto& msg : consumer.poll(1000)) got.insert(msg.getBody());
  EXPECT_EQ(got, expected);
  consumer.shutdown();
}

TEST_F(SqlFilterIT, BadSelectorFailsStartNamingTheColumn) {
  CreateTopic("SqlBadTopic", 1);
  DeliveryLog got;
  PushOptions unstarted;
  unstarted.start = false;
  auto consumer = PushConsumer("SqlBadGroup", "SqlBadTopic", MessageSelector::bySql("a BETWEEN 3 5"), got, unstarted);
  try {
    consumer->start();
    FAIL() << "start() accepted a bad selector";
  } catch (const rocketmq::MQClientException& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("column 13"), std::string::npos) << what;
    EXPECT_NE(what.find("expected 'AND'"), std::string::npos) << what;
  }
  // An empty selector is refused at subscribe, before any broker is asked.
  rocketmq::DefaultMQPushConsumer empty("SqlEmptyGroup");
  EXPECT_THROW(empty.subscribe("SqlBadTopic", MessageSelector::bySql("  ")), rocketmq::MQClientException);
}

TEST_F(SqlFilterIT, TagSubscriptionDeliversExactlyItsTagsDespiteHashCollisions) {
  // Java "Aa".hashCode() == "BB".hashCode() == 2112: the broker's hash check lets BB through.
  CreateTopic("TagHashTopic", 2);
  DeliveryLog got;
  auto consumer = PushConsumer("TagHashGroup", "TagHashTopic", MessageSelector::byTag("Aa || TagB"), got);
  std::multiset<std::string> expected;
  const std::vector<std::string> tags = {"Aa", "BB", "TagB", "TagC", "Aa", "BB", "TagB"};
  for (size_t i = 0; i < tags.size(); ++i) {
    std::string body = tags[i] + "#" + std::to_string(i);
    MQMessage msg("TagHashTopic", tags[i], body);
    producer_.send(msg);
    if (tags[i] == "Aa" || tags[i] == "TagB") expected.insert(body);
  }
  EXPECT_TRUE(WaitFor([&] { return got.size() >= expected.size(); }, 30s)) << got.size();
  std::this_thread::sleep_for(1s);
  EXPECT_EQ(got.Bodies(), expected);
  consumer->shutdown();
}

TEST(SqlFilterDisabledIT, BrokerWithoutPropertyFilterRefusesSqlSubscriptions) {
  ClientCluster cluster(1);
  ASSERT_TRUE(cluster.ok());
  rocketmq::DefaultMQAdminExt admin;
  admin.setNamesrvAddr(cluster.namesrv());
  admin.start();
  ASSERT_TRUE(CreateTopicAndWait(admin, "SqlOffTopic", 1));
  admin.shutdown();
  rocketmq::DefaultMQPushConsumer consumer("SqlOffGroup");
  consumer.setNamesrvAddr(cluster.namesrv());
  consumer.subscribe("SqlOffTopic", MessageSelector::bySql("a > 1"));
  consumer.registerMessageListener([](const std::vector<MQMessageExt>&) { return rocketmq::CONSUME_SUCCESS; });
  try {
    consumer.start();
    FAIL() << "start() succeeded against a broker without enablePropertyFilter";
  } catch (const rocketmq::MQClientException& e) {
    EXPECT_NE(std::string(e.what()).find("The broker does not support consumer to filter message by SQL92"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace rmq::testing

#endif

// Producer behaviour that needs no server: UNIQ_KEY ids, batch splitting, message properties,
// compression, errors before start, the name-server address rule.
#include <cstdlib>
#include <regex>

#include <gtest/gtest.h>

#include "client/client_error.h"
#include "client/client_settings.h"
#include "client/message_convert.h"
#include "client/producer_impl.h"
#include "common/message_codec.h"
#include "common/message_properties.h"
#include "rocketmq/DefaultMQProducer.h"

namespace rmq::client {
namespace {

using rocketmq::DefaultMQProducer;
using rocketmq::MQMessage;

TEST(UniqKeyTest, Is32UpperHexStartingWithTheLocalIp) {
  MQMessage msg("T", "body");
  rocketmq::internal::SetUniqKey(msg);
  std::string id = msg.getUniqKey();
  EXPECT_TRUE(std::regex_match(id, std::regex("[0-9A-F]{32}"))) << id;
  std::string ip = LocalIpv4Address();
  unsigned a, b, c, d;
  ASSERT_EQ(sscanf(ip.c_str(), "%u.%u.%u.%u", &a, &b, &c, &d), 4);
  char prefix[9];
  snprintf(prefix, sizeof(prefix), "%02X%02X%02X%02X", a, b, c, d);
  EXPECT_EQ(id.substr(0, 8), prefix);
}

TEST(UniqKeyTest, IdsAreUniqueAndAnExistingKeyIsKept) {
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) {
    MQMessage msg("T", "body");
    rocketmq::internal::SetUniqKey(msg);
    ids.insert(msg.getUniqKey());
  }
  EXPECT_EQ(ids.size(), 1000u);
  MQMessage msg("T", "body");
  msg.setProperty(MQMessage::PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, "MINE");
  rocketmq::internal::SetUniqKey(msg);
  EXPECT_EQ(msg.getUniqKey(), "MINE");
}

TEST(BatchSplitTest, GroupsStayUnderTheLimitAndKeepOrder) {
  std::vector<MQMessage> msgs;
  for (int i = 0; i < 100; ++i) msgs.emplace_back("T", "TagA", std::string(1000, static_cast<char>('a' + i % 26)));
  int64_t limit = 10 * 1024;
  auto groups = DefaultMQProducer::splitBatch(msgs, limit);
  ASSERT_GT(groups.size(), 1u);
  size_t total = 0;
  for (const auto& group : groups) {
    int64_t bytes = 0;
    for (const auto& msg : group) bytes += rocketmq::internal::ProducerImpl::BatchElementSize(msg);
    EXPECT_LE(bytes, limit);
    total += group.size();
  }
  EXPECT_EQ(total, 100u);
  EXPECT_EQ(groups[1][0].getBody(), msgs[groups[0].size()].getBody());
}

TEST(BatchSplitTest, ElementSizeMatchesTheEncodedBody) {
  MQMessage msg("T", "TagA", "key1", "hello");
  rocketmq::internal::SetUniqKey(msg);
  std::string body;
  AppendBatchElement(msg.getFlag(), msg.getBody(), EncodeMessageProperties(msg), &body);
  EXPECT_EQ(static_cast<int64_t>(body.size()), rocketmq::internal::ProducerImpl::BatchElementSize(msg));
  auto elements = DecodeBatchElements(body);
  ASSERT_TRUE(elements.ok());
  ASSERT_EQ(elements->size(), 1u);
  EXPECT_EQ((*elements)[0].body, "hello");
}

TEST(BatchSplitTest, AnOversizedMessageGetsAGroupOfItsOwn) {
  std::vector<MQMessage> msgs = {MQMessage("T", std::string(50, 'x')), MQMessage("T", std::string(500, 'y')),
                                 MQMessage("T", std::string(50, 'z'))};
  auto groups = DefaultMQProducer::splitBatch(msgs, 200);
  ASSERT_EQ(groups.size(), 3u);
}

TEST(MessageTest, PropertiesEncodeTagsKeysDelay) {
  MQMessage msg("TopicTest", "TagA", "k1 k2", "body");
  msg.setDelayTimeLevel(3);
  msg.setProperty("color", "red");
  std::string encoded = EncodeMessageProperties(msg);
  EXPECT_EQ(FindProperty(encoded, "TAGS").value(), "TagA");
  EXPECT_EQ(FindProperty(encoded, "KEYS").value(), "k1 k2");
  EXPECT_EQ(FindProperty(encoded, "DELAY").value(), "3");
  EXPECT_EQ(FindProperty(encoded, "color").value(), "red");
  EXPECT_EQ(msg.getDelayTimeLevel(), 3);
  msg.setDelayTimeLevel(0);
  EXPECT_FALSE(FindProperty(EncodeMessageProperties(msg), "DELAY").has_value());
}

TEST(MessageTest, SetKeysFromAVectorJoinsWithSpaces) {
  MQMessage msg("T", "b");
  msg.setKeys(std::vector<std::string>{"a", "", "b"});
  EXPECT_EQ(msg.getKeys(), "a b");
}

TEST(MessageTest, RecordBecomesMQMessageExtWithUniqKeyAsId) {
  MessageExt record;
  record.topic = "T";
  record.queue_id = 2;
  record.queue_offset = 7;
  record.commit_log_offset = 4096;
  record.store_host = HostAddress::V4(127, 0, 0, 1, 10911);
  record.body = "hello";
  AppendProperty(&record.properties, "UNIQ_KEY", "ABC");
  AppendProperty(&record.properties, "TAGS", "TagA");
  auto msg = ToMQMessageExt(record, "broker-a");
  EXPECT_EQ(msg.getMsgId(), "ABC");
  EXPECT_EQ(msg.getOffsetMsgId(), "7F00000100002A9F0000000000001000");
  EXPECT_EQ(msg.getTags(), "TagA");
  EXPECT_EQ(msg.getQueueOffset(), 7);
  EXPECT_EQ(msg.getBrokerName(), "broker-a");
}

TEST(MessageTest, CompressedBodiesAreInflated) {
  std::string body(10000, 'q');
  auto compressed = Compress(body, 5);
  ASSERT_TRUE(compressed.ok());
  EXPECT_LT(compressed->size(), body.size());
  MessageExt record;
  record.topic = "T";
  record.sys_flag = 1;
  record.body = *compressed;
  EXPECT_EQ(ToMQMessageExt(record, "b").getBody(), body);
  record.body = "not zlib";
  EXPECT_EQ(ToMQMessageExt(record, "b").getBody(), "");
}

TEST(ClientSettingsTest, NoNameServerIsAClearError) {
  unsetenv("NAMESRV_ADDR");
  auto addrs = ResolveNamesrvAddrs("");
  ASSERT_FALSE(addrs.ok());
  EXPECT_EQ(addrs.status().message(), "no name server address: set it or NAMESRV_ADDR");
  DefaultMQProducer producer("pg");
  try {
    producer.start();
    FAIL() << "start() without a name server must throw";
  } catch (const rocketmq::MQClientException& e) {
    EXPECT_NE(std::string(e.what()).find("no name server address: set it or NAMESRV_ADDR"), std::string::npos);
  }
}

TEST(ClientSettingsTest, NamesrvAddrFromTheEnvironmentAndLists) {
  setenv("NAMESRV_ADDR", "10.0.0.1:9876;10.0.0.2:9876", 1);
  auto addrs = ResolveNamesrvAddrs("");
  unsetenv("NAMESRV_ADDR");
  ASSERT_TRUE(addrs.ok());
  EXPECT_EQ(addrs->size(), 2u);
  EXPECT_FALSE(ResolveNamesrvAddrs("nonsense").ok());
}

TEST(ClientSettingsTest, TopicAndGroupNamesAreValidated) {
  EXPECT_TRUE(ValidateTopic("Topic_Test-1%|").ok());
  EXPECT_FALSE(ValidateTopic("").ok());
  EXPECT_FALSE(ValidateTopic("a b").ok());
  EXPECT_FALSE(ValidateTopic(std::string(128, 'a')).ok());
  EXPECT_FALSE(ValidateGroup("g/1").ok());
}

TEST(ProducerTest, SendBeforeStartSaysToStart) {
  DefaultMQProducer producer("pg");
  MQMessage msg("T", "body");
  try {
    producer.send(msg);
    FAIL();
  } catch (const rocketmq::MQClientException& e) {
    EXPECT_NE(std::string(e.what()).find("call start()"), std::string::npos);
  }
}

TEST(ClientErrorTest, ResponseCodesSurviveTheStatus) {
  remoting::RemotingCommand response;
  response.set_code(17);
  response.set_remark("topic not exist");
  Status status = ResponseError(response, "send");
  EXPECT_EQ(ResponseCodeOf(status), 17);
  EXPECT_EQ(ResponseCodeOf(Timeout("x")), 0);
  try {
    ThrowStatus(status, __FILE__, __LINE__);
  } catch (const rocketmq::MQBrokerException& e) {
    EXPECT_EQ(e.GetError(), 17);
  }
}

}  // namespace
}  // namespace rmq::client

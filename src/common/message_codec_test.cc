#include "common/message_codec.h"

#include <gtest/gtest.h>

#include "common/message_format.h"
#include "common/message_id.h"
#include "common/message_properties.h"

namespace rmq {
namespace {

// reference/golden-vectors.md §6, vector F (167 bytes).
constexpr char kVectorF[] =
    "000000A7DAA320A777D18982000000000000000000000000000000000000000000000000000000000000018BCFE568007F0000010000"
    "CF820000018BCFE5687B7F00000100002A9F0000000000000000000000000000000548656C6C6F09546F70696354657374003E544147"
    "53015461674102554E49515F4B45590137463030303030313030303032413946303030303030303030303030303030310257414954"
    "017472756502";

// reference/message-format.md §5.1, vector A (123 bytes).
constexpr char kVectorA[] =
    "0000007BDAA320A777D18982000000000000000000000000000000000000000000000000000000000000018BCFE568007F0000010000"
    "2A9F0000018BCFE5687B7F00000100002A9F0000000000000000000000000000000548656C6C6F09546F706963546573740012544147"
    "530154616741024B455953016B3102";

std::string Bytes(const char* hex) { return HexToBytes(hex).value(); }

MessageExt VectorFMessage() {
  MessageExt m;
  m.topic = "TopicTest";
  m.body = "Hello";
  m.body_crc = BodyCrc(m.body);
  m.born_timestamp = 1700000000000;
  m.born_host = HostAddress::V4(127, 0, 0, 1, 53122);
  m.store_timestamp = 1700000000123;
  m.store_host = HostAddress::V4(127, 0, 0, 1, 10911);
  m.properties = EncodeProperties(
      {{"TAGS", "TagA"}, {"UNIQ_KEY", "7F00000100002A9F0000000000000001"}, {"WAIT", "true"}});
  return m;
}

TEST(MessageCodecTest, BodyCrcClearsTheTopBit) { EXPECT_EQ(BodyCrc("Hello"), 0x77D18982); }

TEST(MessageCodecTest, EncodesVectorFByteForByte) {
  std::string out;
  ASSERT_TRUE(EncodeMessage(VectorFMessage(), &out).ok());
  EXPECT_EQ(BytesToHex(out), kVectorF);
}

TEST(MessageCodecTest, EncodesVectorAByteForByte) {
  MessageExt m = VectorFMessage();
  m.born_host.port = 10911;
  m.properties = EncodeProperties({{"TAGS", "TagA"}, {"KEYS", "k1"}});
  std::string out;
  ASSERT_TRUE(EncodeMessage(m, &out).ok());
  EXPECT_EQ(BytesToHex(out), kVectorA);
}

TEST(MessageCodecTest, DecodesVectorF) {
  std::string f = Bytes(kVectorF);
  auto m = DecodeMessage(f, /*verify_crc=*/true);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->store_size, 167);
  EXPECT_EQ(m->topic, "TopicTest");
  EXPECT_EQ(m->body, "Hello");
  EXPECT_EQ(m->queue_id, 0);
  EXPECT_EQ(m->born_timestamp, 1700000000000);
  EXPECT_EQ(m->store_timestamp, 1700000000123);
  EXPECT_EQ(m->born_host, HostAddress::V4(127, 0, 0, 1, 53122));
  EXPECT_EQ(m->store_host, HostAddress::V4(127, 0, 0, 1, 10911));
  EXPECT_EQ(FindProperty(m->properties, "TAGS").value(), "TagA");
  EXPECT_EQ(FindProperty(m->properties, "UNIQ_KEY").value(), "7F00000100002A9F0000000000000001");
  EXPECT_EQ(CreateOffsetMessageId(m->store_host, m->commit_log_offset), "7F00000100002A9F0000000000000000");
}

TEST(MessageCodecTest, RejectsCorruptBodyOnlyWhenVerifying) {
  std::string f = Bytes(kVectorF);
  f[0x58] = 'J';  // first body byte
  EXPECT_TRUE(DecodeMessage(f, false).ok());
  auto bad = DecodeMessage(f, true);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kCorruption);
}

TEST(MessageCodecTest, RejectsBadMagicTruncationAndSizeMismatch) {
  std::string f = Bytes(kVectorF);
  std::string bad_magic = f;
  bad_magic[4] = 0;
  EXPECT_FALSE(DecodeMessage(bad_magic).ok());
  EXPECT_FALSE(DecodeMessage(std::string_view(f).substr(0, 100)).ok());
  std::string longer = f;
  longer[3] = static_cast<char>(0xA8);  // TOTALSIZE one larger than the fields
  longer.push_back('\0');
  EXPECT_FALSE(DecodeMessage(longer).ok());
}

TEST(MessageCodecTest, Ipv6HostsShiftTheLayout) {
  MessageExt m = VectorFMessage();
  m.sys_flag = sysflag::kBornHostV6 | sysflag::kStoreHostV6;
  m.born_host.ipv6 = true;
  m.born_host.ip = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  m.store_host.ipv6 = true;
  m.store_host.ip = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  std::string out;
  ASSERT_TRUE(EncodeMessage(m, &out).ok());
  ASSERT_EQ(out.size(), 167u + 24);
  EXPECT_EQ(RecordStoreTimestampPos(m.sys_flag), 68);
  auto back = DecodeMessage(out, true);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->born_host, m.born_host);
  EXPECT_EQ(back->store_host, m.store_host);
  EXPECT_EQ(back->store_timestamp, m.store_timestamp);
  EXPECT_EQ(back->properties, m.properties);
  EXPECT_EQ(CreateOffsetMessageId(m.store_host, 5).size(), 56u);
}

TEST(MessageCodecTest, LongTopicUsesMagicV2) {
  MessageExt m = VectorFMessage();
  m.topic = std::string(130, 'x');
  m.properties.clear();
  std::string out;
  ASSERT_TRUE(EncodeMessage(m, &out).ok());
  EXPECT_EQ(out.size(), 91u + 1 + 5 + 130);
  auto back = DecodeMessage(out, true);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->topic, m.topic);
}

TEST(MessageCodecTest, DecodesBackToBackRecords) {
  std::string body = Bytes(kVectorF) + Bytes(kVectorA);
  auto all = DecodeMessages(body);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1].store_size, 123);
}

TEST(MessageCodecTest, BatchElementsMatchTheReferenceExample) {
  std::string props =
      "KEYS\x01k1\x02UNIQ_KEY\x01"
      "7F00000130390BADCAFE47B760000000\x02WAIT\x01true\x02TAGS\x01TagA\x02";
  std::string body;
  AppendBatchElement(0, "Hello", props, &body);
  ASSERT_EQ(body.size(), 97u);
  EXPECT_EQ(BytesToHex(body.substr(0, 27)), "000000610000000000000000000000000000000548656C6C6F0046");
  AppendBatchElement(7, "World!", "TAGS\x01TagB\x02", &body);
  auto elements = DecodeBatchElements(body);
  ASSERT_TRUE(elements.ok());
  ASSERT_EQ(elements->size(), 2u);
  EXPECT_EQ((*elements)[0].body, "Hello");
  EXPECT_EQ((*elements)[0].properties, props);
  EXPECT_EQ((*elements)[1].flag, 7);
  EXPECT_EQ((*elements)[1].body, "World!");
  body.pop_back();
  EXPECT_FALSE(DecodeBatchElements(body).ok());
}

}  // namespace
}  // namespace rmq

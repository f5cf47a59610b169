#include "common/register_broker_body.h"

#include <zlib.h>

#include <gtest/gtest.h>

#include "common/coding.h"
#include "common/mq_version.h"

namespace rmq {
namespace {

TopicConfig MakeTopic(std::string name, int32_t queues) {
  TopicConfig config;
  config.topic_name = std::move(name);
  config.read_queue_nums = queues;
  config.write_queue_nums = queues;
  return config;
}

// The 5.x example of reference/remoting.md §5.2.
constexpr std::string_view kJavaBody =
    R"({"filterServerList":[],"topicConfigSerializeWrapper":{"dataVersion":{"counter":3,"stateVersion":0,"timestamp":1700000000000},"mappingDataVersion":{"counter":0,"stateVersion":0,"timestamp":1700000000500},"topicConfigTable":{"TopicTest":{"attributes":{},"order":false,"perm":6,"readQueueNums":4,"topicFilterType":"SINGLE_TAG","topicName":"TopicTest","topicSysFlag":0,"writeQueueNums":4}},"topicQueueMappingDetailMap":{},"topicQueueMappingInfoMap":{}}})";

TEST(RegisterBrokerBodyTest, JsonMatchesJavaExample) {
  RegisterBrokerBody body;
  body.topic_config_serialize_wrapper.data_version = {1700000000000, 3, 0};
  body.topic_config_serialize_wrapper.mapping_data_version = {1700000000500, 0, 0};
  body.topic_config_serialize_wrapper.topic_config_table["TopicTest"] = MakeTopic("TopicTest", 4);
  EXPECT_EQ(body.EncodeJson(), kJavaBody);
  auto decoded = RegisterBrokerBody::Decode(kJavaBody, /*compressed=*/false, MQVersion::kCurrent);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, body);
}

TEST(RegisterBrokerBodyTest, Decodes4xBodyWithoutStateVersionOrAttributes) {
  auto decoded = RegisterBrokerBody::Decode(
      R"({"filterServerList":[],"topicConfigSerializeWrapper":{"dataVersion":{"counter":7,"timestamp":17},"topicConfigTable":{"T":{"order":false,"perm":6,"readQueueNums":8,"topicFilterType":"SINGLE_TAG","topicName":"T","topicSysFlag":0,"writeQueueNums":8}}}})",
      false, MQVersion::kV4_6_0);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  const auto& wrapper = decoded->topic_config_serialize_wrapper;
  EXPECT_EQ(wrapper.data_version, (DataVersion{17, 7, 0}));
  EXPECT_EQ(wrapper.topic_config_table.at("T").read_queue_nums, 8);
}

// Builds the compressed form by hand, as a 4.x broker's RegisterBrokerBody#encode(true) does.
std::string JavaCompressed(const std::vector<std::string>& lines, std::string_view version_json,
                           bool with_mapping_section) {
  std::string plain;
  auto prefixed = [&](std::string_view bytes) {
    AppendBigEndian32(&plain, static_cast<uint32_t>(bytes.size()));
    plain.append(bytes);
  };
  prefixed(version_json);
  AppendBigEndian32(&plain, static_cast<uint32_t>(lines.size()));
  for (const auto& line : lines) prefixed(line);
  prefixed("[]");
  if (with_mapping_section) AppendBigEndian32(&plain, 0);
  uLongf size = compressBound(plain.size());
  std::string out(size, '\0');
  EXPECT_EQ(compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(plain.data()),
                      plain.size(), Z_BEST_COMPRESSION),
            Z_OK);
  out.resize(size);
  return out;
}

TEST(RegisterBrokerBodyTest, DecodesCompressedForm) {
  std::string compressed = JavaCompressed({"TopicTest 4 4 6 SINGLE_TAG", "Other 8 2 4 MULTI_TAG {\"k\":\"v\"}"},
                                          R"({"counter":5,"timestamp":1700000000000})", false);
  ASSERT_EQ(static_cast<unsigned char>(compressed[0]), 0x78);
  ASSERT_EQ(static_cast<unsigned char>(compressed[1]), 0xda);
  auto decoded = RegisterBrokerBody::Decode(compressed, /*compressed=*/true, MQVersion::kV4_6_0);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  const auto& wrapper = decoded->topic_config_serialize_wrapper;
  EXPECT_EQ(wrapper.data_version.counter, 5);
  ASSERT_EQ(wrapper.topic_config_table.size(), 2u);
  EXPECT_EQ(wrapper.topic_config_table.at("TopicTest"), MakeTopic("TopicTest", 4));
  const TopicConfig& other = wrapper.topic_config_table.at("Other");
  EXPECT_EQ(other.read_queue_nums, 8);
  EXPECT_EQ(other.write_queue_nums, 2);
  EXPECT_EQ(other.perm, 4);
  EXPECT_EQ(other.topic_filter_type, "MULTI_TAG");
  EXPECT_EQ(other.attributes.at("k"), "v");
}

TEST(RegisterBrokerBodyTest, CompressedRoundTripWithMappingSection) {
  RegisterBrokerBody body;
  body.topic_config_serialize_wrapper.data_version = {1700000000000, 9, 2};
  body.topic_config_serialize_wrapper.topic_config_table["A"] = MakeTopic("A", 4);
  body.topic_config_serialize_wrapper.topic_config_table["B"] = MakeTopic("B", 1);
  std::string compressed = body.EncodeCompressed();
  auto decoded = RegisterBrokerBody::Decode(compressed, true, MQVersion::kCurrent);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->topic_config_serialize_wrapper.data_version, body.topic_config_serialize_wrapper.data_version);
  EXPECT_EQ(decoded->topic_config_serialize_wrapper.topic_config_table,
            body.topic_config_serialize_wrapper.topic_config_table);
  // A 5.x body read as from an old broker: the trailing section is simply not read.
  EXPECT_TRUE(RegisterBrokerBody::Decode(compressed, true, MQVersion::kV4_6_0).ok());
}

TEST(RegisterBrokerBodyTest, RejectsMalformedBodies) {
  EXPECT_FALSE(RegisterBrokerBody::Decode("{not json", false, MQVersion::kCurrent).ok());
  EXPECT_FALSE(RegisterBrokerBody::Decode(R"({"topicConfigSerializeWrapper":[]})", false, MQVersion::kCurrent).ok());
  EXPECT_FALSE(RegisterBrokerBody::Decode("plain bytes, not zlib", true, MQVersion::kCurrent).ok());
  std::string good = JavaCompressed({"T 1 1 6 SINGLE_TAG"}, R"({"counter":1,"timestamp":1})", true);
  EXPECT_FALSE(RegisterBrokerBody::Decode(good.substr(0, good.size() / 2), true, MQVersion::kCurrent).ok());
  EXPECT_FALSE(RegisterBrokerBody::Decode(JavaCompressed({"T 1 1"}, R"({"counter":1})", false), true,
                                          MQVersion::kCurrent)
                   .ok());
  EXPECT_FALSE(RegisterBrokerBody::Decode(JavaCompressed({"T x 1 6 SINGLE_TAG"}, R"({"counter":1})", false), true,
                                          MQVersion::kCurrent)
                   .ok());
  // A length prefix pointing past the end.
  std::string plain;
  AppendBigEndian32(&plain, 1000);
  plain += "{}";
  uLongf size = compressBound(plain.size());
  std::string lying(size, '\0');
  ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(lying.data()), &size, reinterpret_cast<const Bytef*>(plain.data()),
                      plain.size(), 9),
            Z_OK);
  lying.resize(size);
  EXPECT_FALSE(RegisterBrokerBody::Decode(lying, true, MQVersion::kCurrent).ok());
}

TEST(RegisterBrokerBodyTest, EmptyBodyIsEmptyRegistration) {
  auto decoded = RegisterBrokerBody::Decode("", false, MQVersion::kCurrent);
  ASSERT_TRUE(decoded.ok());
  EXPECT_TRUE(decoded->topic_config_serialize_wrapper.topic_config_table.empty());
}

TEST(TopicConfigTest, LineAndJsonForms) {
  TopicConfig config = MakeTopic("TopicTest", 4);
  EXPECT_EQ(config.EncodeLine(), "TopicTest 4 4 6 SINGLE_TAG {}");
  EXPECT_EQ(config.EncodeJson(),
            R"({"attributes":{},"order":false,"perm":6,"readQueueNums":4,"topicFilterType":"SINGLE_TAG","topicName":"TopicTest","topicSysFlag":0,"writeQueueNums":4})");
  auto decoded = TopicConfig::DecodeLine("TopicTest 4 4 6 SINGLE_TAG {}");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, config);
  EXPECT_FALSE(TopicConfig::DecodeLine("TopicTest 4 4 6 ANY_TAG").ok());
}

TEST(DataVersionTest, JsonForm) {
  DataVersion version{1700000000000, 3, 0};
  EXPECT_EQ(version.Encode(), R"({"counter":3,"stateVersion":0,"timestamp":1700000000000})");
  auto decoded = DataVersion::Decode(R"({"counter":3,"timestamp":1700000000000})");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, version);
  DataVersion next = version;
  next.Next();
  EXPECT_EQ(next.counter, 4);
  EXPECT_NE(next, version);
}

}  // namespace
}  // namespace rmq

// TakeSendMessageRequestHeader against ParseSendMessageRequestHeader: the same header or the
// same error for well-formed, repeated, missing and ill-typed fields in both spellings.
#include "remoting/send_header_decode.h"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "remoting/request_code.h"

namespace rmq::remoting {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

RemotingCommand Request(int32_t code, const Fields& fields) {
  RemotingCommand request = RemotingCommand::CreateRequest(code);
  for (const auto& [key, value] : fields) request.mutable_ext_fields().Append(key, value);
  return request;
}

void ExpectSameHeader(const SendMessageRequestHeader& a, const SendMessageRequestHeader& b) {
  EXPECT_EQ(a.producer_group, b.producer_group);
  EXPECT_EQ(a.topic, b.topic);
  EXPECT_EQ(a.default_topic, b.default_topic);
  EXPECT_EQ(a.default_topic_queue_nums, b.default_topic_queue_nums);
  EXPECT_EQ(a.queue_id, b.queue_id);
  EXPECT_EQ(a.sys_flag, b.sys_flag);
  EXPECT_EQ(a.born_timestamp, b.born_timestamp);
  EXPECT_EQ(a.flag, b.flag);
  EXPECT_EQ(a.properties, b.properties);
  EXPECT_EQ(a.reconsume_times, b.reconsume_times);
  EXPECT_EQ(a.unit_mode, b.unit_mode);
  EXPECT_EQ(a.max_reconsume_times, b.max_reconsume_times);
  EXPECT_EQ(a.batch, b.batch);
  EXPECT_EQ(a.bname, b.bname);
}

// Decodes with both; returns whether they succeeded (and checks they agree either way).
bool Compare(int32_t code, const Fields& fields) {
  RemotingCommand for_generic = Request(code, fields);
  RemotingCommand for_take = Request(code, fields);
  Result<SendMessageRequestHeader> generic = ParseSendMessageRequestHeader(for_generic);
  Result<SendMessageRequestHeader> taken = TakeSendMessageRequestHeader(for_take);
  EXPECT_EQ(generic.ok(), taken.ok()) << code;
  if (generic.ok() && taken.ok()) ExpectSameHeader(*generic, *taken);
  if (!generic.ok() && !taken.ok()) {
    EXPECT_EQ(generic.status().code(), taken.status().code());
    EXPECT_EQ(generic.status().message(), taken.status().message());
  }
  return taken.ok();
}

const Fields kV2 = {{"a", "ProducerGroupWithALongName"}, {"b", "TopicTest"}, {"c", "TBW102"}, {"d", "4"},
                    {"e", "3"}, {"f", "0"}, {"g", "1700000000000"}, {"h", "0"},
                    {"i", "TAGS\x01tag\x02UNIQ_KEY\x01" "0A0B0C0D00002A9F0000000000000001\x02"},
                    {"j", "0"}, {"k", "false"}, {"l", "16"}, {"m", "false"}, {"n", "broker-a"}};

const Fields kV1 = {{"producerGroup", "ProducerGroupWithALongName"}, {"topic", "TopicTest"},
                    {"defaultTopic", "TBW102"}, {"defaultTopicQueueNums", "4"}, {"queueId", "-1"},
                    {"sysFlag", "4"}, {"bornTimestamp", "1700000000000"}, {"flag", "7"},
                    {"properties", "KEYS\x01k1\x02"}, {"reconsumeTimes", "2"}, {"unitMode", "TRUE"},
                    {"maxReconsumeTimes", "3"}, {"batch", "true"}, {"bname", "broker-b"},
                    {"unknownKey", "ignored"}};

TEST(SendHeaderDecodeTest, WellFormedHeadersDecodeAsTheGenericDecoder) {
  EXPECT_TRUE(Compare(RequestCode::kSendMessageV2, kV2));
  EXPECT_TRUE(Compare(RequestCode::kSendBatchMessage, kV2));
  EXPECT_TRUE(Compare(RequestCode::kSendMessage, kV1));
  // Only the required fields.
  Fields required(kV2.begin(), kV2.begin() + 8);
  EXPECT_TRUE(Compare(RequestCode::kSendMessageV2, required));
  // V1 keys on a V2 code (and the reverse) are not fields.
  EXPECT_FALSE(Compare(RequestCode::kSendMessageV2, kV1));
  EXPECT_FALSE(Compare(RequestCode::kSendMessage, kV2));
}

TEST(SendHeaderDecodeTest, RepeatedKeyReadsAsItsLastValue) {
  Fields fields = kV2;
  fields.emplace_back("b", "OtherTopic");
  fields.emplace_back("e", "1");
  EXPECT_TRUE(Compare(RequestCode::kSendMessageV2, fields));
  RemotingCommand request = Request(RequestCode::kSendMessageV2, fields);
  auto header = TakeSendMessageRequestHeader(request);
  ASSERT_TRUE(header.ok());
  EXPECT_EQ(header->topic, "OtherTopic");
  EXPECT_EQ(header->queue_id, 1);
}

TEST(SendHeaderDecodeTest, MissingAndIllTypedFieldsGiveTheSameErrors) {
  // Each required field missing in turn, in both spellings.
  for (size_t i = 0; i < 8; ++i) {
    Fields v2 = kV2;
    v2.erase(v2.begin() + static_cast<std::ptrdiff_t>(i));
    EXPECT_FALSE(Compare(RequestCode::kSendMessageV2, v2)) << i;
    Fields v1 = kV1;
    v1.erase(v1.begin() + static_cast<std::ptrdiff_t>(i));
    EXPECT_FALSE(Compare(RequestCode::kSendMessage, v1)) << i;
  }
  // Bad values: numbers, booleans, overflow, two errors (the first field's is reported).
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"d", "four"}, {"e", ""},  {"e", "+-1"},   {"f", "1.5"},  {"g", "99999999999999999999"},
      {"h", "2147483648"}, {"j", "x"}, {"k", "yes"}, {"l", " 1"}, {"m", "1"}};
  for (const auto& [key, value] : bad) {
    Fields fields = kV2;
    for (auto& entry : fields) {
      if (entry.first == key) entry.second = value;
    }
    EXPECT_FALSE(Compare(RequestCode::kSendMessageV2, fields)) << key << "=" << value;
  }
  Fields two_errors = kV2;
  two_errors[3].second = "x";  // d
  two_errors[9].second = "y";  // j
  EXPECT_FALSE(Compare(RequestCode::kSendMessageV2, two_errors));
  // No extFields at all, and a code that is not a send.
  EXPECT_FALSE(Compare(RequestCode::kSendMessageV2, {}));
  EXPECT_FALSE(Compare(RequestCode::kPullMessage, kV2));
}

TEST(SendHeaderDecodeTest, StringsAreMovedOutOfTheRequest) {
  RemotingCommand request = Request(RequestCode::kSendMessageV2, kV2);
  auto header = TakeSendMessageRequestHeader(request);
  ASSERT_TRUE(header.ok());
  EXPECT_EQ(header->producer_group, "ProducerGroupWithALongName");
  ASSERT_TRUE(header->properties.has_value());
  EXPECT_EQ(header->properties->substr(0, 9), "TAGS\x01tag\x02");
  // The numbers are still there; the moved strings are left empty (documented).
  EXPECT_EQ(*request.ExtField("d"), "4");
  EXPECT_TRUE(request.ExtField("a")->empty());
}

}  // namespace
}  // namespace rmq::remoting

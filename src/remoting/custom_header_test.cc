// The extFields binding of custom_header.h: required and optional fields, value parsing as Java
// does it, error messages, and enum-like fields found by argument-dependent lookup.
#include "remoting/custom_header.h"

#include <gtest/gtest.h>

#include "remoting/consumer_headers.h"
#include "remoting/header_codec.h"

namespace rmq::remoting {
namespace {

struct TestHeader {
  std::string topic;
  int32_t queue_id = 0;
  int64_t offset = 0;
  bool order = false;
  std::optional<std::string> tag;
  std::optional<int32_t> retries;
  std::optional<bool> always_sent = false;

  static constexpr auto Fields() {
    using H = TestHeader;
    return std::make_tuple(Field("topic", &H::topic), Field("queueId", &H::queue_id),
                           Field("offset", &H::offset), Field("order", &H::order), Field("tag", &H::tag),
                           Field("retries", &H::retries), Field("alwaysSent", &H::always_sent));
  }
};

class CustomHeaderTest : public ::testing::Test {
 protected:
  // A command whose extFields hold `entries`, all present.
  static RemotingCommand With(std::initializer_list<std::pair<const char*, const char*>> entries) {
    RemotingCommand command;
    command.mutable_ext_fields();
    for (auto [key, value] : entries) command.SetExtField(key, value);
    return command;
  }
  static RemotingCommand Complete() {
    return With({{"topic", "TopicTest"}, {"queueId", "3"}, {"offset", "1700000000000"}, {"order", "true"}});
  }
  static RemotingCommand Without(std::string_view key) {
    RemotingCommand command = Complete();
    command.mutable_ext_fields().Erase(key);
    return command;
  }
  static RemotingCommand Replacing(std::string_view key, std::string value) {
    RemotingCommand command = Complete();
    command.SetExtField(key, std::move(value));
    return command;
  }
  static std::string ErrorOf(const RemotingCommand& command) {
    Result<TestHeader> header = DecodeCustomHeader<TestHeader>(command);
    EXPECT_FALSE(header.ok());
    return header.ok() ? "" : header.status().message();
  }
};

TEST_F(CustomHeaderTest, DecodesRequiredAndLeavesAbsentOptionalsEmpty) {
  Result<TestHeader> header = DecodeCustomHeader<TestHeader>(Complete());
  ASSERT_TRUE(header.ok()) << header.status().ToString();
  EXPECT_EQ(header->topic, "TopicTest");
  EXPECT_EQ(header->queue_id, 3);
  EXPECT_EQ(header->offset, 1700000000000);
  EXPECT_TRUE(header->order);
  EXPECT_FALSE(header->tag.has_value());
  EXPECT_FALSE(header->retries.has_value());
}

TEST_F(CustomHeaderTest, AlwaysSentFieldDecodesAsItsDefaultWhenMissing) {
  Result<TestHeader> header = DecodeCustomHeader<TestHeader>(Complete());
  ASSERT_TRUE(header.ok());
  EXPECT_EQ(header->always_sent, std::optional<bool>(false));
  Result<TestHeader> sent = DecodeCustomHeader<TestHeader>(Replacing("alwaysSent", "true"));
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(sent->always_sent, std::optional<bool>(true));
}

TEST_F(CustomHeaderTest, MissingRequiredFieldUsesJavasMessage) {
  for (const char* name : {"topic", "queueId", "offset", "order"}) {
    Result<TestHeader> header = DecodeCustomHeader<TestHeader>(Without(name));
    ASSERT_FALSE(header.ok()) << name;
    EXPECT_EQ(header.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(header.status().message(), "the custom field <" + std::string(name) + "> is null");
  }
}

TEST_F(CustomHeaderTest, CommandWithoutExtFieldsIsMissingTheFirstRequiredField) {
  EXPECT_EQ(ErrorOf(RemotingCommand()), "the custom field <topic> is null");
}

TEST_F(CustomHeaderTest, IllTypedIntegerNamesTheField) {
  std::string error = ErrorOf(Replacing("queueId", "abc"));
  EXPECT_NE(error.find("<queueId>"), std::string::npos) << error;
  EXPECT_NE(error.find("\"abc\""), std::string::npos) << error;
}

TEST_F(CustomHeaderTest, IllTypedBooleanNamesTheField) {
  std::string error = ErrorOf(Replacing("order", "maybe"));
  EXPECT_NE(error.find("<order>"), std::string::npos) << error;
  EXPECT_NE(error.find("\"maybe\""), std::string::npos) << error;
}

TEST_F(CustomHeaderTest, IllTypedOptionalFieldIsAnErrorToo) {
  RemotingCommand command = Complete();
  command.SetExtField("retries", "1.5");
  Result<TestHeader> header = DecodeCustomHeader<TestHeader>(command);
  ASSERT_FALSE(header.ok());
  EXPECT_NE(header.status().message().find("<retries>"), std::string::npos);
}

TEST_F(CustomHeaderTest, IntegersOutOfRangeOrPaddedAreRejected) {
  for (const char* text : {"2147483648", "-2147483649", " 3", "3 ", "", "0x10", "3.0", "+-3", "+", "--3"}) {
    EXPECT_FALSE(DecodeCustomHeader<TestHeader>(Replacing("queueId", text)).ok()) << '"' << text << '"';
  }
  EXPECT_FALSE(DecodeCustomHeader<TestHeader>(Replacing("offset", "9223372036854775808")).ok());
}

TEST_F(CustomHeaderTest, IntegersAcceptSignsAsJavaParseIntDoes) {
  Result<TestHeader> plus = DecodeCustomHeader<TestHeader>(Replacing("queueId", "+7"));
  ASSERT_TRUE(plus.ok());
  EXPECT_EQ(plus->queue_id, 7);
  Result<TestHeader> minus = DecodeCustomHeader<TestHeader>(Replacing("queueId", "-1"));
  ASSERT_TRUE(minus.ok());
  EXPECT_EQ(minus->queue_id, -1);
  Result<TestHeader> extremes = DecodeCustomHeader<TestHeader>(Replacing("offset", "-9223372036854775808"));
  ASSERT_TRUE(extremes.ok());
  EXPECT_EQ(extremes->offset, INT64_MIN);
}

TEST_F(CustomHeaderTest, BooleansAreCaseInsensitive) {
  Result<TestHeader> upper = DecodeCustomHeader<TestHeader>(Replacing("order", "TRUE"));
  ASSERT_TRUE(upper.ok());
  EXPECT_TRUE(upper->order);
  Result<TestHeader> mixed = DecodeCustomHeader<TestHeader>(Replacing("order", "False"));
  ASSERT_TRUE(mixed.ok());
  EXPECT_FALSE(mixed->order);
}

TEST_F(CustomHeaderTest, JsonNumbersAndBooleansInExtFieldsDecode) {
  Result<RemotingCommand> command = DecodeJsonHeader(
      R"({"code":1,"extFields":{"topic":"T","queueId":5,"offset":-12,"order":true,"retries":16,"tag":null}})");
  ASSERT_TRUE(command.ok()) << command.status().ToString();
  Result<TestHeader> header = DecodeCustomHeader<TestHeader>(*command);
  ASSERT_TRUE(header.ok()) << header.status().ToString();
  EXPECT_EQ(header->queue_id, 5);
  EXPECT_EQ(header->offset, -12);
  EXPECT_TRUE(header->order);
  EXPECT_EQ(header->retries, std::optional<int32_t>(16));
  EXPECT_FALSE(header->tag.has_value());
}

TEST_F(CustomHeaderTest, EncodeWritesRequiredAndPresentOptionalFieldsAsStrings) {
  TestHeader header;
  header.topic = "TopicTest";
  header.queue_id = -1;
  header.offset = 42;
  header.order = true;
  header.retries = 3;
  RemotingCommand command;
  EncodeCustomHeader(header, &command);
  EXPECT_TRUE(command.has_ext_fields());
  EXPECT_EQ(*command.ExtField("topic"), "TopicTest");
  EXPECT_EQ(*command.ExtField("queueId"), "-1");
  EXPECT_EQ(*command.ExtField("offset"), "42");
  EXPECT_EQ(*command.ExtField("order"), "true");
  EXPECT_EQ(*command.ExtField("retries"), "3");
  EXPECT_EQ(*command.ExtField("alwaysSent"), "false");
  EXPECT_EQ(command.ExtField("tag"), nullptr);
  EXPECT_EQ(command.ext_fields().size(), 6u);
}

TEST_F(CustomHeaderTest, EncodeOfAFieldlessHeaderStillMarksExtFieldsPresent) {
  struct Empty {
    static constexpr auto Fields() { return std::make_tuple(); }
  };
  RemotingCommand command;
  EncodeCustomHeader(Empty{}, &command);
  EXPECT_TRUE(command.has_ext_fields());
  EXPECT_TRUE(command.ext_fields().empty());
}

TEST_F(CustomHeaderTest, EncodeThenDecodeRoundTrips) {
  TestHeader header;
  header.topic = "%RETRY%group\x01";
  header.queue_id = INT32_MIN;
  header.offset = INT64_MAX;
  header.tag = "";
  header.always_sent = true;
  RemotingCommand command;
  EncodeCustomHeader(header, &command);
  Result<TestHeader> decoded = DecodeCustomHeader<TestHeader>(command);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->topic, header.topic);
  EXPECT_EQ(decoded->queue_id, header.queue_id);
  EXPECT_EQ(decoded->offset, header.offset);
  EXPECT_EQ(decoded->order, header.order);
  EXPECT_EQ(decoded->tag, std::optional<std::string>(""));
  EXPECT_FALSE(decoded->retries.has_value());
  EXPECT_EQ(decoded->always_sent, std::optional<bool>(true));
}

TEST_F(CustomHeaderTest, EnumFieldUsesTheParserFoundByArgumentDependentLookup) {
  RemotingCommand command =
      With({{"topic", "T"}, {"queueId", "0"}, {"timestamp", "5"}, {"boundaryType", "upper"}});
  Result<SearchOffsetRequestHeader> upper = DecodeCustomHeader<SearchOffsetRequestHeader>(command);
  ASSERT_TRUE(upper.ok()) << upper.status().ToString();
  EXPECT_EQ(upper->boundary_type, std::optional<BoundaryType>(BoundaryType::kUpper));

  // As BoundaryType#getType, anything but "upper" is LOWER.
  command.SetExtField("boundaryType", "sideways");
  Result<SearchOffsetRequestHeader> lower = DecodeCustomHeader<SearchOffsetRequestHeader>(command);
  ASSERT_TRUE(lower.ok());
  EXPECT_EQ(lower->boundary_type, std::optional<BoundaryType>(BoundaryType::kLower));

  RemotingCommand encoded;
  EncodeCustomHeader(*upper, &encoded);
  EXPECT_EQ(*encoded.ExtField("boundaryType"), "UPPER");
}

}  // namespace
}  // namespace rmq::remoting

namespace rmq::remoting {
namespace {

TEST(CustomHeaderMoveTest, EncodingARvalueHeaderWritesWhatACopyWrites) {
  TestHeader header;
  header.topic = "a-topic-name-longer-than-the-small-string-buffer";
  header.queue_id = 7;
  header.offset = -1;
  header.order = true;
  header.tag = "a-tag-long-enough-to-live-on-the-heap";
  header.retries = 3;
  RemotingCommand copied;
  EncodeCustomHeader(header, &copied);
  RemotingCommand moved;
  EncodeCustomHeader(std::move(header), &moved);
  EXPECT_EQ(moved.ext_fields(), copied.ext_fields());
  ASSERT_NE(moved.ExtField("tag"), nullptr);
  EXPECT_EQ(*moved.ExtField("tag"), "a-tag-long-enough-to-live-on-the-heap");
  EXPECT_EQ(*moved.ExtField("alwaysSent"), "false");
}

}  // namespace
}  // namespace rmq::remoting

// Edge cases of the two header codecs found by tests/fuzz/frame_decoder_fuzz.cc and kept as
// regression tests; the byte-exact cases are in golden_vectors_test.cc.
#include "remoting/header_codec.h"

#include <gtest/gtest.h>

#include "remoting/frame_codec.h"

namespace rmq::remoting {
namespace {

TEST(HeaderCodecTest, JsonHeaderThatIsNullIsRejected) {
  Result<RemotingCommand> command = DecodeJsonHeader("null");
  ASSERT_FALSE(command.ok());
  EXPECT_EQ(command.status().code(), StatusCode::kCorruption);
  EXPECT_FALSE(DecodeJsonHeader(" null\n").ok());
}

TEST(HeaderCodecTest, JsonExtFieldsNullAfterAnObjectDropsItsEntries) {
  Result<RemotingCommand> command = DecodeJsonHeader(R"({"code":1,"extFields":{"k":"v"},"extFields":null})");
  ASSERT_TRUE(command.ok()) << command.status().ToString();
  EXPECT_FALSE(command->has_ext_fields());
  EXPECT_TRUE(command->ext_fields().empty());
  EXPECT_EQ(command->ExtField("k"), nullptr);
}

TEST(HeaderCodecTest, JsonRepeatedExtFieldsKeepsTheLastObject) {
  Result<RemotingCommand> command =
      DecodeJsonHeader(R"({"code":1,"extFields":{"a":"1"},"flag":0,"extFields":{"b":"2"}})");
  ASSERT_TRUE(command.ok()) << command.status().ToString();
  EXPECT_TRUE(command->has_ext_fields());
  EXPECT_EQ(command->ExtField("a"), nullptr);
  ASSERT_NE(command->ExtField("b"), nullptr);
  EXPECT_EQ(*command->ExtField("b"), "2");
  EXPECT_EQ(command->ext_fields().size(), 1u);
}

TEST(HeaderCodecTest, BinaryEncoderLeavesOutKeysTooLongForTheirInt16Length) {
  RemotingCommand command;
  command.set_serialize_type(SerializeType::kRocketMq);
  command.SetExtField(std::string(0x8000, 'k'), "dropped");
  command.SetExtField(std::string(0x7FFF, 'k'), "kept");
  Result<RemotingCommand> decoded = DecodeFrame(EncodeFrame(command));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  ASSERT_EQ(decoded->ext_fields().size(), 1u);
  EXPECT_EQ(*decoded->ExtField(std::string(0x7FFF, 'k')), "kept");
}

}  // namespace
}  // namespace rmq::remoting

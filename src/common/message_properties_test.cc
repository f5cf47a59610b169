#include "common/message_properties.h"

#include <gtest/gtest.h>

#include "common/java_string_hash.h"

namespace rmq {
namespace {

TEST(MessagePropertiesTest, EncodesEveryPairTerminated) {
  EXPECT_EQ(EncodeProperties({{"TAGS", "TagA"}, {"KEYS", "k1"}}), "TAGS\x01TagA\x02KEYS\x01k1\x02");
}

TEST(MessagePropertiesTest, DecodesLikeJava) {
  Properties p = DecodeProperties("TAGS\x01TagA\x02x\x02\x01v\x02K\x01\x02KEYS\x01k1 k2\x02TAGS\x01TagB");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0], (std::pair<std::string, std::string>("TAGS", "TagB")));
  EXPECT_EQ(p[1].second, "k1 k2");
  EXPECT_EQ(FindProperty("TAGS\x01TagA\x02WAIT\x01true\x02", "WAIT").value(), "true");
  EXPECT_FALSE(FindProperty("TAGS\x01TagA\x02", "WAIT").has_value());
}

TEST(MessagePropertiesTest, SplitsKeysOnSingleSpaces) {
  auto keys = SplitKeys("k1  k2 k3 ");
  ASSERT_EQ(keys.size(), 3u);
  EXPECT_EQ(keys[1], "k2");
}

TEST(JavaStringHashTest, MatchesJavaHashCode) {
  EXPECT_EQ(JavaStringHashCode("TagA"), 2598919);
  EXPECT_EQ(JavaStringHashCode("TopicTest#k1"), 2746024);
  EXPECT_EQ(JavaStringHashCode("TopicTest#7F00000130390BADCAFE47B760000000"), 1558186681);
  EXPECT_EQ(JavaStringHashCode(""), 0);
  // "é" is one UTF-16 unit 0xE9; U+1F600 is the surrogate pair D83D DE00.
  EXPECT_EQ(JavaStringHashCode("\xC3\xA9"), 0xE9);
  EXPECT_EQ(JavaStringHashCode("\xF0\x9F\x98\x80"), 0xD83D * 31 + 0xDE00);
  EXPECT_EQ(TagsStringToTagsCode(""), 0);
  EXPECT_LT(TagsStringToTagsCode("polygenelubricants"), 0);  // Java: Integer.MIN_VALUE
  EXPECT_EQ(JavaStringHashCode("polygenelubricants"), INT32_MIN);
}

}  // namespace
}  // namespace rmq

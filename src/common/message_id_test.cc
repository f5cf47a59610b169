#include "common/message_id.h"

#include <gtest/gtest.h>

#include <set>

namespace rmq {
namespace {

TEST(MessageIdTest, OffsetMessageIdRoundTrips) {
  HostAddress host = HostAddress::V4(127, 0, 0, 1, 10911);
  EXPECT_EQ(CreateOffsetMessageId(host, 0), "7F00000100002A9F0000000000000000");
  std::string id = CreateOffsetMessageId(host, 0x123456789AB);
  auto back = DecodeOffsetMessageId(id);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->store_host, host);
  EXPECT_EQ(back->commit_log_offset, 0x123456789AB);
  EXPECT_FALSE(DecodeOffsetMessageId("7F00").ok());
  EXPECT_FALSE(DecodeOffsetMessageId("ZZ00000100002A9F0000000000000000").ok());
}

TEST(MessageIdTest, UniqueIdsHaveTheClientShapeAndDiffer) {
  UniqueIdGenerator gen(HostAddress::V4(10, 1, 2, 3, 0));
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = gen.Next();
    ASSERT_EQ(id.size(), 32u);
    EXPECT_EQ(id.substr(0, 8), "0A010203");
    EXPECT_TRUE(seen.insert(id).second);
  }
}

}  // namespace
}  // namespace rmq

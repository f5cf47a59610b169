#include "common/coding.h"

#include <gtest/gtest.h>

namespace rmq {
namespace {

TEST(CodingTest, BigEndianRoundTrips) {
  std::string buf;
  AppendBigEndian16(&buf, 0x0102);
  AppendBigEndian32(&buf, 0xDAA320A7u);
  AppendBigEndian64(&buf, 0x0000018BCFE56800ull);
  ASSERT_EQ(buf.size(), 14u);
  EXPECT_EQ(buf.substr(0, 2), std::string("\x01\x02", 2));
  EXPECT_EQ(buf.substr(2, 4), std::string("\xda\xa3\x20\xa7", 4));
  EXPECT_EQ(DecodeBigEndian16(buf.data()), 0x0102);
  EXPECT_EQ(DecodeBigEndian32(buf.data() + 2), 0xDAA320A7u);
  EXPECT_EQ(DecodeBigEndian64(buf.data() + 6), 1700000000000ull);
}

TEST(CodingTest, SignedValuesSurviveTheCast) {
  char b[4];
  EncodeBigEndian32(b, static_cast<uint32_t>(-626843481));
  EXPECT_EQ(static_cast<int32_t>(DecodeBigEndian32(b)), -626843481);
}

}  // namespace
}  // namespace rmq

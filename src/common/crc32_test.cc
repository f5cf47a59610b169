#include "common/crc32.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>
#include <string>

namespace rmq {
namespace {

TEST(Crc32Test, MatchesZlibForEveryLengthAndStart) {
  std::mt19937 rng(7);
  std::string data(4096 + 37, '\0');
  for (auto& c : data) c = static_cast<char>(rng());
  for (size_t len = 0; len <= data.size(); len += (len < 300 ? 1 : 61)) {
    for (uint32_t start : {0u, 0x12345678u}) {
      for (size_t offset : {size_t{0}, size_t{3}}) {
        if (offset + len > data.size()) continue;
        uLong expected = crc32(start, reinterpret_cast<const Bytef*>(data.data() + offset), static_cast<uInt>(len));
        ASSERT_EQ(Crc32(start, data.data() + offset, len), expected) << "len " << len << " offset " << offset;
      }
    }
  }
  EXPECT_EQ(Crc32(0, "Hello", 5), 0xF7D18982u);
}

// Lengths around the wide (VPCLMULQDQ) path: from 256 bytes in 128-byte rounds, then 32- and
// 16-byte folds and a byte tail; every length once, at an odd start.
TEST(Crc32Test, MatchesZlibAcrossTheWideFoldingTails) {
  std::mt19937 rng(11);
  std::string data(70000, '\0');
  for (auto& c : data) c = static_cast<char>(rng());
  for (size_t len = 200; len <= 1400; ++len) {
    uLong expected = crc32(0, reinterpret_cast<const Bytef*>(data.data() + 1), static_cast<uInt>(len));
    ASSERT_EQ(Crc32(0, data.data() + 1, len), expected) << "len " << len;
  }
  uLong expected = crc32(0x9abcdef0u, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
  EXPECT_EQ(Crc32(0x9abcdef0u, data.data(), data.size()), expected);
}

}  // namespace
}  // namespace rmq

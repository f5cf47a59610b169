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

}  // namespace
}  // namespace rmq

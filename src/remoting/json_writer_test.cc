// JsonWriter::StringBody against a byte-at-a-time reference of fastjson's escaping: every byte
// value, at every position of strings long enough for the 16-byte scan and its scalar tail.
#include "remoting/json_writer.h"

#include <string>

#include <gtest/gtest.h>

namespace rmq::remoting {
namespace {

// fastjson's escapes, one byte at a time (what StringBody wrote before its 16-byte scan).
std::string Reference(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    switch (u) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out += kHex[u >> 4];
          out += kHex[u & 0xF];
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string Written(std::string_view text) {
  std::string out(JsonWriter::StringBound(text), '\0');
  JsonWriter writer(out.data());
  writer.StringBody(text);
  out.resize(static_cast<size_t>(writer.end() - out.data()));
  return out;
}

TEST(JsonWriterTest, StringBodyEscapesEveryByteAtEveryPosition) {
  for (size_t length : {1u, 15u, 16u, 17u, 31u, 32u, 33u, 47u}) {
    for (size_t position = 0; position < length; ++position) {
      for (int byte = 0; byte < 256; ++byte) {
        std::string text(length, 'a');
        text[position] = static_cast<char>(byte);
        ASSERT_EQ(Written(text), Reference(text)) << "length " << length << " position " << position << " byte "
                                                  << byte;
      }
    }
  }
}

TEST(JsonWriterTest, StringBodyOfAPropertiesValue) {
  // A send's properties: name\x01value pairs separated by \x02, and bytes above 0x7F verbatim.
  const std::string properties =
      "UNIQ_KEY\x01" "7F0000010A2B18B4AAC2580C3A1E0000\x02WAIT\x01true\x02TAGS\x01t\xc3\xa9g \"q\" \\\x02";
  EXPECT_EQ(Written(properties), Reference(properties));
  EXPECT_EQ(Written("UNIQ_KEY\x01x\x02"), "UNIQ_KEY\\u0001x\\u0002");
  EXPECT_EQ(Written(""), "");
  EXPECT_EQ(Written("\x1f\x10\x0f"), "\\u001f\\u0010\\u000f");
}

TEST(JsonWriterTest, StringWritesQuotesWithinItsBound) {
  const std::string text(40, '\x01');
  std::string out(JsonWriter::StringBound(text), '\0');
  JsonWriter writer(out.data());
  writer.String(text);
  EXPECT_EQ(static_cast<size_t>(writer.end() - out.data()), out.size());
  EXPECT_EQ(out.front(), '"');
  EXPECT_EQ(out.back(), '"');
}

}  // namespace
}  // namespace rmq::remoting

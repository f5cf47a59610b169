#include "common/json_reader.h"

#include <gtest/gtest.h>

#include "common/json_writer.h"

namespace rmq {
namespace {

TEST(JsonReaderTest, QuotesFastjsonBareKeys) {
  auto json = ParseLenientJson(R"({"a":{0:"x",-1:"y"},"b":[{1:{2:"z"}}]})", "test");
  ASSERT_TRUE(json.ok()) << json.status().ToString();
  EXPECT_EQ((*json)["a"]["0"], "x");
  EXPECT_EQ((*json)["a"]["-1"], "y");
  EXPECT_EQ((*json)["b"][0]["1"]["2"], "z");
}

TEST(JsonReaderTest, ObjectKeysBecomeTheirJsonText) {
  auto json = ParseLenientJson(R"({"offsetTable":{{"brokerName":"b","queueId":1,"topic":"T"}:42}})", "test");
  ASSERT_TRUE(json.ok()) << json.status().ToString();
  const auto& table = (*json)["offsetTable"];
  ASSERT_EQ(table.size(), 1u);
  auto key = ParseLenientJson(table.begin().key(), "key");
  ASSERT_TRUE(key.ok());
  EXPECT_EQ((*key)["queueId"], 1);
  EXPECT_EQ(table.begin().value(), 42);
}

TEST(JsonReaderTest, StringsWithBracesAndColonsAreLeftAlone) {
  auto json = ParseLenientJson(R"({"k":"{0:\"not a key\"}, x:1"})", "test");
  ASSERT_TRUE(json.ok()) << json.status().ToString();
  EXPECT_EQ((*json)["k"], "{0:\"not a key\"}, x:1");
}

TEST(JsonReaderTest, LenientScalars) {
  auto json = ParseLenientJson(R"({"n":"12","b":"true","i":1,"s":5})", "test");
  ASSERT_TRUE(json.ok());
  int64_t n = 0;
  bool b = false;
  std::string s;
  ASSERT_TRUE(ReadJsonInt(*json, "n", &n).ok());
  EXPECT_EQ(n, 12);
  ASSERT_TRUE(ReadJsonBool(*json, "b", &b).ok());
  EXPECT_TRUE(b);
  ASSERT_TRUE(ReadJsonString(*json, "s", &s).ok());
  EXPECT_EQ(s, "5");
  int32_t narrow = 0;
  auto big = ParseLenientJson(R"({"x":4294967296})", "test");
  ASSERT_TRUE(big.ok());
  EXPECT_FALSE(ReadJsonInt(*big, "x", &narrow).ok());
  EXPECT_TRUE(ReadJsonBool(*json, "missing", &b).ok());  // absent: untouched, not an error
}

TEST(JsonReaderTest, MalformedInputNamesWhat) {
  auto json = ParseLenientJson("{\"a\":", "TopicRouteData");
  ASSERT_FALSE(json.ok());
  EXPECT_NE(json.status().message().find("malformed TopicRouteData"), std::string::npos);
  EXPECT_FALSE(ParseLenientJson("", "x").ok());
  EXPECT_FALSE(ParseLenientJson("{{{{", "x").ok());
  EXPECT_FALSE(ParseLenientJson("\"unterminated", "x").ok());
}

TEST(JsonWriterTest, StandardStyleQuotesUnsafeIntegers) {
  JsonWriter standard(JsonWriter::Style::kStandard);
  standard.BeginArray();
  standard.Int(9007199254740993);
  standard.Int(42);
  standard.EndArray();
  EXPECT_EQ(standard.str(), R"(["9007199254740993",42])");
  JsonWriter legacy;
  legacy.BeginArray();
  legacy.Int(9007199254740993);
  legacy.EndArray();
  EXPECT_EQ(legacy.str(), "[9007199254740993]");
}

TEST(JsonWriterTest, EscapesControlCharactersAndSupplementaryPlanes) {
  JsonWriter legacy;
  legacy.String(std::string("a\"b\\c\n\x01", 7));
  EXPECT_EQ(legacy.str(), R"("a\"b\\c\n\u0001")");
  JsonWriter standard(JsonWriter::Style::kStandard);
  standard.String("\xF0\x9F\x98\x80");  // U+1F600
  EXPECT_EQ(standard.str(), R"("\uD83D\uDE00")");
}

}  // namespace
}  // namespace rmq

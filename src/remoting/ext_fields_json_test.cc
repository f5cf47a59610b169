// A response's extFields kept as JSON text by the header fast path, and the typed headers read
// straight from that text (custom_header.h), against the map route they replace: the same
// values, the same errors, for real responses, malformed text and 20 000 mutated headers.
#include "remoting/ext_fields_json.h"

#include <random>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "remoting/custom_header.h"
#include "remoting/frame_codec.h"
#include "remoting/header_codec.h"
#include "remoting/json_header_fast_decode.h"
#include "remoting/pull_message_headers.h"
#include "remoting/send_message_headers.h"

namespace rmq::remoting {
namespace {

// What the broker sends back for a stored message (the keys and order of its response).
const std::string kSendResponse =
    R"({"code":0,"extFields":{"msgId":"7F00000100002A9F0000000000001F40","queueId":"3","queueOffset":"1234",)"
    R"("transactionId":"7F000001000118B4AAC2A1B2C3D40000","MSG_REGION":"DefaultRegion","TRACE_ON":"true"},)"
    R"("flag":1,"language":"JAVA","opaque":77,"serializeTypeCurrentRPC":"JSON","version":479})";

std::vector<std::pair<std::string, std::string>> Entries(std::string_view object, bool* walked) {
  std::vector<std::pair<std::string, std::string>> out;
  *walked = ext_json::ForEachPlainEntry(object, [&](std::string_view key, std::string_view value) {
    out.emplace_back(key, value);
    return true;
  });
  return out;
}

// The header through the map route: the command's extFields decoded into the map first.
template <typename Header>
Result<Header> ViaMap(const RemotingCommand& command) {
  RemotingCommand copy = command;
  (void)copy.mutable_ext_fields();  // materializes any text
  EXPECT_TRUE(copy.ext_fields_json().empty());
  return DecodeCustomHeader<Header>(copy);
}

// Both headers as maps, so any two headers compare field by field.
template <typename Header>
ExtFields AsMap(const Header& header) {
  RemotingCommand command;
  EncodeCustomHeader(header, &command);
  return command.ext_fields();
}

// Decodes `header` as the client does (DecodeJsonHeader, then the typed decoder, by copy and by
// take) and as the map route does (the full parser, then the map), and expects the same.
template <typename Header>
void ExpectSameAsMapRoute(const std::string& header) {
  Result<RemotingCommand> fast = DecodeJsonHeader(header);
  Result<RemotingCommand> full = DecodeJsonHeaderWithFullParser(header);
  ASSERT_EQ(fast.ok(), full.ok()) << header;
  if (!fast.ok()) return;
  Result<Header> expected = ViaMap<Header>(*full);
  Result<Header> decoded = DecodeCustomHeader<Header>(*fast);
  RemotingCommand taken_from = *fast;
  Result<Header> taken = TakeCustomHeader<Header>(taken_from);
  ASSERT_EQ(decoded.ok(), expected.ok()) << header;
  ASSERT_EQ(taken.ok(), expected.ok()) << header;
  if (expected.ok()) {
    EXPECT_EQ(AsMap(*decoded), AsMap(*expected)) << header;
    EXPECT_EQ(AsMap(*taken), AsMap(*expected)) << header;
  } else {
    EXPECT_EQ(decoded.status().message(), expected.status().message()) << header;
    EXPECT_EQ(taken.status().message(), expected.status().message()) << header;
  }
  // Anything else reading the command sees the map the full parser built.
  EXPECT_EQ(fast->ext_fields(), full->ext_fields()) << header;
  EXPECT_EQ(fast->has_ext_fields(), full->has_ext_fields()) << header;
}

TEST(ExtFieldsJsonTest, WalksThePlainFormEntryByEntry) {
  bool walked = false;
  auto entries = Entries(R"({"a":"1","bb":"","c":"x y/z~"})", &walked);
  EXPECT_TRUE(walked);
  std::vector<std::pair<std::string, std::string>> want = {{"a", "1"}, {"bb", ""}, {"c", "x y/z~"}};
  EXPECT_EQ(entries, want);
  Entries("{}", &walked);
  EXPECT_TRUE(walked);
}

TEST(ExtFieldsJsonTest, AnyOtherFormIsNotWalked) {
  for (const char* text : {
           "", "{", "}", "{\"a\":\"1\"", "{\"a\":\"1\",}", "{\"a\":1}", "{\"a\":true}", "{\"a\":null}",
           "{ \"a\":\"1\"}", "{\"a\" :\"1\"}", "{\"a\":\"1\" }", "{\"a\":\"x\\\"y\"}", "{\"a\":\"\\u0041\"}",
           "{\"a\":\"\xC3\xA9\"}", "{\"a\":\"\x01\"}", "{\"a\":{}}", "{\"a\":[]}", "{\"a\":\"1\"}x", "[]",
           "{\"a\"}", "{\"a\":}", "{\"a\":\"1\"\"b\":\"2\"}", "{\"\xFF\":\"1\"}"}) {
    bool walked = true;
    Entries(text, &walked);
    EXPECT_FALSE(walked) << text;
  }
}

TEST(ExtFieldsJsonTest, AResponseKeepsPlainExtFieldsAsTextAndARequestGetsTheMap) {
  Result<RemotingCommand> response = DecodeJsonHeader(kSendResponse);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->ext_fields_json(),
            R"({"msgId":"7F00000100002A9F0000000000001F40","queueId":"3","queueOffset":"1234",)"
            R"("transactionId":"7F000001000118B4AAC2A1B2C3D40000","MSG_REGION":"DefaultRegion","TRACE_ON":"true"})");
  std::string request = kSendResponse;
  request.replace(request.find("\"flag\":1"), 8, "\"flag\":0");
  Result<RemotingCommand> decoded_request = DecodeJsonHeader(request);
  ASSERT_TRUE(decoded_request.ok());
  EXPECT_TRUE(decoded_request->ext_fields_json().empty());
  EXPECT_EQ(decoded_request->ext_fields().size(), 6u);
  // Re-encoded, the text goes out as it came in: the bytes the map would give.
  RemotingCommand via_map = *response;
  (void)via_map.mutable_ext_fields();
  std::string from_text, from_map;
  EncodeJsonHeader(*response, &from_text);
  EncodeJsonHeader(via_map, &from_map);
  EXPECT_EQ(from_text, from_map);
  EXPECT_EQ(from_text, kSendResponse);
}

TEST(ExtFieldsJsonTest, TheSendResponseReadsAsTheMapRouteReadsIt) {
  Result<RemotingCommand> response = DecodeJsonHeader(kSendResponse);
  ASSERT_TRUE(response.ok());
  Result<SendMessageResponseHeader> header = TakeCustomHeader<SendMessageResponseHeader>(*response);
  ASSERT_TRUE(header.ok()) << header.status().ToString();
  EXPECT_EQ(header->msg_id, "7F00000100002A9F0000000000001F40");
  EXPECT_EQ(header->queue_id, 3);
  EXPECT_EQ(header->queue_offset, 1234);
  EXPECT_EQ(header->transaction_id, "7F000001000118B4AAC2A1B2C3D40000");
  EXPECT_EQ(header->msg_region, "DefaultRegion");
  EXPECT_EQ(header->trace_on, true);
  EXPECT_FALSE(header->batch_uniq_id.has_value());
  ExpectSameAsMapRoute<SendMessageResponseHeader>(kSendResponse);
}

TEST(ExtFieldsJsonTest, GoldenVectorGPullResponseReadsFromItsText) {
  const std::string g =
      R"({"code":0,"extFields":{"suggestWhichBrokerId":"0","groupSysFlag":"0","nextBeginOffset":"1","maxOffset":"1",)"
      R"("minOffset":"0","topicSysFlag":"0"},"flag":1,"language":"JAVA","opaque":9,"remark":"FOUND",)"
      R"("serializeTypeCurrentRPC":"JSON","version":479})";
  Result<RemotingCommand> response = DecodeJsonHeader(g);
  ASSERT_TRUE(response.ok());
  EXPECT_FALSE(response->ext_fields_json().empty());
  Result<PullMessageResponseHeader> header = DecodeCustomHeader<PullMessageResponseHeader>(*response);
  ASSERT_TRUE(header.ok());
  EXPECT_EQ(header->next_begin_offset, 1);
  EXPECT_EQ(header->max_offset, 1);
  EXPECT_EQ(header->min_offset, 0);
  EXPECT_EQ(header->topic_sys_flag, 0);
  ExpectSameAsMapRoute<PullMessageResponseHeader>(g);
}

TEST(ExtFieldsJsonTest, ErrorsDuplicatesAndOddValuesGiveWhatTheMapRouteGives) {
  const std::string head = R"({"code":0,"flag":1,"extFields":)";
  for (const char* ext : {
           R"({"msgId":"m","queueId":"3","queueOffset":"9"})",
           R"({"queueId":"3","queueOffset":"9"})",                                  // msgId missing
           R"({"msgId":"m","queueId":"x","queueOffset":"9"})",                      // not an integer
           R"({"msgId":"m","queueId":"99999999999","queueOffset":"9"})",            // out of int32
           R"({"msgId":"m","queueId":"+7","queueOffset":"-9"})",                    // Java's signs
           R"({"msgId":"m","queueId":"x","queueId":"4","queueOffset":"9"})",        // last value wins
           R"({"msgId":"m","queueId":"4","queueId":"x","queueOffset":"9"})",
           R"({"msgId":"a","msgId":"b","queueId":"1","queueOffset":"2","TRACE_ON":"TRUE"})",
           R"({"msgId":"m","queueId":"1","queueOffset":"2","TRACE_ON":"maybe"})",
           R"({"msgId":"m","queueId":"1","queueOffset":"2","other":"x","transactionId":""})",
           R"({"msgId":"m","queueId":1,"queueOffset":"2"})",                        // a number: the map
           R"({"msgId":"m\"q","queueId":"1","queueOffset":"2"})",                   // an escape: the map
           R"({"msgId":null,"queueId":"1","queueOffset":"2"})",
           R"({ "msgId" : "m" , "queueId" : "1" , "queueOffset" : "2" })",
           R"({})",
       }) {
    ExpectSameAsMapRoute<SendMessageResponseHeader>(head + ext + "}");
  }
  // A repeated extFields: the last one counts, whichever form either is in.
  ExpectSameAsMapRoute<SendMessageResponseHeader>(
      head + R"({"msgId":"a","queueId":"1","queueOffset":"2"},"extFields":{"msgId":"b","queueId":"3","queueOffset":"4"}})");
  ExpectSameAsMapRoute<SendMessageResponseHeader>(
      head + R"({"msgId":"a","queueId":"1","queueOffset":"2"},"extFields":{"msgId":"b","queueId":3,"queueOffset":"4"}})");
  ExpectSameAsMapRoute<SendMessageResponseHeader>(
      head + R"({"msgId":"a","queueId":1,"queueOffset":"2"},"extFields":{"msgId":"b","queueId":"3","queueOffset":"4"}})");
}

TEST(ExtFieldsJsonTest, MutatedResponsesGiveWhatTheMapRouteGives) {
  std::mt19937 rng(20261122);
  const std::string alphabet = "\"\\{}[],:0123456789-+ aZ\x01\x7F\xC3\xA9ntrufalse";
  for (int i = 0; i < 20000; ++i) {
    std::string header = kSendResponse;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits; ++e) {
      const size_t at = rng() % header.size();
      switch (rng() % 3) {
        case 0: header[at] = alphabet[rng() % alphabet.size()]; break;
        case 1: header.erase(at, 1 + rng() % 4); break;
        default: header.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
      }
      if (header.empty()) header = "{";
    }
    ExpectSameAsMapRoute<SendMessageResponseHeader>(header);
    if (HasFailure()) return;
  }
}

}  // namespace
}  // namespace rmq::remoting

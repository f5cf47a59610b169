// EncodeCustomHeaderJson (typed header straight to extFields JSON text) against the map path
// (EncodeCustomHeader, then EncodeJsonHeader): byte-identical frames, the same map when the
// extFields are read back, golden vector A; and TakeCustomHeader against DecodeCustomHeader.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "remoting/custom_header.h"
#include "remoting/frame_codec.h"
#include "remoting/header_codec.h"
#include "remoting/namesrv_headers.h"
#include "remoting/request_code.h"
#include "remoting/send_message_headers.h"

namespace rmq::remoting {
namespace {

SendMessageRequestHeaderV2 FullHeader() {
  SendMessageRequestHeaderV2 h;
  h.a = "benchmark_producer_group";
  h.b = "TopicTest";
  h.c = "TBW102";
  h.d = 4;
  h.e = 3;
  h.f = 0;
  h.g = 1700000000123;
  h.h = -7;
  h.i = std::string("UNIQ_KEY\x01" "7F0000010001000000000000000A0001\x02TAGS\x01tag\x02");
  h.j = 0;
  h.k = false;
  h.l = 16;
  h.m = true;
  h.n = "broker-a";
  return h;
}

// Both encodings of `header` as whole frames.
template <typename Header>
std::pair<std::string, std::string> BothFrames(const Header& header, int32_t code) {
  RemotingCommand via_map = RemotingCommand::CreateRequest(code);
  RemotingCommand direct = via_map;  // same opaque
  EncodeCustomHeader(header, &via_map);
  EncodeCustomHeaderJson(header, &direct);
  EXPECT_FALSE(direct.ext_fields_json().empty());
  return {EncodeFrame(via_map), EncodeFrame(direct)};
}

TEST(CustomHeaderJsonTest, SendHeaderFramesAreByteIdenticalToTheMapPath) {
  std::vector<SendMessageRequestHeaderV2> headers;
  headers.push_back(FullHeader());
  SendMessageRequestHeaderV2 sparse;  // required fields only, all empty or zero
  headers.push_back(sparse);
  SendMessageRequestHeaderV2 odd = FullHeader();
  odd.a = "quote \" backslash \\ slash / tab \t newline \n del \x7F";
  odd.b = std::string("nul \0 inside", 12);
  odd.i = "caf\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87 \xFF raw";  // UTF-8 and a stray byte, written verbatim
  odd.g = INT64_MIN;
  odd.e = INT32_MAX;
  odd.k = true;
  odd.m = std::nullopt;
  odd.n = std::string();
  headers.push_back(odd);
  for (const auto& header : headers) {
    auto [via_map, direct] = BothFrames(header, RequestCode::kSendMessageV2);
    EXPECT_EQ(via_map, direct);
  }
}

TEST(CustomHeaderJsonTest, ReadingTheExtFieldsBackGivesTheMapPathsEntries) {
  for (const auto& header : {FullHeader(), SendMessageRequestHeaderV2{}}) {
    RemotingCommand via_map = RemotingCommand::CreateRequest(RequestCode::kSendMessageV2);
    RemotingCommand direct = via_map;
    EncodeCustomHeader(header, &via_map);
    EncodeCustomHeaderJson(header, &direct);
    EXPECT_EQ(direct.ext_fields(), via_map.ext_fields());
    EXPECT_TRUE(direct.ext_fields_json().empty());  // now held as the map
    EXPECT_TRUE(direct.has_ext_fields());
    EXPECT_EQ(EncodeFrame(direct), EncodeFrame(via_map));
    // The typed decoder reads the same header back.
    Result<SendMessageRequestHeaderV2> decoded = DecodeCustomHeader<SendMessageRequestHeaderV2>(direct);
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    EXPECT_EQ(decoded->a, header.a);
    EXPECT_EQ(decoded->g, header.g);
    EXPECT_EQ(decoded->i, header.i);
    EXPECT_EQ(decoded->m, header.m);
  }
  // Setting a field after the direct encoding edits the map it decodes to.
  RemotingCommand direct = RemotingCommand::CreateRequest(RequestCode::kSendMessageV2);
  EncodeCustomHeaderJson(FullHeader(), &direct);
  direct.SetExtField("b", "Other");
  ASSERT_NE(direct.ExtField("b"), nullptr);
  EXPECT_EQ(*direct.ExtField("b"), "Other");
  EXPECT_EQ(*direct.ExtField("a"), "benchmark_producer_group");
}

TEST(CustomHeaderJsonTest, GoldenVectorA) {
  RemotingCommand request = RemotingCommand::CreateRequest(RequestCode::kGetRouteinfoByTopic);
  request.set_opaque(1);
  request.set_version(479);
  GetRouteInfoRequestHeader header;
  header.topic = "TopicTest";
  EncodeCustomHeaderJson(header, &request);
  const std::string expected =
      "{\"code\":105,\"extFields\":{\"topic\":\"TopicTest\"},\"flag\":0,\"language\":\"JAVA\",\"opaque\":1,"
      "\"serializeTypeCurrentRPC\":\"JSON\",\"version\":479}";
  std::string frame = EncodeFrame(request);
  ASSERT_EQ(frame.size(), 139u);
  EXPECT_EQ(frame.substr(0, 8), std::string("\x00\x00\x00\x87\x00\x00\x00\x83", 8));
  EXPECT_EQ(frame.substr(8), expected);
}

TEST(CustomHeaderJsonTest, OtherSerializeTypesGetTheMap) {
  RemotingCommand via_map = RemotingCommand::CreateRequest(RequestCode::kSendMessageV2);
  via_map.set_serialize_type(SerializeType::kRocketMq);
  RemotingCommand direct = via_map;
  EncodeCustomHeader(FullHeader(), &via_map);
  EncodeCustomHeaderJson(FullHeader(), &direct);
  EXPECT_TRUE(direct.ext_fields_json().empty());
  EXPECT_EQ(EncodeFrame(direct), EncodeFrame(via_map));
  // A command switched to binary after the direct JSON encoding is encoded from the map.
  RemotingCommand switched = RemotingCommand::CreateRequest(RequestCode::kSendMessageV2);
  switched.set_opaque(via_map.opaque());
  EncodeCustomHeaderJson(FullHeader(), &switched);
  switched.set_serialize_type(SerializeType::kRocketMq);
  EXPECT_EQ(EncodeFrame(switched), EncodeFrame(via_map));
}

TEST(CustomHeaderJsonTest, TakeCustomHeaderMatchesDecodeCustomHeader) {
  RemotingCommand response;
  response.SetExtField("msgId", "7F00000100002A9F0000000000000010");
  response.SetExtField("queueId", "3");
  response.SetExtField("queueOffset", "42");
  response.SetExtField("transactionId", "7F0000010001000000000000000A0001");
  response.SetExtField("MSG_REGION", "DefaultRegion");
  response.SetExtField("TRACE_ON", "true");
  Result<SendMessageResponseHeader> copied = DecodeCustomHeader<SendMessageResponseHeader>(response);
  Result<SendMessageResponseHeader> taken = TakeCustomHeader<SendMessageResponseHeader>(response);
  ASSERT_TRUE(copied.ok() && taken.ok());
  EXPECT_EQ(taken->msg_id, copied->msg_id);
  EXPECT_EQ(taken->queue_id, 3);
  EXPECT_EQ(taken->queue_offset, 42);
  EXPECT_EQ(taken->transaction_id, copied->transaction_id);
  EXPECT_EQ(taken->msg_region, copied->msg_region);
  EXPECT_EQ(taken->trace_on, std::optional<bool>(true));
  EXPECT_FALSE(taken->batch_uniq_id.has_value());

  // The same errors, in the same field order.
  for (auto [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"msgId", ""}, {"queueId", "x"}, {"queueOffset", "1.5"}, {"TRACE_ON", "maybe"}}) {
    RemotingCommand bad;
    bad.SetExtField("msgId", "id");
    bad.SetExtField("queueId", "1");
    bad.SetExtField("queueOffset", "2");
    if (value.empty()) {
      bad.mutable_ext_fields().Erase(key);
    } else {
      bad.SetExtField(key, value);
    }
    Result<SendMessageResponseHeader> want = DecodeCustomHeader<SendMessageResponseHeader>(bad);
    Result<SendMessageResponseHeader> got = TakeCustomHeader<SendMessageResponseHeader>(bad);
    ASSERT_FALSE(want.ok()) << key;
    ASSERT_FALSE(got.ok()) << key;
    EXPECT_EQ(got.status().message(), want.status().message());
  }
}

}  // namespace
}  // namespace rmq::remoting

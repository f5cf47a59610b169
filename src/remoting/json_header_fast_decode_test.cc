// The JSON header fast path against the full parser: whatever the fast path takes must decode
// exactly as the full parser decodes it, and the headers real clients send must take it.
#include "remoting/json_header_fast_decode.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "remoting/header_codec.h"
#include "remoting/request_code.h"
#include "remoting/send_message_headers.h"

namespace rmq::remoting {
namespace {

void ExpectSame(const RemotingCommand& fast, const RemotingCommand& full, const std::string& header) {
  EXPECT_EQ(fast.code(), full.code()) << header;
  EXPECT_EQ(fast.language(), full.language()) << header;
  EXPECT_EQ(fast.version(), full.version()) << header;
  EXPECT_EQ(fast.opaque(), full.opaque()) << header;
  EXPECT_EQ(fast.flag(), full.flag()) << header;
  EXPECT_EQ(fast.remark(), full.remark()) << header;
  EXPECT_EQ(fast.has_ext_fields(), full.has_ext_fields()) << header;
  EXPECT_EQ(fast.ext_fields(), full.ext_fields()) << header;
}

// Decodes with both paths; returns whether the fast path took the header.
bool Compare(const std::string& header) {
  RemotingCommand fast;
  bool taken = FastDecodeJsonHeader(header, &fast);
  Result<RemotingCommand> full = DecodeJsonHeaderWithFullParser(header);
  Result<RemotingCommand> chosen = DecodeJsonHeader(header);
  EXPECT_EQ(chosen.ok(), full.ok()) << header;
  if (taken) {
    EXPECT_TRUE(full.ok()) << "fast path accepted what the full parser rejects: " << header << " -> "
                           << full.status().ToString();
    if (full.ok()) ExpectSame(fast, *full, header);
  }
  if (chosen.ok() && full.ok()) ExpectSame(*chosen, *full, header);
  if (!chosen.ok() && !full.ok()) {
    EXPECT_EQ(chosen.status().message(), full.status().message()) << header;
  }
  return taken;
}

TEST(JsonHeaderFastDecodeTest, RealClientHeadersTakeTheFastPathAndMatchTheFullParser) {
  std::vector<std::string> headers = {
      R"({"code":105,"language":"JAVA","opaque":1,"flag":0,"version":121,"extFields":{"topic":"TopicTest"}})",
      "{\"code\":105,\"extFields\":{\"AccessKey\":\"\",\"OnsChannel\":\"\",\"Signature\":\"\",\"topic\":"
      "\"TopicTest\"},\"flag\":0,\"language\":\"CPP\",\"opaque\":1,\"remark\":\"\",\"version\":333}\n",
      R"({"code":0,"flag":1,"language":"GO","opaque":-7,"remark":null,"serializeTypeCurrentRPC":"JSON","version":317})",
      R"( { "code" : 10 , "extFields" : { "a" : "x\"y\\z\/\n\t\u0001\u0002\u007F" , "b" : 12 , "c" : -3 , "d" : true , "e" : false , "f" : null } } )",
      R"({"code":1,"language":3,"extFields":{}})",
      R"({})",
      R"({"code":1,"extFields":{"a":"1"},"flag":0,"extFields":{"b":"2"}})",
      R"({"code":1,"extFields":{"k":"v","k":"w"}})",
      R"({"code":2147483647,"opaque":-2147483648,"remark":42,"unknown":"x","other":123,"more":true})",
      R"({"code":1,"language":"NOT_A_LANGUAGE","language2":null})",
  };
  for (const std::string& header : headers) EXPECT_TRUE(Compare(header)) << header;

  // What this project's own encoder writes for a send request.
  RemotingCommand request = RemotingCommand::CreateRequest(RequestCode::kSendMessageV2);
  SendMessageRequestHeaderV2 h;
  h.a = "group";
  h.b = "TopicTest";
  h.c = "TBW102";
  h.d = 4;
  h.e = 3;
  h.g = 1700000000000;
  h.i = std::string("TAGS\x01tag\x02KEYS\x01k1 k2\x02");
  EncodeCustomHeader(h, &request);
  request.set_remark("quote \" backslash \\ tab \t");
  std::string encoded;
  EncodeJsonHeader(request, &encoded);
  EXPECT_TRUE(Compare(encoded)) << encoded;
}

// The string scan goes 16 bytes at a time: a byte that ends a plain run must be found wherever
// it falls in (or after) such a block.
TEST(JsonHeaderFastDecodeTest, StringsMatchTheFullParserWhereverTheirSpecialByteFalls) {
  struct Special {
    std::string text;
    bool fast;  // whether the fast path takes it
  };
  const std::vector<Special> specials = {
      {"\\\"", true}, {"\\\\", true}, {"\\n", true}, {"\\u0001", true}, {"\x7F", true},
      {"\x01", false}, {"\x1F", false}, {"\xC3\xA9", false}, {"\xFF", false},
  };
  for (size_t length : {0, 1, 15, 16, 17, 31, 32, 33, 48}) {
    for (size_t pos = 0; pos <= length; ++pos) {
      for (const Special& special : specials) {
        std::string text(length, 'x');
        text.insert(pos, special.text);
        const std::string header = "{\"code\":1,\"extFields\":{\"k\":\"" + text + "\"},\"remark\":\"" + text + "\"}";
        EXPECT_EQ(Compare(header), special.fast) << "length " << length << " position " << pos;
      }
    }
  }
}

// Headers in the layout fastjson and EncodeJsonHeader write (keys sorted, compact) take the
// path that matches their key texts literally; they and every one-byte change of them (which that
// path must decode as the full parser does, or leave to the general scan) match the full parser.
TEST(JsonHeaderFastDecodeTest, CanonicalHeadersAndTheirOneByteChangesMatchTheFullParser) {
  RemotingCommand request = RemotingCommand::CreateRequest(RequestCode::kSendMessageV2);
  RemotingCommand response = RemotingCommand::CreateResponse(request, 0);
  response.set_ext_fields_json(
      R"({"msgId":"7F00000100002A9F0000000000001234","queueId":"3","queueOffset":"42",)"
      R"("MSG_REGION":"DefaultRegion","TRACE_ON":"true"})");
  std::vector<std::string> headers;
  auto add = [&headers](const RemotingCommand& command) {
    std::string encoded;
    EncodeJsonHeader(command, &encoded);
    headers.push_back(std::move(encoded));
  };
  add(response);
  response.set_remark("a remark");
  add(response);
  add(RemotingCommand::CreateResponse(request, 17, "no ext fields"));
  RemotingCommand empty_ext = RemotingCommand::CreateResponse(request, 1);
  empty_ext.set_has_ext_fields(true);
  add(empty_ext);
  for (const std::string& header : headers) {
    EXPECT_TRUE(Compare(header)) << header;
    for (size_t i = 0; i < header.size(); ++i) {
      Compare(header.substr(0, i) + header.substr(i + 1));
      for (char c : {'"', '\\', ',', '}', '{', ':', '0', '9', '-', 'x', ' ', '\x01', '\xC3'}) {
        std::string changed = header;
        changed[i] = c;
        Compare(changed);
      }
    }
  }
}

TEST(JsonHeaderFastDecodeTest, UnusualInputIsLeftToTheFullParser) {
  std::vector<std::string> headers = {
      "null",
      "[1]",
      "{",
      R"({"code":1} x)",
      R"({"code":1,})",
      R"({"code":"5"})",
      R"({"code":1.5})",
      R"({"code":1e3})",
      R"({"code":01})",
      R"({"code":-0})",
      R"({"code":2147483648})",
      R"({"code":null})",
      R"({"code":true})",
      R"({"code":{"a":1}})",
      R"({"extFields":null})",
      R"({"extFields":"x"})",
      R"({"extFields":[1]})",
      R"({"extFields":{"a":{"b":1}}})",
      R"({"extFields":{"a":1.25}})",
      R"({"extFields":{"a":12345678901234567890}})",
      // 19 digits: the fast path must stop before its int64 overflows (the fuzzer found one).
      R"({"extFields":{"a":9999999999999999999}})",
      R"({"extFields":{"a":-99999999999999999999}})",
      R"({"opaque":9999999999999999999})",
      R"({"remark":"caf\u00e9"})",
      "{\"remark\":\"caf\xC3\xA9\"}",
      "{\"remark\":\"bad \xFF byte\"}",
      "{\"remark\":\"raw \x01 control\"}",
      R"({"remark":"\ud83d\ude00"})",
      R"({"remark":"\x"})",
      R"({"remark":true})",
      R"({"language":true})",
      R"({"unknown":{"nested":[1,2,{"x":null}]},"code":3})",
  };
  for (const std::string& header : headers) EXPECT_FALSE(Compare(header)) << header;
}

}  // namespace
}  // namespace rmq::remoting

// The direct JSON route of the send header (send_header_json.h) against the general one
// (DecodeJsonHeader, then TakeSendMessageRequestHeader): whenever the top-level decoder accepts
// a header, the general decoder accepts it too with the same top-level fields, and the typed
// header (or its error) is the same. Malformed, unusual and mutated inputs never crash.
#include "remoting/send_header_json.h"

#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "remoting/custom_header.h"
#include "remoting/header_codec.h"
#include "remoting/request_code.h"
#include "remoting/send_header_decode.h"

namespace rmq::remoting {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

std::string JsonHeader(int32_t code, const Fields& fields) {
  RemotingCommand request = RemotingCommand::CreateRequest(code);
  request.set_opaque(4242);
  for (const auto& [key, value] : fields) request.mutable_ext_fields().Append(key, value);
  std::string out;
  EncodeJsonHeader(request, &out);
  return out;
}

const Fields kV2 = {{"a", "ProducerGroupWithALongName"}, {"b", "TopicTest"}, {"c", "TBW102"}, {"d", "4"},
                    {"e", "3"}, {"f", "0"}, {"g", "1700000000000"}, {"h", "0"},
                    {"i", "TAGS\x01tag\x02UNIQ_KEY\x01" "0A0B0C0D00002A9F0000000000000001\x02"},
                    {"j", "0"}, {"k", "false"}, {"l", "16"}, {"m", "false"}, {"n", "broker-a"}};

const Fields kV1 = {{"producerGroup", "pg"}, {"topic", "TopicTest"}, {"defaultTopic", "TBW102"},
                    {"defaultTopicQueueNums", "4"}, {"queueId", "-1"}, {"sysFlag", "0"},
                    {"bornTimestamp", "1700000000000"}, {"flag", "0"}, {"properties", "KEYS\x01k1 k2\x02"}};

// Checks the direct route against the general one on `header`, for each send code; returns
// whether the direct route took it (for the code the header carries).
bool Agree(std::string_view header) {
  bool took_any = false;
  for (int32_t code : {RequestCode::kSendMessage, RequestCode::kSendMessageV2, RequestCode::kSendBatchMessage}) {
    RemotingCommand top;
    std::optional<Result<SendMessageRequestHeader>> direct;
    if (!DecodeJsonSendRequest(header, code, &top, &direct)) continue;
    took_any = true;
    Result<RemotingCommand> full = DecodeJsonHeader(header);
    EXPECT_TRUE(full.ok()) << "direct route accepted what DecodeJsonHeader refuses: " << header;
    EXPECT_TRUE(direct.has_value());
    if (!full.ok() || !direct) return true;
    EXPECT_EQ(top.code(), code);
    EXPECT_EQ(top.code(), full->code()) << header;
    EXPECT_EQ(top.opaque(), full->opaque()) << header;
    EXPECT_EQ(top.flag(), full->flag()) << header;
    EXPECT_EQ(top.version(), full->version()) << header;
    EXPECT_EQ(top.language(), full->language()) << header;
    EXPECT_EQ(top.remark(), full->remark()) << header;
    EXPECT_EQ(top.has_ext_fields(), full->has_ext_fields()) << header;
    EXPECT_TRUE(top.ext_fields().empty());
    RemotingCommand general = *full;
    Result<SendMessageRequestHeader> taken = TakeSendMessageRequestHeader(general);
    EXPECT_EQ(taken.ok(), direct->ok()) << code << " " << header;
    if (taken.ok() && direct->ok()) {
      const SendMessageRequestHeader& d = **direct;
      EXPECT_EQ(d.producer_group, taken->producer_group);
      EXPECT_EQ(d.topic, taken->topic);
      EXPECT_EQ(d.default_topic, taken->default_topic);
      EXPECT_EQ(d.default_topic_queue_nums, taken->default_topic_queue_nums);
      EXPECT_EQ(d.queue_id, taken->queue_id);
      EXPECT_EQ(d.sys_flag, taken->sys_flag);
      EXPECT_EQ(d.born_timestamp, taken->born_timestamp);
      EXPECT_EQ(d.flag, taken->flag);
      EXPECT_EQ(d.properties, taken->properties);
      EXPECT_EQ(d.reconsume_times, taken->reconsume_times);
      EXPECT_EQ(d.unit_mode, taken->unit_mode);
      EXPECT_EQ(d.max_reconsume_times, taken->max_reconsume_times);
      EXPECT_EQ(d.batch, taken->batch);
      EXPECT_EQ(d.bname, taken->bname);
    } else if (!taken.ok() && !direct->ok()) {
      EXPECT_EQ(direct->status().code(), taken.status().code()) << header;
      EXPECT_EQ(direct->status().message(), taken.status().message()) << header;
    }
  }
  return took_any;
}

// The send header the direct route reads from `header` for `code` (which must take it).
Result<SendMessageRequestHeader> Direct(int32_t code, std::string_view header) {
  RemotingCommand top;
  std::optional<Result<SendMessageRequestHeader>> direct;
  if (!DecodeJsonSendRequest(header, code, &top, &direct) || !direct) {
    ADD_FAILURE() << "not taken: " << header;
    return InvalidArgument("not taken");
  }
  return std::move(*direct);
}

TEST(SendHeaderJsonTest, EncodedSendHeadersTakeTheDirectRoute) {
  const std::string v2 = JsonHeader(RequestCode::kSendMessageV2, kV2);
  ASSERT_TRUE(Agree(v2));
  Result<SendMessageRequestHeader> h = Direct(RequestCode::kSendMessageV2, v2);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_EQ(h->producer_group, "ProducerGroupWithALongName");
  EXPECT_EQ(h->queue_id, 3);
  EXPECT_EQ(h->born_timestamp, 1700000000000);
  EXPECT_EQ(h->properties, kV2[8].second);  // \u0001 and \u0002 decoded
  EXPECT_EQ(h->unit_mode, false);
  EXPECT_EQ(h->bname, "broker-a");
  EXPECT_TRUE(Agree(JsonHeader(RequestCode::kSendBatchMessage, kV2)));
  EXPECT_TRUE(Agree(JsonHeader(RequestCode::kSendMessage, kV1)));
  Result<SendMessageRequestHeader> v1 = Direct(RequestCode::kSendMessage, JsonHeader(RequestCode::kSendMessage, kV1));
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  EXPECT_EQ(v1->queue_id, -1);
  EXPECT_EQ(v1->properties, "KEYS\x01k1 k2\x02");
  EXPECT_FALSE(v1->batch.has_value());
}

TEST(SendHeaderJsonTest, FieldErrorsMatchTheGeneralRoute) {
  Fields missing = kV2;
  missing.erase(missing.begin() + 1);  // no topic
  EXPECT_TRUE(Agree(JsonHeader(RequestCode::kSendMessageV2, missing)));
  auto r = Direct(RequestCode::kSendMessageV2, JsonHeader(RequestCode::kSendMessageV2, missing));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "the custom field <b> is null");
  for (const char* bad : {"x", "", "99999999999", "1.5", "+-1", " 3"}) {
    Fields f = kV2;
    f[4].second = bad;  // queueId
    EXPECT_TRUE(Agree(JsonHeader(RequestCode::kSendMessageV2, f))) << bad;
    EXPECT_FALSE(Direct(RequestCode::kSendMessageV2, JsonHeader(RequestCode::kSendMessageV2, f)).ok()) << bad;
  }
  Fields bad_bool = kV2;
  bad_bool[12].second = "yes";  // batch
  EXPECT_TRUE(Agree(JsonHeader(RequestCode::kSendMessageV2, bad_bool)));
  EXPECT_FALSE(Direct(RequestCode::kSendMessageV2, "{\"code\":310}").ok());
  // Not a send code, or not the code the header carries: left to the general decoder.
  RemotingCommand top;
  std::optional<Result<SendMessageRequestHeader>> direct;
  EXPECT_FALSE(DecodeJsonSendRequest(JsonHeader(RequestCode::kPullMessage, kV2), RequestCode::kPullMessage, &top,
                                     &direct));
  EXPECT_FALSE(DecodeJsonSendRequest(JsonHeader(RequestCode::kSendMessageV2, kV2), RequestCode::kSendMessage, &top,
                                     &direct));
}

TEST(SendHeaderJsonTest, UnusualButValidInputAgrees) {
  const char* cases[] = {
      // numbers and booleans as extFields values, nulls (absent), repeated keys (last wins)
      R"({"code":310,"extFields":{"a":"g","b":"T","c":"TBW102","d":4,"e":-1,"f":0,"g":17,"h":0,"k":true,"m":false}})",
      R"({"code":310,"extFields":{"a":"g","b":"T","b":null,"c":"x","d":"4","e":"1","e":"2","f":"0","g":"1","h":"0"}})",
      // escapes in keys and values, whitespace everywhere, members in any order, unknown members
      " { \"opaque\" : 7 , \"extFields\" : { \"\\u0061\" : \"g\\\"q\\\\\\/\" , \"b\":\"T\\t\",\"c\":\"c\",\"d\":\"1\","
      "\"e\":\"0\",\"f\":\"0\",\"g\":\"1\",\"h\":\"0\" } , \"code\" : 310 , \"x\" : null , \"y\" : [1] }\n",
      R"({"code":310,"flag":2,"language":"CPP","remark":"r\u0041","serializeTypeCurrentRPC":"JSON","version":475,"extFields":{}})",
      R"({"code":310,"language":8,"remark":12,"extFields":{"a":"g"}})",
      R"({"code":310,"language":"NOPE","remark":null})",
      R"({"code":310})",
      R"({})",
  };
  int accepted = 0;
  for (const char* c : cases) accepted += Agree(c) ? 1 : 0;
  EXPECT_EQ(accepted, 6);  // all but the one with an array member and the one without a code
}

TEST(SendHeaderJsonTest, RefusesWhatItLeavesToTheGeneralDecoder) {
  const char* refused[] = {
      R"({"code":310,"extFields":{"a":{"x":1}}})",          // nested
      R"({"code":310,"extFields":{"a":1.5}})",              // fraction
      R"({"code":310,"extFields":{"a":01}})",               // leading zero
      R"({"code":310,"extFields":{"a":-0}})",               // negative zero
      R"({"code":310,"extFields":{"a":1234567890123456789}})",  // 19 digits
      "{\"code\":310,\"extFields\":{\"a\":\"\xc3\xa9\"}}",  // non-ASCII
      "{\"code\":310,\"extFields\":{\"a\":\"\x01\"}}",      // raw control byte
      R"({"code":310,"extFields":{"a":"\u00e9"}})",         // escape above 0x7f
      R"({"code":310,"extFields":{"a":"\x"}})",             // bad escape
      R"({"code":310,"extFields":null})",                   // extFields not an object
      R"({"code":310,"extFields":{},"extFields":{}})",      // repeated extFields
      R"({"\u0063ode":310})",                               // escaped top-level key
      R"({"code":"310"})",                                  // numeric string
      R"({"code":3000000000})",                             // out of int32
      R"({"code":310,"remark":true})",
      R"({"code":310} x)",                                  // trailing bytes
      R"({"code":310,})",
      R"({"code":310)",
      R"([])",
      "",
  };
  for (const char* r : refused) {
    RemotingCommand top;
    std::optional<Result<SendMessageRequestHeader>> direct;
    EXPECT_FALSE(DecodeJsonSendRequest(r, RequestCode::kSendMessageV2, &top, &direct)) << r;
  }
}

TEST(SendHeaderJsonTest, TruncatedAndMutatedHeadersNeverCrashAndAgree) {
  const std::string base = JsonHeader(RequestCode::kSendMessageV2, kV2);
  for (size_t n = 0; n <= base.size(); ++n) Agree(std::string_view(base).substr(0, n));
  std::mt19937 rng(20261121);
  const std::string alphabet = "{}[]:,\"\\u0123456789abcdefn-+.eE tlrsx\x01\x7f\x80";
  int accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string mutated = base;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits; ++e) {
      const size_t at = rng() % (mutated.size() + 1);
      const char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 3) {
        case 0:
          if (at < mutated.size()) mutated[at] = c;
          break;
        case 1:
          mutated.insert(mutated.begin() + static_cast<std::ptrdiff_t>(at), c);
          break;
        default:
          if (at < mutated.size()) mutated.erase(at, 1);
          break;
      }
    }
    accepted += Agree(mutated) ? 1 : 0;
    if (::testing::Test::HasFailure()) {
      ADD_FAILURE() << "first disagreement on: " << mutated;
      return;
    }
  }
  EXPECT_GT(accepted, 1000);  // the mutations exercise the accepting paths too
}

}  // namespace
}  // namespace rmq::remoting

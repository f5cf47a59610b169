// SetSendResponseExtFields against the map path the broker used before (ExtFields appended in
// SendMessageResponseHeader's order, then EncodeJsonHeader): byte-identical frames for plain
// values and for values that need escapes, and the same map when the text is read back.
#include <climits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "remoting/frame_codec.h"
#include "remoting/header_codec.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"
#include "remoting/send_response_json.h"

namespace rmq::remoting {
namespace {

RemotingCommand Response(SerializeType type) {
  RemotingCommand request = RemotingCommand::CreateRequest(RequestCode::kSendMessageV2);
  request.set_serialize_type(type);
  return RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
}

// The map the broker built before, entry by entry.
void AppendAsMap(const SendResponseFields& f, RemotingCommand* response) {
  ExtFields& map = response->mutable_ext_fields();
  map.Append("msgId", std::string(f.msg_id));
  map.Append("queueId", std::to_string(f.queue_id));
  map.Append("queueOffset", std::to_string(f.queue_offset));
  if (f.transaction_id) map.Append("transactionId", std::string(*f.transaction_id));
  map.Append("MSG_REGION", std::string(f.region));
  map.Append("TRACE_ON", f.trace_on ? "true" : "false");
}

void ExpectSameAsMapPath(const SendResponseFields& f) {
  RemotingCommand via_map = Response(SerializeType::kJson);
  RemotingCommand direct = via_map;
  AppendAsMap(f, &via_map);
  SetSendResponseExtFields(f, &direct);
  ASSERT_FALSE(direct.ext_fields_json().empty()) << "a JSON response gets the text, not the map";
  EXPECT_EQ(EncodeFrame(direct), EncodeFrame(via_map));
  // Read back (a test or a hook reading the response's fields): the same map.
  EXPECT_EQ(direct.ext_fields(), via_map.ext_fields());
}

TEST(SendResponseJsonTest, FramesAreByteIdenticalToTheMapPath) {
  const std::string uniq = "7F000001000118B4AAC2A1B2C3D40000";
  SendResponseFields f;
  f.msg_id = "7F00000100002A9F0000000000001F40";
  f.queue_id = 3;
  f.queue_offset = 123456789;
  f.transaction_id = uniq;
  f.region = "DefaultRegion";
  f.trace_on = true;
  ExpectSameAsMapPath(f);

  f.transaction_id.reset();  // a message without UNIQ_KEY
  f.trace_on = false;
  ExpectSameAsMapPath(f);

  // A batch: the ids joined with ','; extreme numbers.
  std::string batch_ids;
  for (int i = 0; i < 32; ++i) batch_ids += (i ? "," : "") + std::string("7F00000100002A9F00000000000010") + char('A' + i % 6) + "0";
  f.msg_id = batch_ids;
  f.queue_id = INT32_MAX;
  f.queue_offset = INT64_MAX;
  ExpectSameAsMapPath(f);
  f.queue_id = INT32_MIN;
  f.queue_offset = INT64_MIN;
  ExpectSameAsMapPath(f);

  // Empty values.
  f.msg_id = "";
  f.region = "";
  f.transaction_id = std::string_view();
  ExpectSameAsMapPath(f);
}

TEST(SendResponseJsonTest, ValuesThatNeedEscapesAreWrittenAsTheMapPathWritesThem) {
  const std::string region = "quote \" backslash \\ tab \t newline \n ctrl \x01 del \x7F caf\xC3\xA9";
  const std::string uniq = std::string("nul \0 inside \x1F", 15);
  SendResponseFields f;
  f.msg_id = "id\"with\\escapes";
  f.queue_id = 0;
  f.queue_offset = 0;
  f.transaction_id = uniq;
  f.region = region;
  f.trace_on = true;
  ExpectSameAsMapPath(f);
}

TEST(SendResponseJsonTest, OtherSerializeTypesGetTheMap) {
  SendResponseFields f;
  f.msg_id = "7F00000100002A9F0000000000001F40";
  f.queue_id = 1;
  f.queue_offset = 2;
  f.region = "DefaultRegion";
  RemotingCommand via_map = Response(SerializeType::kRocketMq);
  RemotingCommand direct = via_map;
  AppendAsMap(f, &via_map);
  SetSendResponseExtFields(f, &direct);
  EXPECT_TRUE(direct.ext_fields_json().empty());
  EXPECT_EQ(direct.ext_fields(), via_map.ext_fields());
  EXPECT_EQ(EncodeFrame(direct), EncodeFrame(via_map));
}

}  // namespace
}  // namespace rmq::remoting

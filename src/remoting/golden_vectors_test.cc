// Every frame of reference/golden-vectors.md, encoded and decoded byte for byte.
#include <gtest/gtest.h>

#include "remoting/frame_codec.h"
#include "remoting/header_codec.h"
#include "remoting/response_code.h"
#include "remoting/request_code.h"

namespace rmq::remoting {
namespace {

std::string FromHex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

std::string ToHex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0xF]);
  }
  return out;
}

// Vector A: GET_ROUTEINFO_BY_TOPIC request, JSON header.
constexpr std::string_view kVectorA =
    "00000087000000837b22636f6465223a3130352c226578744669656c6473223a7b22746f706963223a22546f70696354"
    "657374227d2c22666c6167223a302c226c616e6775616765223a224a415641222c226f7061717565223a312c22736572"
    "69616c697a655479706543757272656e74525043223a224a534f4e222c2276657273696f6e223a3437397d";
// Vector B: the same request, ROCKETMQ header.
constexpr std::string_view kVectorB =
    "0000002d0100002900690001df000000010000000000000000000000140005746f70696300000009546f706963546573"
    "74";
// Vector C-std: SUCCESS response with a standard-JSON TopicRouteData body.
constexpr std::string_view kVectorC =
    "000001690000005f7b22636f6465223a302c22666c6167223a312c226c616e6775616765223a224a415641222c226f70"
    "61717565223a312c2273657269616c697a655479706543757272656e74525043223a224a534f4e222c2276657273696f"
    "6e223a3437397d7b2262726f6b65724461746173223a5b7b2262726f6b65724164647273223a7b2230223a223132372e"
    "302e302e313a3130393131227d2c2262726f6b65724e616d65223a2262726f6b65722d61222c22636c7573746572223a"
    "2244656661756c74436c7573746572222c22656e61626c65416374696e674d6173746572223a66616c73657d5d2c2266"
    "696c7465725365727665725461626c65223a7b7d2c2271756575654461746173223a5b7b2262726f6b65724e616d6522"
    "3a2262726f6b65722d61222c227065726d223a362c227265616451756575654e756d73223a342c22746f706963537973"
    "466c6167223a302c22777269746551756575654e756d73223a347d5d7d";
// Vector D (JSON): TOPIC_NOT_EXIST response with a remark.
constexpr std::string_view kVectorDJson =
    "000000ab000000a77b22636f6465223a31372c22666c6167223a312c226c616e6775616765223a224a415641222c226f"
    "7061717565223a312c2272656d61726b223a224e6f20746f70696320726f75746520696e666f20696e206e616d652073"
    "657276657220666f722074686520746f7069633a20546f70696354657374222c2273657269616c697a65547970654375"
    "7272656e74525043223a224a534f4e222c2276657273696f6e223a3437397d";
// Vector D (ROCKETMQ).
constexpr std::string_view kVectorDBinary =
    "000000540100005000110001df00000001000000010000003b4e6f20746f70696320726f75746520696e666f20696e20"
    "6e616d652073657276657220666f722074686520746f7069633a20546f7069635465737400000000";
// Vector E, Go client: different property order, remark "".
constexpr std::string_view kVectorEGo =
    "000000700000006c7b22636f6465223a3130352c226c616e6775616765223a22474f222c2276657273696f6e223a3331"
    "372c226f7061717565223a312c22666c6167223a302c2272656d61726b223a22222c226578744669656c6473223a7b22"
    "746f706963223a22546f70696354657374227d7d";
// Vector G: PULL_MESSAGE SUCCESS response whose body is stored record F.
constexpr std::string_view kVectorG =
    "000001a0000000f57b22636f6465223a302c226578744669656c6473223a7b2273756767657374576869636842726f6b"
    "65724964223a2230222c2267726f7570537973466c6167223a2230222c226e657874426567696e4f6666736574223a22"
    "31222c226d61784f6666736574223a2231222c226d696e4f6666736574223a2230222c22746f706963537973466c6167"
    "223a2230227d2c22666c6167223a312c226c616e6775616765223a224a415641222c226f7061717565223a392c227265"
    "6d61726b223a22464f554e44222c2273657269616c697a655479706543757272656e74525043223a224a534f4e222c22"
    "76657273696f6e223a3437397d000000a7daa320a777d189820000000000000000000000000000000000000000000000"
    "00000000000000018bcfe568007f0000010000cf820000018bcfe5687b7f00000100002a9f0000000000000000000000"
    "000000000548656c6c6f09546f70696354657374003e54414753015461674102554e49515f4b45590137463030303030"
    "313030303032413946303030303030303030303030303030310257414954017472756502";

constexpr std::string_view kRouteBody =
    R"({"brokerDatas":[{"brokerAddrs":{"0":"127.0.0.1:10911"},"brokerName":"broker-a",)"
    R"("cluster":"DefaultCluster","enableActingMaster":false}],"filterServerTable":{},)"
    R"("queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":4,"topicSysFlag":0,)"
    R"("writeQueueNums":4}]})";
constexpr std::string_view kNoRouteRemark = "No topic route info in name server for the topic: TopicTest";

RemotingCommand RouteRequest(SerializeType type) {
  RemotingCommand request;
  request.set_code(RequestCode::kGetRouteinfoByTopic);
  request.set_opaque(1);
  request.set_serialize_type(type);
  request.SetExtField("topic", "TopicTest");
  return request;
}

RemotingCommand Decoded(std::string_view hex) {
  Result<RemotingCommand> command = DecodeFrame(FromHex(hex));
  EXPECT_TRUE(command.ok()) << command.status().ToString();
  return command.ok() ? std::move(command).value() : RemotingCommand();
}

TEST(GoldenVectorsTest, VectorAJsonRequestEncodes) {
  EXPECT_EQ(ToHex(EncodeFrame(RouteRequest(SerializeType::kJson))), kVectorA);
}

TEST(GoldenVectorsTest, VectorAJsonRequestDecodes) {
  RemotingCommand command = Decoded(kVectorA);
  EXPECT_EQ(command.code(), 105);
  EXPECT_EQ(command.language(), LanguageCode::kJava);
  EXPECT_EQ(command.version(), 479);
  EXPECT_EQ(command.opaque(), 1);
  EXPECT_EQ(command.flag(), 0);
  EXPECT_FALSE(command.remark().has_value());
  EXPECT_EQ(command.serialize_type(), SerializeType::kJson);
  ASSERT_NE(command.ExtField("topic"), nullptr);
  EXPECT_EQ(*command.ExtField("topic"), "TopicTest");
  EXPECT_EQ(command.ext_fields().size(), 1u);
  EXPECT_TRUE(command.body().empty());
}

TEST(GoldenVectorsTest, VectorBBinaryRequestEncodes) {
  EXPECT_EQ(ToHex(EncodeFrame(RouteRequest(SerializeType::kRocketMq))), kVectorB);
}

TEST(GoldenVectorsTest, VectorBBinaryRequestDecodesLikeVectorA) {
  RemotingCommand binary = Decoded(kVectorB);
  RemotingCommand json = Decoded(kVectorA);
  EXPECT_EQ(binary.serialize_type(), SerializeType::kRocketMq);
  EXPECT_EQ(binary.code(), json.code());
  EXPECT_EQ(binary.language(), json.language());
  EXPECT_EQ(binary.version(), json.version());
  EXPECT_EQ(binary.opaque(), json.opaque());
  EXPECT_EQ(binary.flag(), json.flag());
  EXPECT_EQ(binary.remark(), json.remark());
  EXPECT_EQ(binary.ext_fields(), json.ext_fields());
}

TEST(GoldenVectorsTest, VectorCResponseWithBodyEncodesAndDecodes) {
  RemotingCommand request = Decoded(kVectorA);
  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  response.set_body(std::string(kRouteBody));
  EXPECT_EQ(ToHex(EncodeFrame(response)), kVectorC);

  RemotingCommand decoded = Decoded(kVectorC);
  EXPECT_TRUE(decoded.IsResponse());
  EXPECT_FALSE(decoded.has_ext_fields());
  EXPECT_EQ(decoded.body(), kRouteBody);
}

TEST(GoldenVectorsTest, VectorDTopicNotExistInBothEncodings) {
  for (auto [type, hex] : {std::pair{SerializeType::kJson, kVectorDJson},
                           std::pair{SerializeType::kRocketMq, kVectorDBinary}}) {
    RemotingCommand request = RouteRequest(type);
    RemotingCommand response =
        RemotingCommand::CreateResponse(request, ResponseCode::kTopicNotExist, std::string(kNoRouteRemark));
    EXPECT_EQ(ToHex(EncodeFrame(response)), hex);
    RemotingCommand decoded = Decoded(hex);
    EXPECT_EQ(decoded.code(), ResponseCode::kTopicNotExist);
    EXPECT_EQ(decoded.flag(), 1);
    EXPECT_EQ(decoded.remark(), std::optional<std::string>(kNoRouteRemark));
  }
}

TEST(GoldenVectorsTest, VectorEAliOnsRequestDecodes) {
  std::string header =
      R"({"code":105,"language":"JAVA","opaque":1,"flag":0,"version":121,"extFields":{"topic":"TopicTest"}})";
  ASSERT_EQ(header.size(), 0x62u);
  Result<RemotingCommand> command = DecodeJsonHeader(header);
  ASSERT_TRUE(command.ok()) << command.status().ToString();
  EXPECT_EQ(command->version(), 121);
  EXPECT_EQ(*command->ExtField("topic"), "TopicTest");
}

TEST(GoldenVectorsTest, VectorECppClientRequestWithTrailingNewlineDecodes) {
  std::string header =
      "{\"code\":105,\"extFields\":{\"AccessKey\":\"\",\"OnsChannel\":\"\",\"Signature\":\"\",\"topic\":"
      "\"TopicTest\"},\"flag\":0,\"language\":\"CPP\",\"opaque\":1,\"remark\":\"\",\"version\":333}\n";
  ASSERT_EQ(header.size(), 156u);
  Result<RemotingCommand> command = DecodeJsonHeader(header);
  ASSERT_TRUE(command.ok()) << command.status().ToString();
  EXPECT_EQ(command->language(), LanguageCode::kCpp);
  EXPECT_EQ(command->version(), 333);
  EXPECT_EQ(command->remark(), std::optional<std::string>(""));
  EXPECT_EQ(*command->ExtField("topic"), "TopicTest");
  EXPECT_EQ(*command->ExtField("AccessKey"), "");
}

TEST(GoldenVectorsTest, VectorEGoClientRequestDecodes) {
  RemotingCommand command = Decoded(kVectorEGo);
  EXPECT_EQ(command.language(), LanguageCode::kGo);
  EXPECT_EQ(command.version(), 317);
  EXPECT_EQ(command.remark(), std::optional<std::string>(""));
  EXPECT_EQ(*command.ExtField("topic"), "TopicTest");
}

TEST(GoldenVectorsTest, VectorGPullResponseKeepsExtFieldOrderAndBody) {
  RemotingCommand request = RemotingCommand::CreateRequest(RequestCode::kPullMessage);
  request.set_opaque(9);
  RemotingCommand response =
      RemotingCommand::CreateResponse(request, ResponseCode::kSuccess, std::string("FOUND"));
  for (auto [key, value] : {std::pair{"suggestWhichBrokerId", "0"}, {"groupSysFlag", "0"},
                            {"nextBeginOffset", "1"}, {"maxOffset", "1"}, {"minOffset", "0"},
                            {"topicSysFlag", "0"}}) {
    response.SetExtField(key, value);
  }
  std::string full = FromHex(kVectorG);
  std::string record = full.substr(8 + 245);
  ASSERT_EQ(record.size(), 167u);
  // The record goes out as a zero-copy segment, as a pull response body does.
  response.AddBodySegment({record.data(), record.size(), nullptr});
  EXPECT_EQ(ToHex(EncodeFrame(response)), kVectorG);

  RemotingCommand decoded = Decoded(kVectorG);
  EXPECT_EQ(decoded.opaque(), 9);
  EXPECT_EQ(decoded.remark(), std::optional<std::string>("FOUND"));
  EXPECT_EQ(*decoded.ExtField("nextBeginOffset"), "1");
  EXPECT_EQ(decoded.ext_fields().size(), 6u);
  EXPECT_EQ(decoded.body(), record);
}

}  // namespace
}  // namespace rmq::remoting

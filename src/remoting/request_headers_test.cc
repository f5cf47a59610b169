// The typed request/response headers against what real peers send (the verified Java headers
// of reference/remoting.md §5, C++-client and ali-ons spellings) and through both frame
// encodings, for every header struct.
#include <gtest/gtest.h>

#include "remoting/admin_headers.h"
#include "remoting/consumer_headers.h"
#include "remoting/frame_codec.h"
#include "remoting/header_codec.h"
#include "remoting/namesrv_headers.h"
#include "remoting/pull_message_headers.h"
#include "remoting/send_message_headers.h"

namespace rmq::remoting {
namespace {

// The verified Java SEND_MESSAGE_V2 request of remoting.md §5.3.
constexpr std::string_view kJavaSendV2 =
    R"({"code":310,"extFields":{"a":"ProducerGroupA","b":"TopicTest","c":"TBW102","d":"4","e":"2","f":"0",)"
    R"("g":"1700000000000","h":"0","i":"TAGS\u0001TagA\u0002WAIT\u0001true\u0002UNIQ_KEY\u00017F00000100002A9F)"
    R"(0000000000000001\u0002","j":"0","k":"false","m":"false","n":"broker-a"},"flag":0,"language":"JAVA",)"
    R"("opaque":7,"serializeTypeCurrentRPC":"JSON","version":479})";
constexpr std::string_view kJavaSendV2Properties =
    "TAGS\x01TagA\x02WAIT\x01true\x02UNIQ_KEY\x01"
    "7F00000100002A9F0000000000000001\x02";

// The verified Java send response of remoting.md §5.3.
constexpr std::string_view kJavaSendResponse =
    R"({"code":0,"extFields":{"queueId":"2","transactionId":"7F00000100002A9F0000000000000001",)"
    R"("msgId":"7F00000100002A9F0000000000000000","TRACE_ON":"true","MSG_REGION":"DefaultRegion",)"
    R"("queueOffset":"0"},"flag":1,"language":"JAVA","opaque":7,"serializeTypeCurrentRPC":"JSON","version":479})";

// The verified Java push-consumer PULL_MESSAGE request of remoting.md §5.4.
constexpr std::string_view kJavaPull =
    R"({"code":11,"extFields":{"queueId":"0","maxMsgBytes":"262144","maxMsgNums":"32","sysFlag":"2",)"
    R"("suspendTimeoutMillis":"15000","commitOffset":"0","bname":"broker-a","topic":"TopicTest",)"
    R"("queueOffset":"0","expressionType":"TAG","subVersion":"1700000000001","consumerGroup":"ConsumerGroupA"},)"
    R"("flag":0,"language":"JAVA","opaque":9,"serializeTypeCurrentRPC":"JSON","version":479})";

// The pull response header of golden vector G.
constexpr std::string_view kJavaPullResponse =
    R"({"code":0,"extFields":{"suggestWhichBrokerId":"0","groupSysFlag":"0","nextBeginOffset":"1",)"
    R"("maxOffset":"1","minOffset":"0","topicSysFlag":"0"},"flag":1,"language":"JAVA","opaque":9,)"
    R"("remark":"FOUND","serializeTypeCurrentRPC":"JSON","version":479})";

// A SEND_MESSAGE_V2 as the C++ client writes it: ACL keys, several values as JSON numbers,
// a trailing newline.
constexpr std::string_view kCppSendV2 =
    "{\"code\":310,\"extFields\":{\"AccessKey\":\"\",\"OnsChannel\":\"ALIYUN\",\"Signature\":\"c2ln\","
    "\"a\":\"ProducerGroupA\",\"b\":\"TopicTest\",\"c\":\"TBW102\",\"d\":4,\"e\":-1,\"f\":0,"
    "\"g\":\"1700000000000\",\"h\":0,\"i\":\"TAGS\\u0001TagA\\u0002\",\"j\":\"0\",\"k\":false,\"l\":16,"
    "\"m\":false},\"flag\":0,\"language\":\"CPP\",\"opaque\":1,\"remark\":\"\",\"version\":333}\n";

template <typename Header>
Header Decode(std::string_view json) {
  Result<RemotingCommand> command = DecodeJsonHeader(json);
  EXPECT_TRUE(command.ok()) << command.status().ToString();
  if (!command.ok()) return Header{};
  Result<Header> header = DecodeCustomHeader<Header>(*command);
  EXPECT_TRUE(header.ok()) << header.status().ToString();
  return header.ok() ? std::move(header).value() : Header{};
}

TEST(RequestHeadersTest, JavaSendMessageV2Decodes) {
  auto v2 = Decode<SendMessageRequestHeaderV2>(kJavaSendV2);
  EXPECT_EQ(v2.a, "ProducerGroupA");
  EXPECT_EQ(v2.b, "TopicTest");
  EXPECT_EQ(v2.c, "TBW102");
  EXPECT_EQ(v2.d, 4);
  EXPECT_EQ(v2.e, 2);
  EXPECT_EQ(v2.f, 0);
  EXPECT_EQ(v2.g, 1700000000000);
  EXPECT_EQ(v2.h, 0);
  EXPECT_EQ(v2.i, std::optional<std::string>(kJavaSendV2Properties));
  EXPECT_EQ(v2.j, std::optional<int32_t>(0));
  EXPECT_EQ(v2.k, std::optional<bool>(false));
  EXPECT_FALSE(v2.l.has_value());  // Java leaves it out for normal topics
  EXPECT_EQ(v2.m, std::optional<bool>(false));
  EXPECT_EQ(v2.n, std::optional<std::string>("broker-a"));
}

TEST(RequestHeadersTest, ParseSendMessageRequestHeaderReadsV2KeysForCode310) {
  Result<RemotingCommand> command = DecodeJsonHeader(kJavaSendV2);
  ASSERT_TRUE(command.ok());
  Result<SendMessageRequestHeader> v1 = ParseSendMessageRequestHeader(*command);
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  EXPECT_EQ(v1->producer_group, "ProducerGroupA");
  EXPECT_EQ(v1->topic, "TopicTest");
  EXPECT_EQ(v1->queue_id, 2);
  EXPECT_EQ(v1->born_timestamp, 1700000000000);
  EXPECT_EQ(v1->properties, std::optional<std::string>(kJavaSendV2Properties));
  EXPECT_EQ(v1->bname, std::optional<std::string>("broker-a"));
}

TEST(RequestHeadersTest, ParseSendMessageRequestHeaderChoosesKeysByCode) {
  SendMessageRequestHeader header;
  header.producer_group = "PG";
  header.topic = "T";
  header.default_topic = "TBW102";
  header.default_topic_queue_nums = 4;
  RemotingCommand v1 = RemotingCommand::CreateRequest(RequestCode::kSendMessage);
  EncodeCustomHeader(header, &v1);
  Result<SendMessageRequestHeader> parsed = ParseSendMessageRequestHeader(v1);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->topic, "T");

  RemotingCommand batch = RemotingCommand::CreateRequest(RequestCode::kSendBatchMessage);
  EncodeCustomHeader(CreateSendMessageRequestHeaderV2(header), &batch);
  ASSERT_TRUE(ParseSendMessageRequestHeader(batch).ok());

  // V1 keys under the V2 code are missing "a".
  v1.set_code(RequestCode::kSendMessageV2);
  Result<SendMessageRequestHeader> wrong = ParseSendMessageRequestHeader(v1);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().message(), "the custom field <a> is null");

  v1.set_code(RequestCode::kPullMessage);
  EXPECT_FALSE(ParseSendMessageRequestHeader(v1).ok());
}

TEST(RequestHeadersTest, CppClientSendWithJsonNumbersDecodes) {
  auto v2 = Decode<SendMessageRequestHeaderV2>(kCppSendV2);
  EXPECT_EQ(v2.d, 4);
  EXPECT_EQ(v2.e, -1);
  EXPECT_EQ(v2.h, 0);
  EXPECT_EQ(v2.i, std::optional<std::string>("TAGS\x01TagA\x02"));
  EXPECT_EQ(v2.k, std::optional<bool>(false));
  EXPECT_EQ(v2.l, std::optional<int32_t>(16));
  EXPECT_FALSE(v2.n.has_value());
}

TEST(RequestHeadersTest, SendHeaderConvertsBetweenV1AndV2) {
  SendMessageRequestHeader v1;
  v1.producer_group = "PG";
  v1.topic = "%RETRY%CG";
  v1.default_topic = "TBW102";
  v1.default_topic_queue_nums = 8;
  v1.queue_id = 3;
  v1.sys_flag = 4;
  v1.born_timestamp = 1700000000000;
  v1.flag = 9;
  v1.properties = "KEYS\x01k1\x02";
  v1.reconsume_times = 2;
  v1.unit_mode = false;
  v1.max_reconsume_times = 16;
  v1.batch = true;
  v1.bname = "broker-b";

  SendMessageRequestHeaderV2 v2 = CreateSendMessageRequestHeaderV2(v1);
  RemotingCommand command;
  EncodeCustomHeader(v2, &command);
  std::string keys;
  for (const auto& [key, value] : command.ext_fields()) keys += key;
  EXPECT_EQ(keys, "abcdefghijklmn");
  EXPECT_EQ(*command.ExtField("b"), "%RETRY%CG");
  EXPECT_EQ(*command.ExtField("g"), "1700000000000");
  EXPECT_EQ(*command.ExtField("m"), "true");
  EXPECT_EQ(*command.ExtField("n"), "broker-b");

  SendMessageRequestHeader back = CreateSendMessageRequestHeaderV1(v2);
  RemotingCommand original, converted;
  EncodeCustomHeader(v1, &original);
  EncodeCustomHeader(back, &converted);
  EXPECT_EQ(original.ext_fields(), converted.ext_fields());
}

TEST(RequestHeadersTest, JavaSendResponseDecodes) {
  auto response = Decode<SendMessageResponseHeader>(kJavaSendResponse);
  EXPECT_EQ(response.msg_id, "7F00000100002A9F0000000000000000");
  EXPECT_EQ(response.queue_id, 2);
  EXPECT_EQ(response.queue_offset, 0);
  EXPECT_EQ(response.transaction_id, std::optional<std::string>("7F00000100002A9F0000000000000001"));
  EXPECT_EQ(response.msg_region, std::optional<std::string>("DefaultRegion"));
  EXPECT_EQ(response.trace_on, std::optional<bool>(true));
  EXPECT_FALSE(response.batch_uniq_id.has_value());
}

TEST(RequestHeadersTest, JavaPullRequestDecodes) {
  auto pull = Decode<PullMessageRequestHeader>(kJavaPull);
  EXPECT_EQ(pull.consumer_group, "ConsumerGroupA");
  EXPECT_EQ(pull.topic, "TopicTest");
  EXPECT_EQ(pull.queue_id, 0);
  EXPECT_EQ(pull.queue_offset, 0);
  EXPECT_EQ(pull.max_msg_nums, 32);
  EXPECT_EQ(pull.sys_flag, PullSysFlag::kSuspend);
  EXPECT_EQ(pull.commit_offset, 0);
  EXPECT_EQ(pull.suspend_timeout_millis, 15000);
  EXPECT_FALSE(pull.subscription.has_value());
  EXPECT_EQ(pull.sub_version, 1700000000001);
  EXPECT_EQ(pull.expression_type, std::optional<std::string>("TAG"));
  EXPECT_EQ(pull.max_msg_bytes, std::optional<int32_t>(262144));
}

TEST(RequestHeadersTest, AliOnsPullWithNumbersDecodes) {
  auto pull = Decode<PullMessageRequestHeader>(
      R"({"code":11,"language":"JAVA","opaque":3,"flag":0,"version":121,"extFields":{"consumerGroup":"CG",)"
      R"("topic":"T","queueId":1,"queueOffset":100,"maxMsgNums":32,"sysFlag":7,"commitOffset":99,)"
      R"("suspendTimeoutMillis":15000,"subscription":"TagA || TagB","subVersion":1700000000001}})");
  EXPECT_EQ(pull.queue_id, 1);
  EXPECT_EQ(pull.queue_offset, 100);
  EXPECT_EQ(pull.sys_flag, PullSysFlag::kCommitOffset | PullSysFlag::kSuspend | PullSysFlag::kSubscription);
  EXPECT_EQ(pull.commit_offset, 99);
  EXPECT_EQ(pull.subscription, std::optional<std::string>("TagA || TagB"));
  EXPECT_FALSE(pull.expression_type.has_value());
}

TEST(RequestHeadersTest, JavaPullResponseOfVectorGDecodes) {
  auto response = Decode<PullMessageResponseHeader>(kJavaPullResponse);
  EXPECT_EQ(response.suggest_which_broker_id, 0);
  EXPECT_EQ(response.next_begin_offset, 1);
  EXPECT_EQ(response.min_offset, 0);
  EXPECT_EQ(response.max_offset, 1);
  EXPECT_EQ(response.topic_sys_flag, std::optional<int32_t>(0));
  EXPECT_EQ(response.group_sys_flag, std::optional<int32_t>(0));
  EXPECT_FALSE(response.offset_delta.has_value());
}

TEST(RequestHeadersTest, PullWithoutQueueIdIsRejectedWithJavasMessage) {
  Result<RemotingCommand> command = DecodeJsonHeader(kJavaPull);
  ASSERT_TRUE(command.ok());
  command->mutable_ext_fields().Erase("queueId");
  Result<PullMessageRequestHeader> pull = DecodeCustomHeader<PullMessageRequestHeader>(*command);
  ASSERT_FALSE(pull.ok());
  EXPECT_EQ(pull.status().message(), "the custom field <queueId> is null");
}

TEST(RequestHeadersTest, IllTypedValuesNameTheField) {
  Result<RemotingCommand> command = DecodeJsonHeader(kJavaPull);
  ASSERT_TRUE(command.ok());
  command->SetExtField("queueId", "abc");
  Result<PullMessageRequestHeader> pull = DecodeCustomHeader<PullMessageRequestHeader>(*command);
  ASSERT_FALSE(pull.ok());
  EXPECT_NE(pull.status().message().find("<queueId>"), std::string::npos) << pull.status().message();

  ResetOffsetRequestHeader reset_header;
  reset_header.group = "CG";
  reset_header.topic = "T";
  RemotingCommand reset;
  EncodeCustomHeader(reset_header, &reset);
  reset.SetExtField("isForce", "maybe");
  Result<ResetOffsetRequestHeader> header = DecodeCustomHeader<ResetOffsetRequestHeader>(reset);
  ASSERT_FALSE(header.ok());
  EXPECT_NE(header.status().message().find("<isForce>"), std::string::npos) << header.status().message();
}

TEST(RequestHeadersTest, AlwaysSentFieldsAreWrittenByDefault) {
  RegisterBrokerRequestHeader registration;
  registration.broker_name = "broker-a";
  RemotingCommand command;
  EncodeCustomHeader(registration, &command);
  EXPECT_EQ(*command.ExtField("compressed"), "false");
  EXPECT_EQ(*command.ExtField("bodyCrc32"), "0");
  EXPECT_EQ(command.ExtField("enableActingMaster"), nullptr);

  // A 4.x-style registration without them still decodes, to Java's defaults.
  command.mutable_ext_fields().Erase("compressed");
  command.mutable_ext_fields().Erase("bodyCrc32");
  Result<RegisterBrokerRequestHeader> decoded = DecodeCustomHeader<RegisterBrokerRequestHeader>(command);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->compressed, std::optional<bool>(false));
  EXPECT_EQ(decoded->body_crc32, std::optional<int32_t>(0));
  EXPECT_FALSE(decoded->enable_acting_master.has_value());

  RemotingCommand reset;
  EncodeCustomHeader(ResetOffsetRequestHeader{}, &reset);
  EXPECT_EQ(*reset.ExtField("queueId"), "-1");
  RemotingCommand max_offset;
  EncodeCustomHeader(GetMaxOffsetRequestHeader{}, &max_offset);
  EXPECT_EQ(*max_offset.ExtField("committed"), "true");
}

TEST(RequestHeadersTest, KvConfigNamespaceKeyBindsToNameSpace) {
  auto put = Decode<PutKvConfigRequestHeader>(
      R"({"code":100,"extFields":{"namespace":"ORDER_TOPIC_CONFIG","key":"TopicTest","value":"broker-a:4"}})");
  EXPECT_EQ(put.name_space, "ORDER_TOPIC_CONFIG");
  EXPECT_EQ(put.key, "TopicTest");
  EXPECT_EQ(put.value, "broker-a:4");
}

TEST(RequestHeadersTest, UnregisterClientUsesCapitalId) {
  auto header = Decode<UnregisterClientRequestHeader>(
      R"({"code":35,"extFields":{"clientID":"10.0.0.9@12345","consumerGroup":"CG"}})");
  EXPECT_EQ(header.client_id, "10.0.0.9@12345");
  EXPECT_EQ(header.consumer_group, std::optional<std::string>("CG"));
  EXPECT_FALSE(header.producer_group.has_value());
}

// Sets every field of a header to a distinct non-empty value, optionals included.
void FillValue(std::string* v, int i) { *v = "value-" + std::to_string(i); }
void FillValue(int32_t* v, int i) { *v = -1000 - i; }
void FillValue(int64_t* v, int i) { *v = 1700000000000 + i; }
void FillValue(bool* v, int) { *v = true; }
void FillValue(BoundaryType* v, int) { *v = BoundaryType::kUpper; }
template <typename T>
void FillValue(std::optional<T>* v, int i) {
  T value{};
  FillValue(&value, i);
  *v = value;
}

template <typename Header>
Header Filled() {
  Header header{};
  int i = 0;
  std::apply([&](const auto&... specs) { (FillValue(&(header.*specs.member), i++), ...); }, Header::Fields());
  return header;
}

template <typename Header>
class HeaderRoundTripTest : public ::testing::Test {};

using NamesrvSendPullHeaders = ::testing::Types<
    GetRouteInfoRequestHeader, GetTopicsByClusterRequestHeader, DeleteTopicFromNamesrvRequestHeader,
    RegisterTopicRequestHeader, PutKvConfigRequestHeader, GetKvConfigRequestHeader, GetKvConfigResponseHeader,
    DeleteKvConfigRequestHeader, GetKvListByNamespaceRequestHeader, WipeWritePermOfBrokerRequestHeader,
    WipeWritePermOfBrokerResponseHeader, AddWritePermOfBrokerRequestHeader,
    AddWritePermOfBrokerResponseHeader, RegisterBrokerRequestHeader, RegisterBrokerResponseHeader,
    UnregisterBrokerRequestHeader, QueryDataVersionRequestHeader, QueryDataVersionResponseHeader,
    BrokerHeartbeatRequestHeader, SendMessageRequestHeader, SendMessageRequestHeaderV2,
    SendMessageResponseHeader, EndTransactionRequestHeader, CheckTransactionStateRequestHeader,
    ConsumerSendMsgBackRequestHeader, PullMessageRequestHeader, PullMessageResponseHeader>;
using ConsumerAdminHeaders = ::testing::Types<
    OffsetResponseHeader, TimestampResponseHeader, QueryConsumerOffsetRequestHeader,
    UpdateConsumerOffsetRequestHeader, GetMaxOffsetRequestHeader, GetMinOffsetRequestHeader,
    SearchOffsetRequestHeader, GetEarliestMsgStoretimeRequestHeader, ViewMessageRequestHeader,
    QueryMessageRequestHeader, QueryMessageResponseHeader, UnregisterClientRequestHeader,
    GetConsumerListByGroupRequestHeader, NotifyConsumerIdsChangedRequestHeader, ResetOffsetRequestHeader,
    GetConsumerStatusRequestHeader, GetConsumerRunningInfoRequestHeader,
    ConsumeMessageDirectlyResultRequestHeader, CreateTopicRequestHeader, DeleteTopicRequestHeader,
    DeleteSubscriptionGroupRequestHeader, GetTopicStatsInfoRequestHeader, GetConsumeStatsRequestHeader,
    GetConsumeStatsInBrokerHeader, GetConsumerConnectionListRequestHeader,
    GetProducerConnectionListRequestHeader, QueryTopicConsumeByWhoRequestHeader,
    GetBrokerConfigResponseHeader>;

template <typename Header>
void ExpectEveryFieldSurvivesBothFrameEncodings() {
  RemotingCommand command = RemotingCommand::CreateRequest(RequestCode::kHeartBeat);
  EncodeCustomHeader(Filled<Header>(), &command);
  ASSERT_EQ(command.ext_fields().size(), std::tuple_size_v<decltype(Header::Fields())>);
  for (SerializeType type : {SerializeType::kJson, SerializeType::kRocketMq}) {
    command.set_serialize_type(type);
    Result<RemotingCommand> frame = DecodeFrame(EncodeFrame(command));
    ASSERT_TRUE(frame.ok()) << frame.status().ToString();
    Result<Header> decoded = DecodeCustomHeader<Header>(*frame);
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    RemotingCommand again;
    EncodeCustomHeader(*decoded, &again);
    EXPECT_EQ(again.ext_fields(), command.ext_fields());
  }
}

template <typename Header>
void ExpectEachRequiredFieldIsEnforced() {
  RemotingCommand full;
  EncodeCustomHeader(Filled<Header>(), &full);
  auto check = [&](const auto& spec) {
    using Member = std::remove_cvref_t<decltype(Filled<Header>().*spec.member)>;
    RemotingCommand command = full;
    command.mutable_ext_fields().Erase(spec.name);
    Result<Header> decoded = DecodeCustomHeader<Header>(command);
    if constexpr (custom_header_internal::IsOptional<Member>::value) {
      EXPECT_TRUE(decoded.ok()) << spec.name;
    } else {
      ASSERT_FALSE(decoded.ok()) << spec.name;
      EXPECT_EQ(decoded.status().message(), "the custom field <" + std::string(spec.name) + "> is null");
    }
  };
  std::apply([&](const auto&... specs) { (check(specs), ...); }, Header::Fields());
}

TYPED_TEST_SUITE(HeaderRoundTripTest, NamesrvSendPullHeaders);
TYPED_TEST(HeaderRoundTripTest, EveryFieldSurvivesJsonAndRocketMqFrames) {
  ExpectEveryFieldSurvivesBothFrameEncodings<TypeParam>();
}
TYPED_TEST(HeaderRoundTripTest, EachRequiredFieldIsEnforced) {
  ExpectEachRequiredFieldIsEnforced<TypeParam>();
}

template <typename Header>
class MoreHeaderRoundTripTest : public ::testing::Test {};
TYPED_TEST_SUITE(MoreHeaderRoundTripTest, ConsumerAdminHeaders);
TYPED_TEST(MoreHeaderRoundTripTest, EveryFieldSurvivesJsonAndRocketMqFrames) {
  ExpectEveryFieldSurvivesBothFrameEncodings<TypeParam>();
}
TYPED_TEST(MoreHeaderRoundTripTest, EachRequiredFieldIsEnforced) {
  ExpectEachRequiredFieldIsEnforced<TypeParam>();
}

}  // namespace
}  // namespace rmq::remoting

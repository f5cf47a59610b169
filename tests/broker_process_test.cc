// mqbroker as a process beside a real mqnamesrv, driven over the wire by the project's remoting
// client: boot and registration, send and pull with tag filtering, long polling woken by a new
// message, offsets and their persistence across a restart, queries by key and id, heartbeats
// and consumer lists, the retry path, the UPDATE_BROKER_CONFIG allow-list, and a clean SIGTERM.
// Every wait is bounded and every process is stopped by its fixture.
#include <algorithm>
#include <filesystem>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "broker_fixture.h"
#include "common/message_codec.h"
#include "common/message_id.h"
#include "common/message_properties.h"
#include "common/mq_version.h"
#include "common/route_data.h"
#include "remoting/admin_headers.h"
#include "remoting/consumer_headers.h"
#include "remoting/namesrv_headers.h"
#include "remoting/pull_message_headers.h"

#if defined(MQNAMESRV_PATH) && defined(MQBROKER_PATH)

namespace rmq {
namespace {

using remoting::RemotingCommand;
using remoting::RequestCode;
using remoting::ResponseCode;

class BrokerProcessTest : public testing::BrokerFixture {
 protected:
  RemotingCommand Pull(const std::string& topic, int32_t queue_id, int64_t offset, const std::string& subscription,
                       int32_t sys_flag = 0x4, int64_t suspend_ms = 0, const std::string& group = "ConsumerGroupA") {
    auto request = RemotingCommand::CreateRequest(RequestCode::kPullMessage);
    remoting::PullMessageRequestHeader header;
    header.consumer_group = group;
    header.topic = topic;
    header.queue_id = queue_id;
    header.queue_offset = offset;
    header.max_msg_nums = 32;
    header.sys_flag = sys_flag;
    header.suspend_timeout_millis = suspend_ms;
    header.subscription = subscription;
    header.sub_version = 1;
    remoting::EncodeCustomHeader(header, &request);
    return Invoke(broker_addr_, std::move(request), std::chrono::seconds(30));
  }

  std::optional<TopicRouteData> Route(const std::string& topic) {
    auto request = RemotingCommand::CreateRequest(RequestCode::kGetRouteinfoByTopic);
    request.SetExtField("topic", topic);
    RemotingCommand response = Invoke(namesrv_->address(), std::move(request));
    if (response.code() != ResponseCode::kSuccess) return std::nullopt;
    auto route = TopicRouteData::Decode(response.body());
    if (!route.ok()) return std::nullopt;
    return std::move(route).value();
  }

  // Polls the name server until the topic has a route (registration is asynchronous).
  bool WaitForRoute(const std::string& topic, std::chrono::seconds timeout = std::chrono::seconds(10)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (Route(topic)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  // Dispatch to the ConsumeQueues follows the CommitLog asynchronously (every 1 ms, as Java's
  // ReputMessageService): wait until `count` messages of the queue are visible.
  void WaitForMaxOffset(const std::string& topic, int32_t queue_id, int64_t count) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
      if (OffsetRequest(RequestCode::kGetMaxOffset, "", topic, queue_id) >= count) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ADD_FAILURE() << topic << " never reached " << count << " messages";
  }

  RemotingCommand HeartBeat(const std::string& client_id, const std::string& group, const std::string& topic) {
    auto request = RemotingCommand::CreateRequest(RequestCode::kHeartBeat);
    request.mutable_ext_fields();
    request.set_body("{\"clientID\":\"" + client_id +
                     "\",\"consumerDataSet\":[{\"consumeFromWhere\":\"CONSUME_FROM_FIRST_OFFSET\","
                     "\"consumeType\":\"CONSUME_PASSIVELY\",\"groupName\":\"" +
                     group + "\",\"messageModel\":\"CLUSTERING\",\"subscriptionDataSet\":[{\"subString\":\"*\","
                     "\"subVersion\":1,\"topic\":\"" +
                     topic + "\"},{\"subString\":\"*\",\"subVersion\":1,\"topic\":\"%RETRY%" + group +
                     "\"}],\"unitMode\":false}],\"producerDataSet\":[{\"groupName\":\"ProducerGroupA\"}]}");
    return InvokeBroker(std::move(request));
  }

  int64_t OffsetRequest(int32_t code, const std::string& group, const std::string& topic, int32_t queue_id,
                        int32_t* response_code = nullptr) {
    auto request = RemotingCommand::CreateRequest(code);
    if (!group.empty()) request.SetExtField("consumerGroup", group);
    request.SetExtField("topic", topic);
    request.SetExtField("queueId", std::to_string(queue_id));
    RemotingCommand response = InvokeBroker(std::move(request));
    if (response_code) *response_code = response.code();
    const std::string* offset = response.ExtField("offset");
    return offset ? std::stoll(*offset) : -1;
  }
};

TEST_F(BrokerProcessTest, BootsRegistersTbw102AndTheClusterTopic) {
  EXPECT_NE(boot_line_.find("boot success. serializeType=JSON and name server is " + namesrv_->address()),
            std::string::npos)
      << boot_line_;
  ASSERT_TRUE(WaitForRoute("TBW102"));
  auto route = Route("TBW102");
  ASSERT_TRUE(route);
  ASSERT_EQ(route->broker_datas.size(), 1u);
  EXPECT_EQ(route->broker_datas[0].broker_addrs.at(0), broker_addr_);
  EXPECT_EQ(route->queue_datas[0].perm, 7);
  EXPECT_TRUE(Route("TestCluster"));
}

TEST_F(BrokerProcessTest, SendAutoCreatesTopicAndPullFiltersByTag) {
  RemotingCommand first = Send("TopicTest", "hello-a", "TagA", "key-a");
  ASSERT_EQ(first.code(), ResponseCode::kSuccess) << first.remark().value_or("");
  ASSERT_TRUE(first.ExtField("msgId"));
  EXPECT_EQ(first.ExtField("msgId")->size(), 32u);
  EXPECT_EQ(*first.ExtField("queueId"), "0");
  EXPECT_EQ(*first.ExtField("queueOffset"), "0");
  EXPECT_EQ(*first.ExtField("MSG_REGION"), "DefaultRegion");
  // Every field of the response, in SendMessageResponseHeader's order; transactionId is the
  // message's UNIQ_KEY.
  std::string uniq_props;
  AppendProperty(&uniq_props, "UNIQ_KEY", "7F0000010000000000000000000000AB");
  RemotingCommand with_uniq = SendV2("TopicTest", "hello-u", uniq_props, 1, 1700000000000);
  ASSERT_EQ(with_uniq.code(), ResponseCode::kSuccess) << with_uniq.remark().value_or("");
  std::vector<std::pair<std::string, std::string>> fields(with_uniq.ext_fields().begin(), with_uniq.ext_fields().end());
  ASSERT_EQ(fields.size(), 6u);
  EXPECT_EQ(fields[0].first, "msgId");
  EXPECT_EQ(fields[0].second.size(), 32u);
  EXPECT_EQ(fields[1], (std::pair<std::string, std::string>("queueId", "1")));
  EXPECT_EQ(fields[2], (std::pair<std::string, std::string>("queueOffset", "0")));
  EXPECT_EQ(fields[3], (std::pair<std::string, std::string>("transactionId", "7F0000010000000000000000000000AB")));
  EXPECT_EQ(fields[4], (std::pair<std::string, std::string>("MSG_REGION", "DefaultRegion")));
  EXPECT_EQ(fields[5], (std::pair<std::string, std::string>("TRACE_ON", "true")));
  ASSERT_EQ(Send("TopicTest", "hello-b", "TagB", "key-b").code(), ResponseCode::kSuccess);
  ASSERT_EQ(Send("TopicTest", "hello-a2", "TagA", "key-a2").code(), ResponseCode::kSuccess);
  EXPECT_TRUE(WaitForRoute("TopicTest"));
  WaitForMaxOffset("TopicTest", 0, 3);

  RemotingCommand pulled = Pull("TopicTest", 0, 0, "TagA");
  ASSERT_EQ(pulled.code(), ResponseCode::kSuccess) << pulled.remark().value_or("");
  EXPECT_EQ(*pulled.ExtField("minOffset"), "0");
  EXPECT_EQ(*pulled.ExtField("maxOffset"), "3");
  EXPECT_EQ(*pulled.ExtField("nextBeginOffset"), "3");
  EXPECT_EQ(*pulled.ExtField("suggestWhichBrokerId"), "0");
  auto messages = DecodeMessages(pulled.body());
  ASSERT_TRUE(messages.ok()) << messages.status().ToString();
  ASSERT_EQ(messages->size(), 2u);
  EXPECT_EQ((*messages)[0].body, "hello-a");
  EXPECT_EQ((*messages)[1].body, "hello-a2");
  EXPECT_EQ(CreateOffsetMessageId((*messages)[0].store_host, (*messages)[0].commit_log_offset),
            *first.ExtField("msgId"));

  // Everything filtered out: PULL_RETRY_IMMEDIATELY with the offsets still present.
  RemotingCommand none = Pull("TopicTest", 0, 0, "TagZ");
  EXPECT_EQ(none.code(), ResponseCode::kPullRetryImmediately);
  EXPECT_TRUE(none.ExtField("nextBeginOffset"));
  // Past the end: PULL_OFFSET_MOVED; as DefaultMessageStore#getMessage, a queue whose min offset
  // is 0 corrects the client to 0 (otherwise to maxOffset).
  RemotingCommand moved = Pull("TopicTest", 0, 10, "*");
  EXPECT_EQ(moved.code(), ResponseCode::kPullOffsetMoved);
  EXPECT_EQ(*moved.ExtField("nextBeginOffset"), "0");
}

TEST_F(BrokerProcessTest, BatchIsStoredAsSeparateMessages) {
  std::string body;
  for (int i = 0; i < 3; ++i) {
    std::string properties;
    AppendProperty(&properties, "KEYS", "batch-" + std::to_string(i));
    AppendBatchElement(0, "element-" + std::to_string(i), properties, &body);
  }
  // The C++ client sends batches as 310 with m=true; Java as 320. Both must split.
  for (int32_t code : {RequestCode::kSendBatchMessage, RequestCode::kSendMessageV2}) {
    auto request = RemotingCommand::CreateRequest(code);
    remoting::SendMessageRequestHeaderV2 header;
    header.a = "P";
    header.b = "BatchTopic";
    header.c = "TBW102";
    header.d = 4;
    header.m = true;
    remoting::EncodeCustomHeader(header, &request);
    request.set_body(body);
    RemotingCommand response = InvokeBroker(std::move(request));
    ASSERT_EQ(response.code(), ResponseCode::kSuccess) << response.remark().value_or("");
    EXPECT_EQ(std::count(response.ExtField("msgId")->begin(), response.ExtField("msgId")->end(), ','), 2);
  }
  WaitForMaxOffset("BatchTopic", 0, 6);
  RemotingCommand pulled = Pull("BatchTopic", 0, 0, "*");
  ASSERT_EQ(pulled.code(), ResponseCode::kSuccess);
  auto messages = DecodeMessages(pulled.body());
  ASSERT_TRUE(messages.ok());
  ASSERT_EQ(messages->size(), 6u);
  EXPECT_EQ((*messages)[4].body, "element-1");
  EXPECT_EQ((*messages)[4].queue_offset, 4);
}

TEST_F(BrokerProcessTest, SyncFlushSendIsAcknowledgedAfterGroupCommit) {
  ASSERT_TRUE(broker_->Stop().ok());
  StartBroker("flushDiskType=SYNC_FLUSH\n");
  for (int i = 0; i < 5; ++i) {
    RemotingCommand sent = Send("SyncTopic", "durable-" + std::to_string(i), "", "");
    ASSERT_EQ(sent.code(), ResponseCode::kSuccess) << sent.remark().value_or("");
    EXPECT_EQ(*sent.ExtField("queueOffset"), std::to_string(i));
  }
}

TEST_F(BrokerProcessTest, UnknownTopicWithoutTemplateIsTopicNotExist) {
  auto request = RemotingCommand::CreateRequest(RequestCode::kSendMessageV2);
  remoting::SendMessageRequestHeaderV2 header;
  header.a = "P";
  header.b = "NoSuchTopic";
  header.c = "NoSuchTemplate";
  header.d = 4;
  remoting::EncodeCustomHeader(header, &request);
  request.set_body("x");
  RemotingCommand response = InvokeBroker(std::move(request));
  EXPECT_EQ(response.code(), ResponseCode::kTopicNotExist);
  // An oversized body is MESSAGE_ILLEGAL.
  EXPECT_EQ(Send("TopicTest", std::string(4 * 1024 * 1024 + 1, 'x'), "", "").code(), ResponseCode::kMessageIllegal);
}

TEST_F(BrokerProcessTest, LongPollIsWokenByANewMessage) {
  ASSERT_EQ(Send("PollTopic", "first", "", "").code(), ResponseCode::kSuccess);
  WaitForMaxOffset("PollTopic", 0, 1);
  auto started = std::chrono::steady_clock::now();
  auto pending = std::async(std::launch::async, [&] { return Pull("PollTopic", 0, 1, "*", 0x6, 10000); });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  ASSERT_EQ(Send("PollTopic", "second", "", "").code(), ResponseCode::kSuccess);
  ASSERT_EQ(pending.wait_for(std::chrono::seconds(8)), std::future_status::ready);
  RemotingCommand pulled = pending.get();
  auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_EQ(pulled.code(), ResponseCode::kSuccess) << pulled.remark().value_or("");
  EXPECT_LT(elapsed, std::chrono::seconds(5));
  auto messages = DecodeMessages(pulled.body());
  ASSERT_TRUE(messages.ok());
  ASSERT_EQ(messages->size(), 1u);
  EXPECT_EQ((*messages)[0].body, "second");

  // Nothing arrives: the pull is held for the hold time, then PULL_NOT_FOUND.
  started = std::chrono::steady_clock::now();
  RemotingCommand empty = Pull("PollTopic", 0, 2, "*", 0x6, 700);
  EXPECT_EQ(empty.code(), ResponseCode::kPullNotFound);
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(600));
}

TEST_F(BrokerProcessTest, OffsetsFollowThe4xRuleAndSurviveARestart) {
  ASSERT_EQ(Send("OffsetTopic", "m0", "", "").code(), ResponseCode::kSuccess);
  ASSERT_EQ(Send("OffsetTopic", "m1", "", "").code(), ResponseCode::kSuccess);
  WaitForMaxOffset("OffsetTopic", 0, 2);
  int32_t code = 0;
  // A new group on a queue that starts at 0 reads from 0, as a 4.x broker answers.
  EXPECT_EQ(OffsetRequest(RequestCode::kQueryConsumerOffset, "NewGroup", "OffsetTopic", 0, &code), 0);
  EXPECT_EQ(code, ResponseCode::kSuccess);
  EXPECT_EQ(OffsetRequest(RequestCode::kGetMaxOffset, "", "OffsetTopic", 0), 2);
  EXPECT_EQ(OffsetRequest(RequestCode::kGetMinOffset, "", "OffsetTopic", 0), 0);

  auto update = RemotingCommand::CreateRequest(RequestCode::kUpdateConsumerOffset);
  remoting::UpdateConsumerOffsetRequestHeader header{"GroupO", "OffsetTopic", 0, 1};
  remoting::EncodeCustomHeader(header, &update);
  ASSERT_EQ(InvokeBroker(std::move(update)).code(), ResponseCode::kSuccess);
  // -1 (ali-ons for "nothing consumed") never overwrites an offset.
  auto minus = RemotingCommand::CreateRequest(RequestCode::kUpdateConsumerOffset);
  remoting::UpdateConsumerOffsetRequestHeader minus_header{"GroupO", "OffsetTopic", 0, -1};
  remoting::EncodeCustomHeader(minus_header, &minus);
  ASSERT_EQ(InvokeBroker(std::move(minus)).code(), ResponseCode::kSuccess);
  EXPECT_EQ(OffsetRequest(RequestCode::kQueryConsumerOffset, "GroupO", "OffsetTopic", 0), 1);

  auto search = RemotingCommand::CreateRequest(RequestCode::kSearchOffsetByTimestamp);
  remoting::SearchOffsetRequestHeader search_header{"OffsetTopic", 0, 0, std::nullopt};
  remoting::EncodeCustomHeader(search_header, &search);
  RemotingCommand searched = InvokeBroker(std::move(search));
  EXPECT_EQ(searched.code(), ResponseCode::kSuccess);
  EXPECT_EQ(*searched.ExtField("offset"), "0");

  auto earliest = RemotingCommand::CreateRequest(RequestCode::kGetEarliestMsgStoretime);
  earliest.SetExtField("topic", "OffsetTopic");
  earliest.SetExtField("queueId", "0");
  RemotingCommand time = InvokeBroker(std::move(earliest));
  EXPECT_EQ(time.code(), ResponseCode::kSuccess);
  EXPECT_GT(std::stoll(*time.ExtField("timestamp")), 1700000000000);

  ASSERT_TRUE(broker_->Stop().ok());
  StartBroker();
  EXPECT_EQ(OffsetRequest(RequestCode::kQueryConsumerOffset, "GroupO", "OffsetTopic", 0), 1);
  EXPECT_EQ(OffsetRequest(RequestCode::kGetMaxOffset, "", "OffsetTopic", 0), 2);
}

TEST_F(BrokerProcessTest, QueriesByKeyAndById) {
  RemotingCommand sent = Send("QueryTopic", "findme", "TagQ", "order-42 other");
  ASSERT_EQ(sent.code(), ResponseCode::kSuccess);
  ASSERT_EQ(Send("QueryTopic", "noise", "TagQ", "order-43").code(), ResponseCode::kSuccess);
  WaitForMaxOffset("QueryTopic", 0, 2);  // the index is built by dispatch

  RemotingCommand found = QueryByKey("QueryTopic", "order-42");
  ASSERT_EQ(found.code(), ResponseCode::kSuccess) << found.remark().value_or("");
  auto messages = DecodeMessages(found.body());
  ASSERT_TRUE(messages.ok());
  ASSERT_EQ(messages->size(), 1u);
  EXPECT_EQ((*messages)[0].body, "findme");

  auto id = DecodeOffsetMessageId(*sent.ExtField("msgId"));
  ASSERT_TRUE(id.ok());
  RemotingCommand viewed = ViewByOffset(id->commit_log_offset);
  ASSERT_EQ(viewed.code(), ResponseCode::kSuccess);
  auto one = DecodeMessages(viewed.body());
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].body, "findme");

  EXPECT_EQ(QueryByKey("QueryTopic", "no-such-key").code(), ResponseCode::kQueryNotFound);
}

TEST_F(BrokerProcessTest, HeartbeatRegistersConsumerAndRetryTopic) {
  RemotingCommand response = HeartBeat("10.0.0.9@123#1", "ConsumerGroupH", "TopicH");
  ASSERT_EQ(response.code(), ResponseCode::kSuccess);
  EXPECT_GE(response.version(), MQVersion::kV4_9_4);

  auto list = RemotingCommand::CreateRequest(RequestCode::kGetConsumerListByGroup);
  list.SetExtField("consumerGroup", "ConsumerGroupH");
  RemotingCommand ids = InvokeBroker(std::move(list));
  ASSERT_EQ(ids.code(), ResponseCode::kSuccess);
  EXPECT_EQ(ids.body(), "{\"consumerIdList\":[\"10.0.0.9@123#1\"]}");
  EXPECT_TRUE(WaitForRoute("%RETRY%ConsumerGroupH"));

  auto connections = RemotingCommand::CreateRequest(RequestCode::kGetConsumerConnectionList);
  connections.SetExtField("consumerGroup", "ConsumerGroupH");
  RemotingCommand listed = InvokeBroker(std::move(connections));
  ASSERT_EQ(listed.code(), ResponseCode::kSuccess);
  EXPECT_NE(listed.body().find("\"clientId\":\"10.0.0.9@123#1\""), std::string::npos);

  auto unregister = RemotingCommand::CreateRequest(RequestCode::kUnregisterClient);
  unregister.SetExtField("clientID", "10.0.0.9@123#1");
  unregister.SetExtField("consumerGroup", "ConsumerGroupH");
  unregister.SetExtField("producerGroup", "");
  ASSERT_EQ(InvokeBroker(std::move(unregister)).code(), ResponseCode::kSuccess);
  auto again = RemotingCommand::CreateRequest(RequestCode::kGetConsumerListByGroup);
  again.SetExtField("consumerGroup", "ConsumerGroupH");
  EXPECT_EQ(InvokeBroker(std::move(again)).code(), ResponseCode::kSystemError);
}

// Records NOTIFY_CONSUMER_IDS_CHANGED requests the broker sends down a client's connection.
class NotifyRecorder : public remoting::RequestProcessor {
 public:
  asio::awaitable<std::optional<RemotingCommand>> Process(remoting::RequestContext&, RemotingCommand request) override {
    const std::string* group = request.ExtField("consumerGroup");
    std::lock_guard lock(mutex_);
    groups_.push_back(group ? *group : "");
    co_return std::nullopt;
  }
  std::vector<std::string> groups() {
    std::lock_guard lock(mutex_);
    return groups_;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> groups_;
};

TEST_F(BrokerProcessTest, NewGroupMemberTriggersNotifyConsumerIdsChanged) {
  NotifyRecorder recorder;
  remoting::RemotingClient first(io_.context(), remoting::RemotingClientConfig{});
  first.RegisterProcessor(RequestCode::kNotifyConsumerIdsChanged, recorder);
  auto heartbeat = [&](remoting::RemotingClient& client, const std::string& id) {
    auto request = RemotingCommand::CreateRequest(RequestCode::kHeartBeat);
    request.set_body("{\"clientID\":\"" + id +
                     "\",\"consumerDataSet\":[{\"consumeFromWhere\":0,\"consumeType\":1,\"groupName\":\"GroupN\","
                     "\"messageModel\":1,\"subscriptionDataSet\":[{\"subString\":\"*\",\"subVersion\":\"1\","
                     "\"topic\":\"TopicN\"}]}]}\n");
    auto response = client.InvokeSync(broker_addr_, std::move(request), testing::kBrokerRequestTimeout);
    ASSERT_TRUE(response.ok());
    EXPECT_EQ(response->code(), ResponseCode::kSuccess);
  };
  heartbeat(first, "10.0.0.1@1#cpp");
  heartbeat(client_, "10.0.0.2@2#cpp");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (recorder.groups().size() < 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // Once for its own arrival, once for the second member's.
  EXPECT_EQ(recorder.groups(), (std::vector<std::string>{"GroupN", "GroupN"}));

  auto list = RemotingCommand::CreateRequest(RequestCode::kGetConsumerListByGroup);
  list.SetExtField("consumerGroup", "GroupN");
  EXPECT_EQ(InvokeBroker(std::move(list)).body(), "{\"consumerIdList\":[\"10.0.0.1@1#cpp\",\"10.0.0.2@2#cpp\"]}");
  first.Shutdown();
}

TEST_F(BrokerProcessTest, QueueLocksGoToOneClientAtATime) {
  auto lock = [&](const std::string& client_id) {
    auto request = RemotingCommand::CreateRequest(RequestCode::kLockBatchMq);
    request.set_body("{\"clientId\":\"" + client_id +
                     "\",\"consumerGroup\":\"GroupL\",\"mqSet\":[{\"brokerName\":\"broker-test\",\"queueId\":0,"
                     "\"topic\":\"TopicL\"}]}\n");
    return InvokeBroker(std::move(request));
  };
  RemotingCommand granted = lock("c1");
  ASSERT_EQ(granted.code(), ResponseCode::kSuccess);
  EXPECT_EQ(granted.body(), "{\"lockOKMQSet\":[{\"brokerName\":\"broker-test\",\"queueId\":0,\"topic\":\"TopicL\"}]}");
  EXPECT_EQ(lock("c2").body(), "{\"lockOKMQSet\":[]}");
  auto unlock = RemotingCommand::CreateRequest(RequestCode::kUnlockBatchMq);
  unlock.set_body("{\"clientId\":\"c1\",\"consumerGroup\":\"GroupL\",\"mqSet\":[{\"brokerName\":\"broker-test\","
                  "\"queueId\":0,\"topic\":\"TopicL\"}]}");
  EXPECT_EQ(InvokeBroker(std::move(unlock)).code(), ResponseCode::kSuccess);
  EXPECT_NE(lock("c2").body(), "{\"lockOKMQSet\":[]}");
}

TEST_F(BrokerProcessTest, SentBackMessageComesBackThroughTheRetryTopic) {
  // Short delay levels: the send-back (level 3 + reconsumeTimes 0) comes back after 1 s.
  ASSERT_TRUE(broker_->Stop().ok());
  StartBroker("messageDelayLevel=1s 1s 1s\n");
  RemotingCommand sent = Send("RetryTopicSrc", "fail-me", "TagR", "kr");
  ASSERT_EQ(sent.code(), ResponseCode::kSuccess);
  auto id = DecodeOffsetMessageId(*sent.ExtField("msgId"));
  ASSERT_TRUE(id.ok());
  auto back = RemotingCommand::CreateRequest(RequestCode::kConsumerSendMsgBack);
  remoting::ConsumerSendMsgBackRequestHeader header;
  header.offset = id->commit_log_offset;
  header.group = "GroupR";
  header.delay_level = 0;
  header.origin_msg_id = *sent.ExtField("msgId");
  header.origin_topic = "RetryTopicSrc";
  header.max_reconsume_times = 16;
  remoting::EncodeCustomHeader(header, &back);
  RemotingCommand response = InvokeBroker(std::move(back));
  ASSERT_EQ(response.code(), ResponseCode::kSuccess) << response.remark().value_or("");

  RemotingCommand pulled = Pull("%RETRY%GroupR", 0, 0, "*", 0x6, 3000, "GroupR");
  ASSERT_EQ(pulled.code(), ResponseCode::kSuccess) << pulled.remark().value_or("");
  auto messages = DecodeMessages(pulled.body());
  ASSERT_TRUE(messages.ok());
  ASSERT_EQ(messages->size(), 1u);
  const MessageExt& retried = (*messages)[0];
  EXPECT_EQ(retried.body, "fail-me");
  EXPECT_EQ(retried.reconsume_times, 1);
  EXPECT_EQ(FindProperty(retried.properties, "RETRY_TOPIC").value_or(""), "RetryTopicSrc");
  EXPECT_EQ(FindProperty(retried.properties, "ORIGIN_MESSAGE_ID").value_or(""), *sent.ExtField("msgId"));
  EXPECT_EQ(FindProperty(retried.properties, "TAGS").value_or(""), "TagR");
  EXPECT_EQ(FindProperty(retried.properties, "DELAY").value_or(""), "3");  // parked on level 3 first
  EXPECT_EQ(FindProperty(retried.properties, "REAL_TOPIC").value_or(""), "%RETRY%GroupR");
  EXPECT_TRUE(WaitForRoute("%RETRY%GroupR"));
}

TEST_F(BrokerProcessTest, UpdateBrokerConfigHonoursTheAllowList) {
  auto refused = RemotingCommand::CreateRequest(RequestCode::kUpdateBrokerConfig);
  refused.set_body("storePathRootDir=/tmp/evil\n");
  RemotingCommand no = InvokeBroker(std::move(refused));
  EXPECT_EQ(no.code(), ResponseCode::kNoPermission);

  auto allowed = RemotingCommand::CreateRequest(RequestCode::kUpdateBrokerConfig);
  allowed.set_body("autoCreateTopicEnable=false\n");
  EXPECT_EQ(InvokeBroker(std::move(allowed)).code(), ResponseCode::kSuccess);
  auto get = RemotingCommand::CreateRequest(RequestCode::kGetBrokerConfig);
  RemotingCommand config = InvokeBroker(std::move(get));
  ASSERT_EQ(config.code(), ResponseCode::kSuccess);
  EXPECT_NE(config.body().find("autoCreateTopicEnable=false\n"), std::string::npos);
  EXPECT_EQ(Send("BrandNewTopic", "x", "", "").code(), ResponseCode::kTopicNotExist);

  auto runtime = RemotingCommand::CreateRequest(RequestCode::kGetBrokerRuntimeInfo);
  RemotingCommand info = InvokeBroker(std::move(runtime));
  ASSERT_EQ(info.code(), ResponseCode::kSuccess);
  EXPECT_NE(info.body().find("\"brokerVersionDesc\""), std::string::npos);
}

TEST_F(BrokerProcessTest, SigtermUnregistersAndExitsCleanly) {
  ASSERT_TRUE(WaitForRoute("TBW102"));
  auto exit_code = broker_->Stop();
  ASSERT_TRUE(exit_code.ok());
  EXPECT_EQ(*exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("store/abort")));
  EXPECT_FALSE(Route("TBW102"));
  broker_.reset();
}

}  // namespace
}  // namespace rmq

#endif  // MQNAMESRV_PATH && MQBROKER_PATH

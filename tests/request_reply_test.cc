// Request-reply against real mqnamesrv + mqbroker processes: DefaultMQProducer::request answered
// by a push consumer that replies with MessageUtil::createReplyMessage (SEND_REPLY_MESSAGE_V2 ->
// PUSH_REPLY_MESSAGE_TO_CLIENT), the async form, a timeout when nobody replies, concurrent
// requests each matched to its own reply by correlation id, and the errors of a reply nobody
// waits for.
#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "client_cluster.h"
#include "rocketmq/DefaultMQAdminExt.h"
#include "rocketmq/DefaultMQProducer.h"
#include "rocketmq/DefaultMQPushConsumer.h"
#include "rocketmq/MessageUtil.h"
#include "rocketmq/RequestCallback.h"

#if defined(MQNAMESRV_PATH) && defined(MQBROKER_PATH)

namespace rmq::testing {
namespace {

using namespace std::chrono_literals;
using rocketmq::MessageUtil;
using rocketmq::MQMessage;
using rocketmq::MQMessageExt;

class RequestReplyIT : public ClientClusterTest {
 protected:
  RequestReplyIT() {
    requester_.setInstanceName("requester");
    replier_.setInstanceName("replier");
    UseProducer(requester_);
    UseProducer(replier_);
  }
  void TearDown() override {
    if (responder_) responder_->shutdown();
    ClientClusterTest::TearDown();
  }

  // A consumer of `topic` that answers every request with "re:" + its body.
  void StartResponder(const std::string& topic, int queues) {
    rocketmq::MessageListenerFunction answer = [this](const std::vector<MQMessageExt>& msgs) {
      for (const auto& msg : msgs) {
        {
          std::lock_guard lock(mutex_);
          clusters_.insert(msg.getProperty(MessageUtil::PROPERTY_CLUSTER));
          ttls_.insert(msg.getProperty(MessageUtil::PROPERTY_MESSAGE_TTL));
        }
        MQMessage reply = MessageUtil::createReplyMessage(msg, "re:" + msg.getBody());
        replier_.send(reply);
      }
      return rocketmq::CONSUME_SUCCESS;
    };
    PushOptions options;
    options.instance = "responder";
    responder_ = NewPushConsumer(cluster_.namesrv(), "ReplyingGroup", topic, rocketmq::MessageSelector::byTag("*"),
                                 std::move(answer), options);
    ASSERT_TRUE(WaitFor([&] { return static_cast<int>(responder_->getAllocatedQueues().size()) >= queues; }, 30s));
  }

  rocketmq::DefaultMQProducer requester_{"RequesterGroup"};
  rocketmq::DefaultMQProducer replier_{"ReplierGroup"};
  std::unique_ptr<rocketmq::DefaultMQPushConsumer> responder_;
  std::mutex mutex_;
  std::set<std::string> clusters_;  // Guarded by mutex_.
  std::set<std::string> ttls_;      // Guarded by mutex_.
};

TEST_F(RequestReplyIT, RequestIsAnsweredByAConsumerThatReplies) {
  CreateTopic("RRTopic", 2);
  StartResponder("RRTopic", 2);
  MQMessage request("RRTopic", "TagA", "ping");
  auto begin = std::chrono::steady_clock::now();
  MQMessage reply = requester_.request(request, 15000);
  auto elapsed = std::chrono::steady_clock::now() - begin;
  EXPECT_EQ(reply.getBody(), "re:ping");
  EXPECT_EQ(reply.getTopic(), "DefaultCluster_REPLY_TOPIC");
  EXPECT_EQ(reply.getProperty(MessageUtil::PROPERTY_MESSAGE_TYPE), "reply");
  EXPECT_FALSE(request.getProperty(MessageUtil::PROPERTY_CORRELATION_ID).empty());
  EXPECT_EQ(reply.getProperty(MessageUtil::PROPERTY_CORRELATION_ID),
            request.getProperty(MessageUtil::PROPERTY_CORRELATION_ID));
  EXPECT_EQ(reply.getProperty(MessageUtil::PROPERTY_MESSAGE_REPLY_TO_CLIENT), requester_.getClientId());
  EXPECT_FALSE(reply.getProperty("PUSH_REPLY_TIME").empty());
  EXPECT_LT(elapsed, 15s);
  std::lock_guard lock(mutex_);
  EXPECT_EQ(clusters_, std::set<std::string>{"DefaultCluster"});
  EXPECT_EQ(ttls_, std::set<std::string>{"15000"});
}

TEST_F(RequestReplyIT, AsyncRequestDeliversTheReplyToTheCallback) {
  CreateTopic("RRAsyncTopic", 1);
  StartResponder("RRAsyncTopic", 1);
  struct Callback : rocketmq::RequestCallback {
    std::promise<std::string> result;
    void onSuccess(MQMessage& reply) override { result.set_value(reply.getBody()); }
    void onException(rocketmq::MQException& e) noexcept override { result.set_value(std::string("error: ") + e.what()); }
  } callback;
  auto answer = callback.result.get_future();
  MQMessage request("RRAsyncTopic", "TagA", "async");
  requester_.request(request, &callback, 15000);
  ASSERT_EQ(answer.wait_for(20s), std::future_status::ready);
  EXPECT_EQ(answer.get(), "re:async");
}

TEST_F(RequestReplyIT, RequestWithoutAReplierTimesOut) {
  CreateTopic("RRSilentTopic", 1);
  MQMessage request("RRSilentTopic", "TagA", "anyone?");
  auto begin = std::chrono::steady_clock::now();
  try {
    requester_.request(request, 1500);
    ADD_FAILURE() << "a request nobody answers returned";
  } catch (const rocketmq::RequestTimeoutException& e) {
    EXPECT_NE(std::string(e.what()).find("wait reply message timeout, 1500 ms"), std::string::npos) << e.what();
  }
  auto elapsed = std::chrono::steady_clock::now() - begin;
  EXPECT_GE(elapsed, 1400ms);
  EXPECT_LT(elapsed, 15s);

  // The async form reports the timeout to its callback.
  struct Callback : rocketmq::RequestCallback {
    std::promise<std::string> result;
    void onSuccess(MQMessage&) override { result.set_value("reply"); }
    void onException(rocketmq::MQException& e) noexcept override { result.set_value(e.GetType()); }
  } callback;
  auto answer = callback.result.get_future();
  MQMessage again("RRSilentTopic", "TagA", "still anyone?");
  requester_.request(again, &callback, 1000);
  ASSERT_EQ(answer.wait_for(20s), std::future_status::ready);
  EXPECT_EQ(answer.get(), "RequestTimeoutException");
}

TEST_F(RequestReplyIT, ConcurrentRequestsAreMatchedByCorrelationId) {
  CreateTopic("RRConcurrentTopic", 4);
  StartResponder("RRConcurrentTopic", 4);
  constexpr int kThreads = 6;
  constexpr int kPerThread = 5;
  std::atomic<int> matched{0};
  std::vector<std::string> failures;
  std::mutex failures_mutex;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::string body = "q-" + std::to_string(t) + "-" + std::to_string(i);
        MQMessage request("RRConcurrentTopic", "TagA", body);
        try {
          MQMessage reply = requester_.request(request, 30000);
          if (reply.getBody() == "re:" + body) {
            ++matched;
          } else {
            std::lock_guard lock(failures_mutex);
            failures.push_back(body + " got " + reply.getBody());
          }
        } catch (const rocketmq::MQException& e) {
          std::lock_guard lock(failures_mutex);
          failures.push_back(body + ": " + e.what());
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(matched.load(), kThreads * kPerThread);
  for (const auto& failure : failures) ADD_FAILURE() << failure;
}

TEST_F(RequestReplyIT, RepliesNobodyWaitsForGetClearErrors) {
  MQMessage plain("SomeTopic", "TagA", "not a request");
  EXPECT_THROW(MessageUtil::createReplyMessage(plain, "x"), rocketmq::MQClientException);

  // A reply to a client that is not connected: the broker tells the replier.
  MQMessage fake_request("SomeTopic", "TagA", "req");
  fake_request.setProperty(MessageUtil::PROPERTY_CLUSTER, "DefaultCluster");
  fake_request.setProperty(MessageUtil::PROPERTY_CORRELATION_ID, "no-such-request");
  fake_request.setProperty(MessageUtil::PROPERTY_MESSAGE_REPLY_TO_CLIENT, "127.0.0.9@1#gone");
  fake_request.setProperty(MessageUtil::PROPERTY_MESSAGE_TTL, "3000");
  MQMessage reply = MessageUtil::createReplyMessage(fake_request, "late");
  EXPECT_EQ(reply.getTopic(), "DefaultCluster_REPLY_TOPIC");
  try {
    replier_.send(reply);
    ADD_FAILURE() << "a reply to an unknown client was accepted";
  } catch (const rocketmq::MQBrokerException& e) {
    EXPECT_NE(std::string(e.what()).find("channel of <127.0.0.9@1#gone> not found"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace rmq::testing

#endif

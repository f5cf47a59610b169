// The async batch send (DefaultMQProducer::send(vector, callback)) against real mqnamesrv +
// mqbroker processes: every message of every batch is stored once under the id the callback
// reports, a fixed queue is honoured, and a batch too big for one request fails with a remark
// saying how to split it instead of being sent.
#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "client_cluster.h"
#include "rocketmq/DefaultLitePullConsumer.h"
#include "rocketmq/DefaultMQAdminExt.h"
#include "rocketmq/DefaultMQProducer.h"

#if defined(MQNAMESRV_PATH) && defined(MQBROKER_PATH)

namespace rmq::testing {
namespace {

using namespace std::chrono_literals;
using rocketmq::MQMessage;
using rocketmq::MQMessageExt;
using rocketmq::MQMessageQueue;

class ClientAsyncBatchProducerIT : public ClientClusterTest {
 protected:
  ClientAsyncBatchProducerIT() : ClientClusterTest(1) { UseProducer(producer_); }

  rocketmq::DefaultMQProducer producer_{"AsyncBatchProducer"};
};

// Counts the callbacks and keeps the ids they reported.
class CollectingCallback : public rocketmq::SendCallback {
 public:
  void onSuccess(rocketmq::SendResult& result) override {
    std::lock_guard lock(mutex);
    ids.push_back(result.getMsgId());
    queues.push_back(result.getMessageQueue());
    ++done;
  }
  void onException(rocketmq::MQException& e) noexcept override {
    std::lock_guard lock(mutex);
    errors.push_back(e.what());
    ++done;
  }

  std::mutex mutex;
  std::vector<std::string> ids;
  std::vector<MQMessageQueue> queues;
  std::vector<std::string> errors;
  std::atomic<int> done{0};
};

TEST_F(ClientAsyncBatchProducerIT, EveryMessageOfEveryBatchIsStoredUnderTheReportedId) {
  CreateTopic("AsyncBatch");
  constexpr int kBatches = 20;
  constexpr int kPerBatch = 16;
  CollectingCallback callback;
  std::set<std::string> expected_ids;
  // The same vector is sent again and again, as the benchmark tool does: each send must give
  // every message a fresh UNIQ_KEY once the previous one is cleared.
  std::vector<MQMessage> batch;
  for (int i = 0; i < kPerBatch; ++i) batch.emplace_back("AsyncBatch", "TagA", "body-" + std::to_string(i));
  for (int b = 0; b < kBatches; ++b) {
    for (auto& msg : batch) msg.clearProperty(MQMessage::PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
    producer_.send(batch, &callback);
    for (const auto& msg : batch) {
      ASSERT_EQ(msg.getUniqKey().size(), 32u);
      expected_ids.insert(msg.getUniqKey());
    }
  }
  ASSERT_TRUE(WaitFor([&] { return callback.done.load() == kBatches; }, 20s)) << callback.done.load();
  ASSERT_TRUE(callback.errors.empty()) << callback.errors.front();
  std::set<std::string> reported;
  for (const auto& joined : callback.ids) {
    size_t start = 0;
    int parts = 0;
    while (start <= joined.size()) {
      size_t comma = joined.find(',', start);
      reported.insert(joined.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      ++parts;
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    EXPECT_EQ(parts, kPerBatch) << joined;
  }
  EXPECT_EQ(reported, expected_ids);
  EXPECT_EQ(expected_ids.size(), static_cast<size_t>(kBatches * kPerBatch));

  EXPECT_TRUE(WaitFor([&] { return TotalMessages("AsyncBatch") == kBatches * kPerBatch; }, 10s))
      << TotalMessages("AsyncBatch");
  auto stored = ReadAll("AsyncBatch", kBatches * kPerBatch);
  ASSERT_EQ(stored.size(), static_cast<size_t>(kBatches * kPerBatch));
  std::set<std::string> stored_ids;
  for (const auto& msg : stored) {
    stored_ids.insert(msg.getMsgId());
    EXPECT_EQ(msg.getTags(), "TagA");
  }
  EXPECT_EQ(stored_ids, expected_ids);
}

TEST_F(ClientAsyncBatchProducerIT, FixedQueueAndLambdasAndOversizedBatch) {
  CreateTopic("AsyncBatchQ");
  MQMessageQueue chosen("AsyncBatchQ", "broker-a", 2);
  CollectingCallback callback;
  std::vector<MQMessage> batch;
  for (int i = 0; i < 8; ++i) batch.emplace_back("AsyncBatchQ", "TagQ", "q-" + std::to_string(i));
  producer_.send(batch, chosen, &callback);
  ASSERT_TRUE(WaitFor([&] { return callback.done.load() == 1; }, 10s));
  ASSERT_TRUE(callback.errors.empty()) << callback.errors.front();
  EXPECT_EQ(callback.queues.front(), chosen);

  // Lambdas; a batch over maxMessageSize is refused whole, with a remark naming the fix.
  producer_.setMaxMessageSize(64 * 1024);
  std::vector<MQMessage> big;
  for (int i = 0; i < 4; ++i) big.emplace_back("AsyncBatchQ", "TagQ", std::string(20 * 1024, 'x'));
  std::promise<std::string> outcome;
  producer_.send(
      big, [&](rocketmq::SendResult& r) { outcome.set_value("sent " + r.getMsgId()); },
      [&](rocketmq::MQException& e) { outcome.set_value(e.what()); });
  auto future = outcome.get_future();
  ASSERT_EQ(future.wait_for(10s), std::future_status::ready);
  std::string text = future.get();
  EXPECT_NE(text.find("splitBatch"), std::string::npos) << text;

  std::vector<MQMessage> empty;
  std::promise<std::string> empty_outcome;
  producer_.send(
      empty, [&](rocketmq::SendResult&) { empty_outcome.set_value("sent"); },
      [&](rocketmq::MQException& e) { empty_outcome.set_value(e.what()); });
  auto empty_future = empty_outcome.get_future();
  ASSERT_EQ(empty_future.wait_for(10s), std::future_status::ready);
  EXPECT_NE(empty_future.get().find("empty"), std::string::npos);

  // The queue offsets follow the store's dispatch, a moment after the answer.
  EXPECT_TRUE(WaitFor([&] { return TotalMessages("AsyncBatchQ") == 8; }, 10s)) << TotalMessages("AsyncBatchQ");
  for (const auto& [mq, offset] : admin_.examineTopicStats("AsyncBatchQ").offsetTable) {
    if (offset.maxOffset > 0) {
      EXPECT_EQ(mq.getQueueId(), 2);
    }
  }
}

}  // namespace
}  // namespace rmq::testing

#endif

// Transactional messages end to end over real processes: the C++ TransactionMQProducer against
// mqbroker — commit delivers once, rollback never, an unknown outcome is resolved by the broker's
// check service asking the producer, an unanswered one is discarded after transactionCheckMax,
// and a half message pending across a broker restart is still checked. The broker runs with
// short check settings (transactionCheckInterval 500 ms, transactionTimeOut 2 s).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "broker_fixture.h"
#include "client_cluster.h"
#include "transaction_cluster.h"
#include "rocketmq/DefaultLitePullConsumer.h"
#include "rocketmq/DefaultMQAdminExt.h"
#include "rocketmq/TransactionMQProducer.h"

#if defined(MQNAMESRV_PATH) && defined(MQBROKER_PATH)

namespace rmq::testing {
namespace {

using namespace std::chrono_literals;
using rocketmq::LocalTransactionState;
using rocketmq::MQMessage;
using rocketmq::MQMessageExt;

constexpr char kFastChecks[] = "transactionCheckInterval=500\ntransactionTimeOut=2000\ntransactionCheckMax=3\n";

// executeLocalTransaction decides by the body's first word (commit / rollback / anything else =
// unknown); checkLocalTransaction answers `check` and records what it was asked about.
class ScriptedListener : public rocketmq::TransactionListener {
 public:
  explicit ScriptedListener(LocalTransactionState check) : check_(check) {}

  LocalTransactionState executeLocalTransaction(const MQMessage& msg, void*) override {
    if (msg.getBody().rfind("commit", 0) == 0) return rocketmq::COMMIT_MESSAGE;
    if (msg.getBody().rfind("rollback", 0) == 0) return rocketmq::ROLLBACK_MESSAGE;
    return rocketmq::UNKNOWN;
  }
  LocalTransactionState checkLocalTransaction(const MQMessageExt& msg) override {
    std::lock_guard lock(mutex_);
    checked_.push_back(msg);
    return check_;
  }

  size_t checks() {
    std::lock_guard lock(mutex_);
    return checked_.size();
  }
  std::vector<MQMessageExt> checked() {
    std::lock_guard lock(mutex_);
    return checked_;
  }

 private:
  const LocalTransactionState check_;
  std::mutex mutex_;
  std::vector<MQMessageExt> checked_;  // Guarded by mutex_.
};

class TransactionIT : public TransactionCluster {
 protected:
  explicit TransactionIT(std::string broker_extra = kFastChecks) : TransactionCluster(std::move(broker_extra)) {}

  // Reads `topic` from the beginning until `n` messages arrived (or `timeout`), then keeps
  // polling for `settle` so that an extra delivery would be seen too.
  std::vector<MQMessageExt> Consume(const std::string& topic, size_t n, std::chrono::milliseconds timeout,
                                    std::chrono::milliseconds settle) {
    rocketmq::DefaultLitePullConsumer consumer("TxReader" + std::to_string(++readers_));
    consumer.setNamesrvAddr(namesrv_->address());
    consumer.setInstanceName("reader" + std::to_string(readers_));
    consumer.start();
    auto queues = consumer.fetchMessageQueues(topic);
    consumer.assign(queues);
    for (const auto& mq : queues) consumer.seekToBegin(mq);
    std::vector<MQMessageExt> out;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (out.size() < n && std::chrono::steady_clock::now() < deadline) {
      for (auto& msg : consumer.poll(200)) out.push_back(std::move(msg));
    }
    auto settle_end = std::chrono::steady_clock::now() + settle;
    while (std::chrono::steady_clock::now() < settle_end) {
      for (auto& msg : consumer.poll(200)) out.push_back(std::move(msg));
    }
    consumer.shutdown();
    return out;
  }

  void StartProducer(rocketmq::TransactionMQProducer& producer, ScriptedListener& listener,
                     const std::string& instance) {
    producer.setNamesrvAddr(namesrv_->address());
    producer.setInstanceName(instance);
    producer.setTransactionListener(&listener);
    producer.start();
  }

  int readers_ = 0;
};

TEST_F(TransactionIT, CommitIsDeliveredOnceWithItsProperties) {
  CreateTopic("TxCommit");
  ScriptedListener listener(rocketmq::ROLLBACK_MESSAGE);
  rocketmq::TransactionMQProducer producer("TxCommitGroup");
  StartProducer(producer, listener, "commit");
  MQMessage msg("TxCommit", "TagA", "key-1", "commit-1");
  msg.setProperty("color", "blue");
  auto result = producer.sendMessageInTransaction(msg, nullptr);
  EXPECT_EQ(result.getSendStatus(), rocketmq::SEND_OK);
  EXPECT_EQ(result.getLocalTransactionState(), rocketmq::COMMIT_MESSAGE);
  EXPECT_EQ(result.getTransactionId(), msg.getUniqKey());

  // The settle time spans several check rounds past transactionTimeOut: the op record must keep
  // the check service from asking about (or delivering) the message again.
  auto got = Consume("TxCommit", 1, 20s, 3s);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].getBody(), "commit-1");
  EXPECT_EQ(got[0].getTopic(), "TxCommit");
  EXPECT_EQ(got[0].getQueueId(), 0);
  EXPECT_EQ(got[0].getTags(), "TagA");
  EXPECT_EQ(got[0].getKeys(), "key-1");
  EXPECT_EQ(got[0].getProperty("color"), "blue");
  EXPECT_EQ(got[0].getMsgId(), msg.getUniqKey());
  EXPECT_EQ(got[0].getTransactionId(), msg.getUniqKey());
  EXPECT_EQ(got[0].getProperty("TRAN_MSG"), "true");  // kept on the committed copy, as upstream
  EXPECT_EQ(got[0].getProperty("PGROUP"), "TxCommitGroup");
  EXPECT_EQ(listener.checks(), 0u);
  producer.shutdown();
}

TEST_F(TransactionIT, RollbackIsNeverDelivered) {
  CreateTopic("TxRollback");
  ScriptedListener listener(rocketmq::COMMIT_MESSAGE);  // a check would wrongly commit it
  rocketmq::TransactionMQProducer producer("TxRollbackGroup");
  StartProducer(producer, listener, "rollback");
  MQMessage rollback("TxRollback", "rollback-1");
  EXPECT_EQ(producer.sendMessageInTransaction(rollback, nullptr).getLocalTransactionState(),
            rocketmq::ROLLBACK_MESSAGE);
  MQMessage marker("TxRollback", "commit-marker");
  EXPECT_EQ(producer.sendMessageInTransaction(marker, nullptr).getLocalTransactionState(),
            rocketmq::COMMIT_MESSAGE);

  auto got = Consume("TxRollback", 1, 20s, 3s);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].getBody(), "commit-marker");
  EXPECT_EQ(listener.checks(), 0u);
  producer.shutdown();
}

TEST_F(TransactionIT, UnknownIsResolvedByTheCheckService) {
  CreateTopic("TxCheck");
  ScriptedListener listener(rocketmq::COMMIT_MESSAGE);
  rocketmq::TransactionMQProducer producer("TxCheckGroup");
  StartProducer(producer, listener, "check");
  MQMessage msg("TxCheck", "TagC", "unknown-1");
  auto result = producer.sendMessageInTransaction(msg, nullptr);
  EXPECT_EQ(result.getLocalTransactionState(), rocketmq::UNKNOWN);

  auto got = Consume("TxCheck", 1, 30s, 2s);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].getBody(), "unknown-1");
  EXPECT_EQ(got[0].getTags(), "TagC");
  EXPECT_EQ(got[0].getMsgId(), msg.getUniqKey());
  EXPECT_EQ(got[0].getProperty("TRANSACTION_CHECK_TIMES"), "1");

  auto checked = listener.checked();
  ASSERT_EQ(checked.size(), 1u);
  EXPECT_EQ(checked[0].getTopic(), "TxCheck");  // REAL_TOPIC, not the half topic
  EXPECT_EQ(checked[0].getBody(), "unknown-1");
  EXPECT_EQ(checked[0].getMsgId(), msg.getUniqKey());
  EXPECT_EQ(checked[0].getTransactionId(), msg.getUniqKey());
  producer.shutdown();
}

TEST_F(TransactionIT, UnansweredTransactionIsDiscardedAfterTransactionCheckMax) {
  CreateTopic("TxDiscard");
  ScriptedListener listener(rocketmq::UNKNOWN);
  rocketmq::TransactionMQProducer producer("TxDiscardGroup");
  StartProducer(producer, listener, "discard");
  MQMessage msg("TxDiscard", "unknown-forever");
  EXPECT_EQ(producer.sendMessageInTransaction(msg, nullptr).getLocalTransactionState(), rocketmq::UNKNOWN);

  auto line = broker_->WaitForLine("discarding half message " + msg.getUniqKey(), 60s);
  ASSERT_TRUE(line.ok()) << line.status().ToString();
  EXPECT_NE(line->find("checked 3 times"), std::string::npos) << *line;
  // transactionCheckMax=3 checks reached the producer, and none after the discard.
  EXPECT_TRUE(WaitFor([&] { return listener.checks() >= 3; }, 10s)) << listener.checks();
  auto got = Consume("TxDiscard", 1, 2s, 1s);
  EXPECT_TRUE(got.empty()) << got[0].getBody();
  EXPECT_EQ(listener.checks(), 3u);
  producer.shutdown();
}

class TransactionRestartIT : public TransactionIT {
 protected:
  // Enough checks that the message outlives the restart undecided.
  TransactionRestartIT()
      : TransactionIT("transactionCheckInterval=500\ntransactionTimeOut=2000\ntransactionCheckMax=1000\n") {}
};

TEST_F(TransactionRestartIT, PendingHalfMessageIsCheckedAfterARestart) {
  CreateTopic("TxRestart");
  std::string uniq;
  {
    // This producer leaves the transaction open and goes away before answering any check.
    ScriptedListener silent(rocketmq::UNKNOWN);
    rocketmq::TransactionMQProducer producer("TxRestartGroup");
    StartProducer(producer, silent, "before");
    MQMessage msg("TxRestart", "unknown-across-restart");
    EXPECT_EQ(producer.sendMessageInTransaction(msg, nullptr).getLocalTransactionState(), rocketmq::UNKNOWN);
    uniq = msg.getUniqKey();
    producer.shutdown();
  }
  auto stopped = broker_->Stop();
  ASSERT_TRUE(stopped.ok() && *stopped == 0) << (stopped.ok() ? std::to_string(*stopped) : stopped.status().ToString());
  StartBroker(broker_extra_);

  ScriptedListener committer(rocketmq::COMMIT_MESSAGE);
  rocketmq::TransactionMQProducer producer("TxRestartGroup");
  StartProducer(producer, committer, "after");
  MQMessage marker("TxRestart", "commit-marker");
  EXPECT_EQ(producer.sendMessageInTransaction(marker, nullptr).getLocalTransactionState(), rocketmq::COMMIT_MESSAGE);

  auto got = Consume("TxRestart", 2, 40s, 1s);
  ASSERT_EQ(got.size(), 2u);
  std::vector<std::string> bodies = {got[0].getBody(), got[1].getBody()};
  std::sort(bodies.begin(), bodies.end());
  EXPECT_EQ(bodies, (std::vector<std::string>{"commit-marker", "unknown-across-restart"}));
  bool asked = false;
  for (const auto& checked : committer.checked()) asked |= checked.getMsgId() == uniq;
  EXPECT_TRUE(asked);
  producer.shutdown();
}

}  // namespace
}  // namespace rmq::testing

#endif

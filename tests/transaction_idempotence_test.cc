// Transactions whose verdict arrives more than once, and committed transactions that carry a
// delay, over real processes. A second COMMIT (sync, oneway, from a check, in either order with
// the producer's own) must not store the message again; a committed message with a delay level or
// a 5.x delivery time is delivered at its time counted from the commit, not at once. The broker
// runs with short check settings and short custom delay levels.
#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "broker_fixture.h"
#include "client_cluster.h"
#include "transaction_cluster.h"
#include "common/message_format.h"
#include "common/message_id.h"
#include "common/message_properties.h"
#include "remoting/consumer_headers.h"
#include "rocketmq/DefaultMQAdminExt.h"
#include "rocketmq/TransactionMQProducer.h"

#if defined(MQNAMESRV_PATH) && defined(MQBROKER_PATH)

namespace rmq::testing {
namespace {

using namespace std::chrono_literals;
using remoting::RemotingCommand;
using remoting::ResponseCode;

constexpr char kBrokerExtra[] =
    "transactionCheckInterval=500\ntransactionTimeOut=1500\ntransactionCheckMax=5\n"
    "messageDelayLevel=1s 3s 5s\n";

int64_t WallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// What END_TRANSACTION needs to name a half message.
struct Half {
  int64_t queue_offset = 0;
  int64_t commit_log_offset = 0;
  std::string uniq;
};

class TransactionIdempotenceIT : public TransactionCluster {
 protected:
  TransactionIdempotenceIT() : TransactionCluster(kBrokerExtra) {}

  // A half message sent as the clients send one (TRAN_MSG, PGROUP), with `extra` properties.
  Half SendHalf(const std::string& topic, const std::string& group, const std::string& body,
                const std::string& extra_name = "", const std::string& extra_value = "") {
    auto request = RemotingCommand::CreateRequest(remoting::RequestCode::kSendMessageV2);
    remoting::SendMessageRequestHeaderV2 header;
    header.a = group;
    header.b = topic;
    header.c = "TBW102";
    header.d = 4;
    header.e = 0;
    header.g = WallMs();
    Half half;
    half.uniq = "7F00000100002A9F0000" + std::to_string(1000000000000 + ++sent_);
    std::string properties;
    AppendProperty(&properties, "UNIQ_KEY", half.uniq);
    AppendProperty(&properties, "WAIT", "true");
    AppendProperty(&properties, "TRAN_MSG", "true");
    AppendProperty(&properties, "PGROUP", group);
    if (!extra_name.empty()) AppendProperty(&properties, extra_name, extra_value);
    header.i = properties;
    remoting::EncodeCustomHeader(header, &request);
    request.set_body(body);
    RemotingCommand response = InvokeBroker(std::move(request));
    EXPECT_EQ(response.code(), ResponseCode::kSuccess) << response.remark().value_or("");
    auto sent = remoting::DecodeCustomHeader<remoting::SendMessageResponseHeader>(response);
    EXPECT_TRUE(sent.ok());
    if (!sent.ok()) return half;
    auto id = DecodeOffsetMessageId(sent->msg_id);
    EXPECT_TRUE(id.ok()) << sent->msg_id;
    half.queue_offset = sent->queue_offset;
    half.commit_log_offset = id.ok() ? id->commit_log_offset : -1;
    return half;
  }

  // END_TRANSACTION about `half`; sync (the broker answers) unless `oneway`.
  int32_t EndTransaction(const std::string& group, const Half& half, int32_t verdict, bool from_check,
                         bool oneway = false) {
    auto request = RemotingCommand::CreateRequest(remoting::RequestCode::kEndTransaction);
    remoting::EndTransactionRequestHeader header;
    header.producer_group = group;
    header.tran_state_table_offset = half.queue_offset;
    header.commit_log_offset = half.commit_log_offset;
    header.commit_or_rollback = verdict;
    header.from_transaction_check = from_check;
    header.msg_id = half.uniq;
    header.transaction_id = half.uniq;
    remoting::EncodeCustomHeader(header, &request);
    if (oneway) {
      request.MarkOneway();
      EXPECT_TRUE(client_.InvokeOneway(broker_addr_, std::move(request)).ok());
      return ResponseCode::kSuccess;
    }
    RemotingCommand response = InvokeBroker(std::move(request));
    EXPECT_EQ(response.code(), ResponseCode::kSuccess) << response.remark().value_or("");
    return response.code();
  }

  // Messages stored in queue 0 of `topic` (its max offset).
  int64_t Stored(const std::string& topic) {
    auto request = RemotingCommand::CreateRequest(remoting::RequestCode::kGetMaxOffset);
    remoting::GetMaxOffsetRequestHeader header;
    header.topic = topic;
    header.queue_id = 0;
    remoting::EncodeCustomHeader(header, &request);
    RemotingCommand response = InvokeBroker(std::move(request));
    if (response.code() != ResponseCode::kSuccess) return -1;
    auto offset = remoting::DecodeCustomHeader<remoting::GetMaxOffsetResponseHeader>(response);
    return offset.ok() ? offset->offset : -1;
  }

  // Waits until `topic` holds at least one message, then long enough for a duplicate (a commit
  // still in flight, a check round past transactionTimeOut) to arrive too; returns the count.
  int64_t StoredAfterSettling(const std::string& topic) {
    EXPECT_TRUE(WaitFor([&] { return Stored(topic) >= 1; }, 20s));
    std::this_thread::sleep_for(3s);
    return Stored(topic);
  }

  // Runs one transaction of a RacingListener (below) and checks the message is stored once.
  void RunRace(const std::string& topic, bool producer_first);

  int sent_ = 0;
};

TEST_F(TransactionIdempotenceIT, RepeatedCommitStoresTheMessageOnce) {
  const std::string group = "TxIdemGroup";
  Half half = SendHalf("TxIdem", group, "commit-twice");
  ASSERT_GE(half.commit_log_offset, 0);
  EXPECT_EQ(EndTransaction(group, half, sysflag::kTransactionCommitType, false), ResponseCode::kSuccess);
  // The same verdict again (a client retry), as a check's answer, oneway, and a late rollback:
  // all answered, none stores anything.
  EXPECT_EQ(EndTransaction(group, half, sysflag::kTransactionCommitType, false), ResponseCode::kSuccess);
  EXPECT_EQ(EndTransaction(group, half, sysflag::kTransactionCommitType, true), ResponseCode::kSuccess);
  EndTransaction(group, half, sysflag::kTransactionCommitType, false, /*oneway=*/true);
  EXPECT_EQ(EndTransaction(group, half, sysflag::kTransactionRollbackType, true), ResponseCode::kSuccess);

  EXPECT_EQ(StoredAfterSettling("TxIdem"), 1);
  // Nor did the check service ask about it (there is no producer: it would log that it cannot).
  EXPECT_EQ(broker_->Output().find("to ask about message " + half.uniq), std::string::npos);
}

TEST_F(TransactionIdempotenceIT, CommitAfterRollbackIsIgnored) {
  const std::string group = "TxIdemRollbackGroup";
  Half half = SendHalf("TxIdemRollback", group, "rolled-back");
  EXPECT_EQ(EndTransaction(group, half, sysflag::kTransactionRollbackType, false), ResponseCode::kSuccess);
  EXPECT_EQ(EndTransaction(group, half, sysflag::kTransactionCommitType, true), ResponseCode::kSuccess);
  // A marker committed afterwards shows the queue is served; the rolled-back one never appears.
  Half marker = SendHalf("TxIdemRollback", group, "marker");
  EXPECT_EQ(EndTransaction(group, marker, sysflag::kTransactionCommitType, false), ResponseCode::kSuccess);
  EXPECT_EQ(StoredAfterSettling("TxIdemRollback"), 1);
}

// A transactional producer whose local transaction outlasts transactionTimeOut, so that the
// broker checks it while it runs. `producer_first` decides which verdict reaches the broker first:
// the producer's own END_TRANSACTION (naming the first half record) or the check's answer
// (naming the re-appended copy). Both say COMMIT.
class RacingListener : public rocketmq::TransactionListener {
 public:
  explicit RacingListener(bool producer_first) : producer_first_(producer_first) {}

  rocketmq::LocalTransactionState executeLocalTransaction(const rocketmq::MQMessage&, void*) override {
    // Runs until the broker's check arrived (and, check first, was answered).
    WaitFor([&] { return producer_first_ ? check_started_.load() : check_answered_.load(); }, 30s);
    if (!producer_first_) std::this_thread::sleep_for(500ms);  // the answer is processed first
    return rocketmq::COMMIT_MESSAGE;
  }

  rocketmq::LocalTransactionState checkLocalTransaction(const rocketmq::MQMessageExt&) override {
    if (checks_.fetch_add(1) == 0) {
      check_started_ = true;
      if (producer_first_) {
        // Answer only after the producer's own COMMIT went out and was processed.
        WaitFor([&] { return producer_committed_.load(); }, 30s);
        std::this_thread::sleep_for(500ms);
      }
    }
    check_answered_ = true;
    return rocketmq::COMMIT_MESSAGE;
  }

  void ProducerCommitted() { producer_committed_ = true; }
  int checks() const { return checks_.load(); }

 private:
  const bool producer_first_;
  std::atomic<bool> check_started_{false};
  std::atomic<bool> check_answered_{false};
  std::atomic<bool> producer_committed_{false};
  std::atomic<int> checks_{0};
};

void TransactionIdempotenceIT::RunRace(const std::string& topic, bool producer_first) {
  CreateTopic(topic);
  RacingListener listener(producer_first);
  rocketmq::TransactionMQProducer producer(topic + "Group");
  producer.setNamesrvAddr(namesrv_->address());
  producer.setInstanceName(topic);
  producer.setTransactionListener(&listener);
  producer.start();
  rocketmq::MQMessage msg(topic, "slow-local-transaction");
  auto result = producer.sendMessageInTransaction(msg, nullptr);
  listener.ProducerCommitted();
  EXPECT_EQ(result.getSendStatus(), rocketmq::SEND_OK);
  EXPECT_EQ(result.getLocalTransactionState(), rocketmq::COMMIT_MESSAGE);
  EXPECT_GE(listener.checks(), 1);
  EXPECT_TRUE(WaitFor([&] { return Stored(topic) >= 1; }, 20s));
  const int checks_at_commit = listener.checks();
  // Long enough for the later verdict to land and for several check rounds past transactionTimeOut.
  std::this_thread::sleep_for(4s);
  EXPECT_EQ(Stored(topic), 1);
  EXPECT_EQ(listener.checks(), checks_at_commit);  // an ended transaction is not asked about again
  producer.shutdown();
}

TEST_F(TransactionIdempotenceIT, CheckAnsweredCommitAfterTheProducersCommitStoresOnce) {
  RunRace("TxRaceProducerFirst", /*producer_first=*/true);
}

TEST_F(TransactionIdempotenceIT, ProducersLateCommitAfterTheCheckAnswerStoresOnce) {
  RunRace("TxRaceCheckFirst", /*producer_first=*/false);
}

TEST_F(TransactionIdempotenceIT, CommittedDelayLevelIsDeliveredAtItsTimeFromTheCommit) {
  const std::string group = "TxDelayGroup";
  Half half = SendHalf("TxDelay", group, "delayed-commit", "DELAY", "2");  // level 2 = 3 s
  // The half message waits as a half message, whatever its delay says.
  std::this_thread::sleep_for(1s);
  EXPECT_EQ(Stored("TxDelay"), 0);
  const int64_t committed_ms = WallMs();
  EXPECT_EQ(EndTransaction(group, half, sysflag::kTransactionCommitType, false), ResponseCode::kSuccess);
  std::this_thread::sleep_for(1500ms);
  EXPECT_EQ(Stored("TxDelay"), 0) << "delivered before its delay";
  ASSERT_TRUE(WaitFor([&] { return Stored("TxDelay") >= 1; }, 20s));
  const int64_t elapsed = WallMs() - committed_ms;
  EXPECT_GE(elapsed, 3000 - 50);  // the 3 s of level 2, counted from the commit
  EXPECT_LE(elapsed, 3000 + 15000);
  std::this_thread::sleep_for(2s);
  EXPECT_EQ(Stored("TxDelay"), 1);
}

TEST_F(TransactionIdempotenceIT, CommittedTimerMessageIsDeliveredNotBeforeItsTime) {
  CreateTopic("TxTimer");
  // A client transaction carrying a 5.x delivery time: the C++ (like the Java) client drops a
  // delay level from a transactional send, but keeps the timer properties.
  class CommitListener : public rocketmq::TransactionListener {
    rocketmq::LocalTransactionState executeLocalTransaction(const rocketmq::MQMessage&, void*) override {
      return rocketmq::COMMIT_MESSAGE;
    }
    rocketmq::LocalTransactionState checkLocalTransaction(const rocketmq::MQMessageExt&) override {
      return rocketmq::COMMIT_MESSAGE;
    }
  } listener;
  rocketmq::TransactionMQProducer producer("TxTimerGroup");
  producer.setNamesrvAddr(namesrv_->address());
  producer.setInstanceName("timer");
  producer.setTransactionListener(&listener);
  producer.start();
  rocketmq::MQMessage msg("TxTimer", "timer-commit");
  const int64_t due_ms = WallMs() + 3000;
  msg.setDeliverTimeMs(due_ms);
  auto result = producer.sendMessageInTransaction(msg, nullptr);
  EXPECT_EQ(result.getSendStatus(), rocketmq::SEND_OK);
  EXPECT_EQ(result.getLocalTransactionState(), rocketmq::COMMIT_MESSAGE);
  ASSERT_TRUE(WaitFor([&] { return Stored("TxTimer") >= 1; }, 20s));
  const int64_t delivered_ms = WallMs();
  EXPECT_GE(delivered_ms, due_ms) << "delivered " << due_ms - delivered_ms << " ms early";
  EXPECT_LE(delivered_ms, due_ms + 15000);
  std::this_thread::sleep_for(2s);
  EXPECT_EQ(Stored("TxTimer"), 1);
  producer.shutdown();
}

}  // namespace
}  // namespace rmq::testing

#endif

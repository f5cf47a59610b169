#include "store/message_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <set>
#include <sys/mman.h>

#include "common/coding.h"
#include "common/java_string_hash.h"
#include "common/message_codec.h"
#include "common/message_format.h"
#include "common/message_id.h"
#include "store/store_test_util.h"

namespace rmq::store {
namespace {

using testing::MakeMessage;
using testing::SmallConfig;
using testing::TempDir;
using testing::WaitFor;

class MessageStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { config_ = SmallConfig(dir_.path()); }
  void TearDown() override { Close(); }

  void Open() {
    store_ = std::make_unique<MessageStore>(config_);
    Status s = store_->Load();
    ASSERT_TRUE(s.ok()) << s.ToString();
    s = store_->Start();
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  void Close() {
    if (store_) store_->Shutdown();
    store_.reset();
  }
  // Simulates a crash: the files stay as they are and the abort file remains.
  void Crash() {
    std::string abort = config_.AbortPath();
    std::string saved = testing::ReadFile(abort);
    Close();
    std::ofstream(abort) << saved;
  }
  PutMessageResult Put(const std::string& topic, int32_t queue, const std::string& body, const std::string& tags = "",
                       const std::string& keys = "") {
    return store_->PutMessage(MakeMessage(topic, queue, body, tags, keys));
  }
  // Waits until dispatch has caught up with the CommitLog.
  void Dispatched() {
    ASSERT_TRUE(WaitFor([&] { return store_->DispatchBehindBytes() == 0; }));
  }
  std::vector<MessageExt> Get(const std::string& topic, int32_t queue, int64_t offset, int32_t max,
                              GetMessageStatus* status = nullptr) {
    GetMessageResult r = store_->GetMessage("g", topic, queue, offset, max);
    if (status) *status = r.status;
    std::vector<MessageExt> out;
    for (const auto& m : r.messages) out.push_back(DecodeMessage(m.data, true).value());
    return out;
  }

  TempDir dir_;
  StoreConfig config_;
  std::unique_ptr<MessageStore> store_;
};

TEST_F(MessageStoreTest, StoredRecordIsVectorFByteForByte) {
  config_.store_host = HostAddress::V4(127, 0, 0, 1, 10911);
  Open();
  MessageExt m = MakeMessage("TopicTest", 0, "Hello");
  m.properties = EncodeProperties(
      {{"TAGS", "TagA"}, {"UNIQ_KEY", "7F00000100002A9F0000000000000001"}, {"WAIT", "true"}});
  PutMessageResult r = store_->PutMessage(m);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.append.wrote_offset, 0);
  EXPECT_EQ(r.append.wrote_bytes, 167);
  EXPECT_EQ(r.append.queue_offset, 0);
  EXPECT_EQ(r.append.MsgId(), "7F00000100002A9F0000000000000000");
  auto rec = store_->LookMessageByOffset(0);
  ASSERT_TRUE(rec.has_value());
  std::string bytes(rec->data);
  EXPECT_EQ(static_cast<int64_t>(DecodeBigEndian64(bytes.data() + 0x38)), r.append.store_timestamp);
  EncodeBigEndian64(bytes.data() + 0x38, 1700000000123ull);  // the vector's store time
  EXPECT_EQ(BytesToHex(bytes),
            "000000A7DAA320A777D18982000000000000000000000000000000000000000000000000000000000000018BCFE568007F000001"
            "0000CF820000018BCFE5687B7F00000100002A9F0000000000000000000000000000000548656C6C6F09546F706963546573"
            "74003E54414753015461674102554E49515F4B45590137463030303030313030303032413946303030303030303030303030"
            "303030310257414954017472756502");
}

TEST_F(MessageStoreTest, Ipv6HostsSetTheirSysflagBits) {
  config_.store_host.ipv6 = true;
  config_.store_host.ip = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  Open();
  MessageExt m = MakeMessage("T", 0, "v6");
  m.born_host.ipv6 = true;
  m.born_host.ip = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
  auto r = store_->PutMessage(m);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.append.MsgId().size(), 56u);
  EXPECT_EQ(r.append.wrote_bytes, 91 + 24 + 2 + 1 + 0);
  Dispatched();
  auto msgs = Get("T", 0, 0, 1);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(msgs[0].sys_flag & (sysflag::kBornHostV6 | sysflag::kStoreHostV6),
            sysflag::kBornHostV6 | sysflag::kStoreHostV6);
  EXPECT_EQ(msgs[0].store_host, config_.store_host);
  EXPECT_EQ(msgs[0].born_host, m.born_host);
  EXPECT_EQ(store_->GetMessageStoreTimeStamp("T", 0, 0), r.append.store_timestamp);
}

TEST_F(MessageStoreTest, AppendAssignsConsecutiveOffsetsPerQueue) {
  Open();
  for (int i = 0; i < 5; ++i) {
    auto r = Put("T", i % 2, "body" + std::to_string(i));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.append.queue_offset, i / 2);
  }
  Dispatched();
  EXPECT_EQ(store_->GetMaxOffsetInQueue("T", 0), 3);
  EXPECT_EQ(store_->GetMaxOffsetInQueue("T", 1), 2);
  auto msgs = Get("T", 0, 0, 32);
  ASSERT_EQ(msgs.size(), 3u);
  EXPECT_EQ(msgs[2].body, "body4");
  EXPECT_EQ(msgs[2].queue_offset, 2);
}

// The dispatch thread keeps the queues it wrote to; a deleted topic's queues must not be
// written again: a new message of the topic goes to a fresh queue that reads it back.
TEST_F(MessageStoreTest, DispatchAfterTopicDeletionWritesTheNewQueue) {
  Open();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(Put("T", 0, "old" + std::to_string(i)).ok());
  ASSERT_TRUE(Put("U", 0, "other").ok());
  Dispatched();
  EXPECT_EQ(store_->GetMaxOffsetInQueue("T", 0), 3);
  store_->DeleteTopic("T");
  EXPECT_EQ(store_->GetMaxOffsetInQueue("T", 0), 0);
  auto r = Put("T", 0, "new");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.append.queue_offset, 0);
  ASSERT_TRUE(Put("U", 0, "other2").ok());
  Dispatched();
  EXPECT_EQ(store_->GetMaxOffsetInQueue("T", 0), 1);
  auto msgs = Get("T", 0, 0, 32);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(msgs[0].body, "new");
  EXPECT_EQ(store_->GetMaxOffsetInQueue("U", 0), 2);
}

// More queues than the dispatch thread keeps (32): the ones it dropped are found again, and
// after a deletion none of the kept ones is written to.
TEST_F(MessageStoreTest, DispatchPastItsKeptQueuesAndAfterDeletionWritesTheRightQueues) {
  Open();
  constexpr int kQueues = 40;
  for (int round = 0; round < 2; ++round) {
    for (int q = 0; q < kQueues; ++q) ASSERT_TRUE(Put("M", q, "m" + std::to_string(round)).ok());
  }
  Dispatched();
  for (int q = 0; q < kQueues; ++q) ASSERT_EQ(store_->GetMaxOffsetInQueue("M", q), 2) << q;
  store_->DeleteTopic("M");
  ASSERT_TRUE(Put("M", 5, "fresh").ok());
  ASSERT_TRUE(Put("M", 39, "fresh39").ok());
  Dispatched();
  for (int q = 0; q < kQueues; ++q) {
    EXPECT_EQ(store_->GetMaxOffsetInQueue("M", q), (q == 5 || q == 39) ? 1 : 0) << q;
  }
  auto msgs = Get("M", 5, 0, 32);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(msgs[0].body, "fresh");
}

// Deletions racing the dispatch thread (run under ASan too): the queues it keeps are shared
// owners, so a deleted one is never freed under it, and once puts and deletions stop the
// topic's next message lands in a queue that reads it back.
TEST_F(MessageStoreTest, TopicDeletionsRacingDispatchLeaveAConsistentQueue) {
  Open();
  std::atomic<bool> stop{false};
  std::thread deleter([&] {
    while (!stop.load()) {
      store_->DeleteTopic("D");
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
  });
  for (int i = 0; i < 2000; ++i) ASSERT_TRUE(Put("D", i % 4, "x").ok());
  stop.store(true);
  deleter.join();
  Dispatched();
  store_->DeleteTopic("D");
  ASSERT_TRUE(Put("D", 2, "last").ok());
  Dispatched();
  auto msgs = Get("D", 2, 0, 32);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(msgs[0].body, "last");
  EXPECT_EQ(store_->GetMaxOffsetInQueue("D", 0), 0);
}

TEST_F(MessageStoreTest, FileRollWritesTheBlankMarkerAndNoRecordStraddles) {
  Open();
  std::vector<PutMessageResult> results;
  for (int i = 0; i < 40; ++i) {
    results.push_back(Put("T", 0, std::string(300, static_cast<char>('a' + i % 26))));
    ASSERT_TRUE(results.back().ok());
  }
  for (const auto& r : results) {
    EXPECT_EQ(r.append.wrote_offset / 4096, (r.append.wrote_offset + r.append.wrote_bytes - 1) / 4096)
        << "record at " << r.append.wrote_offset << " straddles a file";
  }
  // The first file ends with a blank record: remaining length + BLANK magic.
  int64_t last_in_first = 0;
  for (const auto& r : results) {
    if (r.append.wrote_offset < 4096) last_in_first = r.append.wrote_offset + r.append.wrote_bytes;
  }
  std::string first = testing::ReadFile(testing::CommitLogFile(dir_.path(), 0));
  ASSERT_EQ(first.size(), 4096u);
  EXPECT_EQ(DecodeBigEndian32(first.data() + last_in_first), static_cast<uint32_t>(4096 - last_in_first));
  EXPECT_EQ(static_cast<int32_t>(DecodeBigEndian32(first.data() + last_in_first + 4)), kBlankMagicCode);
  Dispatched();
  // A pull stops at the end of a ConsumeQueue file (16 entries here), as upstream does.
  std::vector<MessageExt> all;
  for (int64_t offset = 0; offset < 40;) {
    GetMessageResult r = store_->GetMessage("g", "T", 0, offset, 64);
    ASSERT_EQ(r.status, GetMessageStatus::kFound);
    for (const auto& m : r.messages) all.push_back(DecodeMessage(m.data, true).value());
    offset = r.next_begin_offset;
  }
  ASSERT_EQ(all.size(), 40u);
  for (int i = 0; i < 40; ++i) EXPECT_EQ(all[i].body, std::string(300, static_cast<char>('a' + i % 26)));
}

TEST_F(MessageStoreTest, BatchIsOneRunOfRecordsNeverSplitAcrossFiles) {
  Open();
  // Fill most of the first file so the batch cannot fit in it.
  ASSERT_TRUE(Put("T", 0, std::string(3500, 'x')).ok());
  MessageExt batch = MakeMessage("B", 3, "");
  for (int i = 0; i < 5; ++i) {
    AppendBatchElement(i, "element" + std::to_string(i),
                       EncodeProperties({{"TAGS", "TagB"}, {"KEYS", "bk" + std::to_string(i)}}), &batch.body);
  }
  PutMessageResult r = store_->PutMessages(batch);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.append.wrote_offset, 4096);
  EXPECT_EQ(r.append.msg_num, 5);
  EXPECT_EQ(r.append.queue_offset, 0);
  EXPECT_EQ(std::count(r.append.batch_msg_ids.begin(), r.append.batch_msg_ids.end(), ','), 4);
  Dispatched();
  auto msgs = Get("B", 3, 0, 32);
  ASSERT_EQ(msgs.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(msgs[i].body, "element" + std::to_string(i));
    EXPECT_EQ(msgs[i].flag, i);
    EXPECT_EQ(msgs[i].queue_offset, i);
    EXPECT_EQ(msgs[i].body_crc, BodyCrc(msgs[i].body));
  }
  EXPECT_EQ(store_->QueryMessage("B", "bk3", 32, 0, INT64_MAX).messages.size(), 1u);
}

TEST_F(MessageStoreTest, OversizedMessageGetsItsOwnError) {
  config_.max_message_size = 100;
  Open();
  auto r = Put("T", 0, std::string(101, 'x'));
  EXPECT_EQ(r.status, PutMessageStatus::kMessageSizeExceeded);
  EXPECT_NE(r.error.find("maxMessageSize"), std::string::npos);
  // A record that can never fit one CommitLog file is refused too.
  config_.max_message_size = 1 << 20;
  Close();
  Open();
  EXPECT_EQ(Put("T", 0, std::string(5000, 'x')).status, PutMessageStatus::kMessageSizeExceeded);
  EXPECT_TRUE(Put("T", 0, "small").ok());
}

TEST_F(MessageStoreTest, GetMessageReportsThePullStatuses) {
  Open();
  GetMessageStatus status;
  GetMessageResult none = store_->GetMessage("g", "T", 0, 0, 10);
  EXPECT_EQ(none.status, GetMessageStatus::kNoMessageInQueue);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(Put("T", 0, "m", i == 1 ? "TagB" : "TagA").ok());
  Dispatched();
  Get("T", 0, 3, 10, &status);
  EXPECT_EQ(status, GetMessageStatus::kOffsetOverflowOne);
  GetMessageResult bad = store_->GetMessage("g", "T", 0, 9, 10);
  EXPECT_EQ(bad.status, GetMessageStatus::kOffsetOverflowBadly);
  EXPECT_EQ(bad.next_begin_offset, 0);
  EXPECT_EQ(bad.max_offset, 3);

  TagHashFilter only_b;
  only_b.codes.insert(JavaStringHashCode("TagB"));
  GetMessageResult b = store_->GetMessage("g", "T", 0, 0, 10, &only_b);
  EXPECT_EQ(b.status, GetMessageStatus::kFound);
  ASSERT_EQ(b.messages.size(), 1u);
  EXPECT_EQ(b.queue_offsets[0], 1);
  EXPECT_EQ(b.next_begin_offset, 3);
  TagHashFilter only_c;
  only_c.codes.insert(JavaStringHashCode("TagC"));
  GetMessageResult c = store_->GetMessage("g", "T", 0, 0, 10, &only_c);
  EXPECT_EQ(c.status, GetMessageStatus::kNoMatchedMessage);
  EXPECT_EQ(c.next_begin_offset, 3);
  GetMessageResult two = store_->GetMessage("g", "T", 0, 0, 2);
  EXPECT_EQ(two.messages.size(), 2u);
  EXPECT_EQ(two.next_begin_offset, 2);
}

TEST_F(MessageStoreTest, ConsumeQueueEntryIsTwentyBytesWithTheTagHash) {
  Open();
  ASSERT_TRUE(Put("TopicTest", 0, "Hello", "TagA", "k1").ok());
  Dispatched();
  Close();
  std::string cq = testing::ReadFile(dir_.path() + "/consumequeue/TopicTest/0/00000000000000000000");
  ASSERT_EQ(cq.size(), 320u);
  int32_t size = static_cast<int32_t>(
      RecordLength(0, 5, 9, EncodeProperties({{"TAGS", "TagA"}, {"KEYS", "k1"}}).size()));
  EXPECT_EQ(BytesToHex(cq.substr(0, 20)), "0000000000000000" + BytesToHex(std::string("\0\0\0", 3)) +
                                              BytesToHex(std::string(1, static_cast<char>(size))) + "000000000027A807");
  EXPECT_EQ(cq.substr(20, 20), std::string(20, '\0'));
}

TEST_F(MessageStoreTest, OffsetByTimeFindsTheBoundaries) {
  Open();
  std::vector<int64_t> times;
  for (int i = 0; i < 6; ++i) {
    auto r = Put("T", 0, "m");
    ASSERT_TRUE(r.ok());
    times.push_back(r.append.store_timestamp);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  Dispatched();
  EXPECT_EQ(store_->GetOffsetInQueueByTime("T", 0, times[3]), 3);
  EXPECT_EQ(store_->GetOffsetInQueueByTime("T", 0, times[3] - 1), 3);
  EXPECT_EQ(store_->GetOffsetInQueueByTime("T", 0, times[3], BoundaryType::kUpper), 3);
  EXPECT_EQ(store_->GetOffsetInQueueByTime("T", 0, times[3] + 1, BoundaryType::kUpper), 3);
  EXPECT_EQ(store_->GetOffsetInQueueByTime("T", 0, 0), 0);
  EXPECT_EQ(store_->GetOffsetInQueueByTime("T", 0, INT64_MAX), 6);
  EXPECT_EQ(store_->GetEarliestMessageTime("T", 0), times[0]);
  EXPECT_EQ(store_->GetEarliestMessageTime(), times[0]);
  EXPECT_EQ(store_->GetMessageStoreTimeStamp("T", 0, 4), times[4]);
}

TEST_F(MessageStoreTest, QueryByKeyAndUniqueKey) {
  Open();
  MessageExt m = MakeMessage("T", 0, "with keys", "TagA", "order-1 order-2");
  m.properties += "UNIQ_KEY\x01" "ABCDEF\x02";
  ASSERT_TRUE(store_->PutMessage(m).ok());
  ASSERT_TRUE(Put("T", 1, "other", "", "order-2").ok());
  ASSERT_TRUE(Put("U", 0, "other topic", "", "order-1").ok());
  Dispatched();
  auto q1 = store_->QueryMessage("T", "order-1", 32, 0, INT64_MAX);
  ASSERT_EQ(q1.messages.size(), 1u);
  EXPECT_EQ(DecodeMessage(q1.messages[0].data).value().body, "with keys");
  EXPECT_EQ(store_->QueryMessage("T", "order-2", 32, 0, INT64_MAX).messages.size(), 2u);
  EXPECT_EQ(store_->QueryMessage("T", "order-2", 1, 0, INT64_MAX).messages.size(), 1u);
  EXPECT_EQ(store_->QueryMessage("T", "ABCDEF", 32, 0, INT64_MAX).messages.size(), 1u);
  EXPECT_TRUE(store_->QueryMessage("T", "order-1", 32, 0, 1000).messages.empty());
  EXPECT_TRUE(store_->QueryMessage("T", "nope", 32, 0, INT64_MAX).messages.empty());
}

TEST_F(MessageStoreTest, DispatchListenersSeeEveryMessage) {
  store_ = std::make_unique<MessageStore>(config_);
  std::mutex mu;
  std::vector<std::pair<int32_t, int64_t>> seen;
  store_->AddDispatchListener([&](const DispatchRequest& req) {
    std::lock_guard<std::mutex> lock(mu);
    seen.emplace_back(req.queue_id, req.consume_queue_offset);
  });
  ASSERT_TRUE(store_->Load().ok());
  ASSERT_TRUE(store_->Start().ok());
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(Put("T", i % 2, "m").ok());
  ASSERT_TRUE(WaitFor([&] {
    std::lock_guard<std::mutex> lock(mu);
    return seen.size() == 4;
  }));
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(seen[3], (std::pair<int32_t, int64_t>(1, 1)));
}

TEST_F(MessageStoreTest, SyncFlushCompletesThroughTheCallback) {
  config_.flush_disk_type = FlushDiskType::kSyncFlush;
  Open();
  std::atomic<int> ok{0};
  constexpr int kCount = 200;
  for (int i = 0; i < kCount; ++i) {
    store_->AsyncPutMessage(MakeMessage("T", 0, "durable " + std::to_string(i)), [&](PutMessageResult r) {
      if (r.ok()) ++ok;
    });
  }
  ASSERT_TRUE(WaitFor([&] { return ok.load() == kCount; }));
  EXPECT_GE(store_->checkpoint().physic_msg_timestamp(), 1);
}

TEST_F(MessageStoreTest, WaitFalseIsAcknowledgedAtOnceAndFlushedAnyway) {
  config_.flush_disk_type = FlushDiskType::kSyncFlush;
  Open();
  MessageExt m = MakeMessage("T", 0, "fire and forget");
  m.properties = EncodeProperties({{"WAIT", "false"}});
  auto r = store_->PutMessage(m);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(WaitFor([&] { return store_->checkpoint().physic_msg_timestamp() == r.append.store_timestamp; }));
}

int FailingMsync(void*, size_t, int) {
  errno = EIO;
  return -1;
}

TEST_F(MessageStoreTest, FailedFlushStopsTheStoreAndNeverReportsSuccess) {
  config_.flush_disk_type = FlushDiskType::kSyncFlush;
  Open();
  ASSERT_TRUE(Put("T", 0, "before").ok());
  SetMsyncFunctionForTesting(FailingMsync);
  auto r = Put("T", 0, "lost");
  EXPECT_EQ(r.status, PutMessageStatus::kFlushDiskFailed);
  auto refused = Put("T", 0, "refused");
  SetMsyncFunctionForTesting(nullptr);
  EXPECT_EQ(refused.status, PutMessageStatus::kFlushDiskFailed);
  EXPECT_FALSE(store_->IsWriteable());
  EXPECT_NE(store_->WriteRefusedReason().find("flush"), std::string::npos);
  // Still not writeable after the disk "recovers": fail-stop.
  EXPECT_EQ(Put("T", 0, "still refused").status, PutMessageStatus::kFlushDiskFailed);
  Close();
  EXPECT_TRUE(std::filesystem::exists(config_.AbortPath()));
}

std::atomic<bool> g_disk_released{false};

// An msync that hangs until the test releases it (at most 10 s, so nothing can hang for good).
int HangingMsync(void* addr, size_t length, int flags) {
  for (int i = 0; i < 10000 && !g_disk_released.load(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return msync(addr, length, flags);
}

TEST_F(MessageStoreTest, SyncFlushTimeoutIsReportedWhileMsyncHangs) {
  config_.flush_disk_type = FlushDiskType::kSyncFlush;
  config_.sync_flush_timeout = 30;
  Open();
  g_disk_released = false;
  SetMsyncFunctionForTesting(HangingMsync);
  auto r = Put("T", 0, "slow disk");
  // The answer came while msync was still hanging.
  const bool answered_while_hanging = !g_disk_released.load();
  g_disk_released = true;
  SetMsyncFunctionForTesting(nullptr);
  EXPECT_EQ(r.status, PutMessageStatus::kFlushDiskTimeout);
  EXPECT_TRUE(answered_while_hanging);
  // The message is stored all the same (FLUSH_DISK_TIMEOUT means "stored, durability unknown").
  Dispatched();
  EXPECT_EQ(Get("T", 0, 0, 10).size(), 1u);
}

TEST_F(MessageStoreTest, NormalRestartKeepsEverything) {
  Open();
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(Put("T", i % 3, "persist " + std::to_string(i), "", "key" + std::to_string(i)).ok());
  Dispatched();
  Close();
  EXPECT_FALSE(std::filesystem::exists(config_.AbortPath()));
  Open();
  EXPECT_TRUE(store_->recovery_info().last_exit_ok);
  EXPECT_EQ(store_->GetMaxOffsetInQueue("T", 1), 10);
  auto msgs = Get("T", 1, 0, 32);
  ASSERT_EQ(msgs.size(), 10u);
  EXPECT_EQ(msgs[9].body, "persist 28");
  EXPECT_EQ(store_->QueryMessage("T", "key17", 32, 0, INT64_MAX).messages.size(), 1u);
  auto next = Put("T", 1, "after restart");
  EXPECT_EQ(next.append.queue_offset, 10);
}

TEST_F(MessageStoreTest, CorruptBytesInTheLastFileTruncateThere) {
  Open();
  std::vector<PutMessageResult> rs;
  for (int i = 0; i < 20; ++i) rs.push_back(Put("T", 0, std::string(200, 'a' + i)));
  Dispatched();
  Crash();
  // Flip a body byte of record 15 (in the second file): recovery keeps 0..14 only.
  const auto& victim = rs[15];
  ASSERT_GE(victim.append.wrote_offset, 4096);
  int64_t file_start = victim.append.wrote_offset / 4096 * 4096;
  testing::WriteBytes(testing::CommitLogFile(dir_.path(), file_start), victim.append.wrote_offset - file_start + 100,
                      "CORRUPT");
  Open();
  EXPECT_FALSE(store_->recovery_info().last_exit_ok);
  EXPECT_EQ(store_->recovery_info().commit_log_end, victim.append.wrote_offset);
  EXPECT_EQ(store_->GetMaxOffsetInQueue("T", 0), 15);
  auto msgs = Get("T", 0, 0, 32);
  ASSERT_EQ(msgs.size(), 15u);
  EXPECT_EQ(msgs[14].body, std::string(200, 'a' + 14));
  auto again = Put("T", 0, "new");
  EXPECT_EQ(again.append.queue_offset, 15);
  EXPECT_EQ(again.append.wrote_offset, victim.append.wrote_offset);
}

TEST_F(MessageStoreTest, TornLastRecordIsDropped) {
  Open();
  std::vector<PutMessageResult> rs;
  for (int i = 0; i < 5; ++i) rs.push_back(Put("T", 0, std::string(100, 'a' + i)));
  Dispatched();
  Crash();
  // Zero the second half of the last record, as if the write never finished.
  const auto& last = rs.back();
  testing::WriteBytes(testing::CommitLogFile(dir_.path(), 0), last.append.wrote_offset + last.append.wrote_bytes / 2,
                      std::string(last.append.wrote_bytes / 2 + 1, '\0'));
  Open();
  EXPECT_EQ(store_->recovery_info().commit_log_end, last.append.wrote_offset);
  EXPECT_EQ(store_->GetMaxOffsetInQueue("T", 0), 4);
  EXPECT_EQ(Get("T", 0, 0, 32).size(), 4u);
}

TEST_F(MessageStoreTest, UncleanStopRebuildsLostConsumeQueuesAndIndex) {
  Open();
  for (int i = 0; i < 12; ++i) ASSERT_TRUE(Put("T", i % 2, "m" + std::to_string(i), "", "k" + std::to_string(i)).ok());
  Dispatched();
  Crash();
  std::filesystem::remove_all(dir_.path() + "/consumequeue");
  std::filesystem::remove_all(dir_.path() + "/index");
  Open();
  EXPECT_FALSE(store_->recovery_info().last_exit_ok);
  EXPECT_EQ(store_->recovery_info().redispatched, 12);
  EXPECT_EQ(store_->GetMaxOffsetInQueue("T", 0), 6);
  EXPECT_EQ(Get("T", 1, 0, 32).size(), 6u);
  EXPECT_EQ(store_->QueryMessage("T", "k7", 32, 0, INT64_MAX).messages.size(), 1u);
  EXPECT_EQ(Put("T", 0, "next").append.queue_offset, 6);
}

TEST_F(MessageStoreTest, UncleanStopScansFromTheFileTheCheckpointVouchesFor) {
  Open();
  std::vector<PutMessageResult> rs;
  for (int i = 0; i < 40; ++i) {
    rs.push_back(Put("T", 0, std::string(300, 'p'), "", "pk" + std::to_string(i)));
    std::this_thread::sleep_for(std::chrono::milliseconds(2));  // distinct store times per file
  }
  Dispatched();
  Crash();
  // Pretend the checkpoint certified everything up to the first record of the third file.
  const PutMessageResult* first_of_third = nullptr;
  for (const auto& r : rs) {
    if (r.append.wrote_offset >= 2 * 4096) {
      first_of_third = &r;
      break;
    }
  }
  ASSERT_NE(first_of_third, nullptr);
  std::string ts(16, '\0');
  EncodeBigEndian64(ts.data(), static_cast<uint64_t>(first_of_third->append.store_timestamp + 3000));
  EncodeBigEndian64(ts.data() + 8, static_cast<uint64_t>(first_of_third->append.store_timestamp + 3000));
  testing::WriteBytes(config_.CheckpointPath(), 0, ts);
  Open();
  const RecoveryInfo& info = store_->recovery_info();
  EXPECT_FALSE(info.last_exit_ok);
  EXPECT_EQ(info.scanned_bytes, info.commit_log_end - 2 * 4096);
  EXPECT_EQ(store_->GetMaxOffsetInQueue("T", 0), 40);
  EXPECT_EQ(store_->QueryMessage("T", "pk0", 32, 0, INT64_MAX).messages.size(), 1u);  // index rebuilt
  EXPECT_EQ(Put("T", 0, "next").append.queue_offset, 40);
}

TEST_F(MessageStoreTest, ConsumeQueueAheadOfTheCommitLogIsCut) {
  Open();
  std::vector<PutMessageResult> rs;
  for (int i = 0; i < 6; ++i) rs.push_back(Put("T", 0, "m" + std::to_string(i)));
  Dispatched();
  Crash();
  // Lose the CommitLog tail from record 4 on; the queue still lists 6 entries.
  testing::WriteBytes(testing::CommitLogFile(dir_.path(), 0), rs[4].append.wrote_offset, std::string(8, '\0'));
  Open();
  EXPECT_EQ(store_->GetMaxOffsetInQueue("T", 0), 4);
  GetMessageStatus status;
  Get("T", 0, 4, 10, &status);
  EXPECT_EQ(status, GetMessageStatus::kOffsetOverflowOne);
}

DiskUsage UsedPercent(int percent) {
  DiskUsage u;
  u.total_bytes = 100ll << 30;
  u.free_bytes = (100ll - percent) << 30;
  return u;
}

TEST_F(MessageStoreTest, CleanupDeletesExpiredFilesAndMovesQueueMinimums) {
  config_.file_reserved_time = 1;  // hours
  config_.delete_when = "99";      // never by the clock
  Open();
  // The host's own disk use must not decide: above 75 % it would delete files at once.
  store_->set_disk_probe([](const std::string&) -> Result<DiskUsage> { return UsedPercent(10); });
  for (int i = 0; i < 60; ++i) ASSERT_TRUE(Put("T", 0, std::string(300, 'c'), "", "ck" + std::to_string(i)).ok());
  Dispatched();
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
  // Not expired yet, and no trigger: nothing goes.
  EXPECT_EQ(store_->CleanOnce(now), 0);
  // A reader pins a record of the first file.
  auto pinned = store_->LookMessageByOffset(0);
  ASSERT_TRUE(pinned.has_value());
  store_->ExecuteDeleteFilesManually();
  int deleted = store_->CleanOnce(now + 2 * 3600 * 1000);
  EXPECT_GE(deleted, 3);
  EXPECT_FALSE(std::filesystem::exists(testing::CommitLogFile(dir_.path(), 0)));
  EXPECT_EQ(DecodeMessage(pinned->data).value().body, std::string(300, 'c'));
  EXPECT_EQ(store_->GetMinPhyOffset(), deleted * 4096);
  int64_t min_queue = store_->GetMinOffsetInQueue("T", 0);
  EXPECT_GT(min_queue, 0);
  GetMessageStatus status;
  Get("T", 0, 0, 10, &status);
  EXPECT_EQ(status, GetMessageStatus::kOffsetTooSmall);
  auto msgs = Get("T", 0, min_queue, 10);
  ASSERT_FALSE(msgs.empty());
  EXPECT_GE(msgs[0].commit_log_offset, store_->GetMinPhyOffset());
}

int LocalHour(int64_t ms) {
  time_t secs = static_cast<time_t>(ms / 1000);
  struct tm tm {};
  localtime_r(&secs, &tm);
  return tm.tm_hour;
}

TEST_F(MessageStoreTest, ExpiredFilesGoOnlyAtTheDeleteWhenHour) {
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
  const int64_t later = now + 2 * 3600 * 1000;  // every file is older than fileReservedTime then
  config_.file_reserved_time = 1;
  config_.delete_when = std::to_string((LocalHour(later) + 1) % 24);
  Open();
  store_->set_disk_probe([](const std::string&) -> Result<DiskUsage> { return UsedPercent(10); });
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(Put("T", 0, std::string(300, 'w')).ok());
  Dispatched();
  EXPECT_EQ(store_->CleanOnce(later), 0);  // not the hour
  Close();
  config_.delete_when = "03;" + std::to_string(LocalHour(later));
  Open();
  store_->set_disk_probe([](const std::string&) -> Result<DiskUsage> { return UsedPercent(10); });
  EXPECT_GE(store_->CleanOnce(later), 1);
  EXPECT_GT(store_->GetMinPhyOffset(), 0);
}

TEST_F(MessageStoreTest, SpaceThresholdsDeleteExpiredThenAnyOldFiles) {
  config_.file_reserved_time = 72;
  config_.delete_when = "99";
  Open();
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(Put("T", 0, std::string(300, 's')).ok());
  Dispatched();
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
  // 80 %: above diskMaxUsedSpaceRatio, but nothing is older than 72 h.
  store_->set_disk_probe([](const std::string&) -> Result<DiskUsage> { return UsedPercent(80); });
  EXPECT_EQ(store_->CleanOnce(now), 0);
  EXPECT_TRUE(store_->IsWriteable());
  // 86 %: above diskSpaceCleanForciblyRatio, the oldest files go regardless of age.
  store_->set_disk_probe([](const std::string&) -> Result<DiskUsage> { return UsedPercent(86); });
  EXPECT_GE(store_->CleanOnce(now), 1);
  EXPECT_TRUE(store_->IsWriteable());
  EXPECT_TRUE(Put("T", 0, "still accepted").ok());
}

TEST_F(MessageStoreTest, FullDiskRefusesWritesWithTheNumbers) {
  Open();
  ASSERT_TRUE(Put("T", 0, "ok").ok());
  store_->set_disk_probe([](const std::string&) -> Result<DiskUsage> {
    DiskUsage u;
    u.total_bytes = 100ll << 30;
    u.free_bytes = 5ll << 30;  // 95 % used
    return u;
  });
  store_->CleanOnce(0);
  auto r = Put("T", 0, "refused");
  EXPECT_EQ(r.status, PutMessageStatus::kDiskFull);
  EXPECT_NE(r.error.find("5.00 GiB free"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("reclaimable"), std::string::npos);
  EXPECT_NE(r.error.find("90%"), std::string::npos);
  store_->set_disk_probe([](const std::string&) -> Result<DiskUsage> {
    DiskUsage u;
    u.total_bytes = 100ll << 30;
    u.free_bytes = 50ll << 30;
    return u;
  });
  store_->CleanOnce(0);
  EXPECT_TRUE(Put("T", 0, "accepted again").ok());
  Dispatched();
  EXPECT_EQ(Get("T", 0, 0, 10).size(), 2u);
}

TEST_F(MessageStoreTest, FileThatCannotBeAllocatedIsACleanError) {
  config_.mapped_file_size_commit_log = int64_t{1} << 60;
  Open();
  auto r = Put("T", 0, "nowhere to go");
  EXPECT_EQ(r.status, PutMessageStatus::kCreateMappedFileFailed);
  EXPECT_FALSE(r.error.empty());
}

TEST_F(MessageStoreTest, SecondStoreOnTheSameDirectoryIsRefused) {
  Open();
  MessageStore other(config_);
  ASSERT_TRUE(other.Load().ok());
  Status s = other.Start();
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace rmq::store

// Crash test: a child process appends under SYNC_FLUSH and reports each acknowledged append
// through a pipe; the parent SIGKILLs it at a random moment, reopens the store and checks that
// every acknowledged message is there byte for byte, that nothing invalid is served, and that the
// ConsumeQueues and the index agree with the CommitLog. Bounded: a fixed number of short rounds.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <map>
#include <random>
#include <thread>
#include <vector>

#include "common/message_codec.h"
#include "common/message_properties.h"
#include "store/message_store.h"
#include "store/store_test_util.h"

namespace rmq::store {
namespace {

using testing::TempDir;

struct Ack {
  int64_t seq;
  int64_t commit_log_offset;
  int64_t queue_offset;
  int32_t queue_id;
  int32_t size;
};

constexpr int kQueues = 3;

std::string BodyFor(int64_t seq) { return "seq=" + std::to_string(seq) + ";" + std::string(seq % 300, 'x'); }

StoreConfig CrashConfig(const std::string& root) {
  StoreConfig c = testing::SmallConfig(root);
  c.mapped_file_size_commit_log = 64 * 1024;
  c.mapped_file_size_consume_queue = 20 * 200;
  c.max_index_num = 4000;
  c.flush_disk_type = FlushDiskType::kSyncFlush;
  return c;
}

// Runs in the child: append forever from a few threads, report acknowledged ones.
[[noreturn]] void ChildAppend(const std::string& root, int64_t first_seq, int fd) {
  MessageStore store(CrashConfig(root));
  if (!store.Load().ok() || !store.Start().ok()) _exit(2);
  std::atomic<int64_t> next{first_seq};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      while (true) {
        int64_t seq = next++;
        MessageExt m = testing::MakeMessage("Crash", static_cast<int32_t>(seq % kQueues), BodyFor(seq), "TagA",
                                            "k" + std::to_string(seq));
        PutMessageResult r = store.PutMessage(m);
        if (!r.ok()) continue;
        Ack ack{seq, r.append.wrote_offset, r.append.queue_offset, static_cast<int32_t>(seq % kQueues),
                r.append.wrote_bytes};
        if (write(fd, &ack, sizeof(ack)) != static_cast<ssize_t>(sizeof(ack))) _exit(3);
      }
    });
  }
  for (auto& t : threads) t.join();
  _exit(0);
}

TEST(CrashRecoveryTest, AcknowledgedAppendsSurviveSigkill) {
  TempDir dir;
  std::mt19937 rng(12345);
  std::map<int64_t, Ack> acked;
  int64_t next_seq = 0;
  constexpr int kRounds = 10;
  for (int round = 0; round < kRounds; ++round) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      ChildAppend(dir.path(), next_seq, fds[1]);
    }
    close(fds[1]);
    auto kill_at = std::chrono::steady_clock::now() + std::chrono::milliseconds(30 + rng() % 150);
    std::vector<char> buf;
    auto drain = [&](int timeout_ms) {
      pollfd p{fds[0], POLLIN, 0};
      if (poll(&p, 1, timeout_ms) <= 0) return false;
      char chunk[4096];
      ssize_t n = read(fds[0], chunk, sizeof(chunk));
      if (n <= 0) return false;
      buf.insert(buf.end(), chunk, chunk + n);
      return true;
    };
    while (std::chrono::steady_clock::now() < kill_at) drain(5);
    kill(pid, SIGKILL);
    int wstatus = 0;
    waitpid(pid, &wstatus, 0);
    while (drain(0)) {
    }
    close(fds[0]);
    ASSERT_TRUE(WIFSIGNALED(wstatus)) << "child exited on its own, status " << wstatus;
    size_t complete = buf.size() / sizeof(Ack);
    for (size_t i = 0; i < complete; ++i) {
      Ack ack;
      std::memcpy(&ack, buf.data() + i * sizeof(Ack), sizeof(Ack));
      acked[ack.seq] = ack;
      next_seq = std::max(next_seq, ack.seq + 1);
    }
    next_seq += 1000;  // sequence numbers of unacknowledged appends are never reused

    MessageStore store(CrashConfig(dir.path()));
    ASSERT_TRUE(store.Load().ok());
    EXPECT_FALSE(store.recovery_info().last_exit_ok);
    // Every acknowledged append: exact bytes at its offset, same entry in its queue.
    for (const auto& [seq, ack] : acked) {
      auto rec = store.LookMessageByOffset(ack.commit_log_offset);
      ASSERT_TRUE(rec.has_value()) << "acknowledged seq " << seq << " lost";
      auto msg = DecodeMessage(rec->data, true);
      ASSERT_TRUE(msg.ok()) << msg.status().ToString();
      EXPECT_EQ(msg->body, BodyFor(seq));
      EXPECT_EQ(msg->store_size, ack.size);
      EXPECT_EQ(msg->queue_id, ack.queue_id);
      EXPECT_EQ(msg->queue_offset, ack.queue_offset);
      EXPECT_EQ(store.GetCommitLogOffsetInQueue("Crash", ack.queue_id, ack.queue_offset), ack.commit_log_offset);
    }
    // Everything served is valid and the queues agree with the CommitLog.
    for (int q = 0; q < kQueues; ++q) {
      int64_t offset = store.GetMinOffsetInQueue("Crash", q);
      const int64_t max = store.GetMaxOffsetInQueue("Crash", q);
      while (offset < max) {
        GetMessageResult r = store.GetMessage("g", "Crash", q, offset, 32);
        ASSERT_EQ(r.status, GetMessageStatus::kFound) << "queue " << q << " offset " << offset;
        for (size_t i = 0; i < r.messages.size(); ++i) {
          auto msg = DecodeMessage(r.messages[i].data, true);
          ASSERT_TRUE(msg.ok()) << msg.status().ToString();
          EXPECT_EQ(msg->queue_id, q);
          EXPECT_EQ(msg->queue_offset, r.queue_offsets[i]);
          EXPECT_EQ(msg->commit_log_offset, r.messages[i].offset);
        }
        offset = r.next_begin_offset;
      }
    }
    // The index finds a sample of acknowledged keys.
    int checked = 0;
    for (auto it = acked.rbegin(); it != acked.rend() && checked < 20; ++it, ++checked) {
      auto q = store.QueryMessage("Crash", "k" + std::to_string(it->first), 32, 0, INT64_MAX);
      bool found = false;
      for (const auto& m : q.messages) found |= m.offset == it->second.commit_log_offset;
      EXPECT_TRUE(found) << "index lost key k" << it->first;
    }
  }
  EXPECT_GT(acked.size(), 0u) << "no append was acknowledged in any round";
}

}  // namespace
}  // namespace rmq::store

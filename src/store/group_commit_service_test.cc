// GroupCommitService on its own: a CommitLog in a temporary directory, requests submitted directly,
// msync replaced by a gate that counts flushes and can hold one while more requests arrive.
#include "store/group_commit_service.h"

#include <gtest/gtest.h>
#include <sys/mman.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "store/delay_level_table.h"
#include "store/mapped_file.h"
#include "store/store_test_util.h"

namespace rmq::store {
namespace {

using namespace std::chrono_literals;
using testing::MakeMessage;
using testing::TempDir;

std::atomic<int> g_msyncs{0};
std::atomic<bool> g_gate_closed{false};

// Counts calls; while the gate is closed, holds the flush (at most 10 s, so nothing hangs for good).
int GatedMsync(void* addr, size_t length, int flags) {
  ++g_msyncs;
  for (int i = 0; i < 10000 && g_gate_closed.load(); ++i) std::this_thread::sleep_for(1ms);
  return msync(addr, length, flags);
}

bool WaitUntil(const std::function<bool()>& done) {
  for (int i = 0; i < 5000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(1ms);
  }
  return done();
}

class GroupCommitServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = testing::SmallConfig(dir_.path());
    config_.mapped_file_size_commit_log = 1 << 20;  // no file roll within a test
    config_.warm_mapped_file_enable = false;
    delays_ = *DelayLevelTable::Parse("1s 5s");
    log_ = std::make_unique<CommitLog>(config_, delays_, nullptr);
    ASSERT_TRUE(log_->Load().ok());
    checkpoint_ = std::make_unique<StoreCheckpoint>(dir_.path() + "/checkpoint");
    g_msyncs = 0;
    g_gate_closed = false;
    SetMsyncFunctionForTesting(GatedMsync);
  }
  void TearDown() override {
    g_gate_closed = false;
    if (service_) service_->Shutdown();
    SetMsyncFunctionForTesting(nullptr);
  }

  void StartService(std::chrono::microseconds gather_limit) {
    service_ = std::make_unique<GroupCommitService>(*log_, *checkpoint_, 10s, [](const Status&) {}, gather_limit);
    service_->Start();
  }

  // Appends one message and asks for its durability; `acked` counts kPutOk answers.
  void AppendAndSubmit(std::atomic<int>* acked) {
    PutMessageResult r = log_->AppendMessage(MakeMessage("T", 0, "group commit"));
    ASSERT_TRUE(r.ok());
    service_->Submit(r.append.wrote_offset + r.append.wrote_bytes, [acked](PutMessageStatus s) {
      if (s == PutMessageStatus::kPutOk) ++*acked;
    });
  }

  // Leaves the service with a last flush that covered `group` requests: one request is held in
  // its flush while `group` more arrive, and those go out together in the next flush.
  void MakeLastGroup(int group) {
    std::atomic<int> acked{0};
    g_gate_closed = true;
    AppendAndSubmit(&acked);
    ASSERT_TRUE(WaitUntil([] { return g_msyncs.load() >= 1; }));
    for (int i = 0; i < group; ++i) AppendAndSubmit(&acked);
    g_gate_closed = false;
    ASSERT_TRUE(WaitUntil([&] { return acked.load() == group + 1; }));
  }

  TempDir dir_;
  StoreConfig config_;
  DelayLevelTable delays_;
  std::unique_ptr<CommitLog> log_;
  std::unique_ptr<StoreCheckpoint> checkpoint_;
  std::unique_ptr<GroupCommitService> service_;
};

TEST_F(GroupCommitServiceTest, AFlushWaitsForAsManyRequestsAsTheLastOneCovered) {
  StartService(std::chrono::seconds(10));
  MakeLastGroup(4);
  const int flushes_before = g_msyncs.load();
  std::atomic<int> acked{0};
  AppendAndSubmit(&acked);
  // Without the gather this request would be flushed and answered within milliseconds.
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(acked.load(), 0);
  for (int i = 0; i < 3; ++i) AppendAndSubmit(&acked);
  ASSERT_TRUE(WaitUntil([&] { return acked.load() == 4; }));
  EXPECT_EQ(g_msyncs.load() - flushes_before, 1) << "the four requests went out in one flush";
}

TEST_F(GroupCommitServiceTest, TheGatherWaitIsBounded) {
  StartService(std::chrono::milliseconds(200));
  MakeLastGroup(4);
  std::atomic<int> acked{0};
  const auto start = std::chrono::steady_clock::now();
  AppendAndSubmit(&acked);
  ASSERT_TRUE(WaitUntil([&] { return acked.load() == 1; }));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 150ms);
}

TEST_F(GroupCommitServiceTest, ARequestAloneIsFlushedAtOnceAfterAGroupOfOne) {
  StartService(std::chrono::seconds(10));
  MakeLastGroup(1);
  std::atomic<int> acked{0};
  AppendAndSubmit(&acked);
  // The last group was one request, so nothing is waited for (well under the 10 s limit).
  ASSERT_TRUE(WaitUntil([&] { return acked.load() == 1; }));
}

}  // namespace
}  // namespace rmq::store

// Disk-full test on a real size-limited filesystem: a 512 KiB tmpfs mounted for the test (skipped
// when mounting is not permitted). Appends until the filesystem is full: the store must refuse
// cleanly, keep running, and lose nothing it acknowledged.
#include <gtest/gtest.h>
#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "common/message_codec.h"
#include "store/message_store.h"
#include "store/store_test_util.h"

namespace rmq::store {
namespace {

using testing::TempDir;

class TmpfsMount {
 public:
  explicit TmpfsMount(const std::string& dir) : dir_(dir) {
    mounted_ = mount("tmpfs", dir.c_str(), "tmpfs", 0, "size=512k") == 0;
    if (!mounted_) error_ = std::strerror(errno);
  }
  ~TmpfsMount() {
    if (mounted_) umount2(dir_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  // The operator frees space: the filesystem grows.
  bool Grow(const char* size) { return mount("tmpfs", dir_.c_str(), "tmpfs", MS_REMOUNT, size) == 0; }
  const std::string& error() const { return error_; }

 private:
  std::string dir_;
  bool mounted_ = false;
  std::string error_;
};

TEST(DiskFullTest, FullFilesystemIsACleanRefusalAndNothingAcknowledgedIsLost) {
  TempDir dir;
  std::string root = dir.path() + "/mnt";
  std::filesystem::create_directories(root);
  TmpfsMount mnt(root);
  if (!mnt.mounted()) GTEST_SKIP() << "cannot mount a tmpfs here: " << mnt.error();

  StoreConfig config = testing::SmallConfig(root + "/store");
  config.mapped_file_size_commit_log = 64 * 1024;
  config.max_hash_slot_num = 16;
  config.max_index_num = 4096;
  std::vector<PutMessageResult> acked;
  PutMessageResult refused;
  {
    MessageStore store(config);
    ASSERT_TRUE(store.Load().ok());
    ASSERT_TRUE(store.Start().ok());
    for (int i = 0; i < 1000; ++i) {
      PutMessageResult r = store.PutMessage(testing::MakeMessage("Full", i % 2, std::string(1000, 'a' + i % 26), "",
                                                                 "key" + std::to_string(i)));
      if (!r.ok()) {
        refused = r;
        break;
      }
      acked.push_back(r);
    }
    ASSERT_FALSE(refused.ok()) << "the filesystem never filled up";
    EXPECT_EQ(refused.status, PutMessageStatus::kCreateMappedFileFailed);
    EXPECT_NE(refused.error.find("No space left"), std::string::npos) << refused.error;
    // Still running, still refusing cleanly.
    EXPECT_EQ(store.PutMessage(testing::MakeMessage("Full", 0, std::string(1000, 'z'))).status,
              PutMessageStatus::kCreateMappedFileFailed);
    for (const auto& r : acked) {
      auto rec = store.LookMessageByOffset(r.append.wrote_offset);
      ASSERT_TRUE(rec.has_value());
      EXPECT_TRUE(DecodeMessage(rec->data, true).ok());
    }
    store.Shutdown();
  }
  ASSERT_GT(acked.size(), 100u);
  // The ConsumeQueues may have met the full disk too (their entries wait in the CommitLog). Once
  // space is freed, a restart makes every acknowledged message readable through its queue.
  ASSERT_TRUE(mnt.Grow("size=4m"));
  MessageStore again(config);
  ASSERT_TRUE(again.Load().ok());
  int64_t total = again.GetMaxOffsetInQueue("Full", 0) + again.GetMaxOffsetInQueue("Full", 1);
  EXPECT_EQ(total, static_cast<int64_t>(acked.size()));
  for (const auto& r : acked) {
    auto rec = again.LookMessageByOffset(r.append.wrote_offset);
    ASSERT_TRUE(rec.has_value());
  }
}

}  // namespace
}  // namespace rmq::store

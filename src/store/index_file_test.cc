#include "store/index_file.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/coding.h"
#include "common/java_string_hash.h"
#include "store/index_service.h"
#include "store/store_test_util.h"

namespace rmq::store {
namespace {

using testing::TempDir;

TEST(IndexFileTest, LayoutMatchesTheReferenceExample) {
  TempDir dir;
  // The reference geometry for slots; few entries keep the file at 20 MB.
  auto file = IndexFile::Create(dir.path() + "/20231114221320123", 5000000, 10, 0, 0);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(IndexFile::KeyHash("TopicTest#k1"), 2746024);
  ASSERT_TRUE((*file)->PutKey("TopicTest#k1", 123, 1700000000123));
  ASSERT_EQ(std::filesystem::file_size((*file)->path()), 40u + 5000000u * 4 + 10u * 20);
  std::string bytes = testing::ReadBytes((*file)->path(), 0, 40);
  std::string slot = testing::ReadBytes((*file)->path(), 10984136, 4);
  EXPECT_EQ(DecodeBigEndian32(slot.data()), 1u);  // slot → entry 1
  std::string entry = testing::ReadBytes((*file)->path(), 20000060, 20);
  const char* e = entry.data();
  EXPECT_EQ(DecodeBigEndian32(e), 2746024u);
  EXPECT_EQ(DecodeBigEndian64(e + 4), 123u);
  EXPECT_EQ(DecodeBigEndian32(e + 12), 0u);  // time difference in seconds
  EXPECT_EQ(DecodeBigEndian32(e + 16), 0u);  // end of chain
  // Header: begin/end time and offset, one used slot, next entry number 2.
  EXPECT_EQ(DecodeBigEndian64(bytes.data()), 1700000000123u);
  EXPECT_EQ(DecodeBigEndian64(bytes.data() + 8), 1700000000123u);
  EXPECT_EQ(DecodeBigEndian64(bytes.data() + 16), 123u);
  EXPECT_EQ(DecodeBigEndian64(bytes.data() + 24), 123u);
  EXPECT_EQ(DecodeBigEndian32(bytes.data() + 32), 1u);
  EXPECT_EQ(DecodeBigEndian32(bytes.data() + 36), 2u);
  EXPECT_EQ(IndexFile::KeyHash("TopicTest#7F00000130390BADCAFE47B760000000") % 5000000, 3186681);
}

TEST(IndexFileTest, HashCollisionsComeBackAndOtherSlotsDoNot) {
  TempDir dir;
  auto file = IndexFile::Create(dir.path() + "/20231114221320123", 1, 16, 0, 0);
  ASSERT_TRUE(file.ok());
  // "Aa" and "BB" have the same Java hashCode, so T#Aa and T#BB collide exactly.
  ASSERT_EQ(JavaStringHashCode("T#Aa"), JavaStringHashCode("T#BB"));
  const int64_t t0 = 1700000000000;
  ASSERT_TRUE((*file)->PutKey("T#Aa", 100, t0));
  ASSERT_TRUE((*file)->PutKey("T#other", 200, t0 + 1000));  // same (only) slot, other hash
  ASSERT_TRUE((*file)->PutKey("T#BB", 300, t0 + 2000));
  ASSERT_TRUE((*file)->PutKey("T#Aa", 400, t0 + 5000));
  std::vector<int64_t> out;
  (*file)->SelectPhyOffsets("T#Aa", 10, 0, INT64_MAX, &out);
  EXPECT_EQ(out, (std::vector<int64_t>{400, 300, 100}));
  out.clear();
  (*file)->SelectPhyOffsets("T#Aa", 2, 0, INT64_MAX, &out);
  EXPECT_EQ(out, (std::vector<int64_t>{400, 300}));
  out.clear();
  (*file)->SelectPhyOffsets("T#Aa", 10, t0 + 4000, t0 + 6000, &out);
  EXPECT_EQ(out, (std::vector<int64_t>{400}));
  out.clear();
  (*file)->SelectPhyOffsets("T#missing", 10, 0, INT64_MAX, &out);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ((*file)->hash_slot_count(), 1);
  EXPECT_EQ((*file)->index_count(), 5);
}

TEST(IndexFileTest, FullFileRefusesAndReopensWithItsEntries) {
  TempDir dir;
  std::string path = dir.path() + "/20231114221320123";
  {
    auto file = IndexFile::Create(path, 8, 4, 0, 0);
    ASSERT_TRUE(file.ok());
    EXPECT_TRUE((*file)->PutKey("a", 1, 1000));
    EXPECT_TRUE((*file)->PutKey("b", 2, 1000));
    EXPECT_TRUE((*file)->PutKey("c", 3, 1000));
    EXPECT_FALSE((*file)->PutKey("d", 4, 1000));  // entry 0 is never used
    EXPECT_TRUE((*file)->IsFull());
  }
  auto again = IndexFile::Open(path, 8, 4);
  ASSERT_TRUE(again.ok());
  std::vector<int64_t> out;
  (*again)->SelectPhyOffsets("b", 10, 0, INT64_MAX, &out);
  EXPECT_EQ(out, (std::vector<int64_t>{2}));
}

TEST(IndexServiceTest, RollsToANewFileAndQueriesAcrossFiles) {
  TempDir dir;
  StoreConfig config = testing::SmallConfig(dir.path());
  config.max_index_num = 4;
  StoreCheckpoint checkpoint(dir.path() + "/checkpoint");
  ASSERT_TRUE(checkpoint.Load().ok());
  IndexService index(config, checkpoint);
  ASSERT_TRUE(index.Load(true).ok());
  for (int i = 0; i < 7; ++i) {
    DispatchRequest req;
    req.topic = "T";
    req.commit_log_offset = 100 * (i + 1);
    req.store_timestamp = 1700000000000 + i;
    req.keys = "same";
    ASSERT_TRUE(index.BuildIndex(req).ok());
    ASSERT_TRUE(index.BuildIndex(req).ok());  // a re-dispatch adds nothing
  }
  EXPECT_EQ(index.file_count(), 3u);
  EXPECT_EQ(checkpoint.index_msg_timestamp(), 1700000000005);
  auto r = index.QueryOffset("T", "same", 64, 0, INT64_MAX);
  EXPECT_EQ(r.phy_offsets, (std::vector<int64_t>{700, 600, 500, 400, 300, 200, 100}));
  EXPECT_EQ(r.index_last_update_phy_offset, 700);
  EXPECT_EQ(index.QueryOffset("T", "same", 2, 0, INT64_MAX).phy_offsets.size(), 2u);
  EXPECT_EQ(index.DeleteExpiredFiles(450), 1);
  EXPECT_EQ(index.QueryOffset("T", "same", 64, 0, INT64_MAX).phy_offsets.size(), 4u);
}

}  // namespace
}  // namespace rmq::store

#include "store/mapped_file.h"

#include <gtest/gtest.h>
#include <sys/mman.h>

#include <atomic>
#include <filesystem>

#include "store/allocate_mapped_file_service.h"
#include "store/mapped_file_queue.h"
#include "store/store_test_util.h"

namespace rmq::store {
namespace {

using testing::TempDir;

TEST(MappedFileTest, CreatePreallocatesAndIsNamedByOffset) {
  TempDir dir;
  EXPECT_EQ(OffsetToFileName(1073741824), "00000000001073741824");
  auto file = MappedFile::Create(dir.path() + "/" + OffsetToFileName(8192), 4096);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ((*file)->file_from_offset(), 8192);
  EXPECT_EQ(std::filesystem::file_size((*file)->path()), 4096u);
  EXPECT_EQ((*file)->wrote_position(), 0);
  EXPECT_TRUE((*file)->Append("hello"));
  EXPECT_EQ((*file)->Read(0, 5), "hello");
  EXPECT_TRUE((*file)->Read(3, 5).empty());  // not written yet
  auto flushed = (*file)->Flush(0);
  ASSERT_TRUE(flushed.ok());
  EXPECT_EQ(*flushed, 5);
}

TEST(MappedFileTest, OpenRejectsAFileOfTheWrongSize) {
  TempDir dir;
  std::string path = dir.path() + "/" + OffsetToFileName(0);
  ASSERT_TRUE(MappedFile::Create(path, 4096).ok());
  auto wrong = MappedFile::Open(path, 8192);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().code(), StatusCode::kCorruption);
}

TEST(MappedFileTest, ImpossibleSizeIsACleanErrorNotACrash) {
  TempDir dir;
  std::string path = dir.path() + "/" + OffsetToFileName(0);
  auto file = MappedFile::Create(path, int64_t{1} << 60);
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().code(), StatusCode::kResourceExhausted) << file.status().ToString();
  EXPECT_FALSE(std::filesystem::exists(path));
}

int FailingMsync(void*, size_t, int) {
  errno = EIO;
  return -1;
}

TEST(MappedFileTest, FailedMsyncIsReportedAndPositionStays) {
  TempDir dir;
  auto file = MappedFile::Create(dir.path() + "/" + OffsetToFileName(0), 4096);
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Append("abc"));
  SetMsyncFunctionForTesting(FailingMsync);
  auto r = (*file)->Flush(0);
  SetMsyncFunctionForTesting(nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIoError);
  EXPECT_EQ((*file)->flushed_position(), 0);
}

std::atomic<size_t> g_synced_bytes{0};
int CountingMsync(void* addr, size_t len, int flags) {
  g_synced_bytes += len;
  return msync(addr, len, flags);
}

TEST(MappedFileTest, WarmUpKeepsTheContentAndWritesEveryChunkOnlyWhenAsked) {
  TempDir dir;
  const int64_t size = 3 * (1 << 20) + 4096;  // three whole warm-up chunks and a short one
  auto file = MappedFile::Create(dir.path() + "/" + OffsetToFileName(0), size);
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Append("written before the warm-up"));
  SetMsyncFunctionForTesting(CountingMsync);
  g_synced_bytes = 0;
  (*file)->WarmUp();
  EXPECT_EQ(g_synced_bytes.load(), 0u);
  (*file)->WarmUp({}, /*sync_chunks=*/true);
  SetMsyncFunctionForTesting(nullptr);
  EXPECT_EQ(g_synced_bytes.load(), static_cast<size_t>(size));
  EXPECT_EQ((*file)->Read(0, 26), "written before the warm-up");
  EXPECT_EQ((*file)->wrote_position(), 26);
}

TEST(MappedFileTest, TruncateZeroesTheTail) {
  TempDir dir;
  auto file = MappedFile::Create(dir.path() + "/" + OffsetToFileName(0), 3 * 4096);
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Append(std::string(3 * 4096, 'x')));
  (*file)->TruncateTo(100);
  EXPECT_EQ((*file)->wrote_position(), 100);
  EXPECT_EQ((*file)->data()[99], 'x');
  for (int64_t i = 100; i < 3 * 4096; ++i) ASSERT_EQ((*file)->data()[i], 0) << i;
}

TEST(MappedFileQueueTest, CreatesInSequenceAndFindsByOffset) {
  TempDir dir;
  AllocateMappedFileService allocator(true);
  allocator.Start();
  MappedFileQueue queue(dir.path() + "/q", 1024, &allocator);
  ASSERT_TRUE(queue.Load().ok());
  for (int i = 0; i < 3; ++i) {
    auto f = queue.GetLastMappedFileOrCreate(0);
    ASSERT_TRUE(f.ok());
    EXPECT_EQ((*f)->file_from_offset(), i * 1024);
    ASSERT_TRUE((*f)->Append(std::string(1024, 'a' + i)));
  }
  EXPECT_EQ(queue.GetMaxOffset(), 3 * 1024);
  EXPECT_EQ(queue.FindMappedFileByOffset(2047)->file_from_offset(), 1024);
  EXPECT_EQ(queue.FindMappedFileByOffset(5000), nullptr);
  ASSERT_TRUE(queue.FlushUntil(3 * 1024).ok());
  EXPECT_EQ(queue.flushed_where(), 3 * 1024);
  allocator.Shutdown();

  // The file allocated ahead (3072) is on disk too; reopening finds all, in order.
  MappedFileQueue again(dir.path() + "/q", 1024, nullptr);
  ASSERT_TRUE(again.Load().ok());
  ASSERT_GE(again.file_count(), 3u);
  EXPECT_EQ(again.Snapshot()[1]->data()[0], 'b');

  again.TruncateDirtyFiles(1500);
  EXPECT_EQ(again.file_count(), 2u);
  EXPECT_EQ(again.GetMaxOffset(), 1500);
}

TEST(MappedFileQueueTest, DeletedFileStaysReadableWhileHeld) {
  TempDir dir;
  MappedFileQueue queue(dir.path() + "/q", 1024, nullptr);
  ASSERT_TRUE(queue.Load().ok());
  auto first = queue.GetLastMappedFileOrCreate(0);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE((*first)->Append(std::string(1024, 'z')));
  ASSERT_TRUE(queue.GetLastMappedFileOrCreate(0).ok());
  std::shared_ptr<MappedFile> held = queue.FindMappedFileByOffset(0);
  EXPECT_EQ(queue.DeleteFilesWhile([](const MappedFile&) { return true; }, 10), 1);
  EXPECT_FALSE(std::filesystem::exists(held->path()));
  EXPECT_EQ(held->Read(1000, 24), std::string(24, 'z'));
  EXPECT_EQ(queue.GetMinOffset(), 1024);
}

}  // namespace
}  // namespace rmq::store

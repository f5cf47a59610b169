// MappedFileQueue: the ordered run of equally sized MappedFiles of one directory (the CommitLog,
// or one ConsumeQueue), addressed by a global byte offset. Owned by CommitLog or ConsumeQueue.
// Thread-safe: one mutex guards the file list; appends into the last file are the owner's job
// (single writer), reads and flushes may run concurrently.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/status.h"
#include "store/mapped_file.h"

namespace rmq::store {

class AllocateMappedFileService;

class MappedFileQueue {
 public:
  // `allocator` may be null (files are then created on the calling thread); it must outlive this.
  MappedFileQueue(std::string dir, int64_t file_size, AllocateMappedFileService* allocator);

  // Opens every file of the directory in name order. Each must be exactly file_size bytes
  // (Corruption otherwise); a zero-length last file is deleted. Positions start "full".
  Status Load();

  const std::string& dir() const { return dir_; }
  int64_t file_size() const { return file_size_; }

  // The last file, or null when there is none.
  std::shared_ptr<MappedFile> GetLastMappedFile() const;
  // The last file if it has room, else a new one after it (or at `start_offset` rounded down to a
  // file boundary when the queue is empty). IoError / ResourceExhausted when it cannot be created.
  Result<std::shared_ptr<MappedFile>> GetLastMappedFileOrCreate(int64_t start_offset);
  // The file holding `offset`, or null. With return_first_on_not_found, the first file instead.
  std::shared_ptr<MappedFile> FindMappedFileByOffset(int64_t offset, bool return_first_on_not_found = false) const;
  std::shared_ptr<MappedFile> GetFirstMappedFile() const;
  std::vector<std::shared_ptr<MappedFile>> Snapshot() const;
  size_t file_count() const;

  // Start offset of the first file (0 when empty).
  int64_t GetMinOffset() const;
  // End of written data: last file's start + its write position (0 when empty).
  int64_t GetMaxOffset() const;

  int64_t flushed_where() const { return flushed_where_.load(std::memory_order_acquire); }
  void set_flushed_where(int64_t v) { flushed_where_.store(v, std::memory_order_release); }
  // Flushes the file at flushed_where (see MappedFile::Flush) and moves flushed_where; moves on to
  // the next file when that one is full and flushed. IoError from msync is returned unchanged.
  // REQUIRES: one flusher at a time.
  Status Flush(int least_pages);
  // Flushes until flushed_where >= `offset` or nothing more is written.
  Status FlushUntil(int64_t offset);

  // Recovery: every file after the one holding `offset` is deleted; in that file the bytes from
  // `offset` on are zeroed and the write/flush positions set there.
  void TruncateDirtyFiles(int64_t offset);

  // Deletes files from the oldest while `should_delete(file)` holds, never the last one, at most
  // `max_files`. Returns how many were deleted.
  template <typename Pred>
  int DeleteFilesWhile(Pred should_delete, int max_files);

  // Deletes every file and the list (a queue whose topic is gone, or a CommitLog-less store).
  void DestroyAll();

 private:
  void RemoveFirstFiles(size_t n);

  const std::string dir_;
  const int64_t file_size_;
  AllocateMappedFileService* const allocator_;
  mutable std::mutex mutex_;
  std::vector<std::shared_ptr<MappedFile>> files_;  // Guarded by mutex_.
  std::atomic<int64_t> flushed_where_{0};
};

template <typename Pred>
int MappedFileQueue::DeleteFilesWhile(Pred should_delete, int max_files) {
  auto files = Snapshot();
  int deleted = 0;
  for (size_t i = 0; i + 1 < files.size() && deleted < max_files; ++i) {
    if (!should_delete(*files[i])) break;
    if (!files[i]->Destroy().ok()) break;
    ++deleted;
  }
  if (deleted > 0) RemoveFirstFiles(static_cast<size_t>(deleted));
  return deleted;
}

}  // namespace rmq::store

// IndexFile: one hash index file of reference/storage.md §4 (40-byte header, 4-byte hash slots,
// 20-byte entries chained per slot), mapping `topic#key` to CommitLog offsets. Owned by
// IndexService. Not thread-safe: IndexService serializes writers against readers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "store/mapped_file.h"

namespace rmq::store {

inline constexpr int kIndexHeaderSize = 40;
inline constexpr int kIndexHashSlotSize = 4;
inline constexpr int kIndexEntrySize = 20;

class IndexFile {
 public:
  static int64_t FileSize(int32_t slot_num, int32_t index_num) {
    return kIndexHeaderSize + int64_t{slot_num} * kIndexHashSlotSize + int64_t{index_num} * kIndexEntrySize;
  }
  // A new file whose header starts with the previous file's end offset and time (as both begin
  // and end), as IndexService#getAndCreateLastIndexFile.
  static Result<std::unique_ptr<IndexFile>> Create(const std::string& path, int32_t slot_num, int32_t index_num,
                                                   int64_t end_phy_offset, int64_t end_timestamp);
  static Result<std::unique_ptr<IndexFile>> Open(const std::string& path, int32_t slot_num, int32_t index_num);

  // abs(String.hashCode) with Integer.MIN_VALUE mapped to 0 (IndexFile#indexKeyHashMethod).
  static int32_t KeyHash(std::string_view key);

  // Adds `key` → `phy_offset` (IndexFile#putKey). False when the file is full.
  bool PutKey(std::string_view key, int64_t phy_offset, int64_t store_timestamp);
  // Appends to `out` the offsets of entries whose hash equals key's and whose time is within
  // [begin, end], newest first, until `out` holds `max_num` (IndexFile#selectPhyOffset).
  // Entries of other keys with the same hash are returned too; callers filter by exact key.
  void SelectPhyOffsets(std::string_view key, size_t max_num, int64_t begin, int64_t end,
                        std::vector<int64_t>* out) const;

  bool IsFull() const { return index_count() >= index_num_; }
  bool IsTimeMatched(int64_t begin, int64_t end) const;

  int64_t begin_timestamp() const;
  int64_t end_timestamp() const;
  int64_t begin_phy_offset() const;
  int64_t end_phy_offset() const;
  int32_t hash_slot_count() const;
  int32_t index_count() const;

  const std::string& path() const { return file_->path(); }
  Status Flush() { return file_->SyncRange(0, file_->file_size()); }
  Status Destroy() { return file_->Destroy(); }

 private:
  IndexFile(std::shared_ptr<MappedFile> file, int32_t slot_num, int32_t index_num);
  int64_t Get64(int pos) const;
  int32_t Get32(int64_t pos) const;
  void Put64(int pos, int64_t v);
  void Put32(int64_t pos, int32_t v);

  std::shared_ptr<MappedFile> file_;
  const int32_t slot_num_;
  const int32_t index_num_;
};

}  // namespace rmq::store

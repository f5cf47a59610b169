#include "store/index_file.h"

#include <cstdlib>

#include "common/coding.h"
#include "common/java_string_hash.h"

namespace rmq::store {

namespace {
constexpr int kBeginTimestampPos = 0;
constexpr int kEndTimestampPos = 8;
constexpr int kBeginPhyOffsetPos = 16;
constexpr int kEndPhyOffsetPos = 24;
constexpr int kHashSlotCountPos = 32;
constexpr int kIndexCountPos = 36;
}  // namespace

IndexFile::IndexFile(std::shared_ptr<MappedFile> file, int32_t slot_num, int32_t index_num)
    : file_(std::move(file)), slot_num_(slot_num), index_num_(index_num) {}

Result<std::unique_ptr<IndexFile>> IndexFile::Create(const std::string& path, int32_t slot_num, int32_t index_num,
                                                     int64_t end_phy_offset, int64_t end_timestamp) {
  RMQ_ASSIGN_OR_RETURN(auto mapped, MappedFile::Create(path, FileSize(slot_num, index_num)));
  mapped->set_wrote_position(mapped->file_size());
  std::unique_ptr<IndexFile> file(new IndexFile(std::move(mapped), slot_num, index_num));
  file->Put64(kBeginPhyOffsetPos, end_phy_offset);
  file->Put64(kEndPhyOffsetPos, end_phy_offset);
  file->Put64(kBeginTimestampPos, end_timestamp);
  file->Put64(kEndTimestampPos, end_timestamp);
  file->Put32(kIndexCountPos, 1);
  return file;
}

Result<std::unique_ptr<IndexFile>> IndexFile::Open(const std::string& path, int32_t slot_num, int32_t index_num) {
  RMQ_ASSIGN_OR_RETURN(auto mapped, MappedFile::Open(path, FileSize(slot_num, index_num)));
  std::unique_ptr<IndexFile> file(new IndexFile(std::move(mapped), slot_num, index_num));
  if (file->index_count() <= 0) file->Put32(kIndexCountPos, 1);
  return file;
}

int32_t IndexFile::KeyHash(std::string_view key) {
  int32_t h = JavaStringHashCode(key);
  return h == INT32_MIN ? 0 : std::abs(h);
}

int64_t IndexFile::Get64(int pos) const { return static_cast<int64_t>(DecodeBigEndian64(file_->data() + pos)); }
int32_t IndexFile::Get32(int64_t pos) const { return static_cast<int32_t>(DecodeBigEndian32(file_->data() + pos)); }
void IndexFile::Put64(int pos, int64_t v) { EncodeBigEndian64(file_->data() + pos, static_cast<uint64_t>(v)); }
void IndexFile::Put32(int64_t pos, int32_t v) { EncodeBigEndian32(file_->data() + pos, static_cast<uint32_t>(v)); }

int64_t IndexFile::begin_timestamp() const { return Get64(kBeginTimestampPos); }
int64_t IndexFile::end_timestamp() const { return Get64(kEndTimestampPos); }
int64_t IndexFile::begin_phy_offset() const { return Get64(kBeginPhyOffsetPos); }
int64_t IndexFile::end_phy_offset() const { return Get64(kEndPhyOffsetPos); }
int32_t IndexFile::hash_slot_count() const { return Get32(kHashSlotCountPos); }
int32_t IndexFile::index_count() const { return Get32(kIndexCountPos); }

bool IndexFile::IsTimeMatched(int64_t begin, int64_t end) const {
  int64_t b = begin_timestamp(), e = end_timestamp();
  return (begin < b && end > e) || (begin >= b && begin <= e) || (end >= b && end <= e);
}

bool IndexFile::PutKey(std::string_view key, int64_t phy_offset, int64_t store_timestamp) {
  const int32_t count = index_count();
  if (count >= index_num_) return false;
  const int32_t key_hash = KeyHash(key);
  const int64_t slot_pos = kIndexHeaderSize + int64_t{key_hash % slot_num_} * kIndexHashSlotSize;
  int32_t slot_value = Get32(slot_pos);
  if (slot_value <= 0 || slot_value > count) slot_value = 0;
  // The first entry's difference is taken against the pre-filled begin time, as upstream does.
  int64_t begin = begin_timestamp();
  int64_t diff = (store_timestamp - begin) / 1000;
  if (begin <= 0 || diff < 0) {
    diff = 0;
  } else if (diff > INT32_MAX) {
    diff = INT32_MAX;
  }
  const int64_t entry_pos = kIndexHeaderSize + int64_t{slot_num_} * kIndexHashSlotSize + int64_t{count} * kIndexEntrySize;
  Put32(entry_pos, key_hash);
  EncodeBigEndian64(file_->data() + entry_pos + 4, static_cast<uint64_t>(phy_offset));
  Put32(entry_pos + 12, static_cast<int32_t>(diff));
  Put32(entry_pos + 16, slot_value);
  Put32(slot_pos, count);
  if (count <= 1) {
    Put64(kBeginPhyOffsetPos, phy_offset);
    Put64(kBeginTimestampPos, store_timestamp);
  }
  if (slot_value == 0) Put32(kHashSlotCountPos, hash_slot_count() + 1);
  Put32(kIndexCountPos, count + 1);
  Put64(kEndPhyOffsetPos, phy_offset);
  Put64(kEndTimestampPos, store_timestamp);
  return true;
}

void IndexFile::SelectPhyOffsets(std::string_view key, size_t max_num, int64_t begin, int64_t end,
                                 std::vector<int64_t>* out) const {
  const int32_t count = index_count();
  if (count <= 1) return;
  const int32_t key_hash = KeyHash(key);
  const int64_t slot_pos = kIndexHeaderSize + int64_t{key_hash % slot_num_} * kIndexHashSlotSize;
  int32_t next = Get32(slot_pos);
  if (next <= 0 || next >= count) return;
  const int64_t begin_ts = begin_timestamp();
  const int64_t entries = kIndexHeaderSize + int64_t{slot_num_} * kIndexHashSlotSize;
  // Each step moves to an older entry; the count bound guards against a corrupt chain.
  for (int32_t steps = 0; steps < count && out->size() < max_num; ++steps) {
    const int64_t pos = entries + int64_t{next} * kIndexEntrySize;
    int32_t hash = Get32(pos);
    int64_t phy = static_cast<int64_t>(DecodeBigEndian64(file_->data() + pos + 4));
    int32_t diff = Get32(pos + 12);
    int32_t prev = Get32(pos + 16);
    if (diff < 0) break;
    int64_t time = begin_ts + int64_t{diff} * 1000;
    if (hash == key_hash && time >= begin && time <= end) out->push_back(phy);
    if (prev <= 0 || prev >= count || prev == next || time < begin) break;
    next = prev;
  }
}

}  // namespace rmq::store

#include "store/consume_queue.h"

#include "common/coding.h"
#include "common/logging.h"
#include "store/commit_log.h"

namespace rmq::store {

namespace {

ConsumeQueueEntry ReadEntry(const char* p) {
  ConsumeQueueEntry e;
  e.commit_log_offset = static_cast<int64_t>(DecodeBigEndian64(p));
  e.size = static_cast<int32_t>(DecodeBigEndian32(p + 8));
  e.tags_code = static_cast<int64_t>(DecodeBigEndian64(p + 12));
  return e;
}

void EncodeEntry(char* p, int64_t offset, int32_t size, int64_t tags_code) {
  EncodeBigEndian64(p, static_cast<uint64_t>(offset));
  EncodeBigEndian32(p + 8, static_cast<uint32_t>(size));
  EncodeBigEndian64(p + 12, static_cast<uint64_t>(tags_code));
}

bool IsValid(const ConsumeQueueEntry& e) { return e.commit_log_offset >= 0 && e.size > 0; }

}  // namespace

ConsumeQueueEntry ConsumeQueueBuffer::At(int32_t i) const { return ReadEntry(data + i * kConsumeQueueUnitSize); }

ConsumeQueue::ConsumeQueue(std::string topic, int32_t queue_id, const std::string& root_dir, int64_t file_size,
                           AllocateMappedFileService* allocator)
    : topic_(std::move(topic)),
      queue_id_(queue_id),
      file_size_(file_size),
      queue_(root_dir + "/" + topic_ + "/" + std::to_string(queue_id), file_size, allocator) {}

void ConsumeQueue::Recover() {
  auto files = queue_.Snapshot();
  if (files.empty()) return;
  size_t index = files.size() >= 3 ? files.size() - 3 : 0;
  int64_t process_offset = files[index]->file_from_offset();
  int64_t max_phy = -1;
  for (; index < files.size(); ++index) {
    const auto& file = files[index];
    int64_t pos = 0;
    for (; pos + kConsumeQueueUnitSize <= file_size_; pos += kConsumeQueueUnitSize) {
      ConsumeQueueEntry e = ReadEntry(file->data() + pos);
      if (!IsValid(e)) break;
      if (!e.IsFiller()) max_phy = e.commit_log_offset + e.size;
    }
    process_offset = file->file_from_offset() + pos;
    if (pos < file_size_) break;
  }
  queue_.TruncateDirtyFiles(process_offset);
  queue_.set_flushed_where(process_offset);
  max_physic_offset_.store(max_phy, std::memory_order_release);
  int64_t min = files.front()->file_from_offset();
  if (min_logic_offset_.load() < min) min_logic_offset_.store(min);
}

Status ConsumeQueue::WriteEntry(int64_t logic_position, const char* entry) {
  RMQ_ASSIGN_OR_RETURN(auto file, queue_.GetLastMappedFileOrCreate(logic_position));
  int64_t pos = logic_position - file->file_from_offset();
  if (pos != file->wrote_position() || pos < 0 || pos + kConsumeQueueUnitSize > file_size_) {
    return Internal("consume queue " + topic_ + "/" + std::to_string(queue_id_) + " write at " +
                    std::to_string(logic_position) + " but the file ends at " +
                    std::to_string(file->file_from_offset() + file->wrote_position()));
  }
  file->Append(std::string_view(entry, kConsumeQueueUnitSize));
  return Status::Ok();
}

Status ConsumeQueue::PutMessagePositionInfo(int64_t commit_log_offset, int32_t size, int64_t tags_code,
                                            int64_t queue_offset) {
  if (commit_log_offset + size <= max_physic_offset()) return Status::Ok();
  const int64_t expect = queue_offset * kConsumeQueueUnitSize;
  int64_t current = queue_.GetMaxOffset();
  if (queue_.file_count() == 0) {
    // The queue starts at `expect` (fillPreBlank): pad its first file up to there.
    current = expect - expect % file_size_;
    if (expect > 0) min_logic_offset_.store(expect);
    queue_.set_flushed_where(current);
  }
  if (expect < current) return Status::Ok();
  if (expect > current && queue_.file_count() > 0) {
    GetLogger("store")->error("consume queue {}/{} has a gap: next entry at {} but queue offset {} arrived", topic_,
                              queue_id_, current / kConsumeQueueUnitSize, queue_offset);
  }
  char entry[kConsumeQueueUnitSize];
  EncodeEntry(entry, 0, kFillerEntrySize, 0);
  for (int64_t pos = current; pos < expect; pos += kConsumeQueueUnitSize) RMQ_RETURN_IF_ERROR(WriteEntry(pos, entry));
  EncodeEntry(entry, commit_log_offset, size, tags_code);
  RMQ_RETURN_IF_ERROR(WriteEntry(expect, entry));
  max_physic_offset_.store(commit_log_offset + size, std::memory_order_release);
  return Status::Ok();
}

int64_t ConsumeQueue::GetMinOffsetInQueue() const {
  int64_t min = std::max(min_logic_offset_.load(std::memory_order_acquire), queue_.GetMinOffset());
  return min / kConsumeQueueUnitSize;
}

std::optional<ConsumeQueueEntry> ConsumeQueue::GetEntry(int64_t queue_offset) const {
  auto buf = GetIndexBuffer(queue_offset);
  if (!buf) return std::nullopt;
  return buf->At(0);
}

std::optional<ConsumeQueueBuffer> ConsumeQueue::GetIndexBuffer(int64_t queue_offset) const {
  const int64_t logic = queue_offset * kConsumeQueueUnitSize;
  if (queue_offset < 0 || logic < min_logic_offset_.load(std::memory_order_acquire)) return std::nullopt;
  auto file = queue_.FindMappedFileByOffset(logic);
  if (!file) return std::nullopt;
  int64_t pos = logic - file->file_from_offset();
  int64_t wrote = file->wrote_position();
  if (pos >= wrote) return std::nullopt;
  ConsumeQueueBuffer buf;
  buf.data = file->data() + pos;
  buf.count = static_cast<int32_t>((wrote - pos) / kConsumeQueueUnitSize);
  buf.start_offset = queue_offset;
  buf.file = std::move(file);
  return buf;
}

int64_t ConsumeQueue::RollNextFile(int64_t queue_offset) const {
  const int64_t per_file = file_size_ / kConsumeQueueUnitSize;
  return queue_offset + per_file - queue_offset % per_file;
}

int64_t ConsumeQueue::GetOffsetInQueueByTime(int64_t timestamp, BoundaryType boundary,
                                             const CommitLog& commit_log) const {
  const int64_t min = GetMinOffsetInQueue();
  const int64_t max = GetMaxOffsetInQueue();
  if (max <= min) return min;
  // Store time of an entry; fillers and deleted records count as "older than anything".
  auto time_at = [&](int64_t offset) -> int64_t {
    auto e = GetEntry(offset);
    if (!e || e->IsFiller() || !IsValid(*e)) return INT64_MIN;
    int64_t ts = commit_log.PickupStoreTimestamp(e->commit_log_offset);
    return ts < 0 ? INT64_MIN : ts;
  };
  if (boundary == BoundaryType::kLower) {
    int64_t lo = min, hi = max;  // first offset in [lo, hi) with time >= timestamp
    while (lo < hi) {
      int64_t mid = lo + (hi - lo) / 2;
      if (time_at(mid) >= timestamp) hi = mid; else lo = mid + 1;
    }
    return lo;
  }
  int64_t lo = min, hi = max;  // first offset with time > timestamp, minus one
  while (lo < hi) {
    int64_t mid = lo + (hi - lo) / 2;
    if (time_at(mid) > timestamp) hi = mid; else lo = mid + 1;
  }
  return lo > min ? lo - 1 : min;
}

void ConsumeQueue::TruncateDirtyLogicFiles(int64_t commit_log_offset) {
  auto files = queue_.Snapshot();
  if (files.empty()) return;
  int64_t cut = files.front()->file_from_offset();
  int64_t max_phy = -1;
  for (size_t i = files.size(); i-- > 0;) {
    const auto& file = files[i];
    ConsumeQueueEntry first = ReadEntry(file->data());
    if (IsValid(first) && !first.IsFiller() && first.commit_log_offset >= commit_log_offset) continue;
    int64_t pos = 0;
    for (; pos + kConsumeQueueUnitSize <= file->wrote_position(); pos += kConsumeQueueUnitSize) {
      ConsumeQueueEntry e = ReadEntry(file->data() + pos);
      if (!IsValid(e)) break;
      if (e.IsFiller()) continue;
      if (e.commit_log_offset >= commit_log_offset) break;
      max_phy = e.commit_log_offset + e.size;
    }
    cut = file->file_from_offset() + pos;
    break;
  }
  queue_.TruncateDirtyFiles(cut);
  if (queue_.flushed_where() > cut) queue_.set_flushed_where(cut);
  max_physic_offset_.store(max_phy, std::memory_order_release);
}

int ConsumeQueue::DeleteExpiredFiles(int64_t commit_log_min_offset) {
  int deleted = queue_.DeleteFilesWhile(
      [&](const MappedFile& file) {
        ConsumeQueueEntry last = ReadEntry(file.data() + file_size_ - kConsumeQueueUnitSize);
        return IsValid(last) && !last.IsFiller() && last.commit_log_offset < commit_log_min_offset;
      },
      1 << 20);
  CorrectMinOffset(commit_log_min_offset);
  return deleted;
}

void ConsumeQueue::CorrectMinOffset(int64_t commit_log_min_offset) {
  auto file = queue_.GetFirstMappedFile();
  if (!file) return;
  int64_t wrote = file->wrote_position();
  int64_t current = std::max(min_logic_offset_.load(), file->file_from_offset());
  for (int64_t pos = current - file->file_from_offset(); pos + kConsumeQueueUnitSize <= wrote;
       pos += kConsumeQueueUnitSize) {
    ConsumeQueueEntry e = ReadEntry(file->data() + pos);
    if (IsValid(e) && !e.IsFiller() && e.commit_log_offset >= commit_log_min_offset) {
      min_logic_offset_.store(file->file_from_offset() + pos);
      return;
    }
  }
  min_logic_offset_.store(file->file_from_offset() + wrote);
}

}  // namespace rmq::store

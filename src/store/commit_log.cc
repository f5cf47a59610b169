#include "store/commit_log.h"

#include "store/allocate_mapped_file_service.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "common/coding.h"
#include "common/java_string_hash.h"
#include "common/logging.h"
#include "common/message_codec.h"
#include "common/message_format.h"
#include "common/message_id.h"
#include "common/message_properties.h"

namespace rmq::store {

namespace {

bool TakesNoQueueOffset(int32_t sys_flag) {
  int32_t t = sysflag::TransactionValue(sys_flag);
  return t == sysflag::kTransactionPreparedType || t == sysflag::kTransactionRollbackType;
}

PutMessageResult Fail(PutMessageStatus status, std::string error) {
  PutMessageResult r;
  r.status = status;
  r.error = std::move(error);
  return r;
}

}  // namespace

// The records of one append, prepared outside the writer lock (lengths checked, body CRCs
// computed); inside it only offsets and the store time are filled in and the records written
// straight into the mapped file.
struct CommitLog::Encoded {
  RecordView* views = nullptr;
  const int32_t* sizes = nullptr;
  size_t count = 0;
  int64_t total = 0;
  bool takes_no_queue_offset = false;
  std::string_view topic;
  int32_t queue_id = 0;
};

CommitLog::CommitLog(const StoreConfig& config, const DelayLevelTable& delay_levels,
                     AllocateMappedFileService* allocator)
    : config_(config),
      delay_levels_(delay_levels),
      allocator_(allocator),
      file_size_(config.mapped_file_size_commit_log),
      queue_(config.CommitLogDir(), config.mapped_file_size_commit_log, allocator) {}

Status CommitLog::Load() { return queue_.Load(); }

void CommitLog::PrepareNextFile() {
  if (!allocator_) return;
  auto last = queue_.GetLastMappedFile();
  if (last && !last->IsFull()) return;
  int64_t next = last ? last->file_from_offset() + file_size_ : 0;
  allocator_->Prefetch(queue_.dir() + "/" + OffsetToFileName(next), file_size_);
}

int64_t CommitLog::ComputeTagsCode(std::string_view topic, std::string_view properties, int64_t store_timestamp) const {
  if (topic == kScheduleTopic) {
    if (auto level = FindProperty(properties, property::kDelayTimeLevel)) {
      int value = 0;
      for (char c : *level) {
        if (c < '0' || c > '9') break;
        value = value * 10 + (c - '0');
        if (value > 1000000) break;
      }
      if (value > 0) return store_timestamp + delay_levels_.DelayMs(value);
    }
  }
  auto tags = FindProperty(properties, property::kTags);
  return tags ? TagsStringToTagsCode(*tags) : 0;
}

PutMessageResult CommitLog::AppendMessage(const MessageExt& msg) {
  if (msg.body.size() > static_cast<size_t>(config_.max_message_size)) {
    return Fail(PutMessageStatus::kMessageSizeExceeded, "message body of " + std::to_string(msg.body.size()) +
                                                            " bytes exceeds maxMessageSize " +
                                                            std::to_string(config_.max_message_size));
  }
  if (msg.properties.size() > static_cast<size_t>(kMaxPropertiesLength)) {
    return Fail(PutMessageStatus::kPropertiesSizeExceeded,
                "properties of " + std::to_string(msg.properties.size()) + " bytes exceed 32767");
  }
  RecordView v;
  v.body_crc = BodyCrc(msg.body);
  v.queue_id = msg.queue_id;
  v.flag = msg.flag;
  v.sys_flag = msg.sys_flag;
  v.born_timestamp = msg.born_timestamp;
  v.born_host = msg.born_host;
  v.store_host = config_.store_host;
  if (config_.store_host.ipv6) v.sys_flag |= sysflag::kStoreHostV6;
  if (msg.born_host.ipv6) v.sys_flag |= sysflag::kBornHostV6;
  v.reconsume_times = msg.reconsume_times;
  v.prepared_transaction_offset = msg.prepared_transaction_offset;
  v.body = msg.body;
  v.topic = msg.topic;
  v.properties = msg.properties;
  auto size = RecordSize(v);
  if (!size.ok()) return Fail(PutMessageStatus::kMessageIllegal, size.status().message());
  const int32_t record_size = *size;
  Encoded enc;
  enc.views = &v;
  enc.sizes = &record_size;
  enc.count = 1;
  enc.total = record_size;
  enc.takes_no_queue_offset = TakesNoQueueOffset(v.sys_flag);
  enc.topic = msg.topic;
  enc.queue_id = msg.queue_id;
  return AppendEncoded(enc);
}

PutMessageResult CommitLog::AppendMessages(const MessageExt& batch) {
  if (batch.body.size() > static_cast<size_t>(config_.max_message_size)) {
    return Fail(PutMessageStatus::kMessageSizeExceeded, "batch body of " + std::to_string(batch.body.size()) +
                                                            " bytes exceeds maxMessageSize " +
                                                            std::to_string(config_.max_message_size));
  }
  if (TakesNoQueueOffset(batch.sys_flag) || sysflag::TransactionValue(batch.sys_flag) != 0) {
    return Fail(PutMessageStatus::kMessageIllegal, "transactional messages cannot be sent in a batch");
  }
  // Reused per thread: a batch append allocates nothing once these have grown.
  thread_local std::vector<BatchElement> elements;
  thread_local std::vector<RecordView> views;
  thread_local std::vector<int32_t> sizes;
  Status decoded = DecodeBatchElements(batch.body, &elements);
  if (!decoded.ok()) return Fail(PutMessageStatus::kMessageIllegal, decoded.message());
  if (elements.empty()) return Fail(PutMessageStatus::kMessageIllegal, "empty batch");
  RecordView v;
  v.queue_id = batch.queue_id;
  v.sys_flag = batch.sys_flag;
  if (config_.store_host.ipv6) v.sys_flag |= sysflag::kStoreHostV6;
  if (batch.born_host.ipv6) v.sys_flag |= sysflag::kBornHostV6;
  v.born_timestamp = batch.born_timestamp;
  v.born_host = batch.born_host;
  v.store_host = config_.store_host;
  v.reconsume_times = batch.reconsume_times;
  v.topic = batch.topic;
  views.clear();
  sizes.clear();
  int64_t total = 0;
  for (const BatchElement& e : elements) {
    v.flag = e.flag;
    v.body = e.body;
    v.body_crc = BodyCrc(e.body);
    v.properties = e.properties;
    auto size = RecordSize(v);
    if (!size.ok()) return Fail(PutMessageStatus::kMessageIllegal, size.status().message());
    views.push_back(v);
    sizes.push_back(*size);
    total += *size;
  }
  Encoded enc;
  enc.views = views.data();
  enc.sizes = sizes.data();
  enc.count = views.size();
  enc.total = total;
  enc.topic = batch.topic;
  enc.queue_id = batch.queue_id;
  return AppendEncoded(enc);
}

int64_t& CommitLog::NextQueueOffsetLocked(std::string_view topic, int32_t queue_id) {
  // Looked up by the topic as a string_view (no key string built per append); only a topic's
  // first append inserts one.
  auto it = queue_offsets_.find(topic);
  if (it == queue_offsets_.end()) it = queue_offsets_.emplace(std::string(topic), TopicQueueOffsets()).first;
  TopicQueueOffsets& t = it->second;
  if (queue_id >= 0 && queue_id < kDenseQueueIds) {
    if (static_cast<size_t>(queue_id) >= t.dense.size()) t.dense.resize(static_cast<size_t>(queue_id) + 1, 0);
    return t.dense[static_cast<size_t>(queue_id)];
  }
  return t.sparse[queue_id];
}

PutMessageResult CommitLog::AppendEncoded(Encoded& enc) {
  const int64_t total = enc.total;
  if (total + kEndFileMinBlankLength > file_size_) {
    return Fail(PutMessageStatus::kMessageSizeExceeded, std::to_string(total) +
                                                            " bytes of records can never fit a CommitLog file of " +
                                                            std::to_string(file_size_) + " bytes");
  }
  PutMessageResult result;
  {
    std::lock_guard<std::mutex> lock(put_mutex_);
    if (!current_ || current_->IsFull()) {
      auto file_or = queue_.GetLastMappedFileOrCreate(0);
      if (!file_or.ok()) return Fail(PutMessageStatus::kCreateMappedFileFailed, file_or.status().ToString());
      current_ = std::move(file_or).value();
    }
    MappedFile* file = current_.get();
    int64_t wrote = file->wrote_position();
    if (total + kEndFileMinBlankLength > file_size_ - wrote) {
      // As DefaultAppendMessageCallback#doAppend: mark the rest of the file blank and roll.
      char blank[8];
      EncodeBigEndian32(blank, static_cast<uint32_t>(file_size_ - wrote));
      EncodeBigEndian32(blank + 4, static_cast<uint32_t>(kBlankMagicCode));
      std::memcpy(file->data() + wrote, blank, sizeof(blank));
      file->set_wrote_position(file_size_);
      auto next = queue_.GetLastMappedFileOrCreate(0);
      if (!next.ok()) return Fail(PutMessageStatus::kCreateMappedFileFailed, next.status().ToString());
      current_ = std::move(next).value();
      file = current_.get();
      wrote = file->wrote_position();
    }
    const int64_t now = std::max(clock_.NowMs(), last_store_timestamp_.load(std::memory_order_relaxed));
    int64_t& next_queue_offset = NextQueueOffsetLocked(enc.topic, enc.queue_id);
    const int64_t queue_offset = enc.takes_no_queue_offset ? 0 : next_queue_offset;
    const int64_t base = file->file_from_offset() + wrote;
    char* dst = file->data() + wrote;
    int64_t pos = 0;
    for (size_t i = 0; i < enc.count; ++i) {
      RecordView& v = enc.views[i];
      v.queue_offset = enc.takes_no_queue_offset ? 0 : queue_offset + static_cast<int64_t>(i);
      v.physical_offset = base + pos;
      v.store_timestamp = now;
      WriteRecord(v, enc.sizes[i], dst + pos);
      pos += enc.sizes[i];
    }
    file->set_wrote_position(wrote + total);
    if (!enc.takes_no_queue_offset) next_queue_offset += static_cast<int64_t>(enc.count);
    last_store_timestamp_.store(now, std::memory_order_release);
    result.append.wrote_offset = base;
    result.append.queue_offset = queue_offset;
    result.append.store_timestamp = now;
  }
  result.status = PutMessageStatus::kPutOk;
  result.append.wrote_bytes = static_cast<int32_t>(total);
  result.append.msg_num = static_cast<int32_t>(enc.count);
  result.append.store_host = config_.store_host;
  if (enc.count > 1) {
    int64_t offset = result.append.wrote_offset;
    std::string& ids = result.append.batch_msg_ids;
    // One allocation for all the ids: 32 (IPv4) or 56 (IPv6) hex characters and a comma each.
    ids.reserve(enc.count * static_cast<size_t>(2 * (config_.store_host.address_length() + 12) + 1));
    for (size_t i = 0; i < enc.count; ++i) {
      if (i > 0) ids.push_back(',');
      AppendOffsetMessageId(config_.store_host, offset, &ids);
      offset += enc.sizes[i];
    }
  }
  return result;
}

std::optional<SelectedRecord> CommitLog::SelectRecord(int64_t offset, int32_t size) const {
  auto file = queue_.FindMappedFileByOffset(offset);
  if (!file || size <= 0) return std::nullopt;
  std::string_view data = file->Read(offset - file->file_from_offset(), size);
  if (data.empty()) return std::nullopt;
  return SelectedRecord{std::move(file), data, offset};
}

std::optional<SelectedRecord> CommitLog::SelectRecord(int64_t offset) const {
  auto head = SelectRecord(offset, 8);
  if (!head) return std::nullopt;
  int32_t size = static_cast<int32_t>(DecodeBigEndian32(head->data.data()));
  int32_t magic = static_cast<int32_t>(DecodeBigEndian32(head->data.data() + 4));
  if (magic != kMessageMagicCodeV1 && magic != kMessageMagicCodeV2) return std::nullopt;
  return SelectRecord(offset, size);
}

std::optional<SelectedRecord> CommitLog::GetData(int64_t offset) const {
  auto file = queue_.FindMappedFileByOffset(offset);
  if (!file) return std::nullopt;
  int64_t pos = offset - file->file_from_offset();
  int64_t wrote = file->wrote_position();
  if (pos >= wrote) return std::nullopt;
  return SelectedRecord{file, std::string_view(file->data() + pos, static_cast<size_t>(wrote - pos)), offset};
}

int64_t CommitLog::PickupStoreTimestamp(int64_t offset) const {
  auto head = SelectRecord(offset, kRecordSysFlagPos + 4);
  if (!head) return -1;
  int32_t sys_flag = static_cast<int32_t>(DecodeBigEndian32(head->data.data() + kRecordSysFlagPos));
  auto ts = SelectRecord(offset + RecordStoreTimestampPos(sys_flag), 8);
  if (!ts) return -1;
  return static_cast<int64_t>(DecodeBigEndian64(ts->data.data()));
}

CommitLog::CheckResult CommitLog::CheckRecord(std::string_view data, int64_t offset, bool check_crc,
                                              DispatchRequest* out) const {
  if (data.size() < 8) return CheckResult::kInvalid;
  int32_t magic = static_cast<int32_t>(DecodeBigEndian32(data.data() + kRecordMagicPos));
  if (magic == kBlankMagicCode) return CheckResult::kBlank;
  if (magic != kMessageMagicCodeV1 && magic != kMessageMagicCodeV2) return CheckResult::kInvalid;
  auto view = ParseRecord(data, check_crc);
  if (!view.ok() || view->physical_offset != offset) return CheckResult::kInvalid;
  out->topic = view->topic;
  out->queue_id = view->queue_id;
  out->commit_log_offset = offset;
  out->msg_size = view->total_size;
  out->store_timestamp = view->store_timestamp;
  out->consume_queue_offset = view->queue_offset;
  out->sys_flag = view->sys_flag;
  out->prepared_transaction_offset = view->prepared_transaction_offset;
  out->properties = view->properties;
  out->tags_code = ComputeTagsCode(view->topic, view->properties, view->store_timestamp);
  out->keys = FindProperty(view->properties, property::kKeys).value_or(std::string_view());
  out->uniq_key = FindProperty(view->properties, property::kUniqueClientMessageIdKeyIndex).value_or(std::string_view());
  return CheckResult::kValid;
}

int64_t CommitLog::Recover(bool abnormal, int64_t min_timestamp, int64_t* dispatch_from, int64_t* scanned_bytes) {
  auto files = queue_.Snapshot();
  *scanned_bytes = 0;
  if (files.empty()) {
    *dispatch_from = 0;
    queue_.set_flushed_where(0);
    return 0;
  }
  size_t start = files.size() >= 3 ? files.size() - 3 : 0;
  if (abnormal) {
    // As CommitLog#recoverAbnormally / isMappedFileMatchedRecover.
    start = 0;
    for (size_t i = files.size(); i-- > 0;) {
      const char* d = files[i]->data();
      int32_t magic = static_cast<int32_t>(DecodeBigEndian32(d + kRecordMagicPos));
      if (magic != kMessageMagicCodeV1 && magic != kMessageMagicCodeV2) continue;
      int32_t sys_flag = static_cast<int32_t>(DecodeBigEndian32(d + kRecordSysFlagPos));
      int64_t ts = static_cast<int64_t>(DecodeBigEndian64(d + RecordStoreTimestampPos(sys_flag)));
      if (ts != 0 && ts <= min_timestamp) {
        start = i;
        break;
      }
    }
  }
  size_t index = start;
  int64_t offset = files[start]->file_from_offset();
  const int64_t scan_begin = offset;
  DispatchRequest req;
  while (true) {
    const auto& file = files[index];
    int64_t pos = offset - file->file_from_offset();
    std::string_view data(file->data() + pos, static_cast<size_t>(file_size_ - pos));
    CheckResult r = CheckRecord(data, offset, config_.check_crc_on_recover, &req);
    if (r == CheckResult::kValid) {
      offset += req.msg_size;
    } else if (r == CheckResult::kBlank) {
      offset = file->file_from_offset() + file_size_;
      if (++index == files.size()) break;
    } else {
      break;
    }
  }
  *scanned_bytes = offset - scan_begin;
  *dispatch_from = scan_begin;
  queue_.TruncateDirtyFiles(offset);
  queue_.set_flushed_where(offset);
  return offset;
}

void CommitLog::SetQueueOffset(std::string_view topic, int32_t queue_id, int64_t next_offset) {
  std::lock_guard<std::mutex> lock(put_mutex_);
  NextQueueOffsetLocked(topic, queue_id) = next_offset;
}

int64_t CommitLog::GetQueueOffset(std::string_view topic, int32_t queue_id) const {
  std::lock_guard<std::mutex> lock(put_mutex_);
  auto it = queue_offsets_.find(topic);
  if (it == queue_offsets_.end()) return 0;
  const TopicQueueOffsets& t = it->second;
  if (queue_id >= 0 && queue_id < kDenseQueueIds) {
    return static_cast<size_t>(queue_id) < t.dense.size() ? t.dense[static_cast<size_t>(queue_id)] : 0;
  }
  auto q = t.sparse.find(queue_id);
  return q == t.sparse.end() ? 0 : q->second;
}

void CommitLog::RemoveQueueOffsets(std::string_view topic) {
  std::lock_guard<std::mutex> lock(put_mutex_);
  auto it = queue_offsets_.find(topic);
  if (it != queue_offsets_.end()) queue_offsets_.erase(it);
}

}  // namespace rmq::store

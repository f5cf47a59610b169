#include "store/index_service.h"

#include <sys/time.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <mutex>

#include "common/logging.h"
#include "common/message_format.h"
#include "common/message_properties.h"

namespace rmq::store {

namespace fs = std::filesystem;

namespace {

// yyyyMMddHHmmssSSS in local time (UtilAll#timeMillisToHumanString).
std::string TimeMillisToName(int64_t ms) {
  time_t secs = static_cast<time_t>(ms / 1000);
  struct tm tm {};
  localtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof(buf), "%04d%02d%02d%02d%02d%02d%03d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>((ms % 1000 + 1000) % 1000));
  return buf;
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string BuildKey(std::string_view topic, std::string_view key) {
  std::string out;
  out.reserve(topic.size() + 1 + key.size());
  out.append(topic);
  out.push_back('#');
  out.append(key);
  return out;
}

}  // namespace

IndexService::IndexService(const StoreConfig& config, StoreCheckpoint& checkpoint)
    : config_(config), checkpoint_(checkpoint) {}

Status IndexService::Load(bool last_exit_ok) {
  std::error_code ec;
  fs::create_directories(config_.IndexDir(), ec);
  if (ec) return IoError("cannot create " + config_.IndexDir() + ": " + ec.message());
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(config_.IndexDir(), ec)) {
    if (entry.is_regular_file()) paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  std::unique_lock<std::shared_mutex> lock(mutex_);
  files_.clear();
  rebuild_from_ = INT64_MAX;
  for (const auto& path : paths) {
    auto file = IndexFile::Open(path.string(), config_.max_hash_slot_num, config_.max_index_num);
    if (!file.ok()) {
      GetLogger("store")->error("index file {} unusable, deleting it: {}", path.string(), file.status().ToString());
      fs::remove(path, ec);
      continue;
    }
    if (!last_exit_ok && (*file)->end_timestamp() > checkpoint_.index_msg_timestamp()) {
      GetLogger("store")->info("unclean stop: deleting index file {} (newer than the checkpoint)", path.string());
      rebuild_from_ = std::min(rebuild_from_, (*file)->begin_phy_offset());
      (void)(*file)->Destroy();
      continue;
    }
    files_.push_back(std::move(file).value());
  }
  return Status::Ok();
}

Result<IndexFile*> IndexService::LastFileForWrite() {
  if (!files_.empty() && !files_.back()->IsFull()) return files_.back().get();
  int64_t end_phy = 0, end_ts = 0;
  if (!files_.empty()) {
    IndexFile* full = files_.back().get();
    end_phy = full->end_phy_offset();
    end_ts = full->end_timestamp();
    // The full file is made durable before its successor takes over (IndexService#flush).
    Status s = full->Flush();
    if (!s.ok()) {
      GetLogger("store")->error("flushing full index file {} failed: {}", full->path(), s.ToString());
    } else {
      checkpoint_.set_index_msg_timestamp(end_ts);
      (void)checkpoint_.Flush();
    }
  }
  int64_t now = NowMs();
  std::string path;
  std::error_code ec;
  do {
    path = config_.IndexDir() + "/" + TimeMillisToName(now++);
  } while (fs::exists(path, ec));
  RMQ_ASSIGN_OR_RETURN(auto file,
                       IndexFile::Create(path, config_.max_hash_slot_num, config_.max_index_num, end_phy, end_ts));
  files_.push_back(std::move(file));
  return files_.back().get();
}

Status IndexService::BuildIndex(const DispatchRequest& req) {
  if (!config_.message_index_enable) return Status::Ok();
  if (sysflag::TransactionValue(req.sys_flag) == sysflag::kTransactionRollbackType) return Status::Ok();
  if (req.uniq_key.empty() && req.keys.empty()) return Status::Ok();
  std::unique_lock<std::shared_mutex> lock(mutex_);
  if (!files_.empty()) {
    // Already indexed (a re-dispatch after recovery). Upstream compares with < only, which indexes
    // the newest record twice when it is dispatched again. A new file's end offset is pre-filled
    // with its predecessor's, so equality means "indexed" unless nothing was ever indexed.
    const IndexFile& last = *files_.back();
    const int64_t end = last.end_phy_offset();
    if (req.commit_log_offset < end || (req.commit_log_offset == end && (end > 0 || last.index_count() > 1))) {
      return Status::Ok();
    }
  }
  RMQ_ASSIGN_OR_RETURN(IndexFile * file, LastFileForWrite());
  auto put = [&](std::string_view key) -> Status {
    key_buffer_.assign(req.topic);
    key_buffer_.push_back('#');
    key_buffer_.append(key);
    for (int attempt = 0; attempt < 3; ++attempt) {
      if (file->PutKey(key_buffer_, req.commit_log_offset, req.store_timestamp)) return Status::Ok();
      RMQ_ASSIGN_OR_RETURN(file, LastFileForWrite());
    }
    return Internal("cannot add index key " + key_buffer_);
  };
  if (!req.uniq_key.empty()) RMQ_RETURN_IF_ERROR(put(req.uniq_key));
  for (std::string_view key : SplitKeys(req.keys)) RMQ_RETURN_IF_ERROR(put(key));
  return Status::Ok();
}

QueryOffsetResult IndexService::QueryOffset(std::string_view topic, std::string_view key, int max_num, int64_t begin,
                                            int64_t end) const {
  QueryOffsetResult result;
  const size_t limit = static_cast<size_t>(std::max(0, std::min(max_num, config_.max_msgs_num_batch)));
  std::string full = BuildKey(topic, key);
  std::shared_lock<std::shared_mutex> lock(mutex_);
  if (files_.empty()) return result;
  result.index_last_update_timestamp = files_.back()->end_timestamp();
  result.index_last_update_phy_offset = files_.back()->end_phy_offset();
  for (size_t i = files_.size(); i-- > 0 && result.phy_offsets.size() < limit;) {
    const IndexFile& file = *files_[i];
    if (file.IsTimeMatched(begin, end)) file.SelectPhyOffsets(full, limit, begin, end, &result.phy_offsets);
    if (file.begin_timestamp() < begin) break;
  }
  return result;
}

void IndexService::DeleteFilesBeyond(int64_t commit_log_offset) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  while (!files_.empty() && files_.back()->index_count() > 1 && files_.back()->end_phy_offset() >= commit_log_offset) {
    GetLogger("store")->info("recovery deletes index file {} (ends beyond CommitLog offset {})", files_.back()->path(),
                             commit_log_offset);
    rebuild_from_ = std::min(rebuild_from_, files_.back()->begin_phy_offset());
    (void)files_.back()->Destroy();
    files_.pop_back();
  }
}

int IndexService::DeleteExpiredFiles(int64_t commit_log_min_offset) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  int deleted = 0;
  while (files_.size() > 1 && files_.front()->end_phy_offset() < commit_log_min_offset) {
    GetLogger("store")->info("deleting expired index file {}", files_.front()->path());
    (void)files_.front()->Destroy();
    files_.erase(files_.begin());
    ++deleted;
  }
  return deleted;
}

Status IndexService::FlushAll() {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  for (const auto& file : files_) RMQ_RETURN_IF_ERROR(file->Flush());
  return Status::Ok();
}

void IndexService::Destroy() {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  for (auto& file : files_) (void)file->Destroy();
  files_.clear();
}

size_t IndexService::file_count() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  return files_.size();
}

}  // namespace rmq::store
